import { beforeEach, describe, expect, it } from 'vitest'
import type { Post } from '../../types/domain'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { T0, post, smallShop } from '../support/fixtures'

/** The member-post part of the store contract, on both adapters. */
const ugc = (id: string, authorId: string, at: number, overrides: Partial<Post> = {}): Post =>
  post(id, { authorId, kind: 'ugc', status: 'pending', createdAt: at, reviewedAt: null, rejectReason: null, ...overrides })

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`store contract, member posts: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = open()
      await smallShop(store)
    })

    it('creates a post once under its id, and only below the author’s pending limit', async () => {
      expect(await store.createPost(ugc('u1', 'v1', T0), 2)).toBe('created')
      expect(await store.createPost(ugc('u1', 'v1', T0 + 1, { title: '重试' }), 2)).toBe('exists')
      expect((await store.findPost('u1'))?.title).toBe('帖子u1')
      expect(await store.createPost(ugc('u2', 'v1', T0 + 2), 2)).toBe('created')
      expect(await store.createPost(ugc('u3', 'v1', T0 + 3), 2)).toBe('limit')
      expect(await store.findPost('u3')).toBeNull()
      // A retry at the limit still finds its post; other authors are not held back.
      expect(await store.createPost(ugc('u2', 'v1', T0 + 4), 2)).toBe('exists')
      expect(await store.createPost(ugc('u4', 'v4', T0 + 5), 2)).toBe('created')
      // Decided posts leave room.
      expect(
        await store.reviewPost({ ...ugc('u1', 'v1', T0), status: 'rejected', reviewedAt: T0 + 9, rejectReason: '重复' }, 'pending'),
      ).toBe(true)
      expect(await store.createPost(ugc('u3', 'v1', T0 + 6), 2)).toBe('created')
    })

    it('keeps the limit when one author’s creates race', async () => {
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.createPost(ugc(`r${i}`, 'v1', T0 + i), 3)))
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(3)
      expect(outcomes.filter((o) => o === 'limit')).toHaveLength(5)
      expect((await store.listPostsByAuthor('v1', 0, 20)).total).toBe(3)
    })

    it('lists an author’s posts newest first in every status, and the review queue oldest first, member posts only', async () => {
      await store.createPost(ugc('a1', 'v1', T0 + 10), 5)
      await store.createPost(ugc('a2', 'v1', T0 + 30), 5)
      await store.createPost(ugc('b1', 'v4', T0 + 20), 5)
      await store.reviewPost({ ...ugc('a2', 'v1', T0 + 30), status: 'approved', reviewedAt: T0 + 40 }, 'pending')

      const mine = await store.listPostsByAuthor('v1', 0, 10)
      expect(mine.items.map((p) => [p.id, p.status])).toEqual([
        ['a2', 'approved'],
        ['a1', 'pending'],
      ])
      expect(mine.total).toBe(2)
      expect((await store.listPostsByAuthor('v1', 1, 1)).items.map((p) => p.id)).toEqual(['a1'])
      expect((await store.listPostsByAuthor('nobody', 0, 10)).total).toBe(0)

      // post3 is an operator's (PGC) pending post: not in the member queue.
      const queue = await store.listPostsByStatus('pending', 0, 10)
      expect(queue.items.map((p) => p.id)).toEqual(['a1', 'b1'])
      expect(queue.total).toBe(2)
      expect((await store.listPostsByStatus('pending', 1, 10)).items.map((p) => p.id)).toEqual(['b1'])
      expect((await store.listPostsByStatus('approved', 0, 10)).items.map((p) => p.id)).toEqual(['post2', 'a2'])
    })

    it('records a review only while the post is still pending (compare-and-set)', async () => {
      await store.createPost(ugc('c1', 'v1', T0), 5)
      const approved: Post = { ...ugc('c1', 'v1', T0), status: 'approved', reviewedAt: T0 + 60_000, rejectReason: null }
      const rejected: Post = { ...ugc('c1', 'v1', T0), status: 'rejected', reviewedAt: T0 + 70_000, rejectReason: '不合适' }
      const answers = await Promise.all([
        store.reviewPost(approved, 'pending'),
        store.reviewPost(rejected, 'pending'),
        store.reviewPost(approved, 'pending'),
      ])
      expect(answers.filter(Boolean)).toHaveLength(1)
      const stored = await store.findPost('c1')
      expect(stored).toMatchObject({
        status: 'approved',
        reviewedAt: T0 + 60_000,
        rejectReason: null,
        title: '帖子c1',
        authorId: 'v1',
        kind: 'ugc',
      })
      expect((await store.listFeed('newest', null, 10)).map((e) => e.post.id)).toContain('c1')
      expect(await store.reviewPost({ ...ugc('nope', 'v1', T0), status: 'approved', reviewedAt: T0 }, 'pending')).toBe(false)
    })

    it('keeps the review fields through putPost', async () => {
      await store.putPost(ugc('d1', 'v4', T0, { status: 'rejected', reviewedAt: T0 + 5, rejectReason: '图文不符' }))
      expect(await store.findPost('d1')).toMatchObject({ status: 'rejected', reviewedAt: T0 + 5, rejectReason: '图文不符' })
      await store.putPost(ugc('d1', 'v4', T0, { status: 'approved', reviewedAt: T0 + 9, rejectReason: null }))
      expect(await store.findPost('d1')).toMatchObject({ status: 'approved', reviewedAt: T0 + 9, rejectReason: null })
    })
  })
}
