import { beforeEach, describe, expect, it } from 'vitest'
import type { FeedPost, FunctionName, MemberPreferences, OrderView, Page, QuoteView } from '../../types/api'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`privacy over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function buy(): Promise<OrderView> {
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }))
      const { order } = await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: `privacy-${clock.now()}`, items, address, expectedPayable: q.payable }),
      )
      return order
    }

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
    })

    it('erases what identifies a member and keeps the accounting, anonymised', async () => {
      const order = await buy()
      await pay.pay(order.id, false)
      await ok(call('order', 'ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }, 'brand'))
      await ok(call('order', 'confirmReceipt', { orderId: order.id }))
      const beforeErasure = (await store.findOrder(order.id))!
      await ok(call('member', 'setBirthday', { birthday: '05-20' }))
      await ok(call('order', 'cartAdd', { skuId: 'p3-s1', quantity: 1 }))
      expect(await call('member', 'deleteAccount', { confirm: '确定' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toEqual({ deleted: true })
      const member = (await store.findMember('v1'))!
      expect(member).toMatchObject({ nickname: '已注销用户', avatar: '/media/avatars/default.jpg' })
      expect(await store.findBirthday('v1')).toBeNull()
      expect(await store.listCart('v1')).toEqual([])
      const kept = (await store.findOrder(order.id))!.order
      expect(kept).toMatchObject({
        status: 'received',
        payable: order.payable,
        address: { name: '已注销', phone: '', region: '', detail: '' },
      })
      expect(JSON.stringify(kept)).not.toContain(address.phone)
      // A change computed before the erasure (it carries the old address) no longer commits.
      const stale = { ...beforeErasure.order, remark: '迟到的修改' }
      expect(await store.commitOrderChange({ order: stale, expectedVersion: beforeErasure.version, events: [] })).toBe(false)
      expect(JSON.stringify((await store.findOrder(order.id))!.order)).not.toContain(address.phone)
    })

    it('refuses while an order is still on its way, and changes nothing', async () => {
      const order = await buy()
      expect(await call('member', 'deleteAccount', { confirm: '注销账号' })).toMatchObject({ ok: false, code: 'ACCOUNT_BUSY' })
      expect((await store.findMember('v1'))!.nickname).toBe('会员v1')
      expect((await store.findOrder(order.id))!.order.address).toEqual(address)
      expect(await call('member', 'deleteAccount', { confirm: '注销账号' }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await call('member', 'deleteAccount', { confirm: '注销账号', memberId: 'v4' })).toMatchObject({
        ok: false,
        code: 'INVALID_PAYLOAD',
      })
    })

    it('ranks the 推荐 feed by engagement while personalisation is on, and shows it newest first once it is off', async () => {
      // post1 is older than post2; a favourite (with the two likes it had) lifts it above the newer post.
      const feedIds = async (memberId: string | null) =>
        (await ok<Page<FeedPost>>(call('catalog', 'feed', {}, memberId))).items.map((p) => p.id)
      expect(await feedIds(null)).toEqual(['post2', 'post1'])
      await ok(call('post', 'favourite', { postId: 'post1' }, 'v4'))
      expect(await feedIds(null)).toEqual(['post1', 'post2'])
      expect(await feedIds('v1')).toEqual(['post1', 'post2'])
      await ok(call('member', 'setPreferences', { personalised: false }))
      expect(await feedIds('v1')).toEqual(['post2', 'post1'])
      // Only the member who turned it off: others still get the ranked feed.
      expect(await feedIds('v4')).toEqual(['post1', 'post2'])
    })

    it('stops profiling a member who turns personalisation off', async () => {
      expect(await ok<MemberPreferences>(call('member', 'preferences', {}))).toEqual({ personalised: true })
      const order = await buy()
      await pay.pay(order.id, false)
      await JOBS.find((j) => j.name === 'memberTags')!.run(store, clock.now(), pay)
      expect((await store.findMemberTags('v1')).length).toBeGreaterThan(0)
      expect(await ok<MemberPreferences>(call('member', 'setPreferences', { personalised: false }))).toEqual({ personalised: false })
      expect(await store.findMemberTags('v1')).toEqual([])
      await JOBS.find((j) => j.name === 'memberTags')!.run(store, clock.now(), pay)
      expect(await store.findMemberTags('v1')).toEqual([])
      expect(await call('member', 'setPreferences', { personalised: 'no' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    })
  })
}
