import { beforeEach, describe, expect, it } from 'vitest'
import type { FavouriteView, FeedPost, FunctionName, Page, PostDetail, PostReactionView } from '../../types/api'
import type { PostReaction } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { seedIfEmpty } from '../../cloudfunctions/src/local/seed'
import { demoShop } from '../../cloudfunctions/src/local/seed/demo-shop'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, member, post, smallShop } from '../support/fixtures'

const FAR_FUTURE = T0 + 10 * 365 * 86_400_000

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`likes and favourites over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const react = (action: string, postId: string, memberId: string | null = 'v1') => call('post', action, { postId }, memberId)
    const counts = async (postId: string) => (await store.postCounts([postId])).get(postId)
    /** The records themselves, member by member: what every count must equal. */
    const records = async (kind: PostReaction, postId: string, memberIds: readonly string[]) => {
      let n = 0
      for (const id of memberIds) if ((await store.reactionsOf(id, [postId]))[kind].has(postId)) n += 1
      return n
    }

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('koc', 3, { roles: ['consumer', 'distributor'], shareCode: 'KOCCODE2' }))
      await store.putPost(post('post4', { status: 'rejected', createdAt: T0 - 10 }))
    })

    it('likes a published post once, shows the member their own like, and takes it back', async () => {
      expect(await ok<PostReactionView>(react('like', 'post1'))).toEqual({
        postId: 'post1',
        liked: true,
        favourited: false,
        likes: 3,
        favourites: 0,
      })
      const feed = await ok<Page<FeedPost>>(call('catalog', 'feed', {}))
      expect(feed.items.find((p) => p.id === 'post1')).toMatchObject({ likes: 3, liked: true, favourited: false })
      expect(feed.items.find((p) => p.id === 'post2')).toMatchObject({ likes: 0, liked: false })
      // Another member sees the same count and their own state; a visitor sees the count alone.
      expect(await ok<PostDetail>(call('catalog', 'post', { id: 'post1' }, 'v4'))).toMatchObject({ likes: 3, liked: true })
      expect(await ok<PostDetail>(call('catalog', 'post', { id: 'post1' }, null))).toMatchObject({ likes: 3, liked: false })

      expect(await ok<PostReactionView>(react('unlike', 'post1'))).toMatchObject({ liked: false, likes: 2 })
      expect(await ok<PostDetail>(call('catalog', 'post', { id: 'post1' }))).toMatchObject({ likes: 2, liked: false })
    })

    it('counts a repeated like or unlike once', async () => {
      for (let i = 0; i < 3; i += 1) expect(await ok<PostReactionView>(react('like', 'post2'))).toMatchObject({ liked: true, likes: 1 })
      expect(await counts('post2')).toEqual({ likes: 1, favourites: 0 })
      for (let i = 0; i < 3; i += 1) expect(await ok<PostReactionView>(react('unlike', 'post2'))).toMatchObject({ liked: false, likes: 0 })
      expect(await counts('post2')).toEqual({ likes: 0, favourites: 0 })
      for (let i = 0; i < 2; i += 1) await ok(react('favourite', 'post2'))
      expect(await counts('post2')).toEqual({ likes: 0, favourites: 1 })
    })

    it('keeps favourites in 我的收藏, newest first and paged, and takes them out again', async () => {
      await ok(react('favourite', 'post1'))
      clock.advance(60_000)
      expect(await ok<PostReactionView>(react('favourite', 'post2'))).toMatchObject({ favourited: true, favourites: 1, liked: false })
      const mine = await ok<Page<FavouriteView>>(call('post', 'favourites', {}))
      expect(mine).toMatchObject({ total: 2, hasMore: false })
      expect(mine.items.map((f) => [f.postId, f.favouritedAt])).toEqual([
        ['post2', T0 + 60_000],
        ['post1', T0],
      ])
      expect(mine.items[1].post).toMatchObject({ id: 'post1', title: '帖子post1', favourited: true, favourites: 1, likes: 2 })
      const second = await ok<Page<FavouriteView>>(call('post', 'favourites', { page: 2, pageSize: 1 }))
      expect(second).toMatchObject({ total: 2, hasMore: false, items: [{ postId: 'post1' }] })
      // Someone else's list is their own.
      expect(await ok<Page<FavouriteView>>(call('post', 'favourites', {}, 'v4'))).toMatchObject({ total: 0, items: [] })

      expect(await ok<PostReactionView>(react('unfavourite', 'post2'))).toMatchObject({ favourited: false, favourites: 0 })
      expect((await ok<Page<FavouriteView>>(call('post', 'favourites', {}))).items.map((f) => f.postId)).toEqual(['post1'])
    })

    it.each([
      ['no post', {}],
      ['an empty post id', { postId: '' }],
      ['a post id that is not text', { postId: 42 }],
      ['a post id naming a record', { postId: 'post1|v4' }],
      ["another member's id", { postId: 'post1', memberId: 'v4' }],
    ])('refuses %s with INVALID_PAYLOAD, writing nothing', async (_what, data) => {
      for (const action of ['like', 'unlike', 'favourite', 'unfavourite']) {
        expect(await call('post', action, data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      expect(await call('post', 'favourites', { pageSize: 51 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await counts('post1')).toEqual({ likes: 2, favourites: 0 })
      expect((await store.reactionsOf('v4', ['post1'])).like.has('post1')).toBe(true)
    })

    it.each([
      ['an unknown post', 'nope', 'POST_NOT_FOUND'],
      ['a post waiting for review', 'post3', 'POST_STATE'],
      ['a rejected post', 'post4', 'POST_STATE'],
    ])('refuses to like or keep %s, writing nothing', async (_what, postId, code) => {
      expect(await react('like', postId)).toMatchObject({ ok: false, code })
      expect(await react('favourite', postId)).toMatchObject({ ok: false, code })
      if (code === 'POST_NOT_FOUND') {
        expect(await react('unlike', postId)).toMatchObject({ ok: false, code })
        expect(await react('unfavourite', postId)).toMatchObject({ ok: false, code })
      }
      expect(await store.postCounts([postId])).toEqual(new Map([[postId, { likes: 0, favourites: 0 }]]))
      expect(await store.reactionsOf('v1', [postId])).toEqual({ like: new Set(), favourite: new Set() })
      expect(await ok<Page<FavouriteView>>(call('post', 'favourites', {}))).toMatchObject({ total: 0 })
    })

    it('refuses a signed-out visitor and admits every signed-in member, each for themselves', async () => {
      for (const action of ['like', 'unlike', 'favourite', 'unfavourite']) {
        expect(await react(action, 'post1', null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      }
      expect(await call('post', 'favourites', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      for (const id of ['v1', 'koc', 'brand']) await ok(react('favourite', 'post2', id))
      expect(await counts('post2')).toEqual({ likes: 0, favourites: 3 })
      expect(await counts('post1')).toEqual({ likes: 2, favourites: 0 })
    })

    it('earns nothing: no points, no growth', async () => {
      const before = await store.findPoints('v1')
      await ok(react('like', 'post1'))
      await ok(react('favourite', 'post1'))
      await ok(react('like', 'post2'))
      expect(await store.findPoints('v1')).toEqual(before)
      expect(await store.growthBetween('v1', 0, FAR_FUTURE)).toBe(0)
      // Nor does the author gain by being liked.
      expect(await store.growthBetween('v4', 0, FAR_FUTURE)).toBe(0)
    })

    it('keeps every count equal to its records under many concurrent likes and unlikes', async () => {
      const crowd = Array.from({ length: 16 }, (_, i) => `fan${i}`)
      for (const [i, id] of crowd.entries()) await saveMember(store, member(id, 1, { shareCode: `FANS${'ABCDEFGHJKLMNPQR'[i]}234` }))
      const everyone = [...crowd, 'brand', 'v4']
      // Each fan taps at once: like, like again, unlike, like — in no guaranteed order.
      const taps = crowd.flatMap((id) =>
        ['like', 'like', 'unlike', 'like', 'favourite', 'unfavourite'].map((action) => react(action, 'post1', id)),
      )
      for (const answer of await Promise.all(taps)) expect(answer).toMatchObject({ ok: true })
      expect((await counts('post1'))?.likes).toBe(await records('like', 'post1', everyone))
      expect((await counts('post1'))?.favourites).toBe(await records('favourite', 'post1', everyone))

      // Concurrent repeats of the same like count once per member.
      await Promise.all(crowd.flatMap((id) => [react('like', 'post2', id), react('like', 'post2', id), react('like', 'post2', id)]))
      expect(await counts('post2')).toEqual({ likes: crowd.length, favourites: 0 })
      expect(await records('like', 'post2', everyone)).toBe(crowd.length)
      await Promise.all(crowd.flatMap((id) => [react('unlike', 'post2', id), react('unlike', 'post2', id)]))
      expect(await counts('post2')).toEqual({ likes: 0, favourites: 0 })
    }, 60_000)

    it('removes the likes and favourites of a deleted account, and the counts drop with them', async () => {
      await ok(react('like', 'post1'))
      await ok(react('like', 'post2'))
      await ok(react('favourite', 'post1'))
      await ok(react('favourite', 'post2', 'v4'))
      expect(await counts('post1')).toEqual({ likes: 3, favourites: 1 })
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toEqual({ deleted: true })
      expect(await counts('post1')).toEqual({ likes: 2, favourites: 0 })
      expect(await counts('post2')).toEqual({ likes: 0, favourites: 1 })
      expect(await store.reactionsOf('v1', ['post1', 'post2'])).toEqual({ like: new Set(), favourite: new Set() })
      expect(await store.listFavourites('v1', 0, 10)).toEqual({ items: [], total: 0 })
      // Asking again changes nothing more.
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toEqual({ deleted: true })
      expect(await counts('post1')).toEqual({ likes: 2, favourites: 0 })
    })
  })
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the demo shop's likes and favourites over ${adapter}`, () => {
    it('are records of demo members: every count shown is a count of people, on published posts only', async () => {
      const store = open()
      const now = T0
      await seedIfEmpty(store, now)
      const shop = demoShop(now)
      const memberIds = shop.members.map((m) => m.id)
      const counts = await store.postCounts(shop.posts.map((p) => p.id))
      let likes = 0
      for (const p of shop.posts) {
        const mine = await Promise.all(memberIds.map((id) => store.reactionsOf(id, [p.id])))
        const records = { likes: mine.filter((r) => r.like.has(p.id)).length, favourites: mine.filter((r) => r.favourite.has(p.id)).length }
        expect(counts.get(p.id), p.id).toEqual(records)
        if (p.status !== 'approved') expect(records, p.id).toEqual({ likes: 0, favourites: 0 })
        likes += records.likes
      }
      expect(likes).toBeGreaterThan(50)
      expect((await store.listFavourites('consumer-v4', 0, 10)).total).toBe(3)
    }, 60_000)
  })
}
