import { beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0, post, smallShop } from '../support/fixtures'

/** Creators in the store: follows with both counts, 达人 certifications, and approved posts by author from a cursor. */
export function creatorContract(adapter: string, open: () => Promise<Store>) {
  describe(`creator store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
    })

    it('keeps one follow per follower and creator, both counts moving with it, and refuses past the limit', async () => {
      expect(await store.follow({ followerId: 'v1', creatorId: 'v4', at: T0 }, 2)).toBe('added')
      expect(await store.follow({ followerId: 'v1', creatorId: 'v4', at: T0 + 1 }, 2)).toBe('unchanged')
      expect(await store.follow({ followerId: 'v1', creatorId: 'brand', at: T0 + 2 }, 2)).toBe('added')
      expect(await store.follow({ followerId: 'v1', creatorId: 'other', at: T0 + 3 }, 2)).toBe('limit')
      expect(await store.followCounts('v1')).toEqual({ followers: 0, following: 2 })
      expect(await store.followCounts('v4')).toEqual({ followers: 1, following: 0 })
      expect(await store.followedCreators('v1')).toEqual(['brand', 'v4'])
      expect(await store.followedAmong('v1', ['v4', 'other'])).toEqual(new Set(['v4']))
      expect(await store.unfollow('v1', 'v4')).toBe('removed')
      expect(await store.unfollow('v1', 'v4')).toBe('unchanged')
      expect(await store.followCounts('v4')).toEqual({ followers: 0, following: 0 })
      expect(await store.followCounts('v1')).toEqual({ followers: 0, following: 1 })
    })

    it('certifies once and answers the certification before; uncertifying answers the one removed', async () => {
      const first = { memberId: 'v4', reason: '真实分享', by: 'brand', at: T0 }
      expect(await store.certifyCreator(first)).toBeNull()
      expect(await store.certifyCreator({ ...first, reason: '再次', at: T0 + 1 })).toEqual(first)
      expect(await store.certificationsOf(['v4', 'v1'])).toEqual(new Map([['v4', first]]))
      expect(await store.uncertifyCreator('v4')).toEqual(first)
      expect(await store.uncertifyCreator('v4')).toBeNull()
      expect(await store.certificationsOf(['v4'])).toEqual(new Map())
    })

    it('lists approved posts of authors newest first from a cursor, posts at one moment by id, and sums likes on them', async () => {
      for (const id of ['t-a', 't-b', 't-c']) await store.putPost(post(id, { authorId: 'v4', kind: 'ugc', createdAt: T0 - 60 }))
      await store.putPost(post('t-pending', { authorId: 'v4', kind: 'ugc', status: 'pending', createdAt: T0 - 10 }))
      const ids = async (cursor: { createdAt: number; id: string } | null, limit: number) =>
        (await store.approvedPostsOf(['v4', 'brand'], cursor, limit)).map((p) => p.id)
      expect(await ids(null, 10)).toEqual(['post2', 't-c', 't-b', 't-a', 'post1'])
      expect(await ids({ createdAt: T0 - 60, id: 't-c' }, 2)).toEqual(['t-b', 't-a'])
      expect(await ids({ createdAt: T0 - 60, id: 't-a' }, 2)).toEqual(['post1'])
      expect(await store.approvedPostsOf([], null, 5)).toEqual([])
      await store.addReaction('like', { postId: 't-a', memberId: 'v1', at: T0 })
      await store.addReaction('like', { postId: 'post2', memberId: 'v1', at: T0 })
      expect(await store.likesReceived('v4')).toBe(2)
      expect(await store.likesReceived('brand')).toBe(2)
      expect(await store.likesReceived('v1')).toBe(0)
    })
  })
}
