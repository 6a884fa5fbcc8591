import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, MemberCareView, MemberFound, OrderView, QuoteView } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { reconcilePoints } from '../../cloudfunctions/src/app/points'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`member care over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (action: string, data: unknown, memberId: string | null = 'clerk') =>
      dispatch(FUNCTIONS.member, { action, data }, { store, pay, now: clock.now(), memberId })
    const callFn = (fn: FunctionName, action: string, data: unknown, memberId: string) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const adjust = (amount: number, requestId: string, reason = '补发活动积分') =>
      call('adjustPoints', { memberId: 'tea', amount, reason, requestId })

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234', nickname: '客服小禾' }))
      await saveMember(store, member('tea', 3, { shareCode: 'TEALOVE2', nickname: '林间听茶_100%' }))
    })

    it('finds a member by order number, share code, id or a piece of the nickname', async () => {
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(callFn('order', 'quote', { items }, 'tea'))
      const { order } = await ok<{ order: OrderView }>(
        callFn('order', 'create', { requestId: 'care-order-01', items, address, expectedPayable: q.payable }, 'tea'),
      )
      const who = async (query: string) => (await ok<MemberFound[]>(call('find', { query }))).map((m) => [m.id, m.matchedBy])
      expect(await who(order.orderNo)).toEqual([['tea', 'order']])
      expect(await who('TEALOVE2')).toEqual([['tea', 'shareCode']])
      expect(await who('tea')).toEqual([['tea', 'id']])
      expect(await who('听茶')).toEqual([['tea', 'nickname']])
      // The fragment's own % and _ are letters, not wildcards.
      expect(await who('_100%')).toEqual([['tea', 'nickname']])
      expect(await who('茶_1%0')).toEqual([])
      expect(await who('无此人')).toEqual([])
    })

    it('shows one member’s standing, points, orders and distributor standing', async () => {
      const view = await ok<MemberCareView>(call('care', { memberId: 'tea' }))
      expect(view.member).toMatchObject({ id: 'tea', nickname: '林间听茶_100%', tier: 3 })
      expect(view.tier.tier).toBe(3)
      expect(view.points.balance.available).toBe(0)
      expect(view.orders).toEqual({ items: [], total: 0 })
      expect(view.distributor).toBeNull()
      expect(await call('care', { memberId: 'nobody' })).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' })
      expect(await call('care', { memberId: '../x' })).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' })
    })

    it('credits and debits points with a reason, once per request id, audited, and never into debt', async () => {
      const credited = await ok<MemberCareView>(adjust(500, 'care-adjust-0001'))
      expect(credited.points.balance.available).toBe(500)
      expect(credited.points.ledger[0]).toMatchObject({ delta: 500, source: 'adjustment', note: '客服调整：补发活动积分', ref: 'clerk' })
      // The same request again changes nothing.
      expect((await ok<MemberCareView>(adjust(500, 'care-adjust-0001'))).points.balance.available).toBe(500)
      const debited = await ok<MemberCareView>(adjust(-200, 'care-adjust-0002', '误发积分收回'))
      expect(debited.points.balance.available).toBe(300)
      expect(debited.points.ledger[0]).toMatchObject({ delta: -200, kind: 'spend', source: 'adjustment' })
      expect(await adjust(-301, 'care-adjust-0003')).toMatchObject({ ok: false, code: 'POINTS_SHORT' })
      expect((await store.findPoints('tea')).account).toMatchObject({ available: 300, debt: 0 })
      expect((await reconcilePoints(store)).mismatches).toEqual([])
      const log = await store.searchAudit({ actions: ['points:adjust'], offset: 0, limit: 10 })
      expect(log.items.map((e) => [e.actor, e.target, (e.after as { delta: number }).delta])).toEqual([
        ['clerk', 'tea', -200],
        ['clerk', 'tea', 500],
      ])
    })

    it('refuses bad adjustments and changes nothing', async () => {
      for (const [data, code] of [
        [{ memberId: 'tea', amount: 10_001, reason: '太多', requestId: 'care-bad-0001' }, 'INVALID_PAYLOAD'],
        [{ memberId: 'tea', amount: 0, reason: '零', requestId: 'care-bad-0002' }, 'INVALID_PAYLOAD'],
        [{ memberId: 'tea', amount: 1.5, reason: '小数', requestId: 'care-bad-0003' }, 'INVALID_PAYLOAD'],
        [{ memberId: 'tea', amount: 10, reason: '', requestId: 'care-bad-0004' }, 'INVALID_PAYLOAD'],
        [{ memberId: 'tea', amount: 10, reason: '没有请求号' }, 'INVALID_PAYLOAD'],
        [{ memberId: 'nobody', amount: 10, reason: '查无此人', requestId: 'care-bad-0005' }, 'MEMBER_NOT_FOUND'],
      ] as const) {
        expect(await call('adjustPoints', data), JSON.stringify(data)).toMatchObject({ ok: false, code })
      }
      expect((await store.findPoints('tea')).account.available).toBe(0)
      expect((await store.searchAudit({ actions: ['points:adjust'], offset: 0, limit: 10 })).total).toBe(0)
    })
  })
}
