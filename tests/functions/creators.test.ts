import { beforeEach, describe, expect, it } from 'vitest'
import type {
  CreatorStanding,
  CreatorView,
  CursorPage,
  FeedPost,
  FollowView,
  FunctionName,
  MemberCareView,
  PostDetail,
} from '../../types/api'
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
  describe(`creators over ${adapter}: follows, creator pages, the 关注 feed and 达人`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const follow = (creatorId: string, memberId: string | null = 'v1') => call('post', 'follow', { creatorId }, memberId)
    const unfollow = (creatorId: string, memberId: string | null = 'v1') => call('post', 'unfollow', { creatorId }, memberId)
    const page = (creatorId: string, memberId: string | null = 'v1') => ok<CreatorView>(call('post', 'creator', { creatorId }, memberId))
    /** The follow records themselves, follower by follower: what every count must equal. */
    const followers = async (creatorId: string, memberIds: readonly string[]) => {
      let n = 0
      for (const id of memberIds) if ((await store.followedAmong(id, [creatorId])).has(creatorId)) n += 1
      return n
    }
    const certify = (memberId: string, by: string | null = 'brand', reason = '长期分享真实好物') =>
      call('member', 'certifyCreator', { memberId, reason }, by)
    const uncertify = (memberId: string, by: string | null = 'brand', reason = '近期内容质量下降') =>
      call('member', 'uncertifyCreator', { memberId, reason }, by)
    const audits = async () => (await store.searchAudit({ actions: ['creator:certify', 'creator:uncertify'], offset: 0, limit: 50 })).items

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234' }))
      await saveMember(store, member('shelf', 1, { roles: ['operator', 'merchandiser'], shareCode: 'SHELF234' }))
      await saveMember(store, member('tea', 3, { shareCode: 'TEALOVE2', nickname: '林间听茶' }))
      await store.putPost(post('tea1', { authorId: 'tea', kind: 'ugc', createdAt: T0 - 40 }))
      await store.putPost(post('tea2', { authorId: 'tea', kind: 'ugc', createdAt: T0 - 30 }))
      await store.putPost(post('tea3', { authorId: 'tea', kind: 'ugc', status: 'pending', createdAt: T0 - 20 }))
    })

    it('follows a creator once, counts the follower by the record, and unfollows', async () => {
      for (let i = 0; i < 3; i += 1) {
        expect(await ok<FollowView>(follow('tea'))).toEqual({ creatorId: 'tea', following: true, followers: 1 })
      }
      expect(await page('tea')).toMatchObject({ id: 'tea', nickname: '林间听茶', followers: 1, following: true, self: false })
      // Another member sees the same count and their own state; a visitor sees the page without following it.
      expect(await page('tea', 'v4')).toMatchObject({ followers: 1, following: false })
      expect(await page('tea', null)).toMatchObject({ followers: 1, following: false, self: false })
      expect(await page('tea', 'tea')).toMatchObject({ self: true })
      expect(await ok<FollowView>(follow('tea', 'v4'))).toMatchObject({ following: true, followers: 2 })
      expect(await followers('tea', ['v1', 'v4', 'brand'])).toBe(2)

      for (let i = 0; i < 2; i += 1) {
        expect(await ok<FollowView>(unfollow('tea'))).toEqual({ creatorId: 'tea', following: false, followers: 1 })
      }
      expect(await store.followCounts('tea')).toEqual({ followers: 1, following: 0 })
      expect(await store.followCounts('v4')).toEqual({ followers: 0, following: 1 })
    })

    it.each([
      ['oneself', 'v1', 'FOLLOW_SELF'],
      ['an unknown member', 'nobody', 'CREATOR_NOT_FOUND'],
      ['a member without an approved post', 'clerk', 'CREATOR_NOT_FOUND'],
    ])('refuses to follow %s, writing nothing', async (_what, creatorId, code) => {
      await store.putPost(post('own', { authorId: 'v1', kind: 'ugc' }))
      expect(await follow(creatorId)).toMatchObject({ ok: false, code })
      expect(await store.followedCreators('v1')).toEqual([])
      expect(await store.followCounts(creatorId)).toEqual({ followers: 0, following: 0 })
    })

    it('shows no page for a member who never published and is not 达人, nor for an unknown id', async () => {
      expect(await call('post', 'creator', { creatorId: 'clerk' })).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      expect(await call('post', 'creator', { creatorId: 'nobody' })).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      expect(await call('post', 'creator', { creatorId: 'a|b' })).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      expect(await call('post', 'creatorPosts', { creatorId: 'nobody' })).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      // Certified without a post yet: the page is there, with nothing to list.
      await ok(certify('clerk'))
      expect(await page('clerk')).toMatchObject({ certified: true, likesReceived: 0, followers: 0 })
    })

    it.each([
      ['no creator', {}],
      ['an empty id', { creatorId: '' }],
      ['an id that is not text', { creatorId: 42 }],
      ['an id naming a record', { creatorId: 'v1|tea' }],
      ["another member's id as the follower", { creatorId: 'tea', followerId: 'v4' }],
    ])('refuses %s with INVALID_PAYLOAD, writing nothing', async (_what, data) => {
      for (const action of ['follow', 'unfollow'])
        expect(await call('post', action, data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await store.followCounts('tea')).toEqual({ followers: 0, following: 0 })
    })

    it('refuses bad cursors and page sizes', async () => {
      for (const data of [{ cursor: 'abc' }, { cursor: '12_' }, { cursor: 42 }, { pageSize: 51 }, { pageSize: 0 }, { page: 2 }]) {
        expect(await call('post', 'following', data), JSON.stringify(data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
        expect(await call('post', 'creatorPosts', { ...data, creatorId: 'tea' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
    })

    it('asks a visitor to sign in to follow and for 关注, and shows them creator pages', async () => {
      expect(await follow('tea', null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await unfollow('tea', null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await call('post', 'following', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await ok<CursorPage<FeedPost>>(call('post', 'creatorPosts', { creatorId: 'tea' }, null))).toMatchObject({ next: null })
      expect(await store.followCounts('tea')).toEqual({ followers: 0, following: 0 })
    })

    it("shows a creator's badges, likes received on approved posts only, and approved posts newest first, paged", async () => {
      await store.addChallengeCompletion({ challengeId: 'ch1', memberId: 'tea', at: T0 - 5, points: 50, badge: '早春打卡达人' })
      for (const id of ['v1', 'v4', 'brand']) await ok(call('post', 'like', { postId: 'tea1' }, id))
      await ok(call('post', 'like', { postId: 'tea2' }, 'v1'))
      // A like on a post later taken out of the feed no longer counts as received.
      await store.putPost(post('tea0', { authorId: 'tea', kind: 'ugc', createdAt: T0 - 50 }))
      await ok(call('post', 'like', { postId: 'tea0' }, 'v1'))
      await store.putPost(post('tea0', { authorId: 'tea', kind: 'ugc', status: 'rejected', createdAt: T0 - 50 }))
      const view = await page('tea', null)
      expect(view).toMatchObject({ likesReceived: 4, certified: false, avatar: '/media/avatars/tea.jpg' })
      expect(view.badges).toEqual([{ challengeId: 'ch1', badge: '早春打卡达人', at: T0 - 5 }])

      const first = await ok<CursorPage<FeedPost>>(call('post', 'creatorPosts', { creatorId: 'tea', pageSize: 1 }))
      expect(first.items.map((p) => p.id)).toEqual(['tea2'])
      expect(first.items[0].author).toEqual({ id: 'tea', nickname: '林间听茶', avatar: '/media/avatars/tea.jpg', certified: false })
      const second = await ok<CursorPage<FeedPost>>(call('post', 'creatorPosts', { creatorId: 'tea', pageSize: 1, cursor: first.next }))
      expect(second).toMatchObject({ items: [{ id: 'tea1', likes: 3 }], next: null })
    })

    it('lists 关注: the approved posts of followed creators, newest first, read on from a cursor', async () => {
      expect(await ok(call('post', 'following', {}))).toEqual({ items: [], next: null })
      // Posts at the same moment are told apart by id, so none is shown twice or skipped.
      for (const id of ['tie-a', 'tie-b', 'tie-c']) await store.putPost(post(id, { authorId: 'v4', kind: 'ugc', createdAt: T0 - 30 }))
      await ok(follow('tea'))
      await ok(follow('v4'))
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const next = await ok<CursorPage<FeedPost>>(call('post', 'following', { pageSize: 2, ...(cursor ? { cursor } : {}) }))
        seen.push(...next.items.map((p) => p.id))
        cursor = next.next ?? undefined
      } while (cursor)
      expect(seen).toEqual(['tie-c', 'tie-b', 'tie-a', 'tea2', 'tea1', 'post2'])
      await ok(unfollow('v4'))
      expect((await ok<CursorPage<FeedPost>>(call('post', 'following', {}))).items.map((p) => p.id)).toEqual(['tea2', 'tea1'])
      // Someone else's 关注 is their own.
      expect(await ok(call('post', 'following', {}, 'v4'))).toEqual({ items: [], next: null })
    })

    it('admits the owner to certify and uncertify 达人, audited both ways, and refuses 客服, merchandisers, members and visitors', async () => {
      for (const by of ['clerk', 'shelf', 'v4']) {
        expect(await certify('tea', by)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
        expect(await uncertify('tea', by)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      }
      expect(await certify('tea', null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await store.certificationsOf(['tea'])).toEqual(new Map())

      const standing = await ok<CreatorStanding>(certify('tea'))
      expect(standing).toEqual({ memberId: 'tea', certified: true, reason: '长期分享真实好物', certifiedAt: T0, followers: 0 })
      // Asking again changes nothing and is not audited twice.
      expect(await ok<CreatorStanding>(certify('tea', 'brand', '另一个理由'))).toEqual(standing)
      expect(await page('tea')).toMatchObject({ certified: true })
      const feed = await ok<{ items: FeedPost[] }>(call('catalog', 'feed', {}))
      expect(feed.items.find((p) => p.id === 'tea1')?.author).toMatchObject({ id: 'tea', certified: true })
      expect(feed.items.find((p) => p.id === 'post2')?.author).toMatchObject({ id: 'v4', certified: false })
      expect((await ok<PostDetail>(call('catalog', 'post', { id: 'tea2' }, null))).author.certified).toBe(true)
      expect((await ok<MemberCareView>(call('member', 'care', { memberId: 'tea' }, 'brand'))).creator).toEqual(standing)

      clock.advance(60_000)
      expect(await ok<CreatorStanding>(uncertify('tea'))).toMatchObject({ certified: false, reason: null, certifiedAt: null })
      expect(await ok<CreatorStanding>(uncertify('tea'))).toMatchObject({ certified: false })
      expect(await page('tea')).toMatchObject({ certified: false })
      const entries = await audits()
      expect(entries.map((e) => [e.action, e.actor, e.target])).toEqual([
        ['creator:uncertify', 'brand', 'tea'],
        ['creator:certify', 'brand', 'tea'],
      ])
      expect(entries[0]).toMatchObject({
        before: { certified: true, reason: '长期分享真实好物' },
        after: { certified: false, reason: '近期内容质量下降' },
      })
      expect(entries[1]).toMatchObject({ before: { certified: false }, after: { certified: true, reason: '长期分享真实好物' } })
    })

    it('refuses a certification without a reason, of oneself or of an unknown member, writing nothing', async () => {
      expect(await certify('tea', 'brand', ' ')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await uncertify('tea', 'brand', '')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await call('member', 'certifyCreator', { memberId: 'tea' }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await certify('brand')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await certify('nobody')).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' })
      expect(await certify('')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await store.certificationsOf(['tea', 'brand', 'nobody'])).toEqual(new Map())
      expect(await audits()).toEqual([])
    })

    it('rewards nobody for following or being followed: no points, no growth', async () => {
      const before = await Promise.all(['v1', 'tea'].map((id) => store.findPoints(id)))
      await ok(follow('tea'))
      await ok(follow('v4'))
      await ok(certify('tea'))
      expect(await Promise.all(['v1', 'tea'].map((id) => store.findPoints(id)))).toEqual(before)
      for (const id of ['v1', 'tea', 'v4']) expect(await store.growthBetween(id, 0, FAR_FUTURE)).toBe(0)
    })

    it('removes the follows of a deleted account both ways, and its 达人 certification', async () => {
      await store.putPost(post('v1post', { authorId: 'v1', kind: 'ugc' }))
      await ok(follow('tea'))
      await ok(follow('v4'))
      await ok(follow('v1', 'tea'))
      await ok(follow('v1', 'v4'))
      await ok(certify('v1'))
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toEqual({ deleted: true })
      for (const id of ['tea', 'v4']) expect(await store.followCounts(id)).toEqual({ followers: 0, following: 0 })
      expect(await store.followCounts('v1')).toEqual({ followers: 0, following: 0 })
      expect(await store.followedCreators('v1')).toEqual([])
      expect(await store.followedCreators('tea')).toEqual([])
      expect(await store.certificationsOf(['v1'])).toEqual(new Map())
      // The erased account is no one to follow or show any more.
      expect(await follow('v1', 'tea')).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      expect(await call('post', 'creator', { creatorId: 'v1' }, 'tea')).toMatchObject({ ok: false, code: 'CREATOR_NOT_FOUND' })
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toEqual({ deleted: true })
      expect(await store.followCounts('tea')).toEqual({ followers: 0, following: 0 })
    })

    it('keeps the follower count equal to its records under concurrent follows and unfollows', async () => {
      const crowd = Array.from({ length: 12 }, (_, i) => `fan${i}`)
      for (const [i, id] of crowd.entries()) await saveMember(store, member(id, 1, { shareCode: `FANS${'ABCDEFGHJKLM'[i]}234` }))
      const taps = crowd.flatMap((id, i) =>
        (i % 2 === 0 ? ['follow', 'follow', 'unfollow'] : ['follow', 'unfollow', 'follow', 'follow']).map((a) =>
          call('post', a, { creatorId: 'tea' }, id),
        ),
      )
      for (const answer of await Promise.all(taps)) expect(answer).toMatchObject({ ok: true })
      const { followers: count } = await store.followCounts('tea')
      expect(count).toBe(await followers('tea', crowd))
      for (const id of crowd) {
        expect((await store.followCounts(id)).following).toBe((await store.followedAmong(id, ['tea'])).size)
      }
    }, 60_000)
  })
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the demo shop's creators over ${adapter}`, () => {
    it('are records of demo members: follower counts count follows of creators with approved posts, and one 达人', async () => {
      const store = open()
      await seedIfEmpty(store, T0)
      const shop = demoShop(T0)
      const ids = shop.members.map((m) => m.id)
      const follows = await Promise.all(ids.map((id) => store.followedAmong(id, ids)))
      let total = 0
      for (const [i, id] of ids.entries()) {
        const counts = await store.followCounts(id)
        expect(counts.followers, id).toBe(follows.filter((f) => f.has(id)).length)
        expect(counts.following, id).toBe(follows[i].size)
        expect(follows[i].has(id), id).toBe(false)
        if (counts.followers > 0) expect((await store.approvedPostsOf([id], null, 1)).length, id).toBe(1)
        total += counts.followers
      }
      expect(total).toBeGreaterThanOrEqual(10)
      expect([...(await store.certificationsOf(ids)).keys()]).toEqual(['m09'])
      // The new member follows no one yet: their 关注 starts empty.
      expect(await store.followedCreators('consumer-v1')).toEqual([])
    }, 60_000)
  })
}
