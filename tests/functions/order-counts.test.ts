import { beforeEach, describe, expect, it } from 'vitest'
import type { OrderCounts, OrderTab, OrderView, Page, QuoteView, RefundCaseView, OrderDetailView } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const returnAddress = { name: '售后部', phone: '02112345678', region: '上海市 闵行区', detail: '申长路 1 号 仓库' }
const NONE: OrderCounts = { unpaid: 0, toShip: 0, toReceive: 0, afterSale: 0 }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`我的订单's counts over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    let clock: SteppedClock
    let requests = 0
    const order = (action: string, data: unknown, memberId: string | null = 'buyer') => {
      clock.advance(1000)
      return dispatch(FUNCTIONS.order, { action, data }, { store, pay, now: clock.now(), memberId })
    }
    const counts = (memberId = 'buyer') => ok<OrderCounts>(order('counts', {}, memberId))
    const listed = async (tab: OrderTab, memberId = 'buyer') => (await ok<Page<OrderView>>(order('list', { tab }, memberId))).total

    async function placed(memberId = 'buyer'): Promise<OrderView> {
      const items = [{ skuId: 'p3-s1', quantity: 1 }]
      const q = await ok<QuoteView>(order('quote', { items }, memberId))
      const requestId = `count-${String((requests += 1)).padStart(6, '0')}`
      return (await ok<{ order: OrderView }>(order('create', { requestId, items, address, expectedPayable: q.payable }, memberId))).order
    }
    async function paid(memberId = 'buyer'): Promise<OrderView> {
      const o = await placed(memberId)
      await pay.pay(o.id, false)
      return o
    }
    async function shipped(memberId = 'buyer'): Promise<OrderView> {
      const o = await paid(memberId)
      await ok(order('ship', { orderId: o.id, carrier: '顺丰速运', trackingNo: `SF12345678901${requests}` }, 'clerk'))
      return o
    }
    const askRefund = async (orderId: string): Promise<RefundCaseView> => {
      const detail = await ok<OrderDetailView>(order('requestRefund', { orderId, reason: '质量问题：杯口有裂纹' }))
      return detail.refunds[detail.refunds.length - 1]
    }

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234', nickname: '客服小禾' }))
      await saveMember(store, member('buyer', 2, { shareCode: 'BUYER234', nickname: '茶客' }))
      await saveMember(store, member('neighbour', 2, { shareCode: 'NEIGH234', nickname: '邻居' }))
      await store.putSettings('afterSale', { returnAddress })
    })

    it('counts nothing for a member without orders', async () => {
      expect(await counts()).toEqual(NONE)
    })

    it('counts what each stage of the list shows, and only the caller’s orders', async () => {
      await placed()
      await placed()
      await paid()
      const received = await shipped()
      await shipped()
      await ok(order('confirmReceipt', { orderId: received.id }))
      await placed('neighbour')
      await shipped('neighbour')
      expect(await counts()).toEqual({ unpaid: 2, toShip: 1, toReceive: 1, afterSale: 0 })
      for (const tab of ['unpaid', 'toShip', 'toReceive'] as const) expect(await listed(tab), tab).toBe((await counts())[tab])
      expect(await counts('neighbour')).toEqual({ unpaid: 1, toShip: 0, toReceive: 1, afterSale: 0 })
      expect(await counts('clerk')).toEqual(NONE)
    })

    it('counts an after-sale case while it is open, not once it has ended', async () => {
      const waiting = await shipped()
      const refundedAtOnce = await paid()
      const reviewing = await askRefund(waiting.id)
      expect(reviewing.status).toBe('reviewing')
      // Refunded at once before shipment: the case ended, the order is closed.
      expect((await askRefund(refundedAtOnce.id)).status).toBe('refunded')
      expect(await counts()).toEqual({ unpaid: 0, toShip: 0, toReceive: 1, afterSale: 1 })
      expect(await listed('afterSale')).toBe(2)
      await ok(order('rejectRefund', { refundId: reviewing.id, reason: '照片看不出破损，请补充细节照片' }, 'clerk'))
      expect((await counts()).afterSale).toBe(0)
    })

    it('answers only a signed-in member, and takes no parameters', async () => {
      const before = await counts()
      expect(await order('counts', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: expect.stringMatching(/登录/) })
      expect(await order('counts', { memberId: 'neighbour' })).toMatchObject({
        ok: false,
        code: 'INVALID_PAYLOAD',
        message: expect.stringContaining('不接受任何参数'),
      })
      expect(await order('counts', 'all')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await counts()).toEqual(before)
    })
  })
}
