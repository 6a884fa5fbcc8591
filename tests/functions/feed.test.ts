import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { FeedPage, FunctionName, OrderView, PostDetail, QuoteView } from '../../types/api'
import { applyOrderEventsToMembers } from '../../cloudfunctions/src/app/order-events'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, member, post, smallShop } from '../support/fixtures'

const DAY = 86_400_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the 推荐 feed and post views over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    let clock: SteppedClock
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const feedIds = async (memberId: string | null = null, pageSize = 10) =>
      (await ok<FeedPage>(call('catalog', 'feed', { pageSize }, memberId))).items.map((p) => p.id)
    const views = () => store.postViewsBetween(T0 - 30 * DAY, T0 + 30 * DAY)

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('m1'))
      // Three older brand posts, a day apart; post-new is the newest of all.
      for (const [i, id] of ['old-a', 'old-b', 'old-c'].entries()) await store.putPost(post(id, { createdAt: T0 - (3 - i) * DAY }))
      await store.putPost(post('post-new', { createdAt: T0 + 1000 }))
    })

    it('ranks new posts first until members engage, then lifts what they like, keep, discuss and buy from', async () => {
      expect(await feedIds()).toEqual(['post-new', 'post2', 'post1', 'old-c', 'old-b', 'old-a'])
      // A like each from two members on old-b: it passes posts newer than it by less than their weight.
      await ok(call('post', 'like', { postId: 'old-b' }, 'v1'))
      await ok(call('post', 'like', { postId: 'old-b' }, 'v4'))
      const afterLikes = await feedIds()
      expect(afterLikes.indexOf('old-b')).toBeLessThan(afterLikes.indexOf('old-c'))
      // A comment others can see on old-a, and a favourite: it climbs too.
      await ok(call('post', 'comment', { postId: 'old-a', text: '泡了三次还很香', requestId: 'feed-comment-1' }, 'v4'))
      await ok(call('post', 'favourite', { postId: 'old-a' }, 'm1'))
      const afterComment = await feedIds()
      expect(afterComment.indexOf('old-a')).toBeLessThan(afterComment.indexOf('old-c'))
      // Taking them back puts the post where it was.
      await ok(call('post', 'unfavourite', { postId: 'old-a' }, 'm1'))
      const [comment] = (await store.listComments({ postId: 'old-a', viewerId: null, order: 'newest', offset: 0, limit: 1 })).items
      await ok(call('post', 'deleteComment', { commentId: comment.id }, 'v4'))
      expect((await feedIds()).slice(-1)).toEqual(['old-a'])
    })

    it('lifts a post whose readers bought through it, once the order events are read', async () => {
      await ok(call('catalog', 'touch', { entryId: 'entry-0001', path: '/packages/post/detail/index', postId: 'old-a' }, 'v4'))
      const q = await ok<QuoteView>(call('order', 'quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))
      const { order } = await ok<{ order: OrderView }>(
        call(
          'order',
          'create',
          { requestId: 'feed-order-1', items: [{ skuId: 'p1-s1', quantity: 1 }], address, expectedPayable: q.payable },
          'v4',
        ),
      )
      await pay.pay(order.id, false)
      expect((await feedIds()).slice(-1)).toEqual(['old-a'])
      await applyOrderEventsToMembers(store, clock.now())
      const ranked = await feedIds()
      expect(ranked.indexOf('old-a')).toBeLessThan(ranked.indexOf('old-c'))
      // Reading the events again changes nothing.
      await applyOrderEventsToMembers(store, clock.now())
      expect(await feedIds()).toEqual(ranked)
    })

    it('shows newest first to a member who turned personalisation off, ranked to everyone else', async () => {
      await ok(call('post', 'favourite', { postId: 'old-a' }, 'v4'))
      await ok(call('post', 'like', { postId: 'old-a' }, 'm1'))
      await ok(call('member', 'setPreferences', { personalised: false }, 'v1'))
      expect(await feedIds('v1')).toEqual(['post-new', 'post2', 'post1', 'old-c', 'old-b', 'old-a'])
      expect((await feedIds('v4')).indexOf('old-a')).toBeLessThan(5)
      expect((await feedIds(null)).indexOf('old-a')).toBeLessThan(5)
      // Staff read the same feed as members.
      expect(await feedIds('brand')).toEqual(await feedIds(null))
    })

    it('pages the whole feed from cursors, each post once, the same for every page size', async () => {
      for (let i = 0; i < 14; i += 1) await store.putPost(post(`bulk${String(i).padStart(2, '0')}`, { createdAt: T0 - 10 * DAY }))
      await ok(call('post', 'like', { postId: 'bulk07' }, 'v4'))
      const walk = async (pageSize: number, memberId: string | null) => {
        const ids: string[] = []
        let cursor: string | null = null
        for (let page = 1; ; page += 1) {
          const data: Record<string, unknown> = cursor ? { page, pageSize, cursor } : { pageSize }
          const got: FeedPage = await ok<FeedPage>(call('catalog', 'feed', data, memberId))
          ids.push(...got.items.map((p) => p.id))
          if (!got.hasMore) {
            expect(got.cursor).toBeNull()
            return ids
          }
          cursor = got.cursor
        }
      }
      const whole = await walk(20, null)
      expect(new Set(whole).size).toBe(20)
      for (const size of [1, 3, 7]) expect(await walk(size, null)).toEqual(whole)
      await ok(call('member', 'setPreferences', { personalised: false }, 'v1'))
      const newest = await walk(20, 'v1')
      expect(await walk(6, 'v1')).toEqual(newest)
      expect(newest).not.toEqual(whole)
    })

    it('counts a post’s views once per member, or signed-out device, per Shanghai day', async () => {
      for (let i = 0; i < 3; i += 1) await ok<PostDetail>(call('catalog', 'post', { id: 'post1' }, 'v1'))
      await ok(call('catalog', 'post', { id: 'post1' }, 'v4'))
      // Signed out: by the device key the app keeps; a member's key is ignored for their account.
      await ok(call('catalog', 'post', { id: 'post1', visitor: 'device-0001' }, null))
      await ok(call('catalog', 'post', { id: 'post1', visitor: 'device-0001' }, null))
      await ok(call('catalog', 'post', { id: 'post1', visitor: 'device-0002' }, 'v1'))
      await ok(call('catalog', 'post', { id: 'post1' }, null))
      expect(await views()).toEqual(new Map([['post1', 3]]))
      clock.advance(DAY)
      await ok(call('catalog', 'post', { id: 'post1' }, 'v1'))
      expect(await views()).toEqual(new Map([['post1', 4]]))
    })

    it('counts no view of a post that is not published, and refuses bad input with nothing written', async () => {
      expect(await call('catalog', 'post', { id: 'post3' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
      expect(await call('catalog', 'post', { id: 'ghost' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
      for (const visitor of ['short', 'has space 123', 'x'.repeat(65), 12345678, '']) {
        expect(await call('catalog', 'post', { id: 'post1', visitor }, null), String(visitor)).toMatchObject({
          ok: false,
          code: 'INVALID_PAYLOAD',
        })
      }
      expect(await call('catalog', 'post', { id: 'post1', viewer: 'v4' }, null)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await views()).toEqual(new Map())
    })

    it('answers the post page when its view cannot be written', async () => {
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {})
      const failing = Object.assign(Object.create(Object.getPrototypeOf(store)), store, {
        recordPostView: () => Promise.reject(new Error('disk full')),
      }) as Store
      const result = await dispatch(
        FUNCTIONS.catalog,
        { action: 'post', data: { id: 'post1' } },
        { store: failing, pay, now: clock.now(), memberId: 'v1' },
      )
      expect(result).toMatchObject({ ok: true, data: { id: 'post1' } })
      expect(logged).toHaveBeenCalledWith('[post view]', 'post1', expect.any(Error))
      logged.mockRestore()
    })
  })
}
