import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, OrderDetailView, OrderView, Page, QuoteView, RefundCaseView, StaffCaseView } from '../../types/api'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { completeOrders } from '../../cloudfunctions/src/app/order-jobs'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const returnAddress = { name: '售后部', phone: '02112345678', region: '上海市 闵行区', detail: '申长路 1 号 仓库' }
const timer = JOBS.find((j) => j.name === 'afterSaleTimer')!

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`after-sale review over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    let clock: SteppedClock
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const order = (action: string, data: unknown, memberId: string | null = 'buyer') => call('order', action, data, memberId)
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function paidOrder(requestId: string, items = [{ skuId: 'p1-s1', quantity: 1 }]): Promise<OrderView> {
      const q = await ok<QuoteView>(order('quote', { items }))
      const { order: placed } = await ok<{ order: OrderView }>(order('create', { requestId, items, address, expectedPayable: q.payable }))
      await pay.pay(placed.id, false)
      return placed
    }
    async function shippedOrder(requestId: string, items?: { skuId: string; quantity: number }[]): Promise<OrderView> {
      const placed = await paidOrder(requestId, items)
      await ok(order('ship', { orderId: placed.id, carrier: '顺丰速运', trackingNo: 'SF1234567890123' }, 'clerk'))
      return placed
    }
    async function ask(orderId: string, extra: Record<string, unknown> = {}): Promise<RefundCaseView> {
      const detail = await ok<OrderDetailView>(order('requestRefund', { orderId, reason: '质量问题：杯口有裂纹', ...extra }))
      return detail.refunds[detail.refunds.length - 1]
    }
    const detail = (orderId: string) => ok<OrderDetailView>(order('detail', { orderId }))
    const snapshot = async (orderId: string) => ({ order: await store.findOrder(orderId), refunds: await store.listRefunds(orderId) })

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234', nickname: '客服小禾' }))
      await saveMember(store, member('buyer', 2, { shareCode: 'BUYER234', nickname: '茶客' }))
      await store.putSettings('afterSale', { returnAddress })
    })

    it('refunds at once before shipment, and refuses a 退货退款 of goods that never left', async () => {
      const placed = await paidOrder('as-000001')
      expect(await order('requestRefund', { orderId: placed.id, reason: '不想要了', kind: 'return' })).toMatchObject({
        ok: false,
        code: 'REFUND_KIND',
      })
      const asked = await ask(placed.id)
      expect(asked).toMatchObject({ status: 'refunded', kind: 'refund', deadline: null })
      expect((await detail(placed.id)).status).toBe('closed')
    })

    it('holds a 仅退款 asked after shipment for the 客服, who approves it: refunded, closed, audited with the role', async () => {
      const placed = await shippedOrder('as-000011')
      const asked = await ask(placed.id, { photos: ['/media/uploads/0123456789abcdef.jpg'] })
      expect(asked).toMatchObject({
        status: 'reviewing',
        kind: 'refund',
        deadline: T0 + 48 * HOUR,
        can: { withdraw: true, sendReturn: false },
      })
      expect(asked.photos).toEqual(['/media/uploads/0123456789abcdef.jpg'])
      const held = await detail(placed.id)
      expect(held.lines.map((l) => l.status)).toEqual(['refunding'])
      expect(held.can.refund).toBe(false)
      expect(await order('requestRefund', { orderId: placed.id, reason: '再问一次' })).toMatchObject({
        ok: false,
        code: 'LINE_NOT_REFUNDABLE',
      })

      const queue = await ok<Page<StaffCaseView>>(order('refundCases', { tab: 'reviewing' }, 'clerk'))
      expect(queue.items).toEqual([
        expect.objectContaining({
          id: asked.id,
          buyer: { memberId: 'buyer', nickname: '茶客' },
          order: expect.objectContaining({ status: 'shipped' }),
        }),
      ])
      expect(queue.items[0].goods).toEqual([expect.objectContaining({ title: expect.any(String), quantity: 1, amount: asked.amount })])
      expect(queue.items[0].goods[0].title).not.toBe('')

      clock.advance(HOUR)
      const approved = await ok<StaffCaseView>(order('approveRefund', { refundId: asked.id }, 'clerk'))
      expect(approved).toMatchObject({ status: 'refunding', review: { outcome: 'approved', by: 'clerk', at: T0 + HOUR } })
      const after = await detail(placed.id)
      expect(after).toMatchObject({ status: 'closed', refundedAmount: asked.amount })
      expect(after.refunds[0].status).toBe('refunded')
      expect(after.timeline.map((t) => t.label)).toContain('商家已同意仅退款')
      const [entry] = (await store.searchAudit({ actions: ['refund:approve'], offset: 0, limit: 5 })).items
      expect(entry).toMatchObject({ actor: 'clerk', roles: ['service'], target: asked.id, before: { status: 'reviewing' } })
      // Deciding again is refused and pays nothing twice.
      const before = await snapshot(placed.id)
      expect(await order('approveRefund', { refundId: asked.id }, 'clerk')).toMatchObject({ ok: false, code: 'REFUND_STATE' })
      expect(await order('rejectRefund', { refundId: asked.id, reason: '重复处理' }, 'clerk')).toMatchObject({
        ok: false,
        code: 'REFUND_STATE',
      })
      expect(await snapshot(placed.id)).toEqual(before)
    })

    it('walks a 退货退款: approved to the return address, parcel entered by the buyer, refunded when the 客服 confirms it came back', async () => {
      const placed = await shippedOrder('as-000021')
      const asked = await ask(placed.id, { kind: 'return' })
      const approved = await ok<StaffCaseView>(order('approveRefund', { refundId: asked.id }, 'clerk'))
      expect(approved).toMatchObject({ status: 'returning', returnAddress, deadline: T0 + 7 * DAY, can: { sendReturn: true } })
      expect(await order('confirmReturn', { refundId: asked.id }, 'clerk')).toMatchObject({ ok: false, code: 'REFUND_STATE' })

      // Only the buyer, with a known carrier and a number of its form.
      expect(await order('sendReturn', { refundId: asked.id, carrier: '飞鸽快递', trackingNo: '1234567890' })).toMatchObject({
        ok: false,
        code: 'INVALID_PAYLOAD',
      })
      expect(await order('sendReturn', { refundId: asked.id, carrier: '中通快递', trackingNo: '750000000001' }, 'v1')).toMatchObject({
        ok: false,
        code: 'REFUND_NOT_FOUND',
      })
      clock.advance(DAY)
      const sent = await ok<RefundCaseView>(order('sendReturn', { refundId: asked.id, carrier: '中通快递', trackingNo: '750000000001' }))
      expect(sent).toMatchObject({ status: 'returned', returnParcel: { carrier: '中通快递', trackingNo: '750000000001', at: T0 + DAY } })
      expect(sent.can).toEqual({ withdraw: false, sendReturn: false })
      // Sending the same parcel again (a retried tap) changes nothing.
      expect(
        await ok<RefundCaseView>(order('sendReturn', { refundId: asked.id, carrier: '中通快递', trackingNo: '750000000001' })),
      ).toMatchObject({
        status: 'returned',
        stageAt: T0 + DAY,
      })
      expect((await ok<Page<StaffCaseView>>(order('refundCases', { tab: 'returned' }, 'clerk'))).items.map((c) => c.id)).toEqual([asked.id])

      const confirmed = await ok<StaffCaseView>(order('confirmReturn', { refundId: asked.id }, 'clerk'))
      expect(confirmed).toMatchObject({ status: 'refunding', returnReceived: { by: 'clerk' } })
      expect(await detail(placed.id)).toMatchObject({ status: 'closed' })
      expect((await store.searchAudit({ actions: ['refund:returnReceived'], offset: 0, limit: 5 })).total).toBe(1)
    })

    it('refuses to approve a 退货退款 while the shop has no return address, changing nothing', async () => {
      await store.putSettings('afterSale', {})
      const placed = await shippedOrder('as-000031')
      const asked = await ask(placed.id, { kind: 'return' })
      const before = await snapshot(placed.id)
      expect(await order('approveRefund', { refundId: asked.id }, 'clerk')).toMatchObject({ ok: false, code: 'RETURN_ADDRESS_MISSING' })
      expect(await snapshot(placed.id)).toEqual(before)
    })

    it('rejects with a reason the buyer reads; the lines may be asked for again under a new number', async () => {
      const placed = await shippedOrder('as-000041')
      const asked = await ask(placed.id)
      expect(await order('rejectRefund', { refundId: asked.id, reason: '' }, 'clerk')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      const rejected = await ok<StaffCaseView>(order('rejectRefund', { refundId: asked.id, reason: '商品已拆封影响二次销售' }, 'clerk'))
      expect(rejected).toMatchObject({ status: 'rejected', review: { outcome: 'rejected', reason: '商品已拆封影响二次销售' } })
      const seen = await detail(placed.id)
      expect(seen.lines.map((l) => l.status)).toEqual(['normal'])
      expect(seen.timeline.map((t) => t.label)).toContain('商家拒绝了申请：商品已拆封影响二次销售')
      const again = await ask(placed.id, { kind: 'return' })
      expect(again.id).toBe(`${asked.id}-2`)
      expect(again).toMatchObject({ status: 'reviewing', kind: 'return' })
    })

    it('lets the buyer withdraw while nothing has been paid or sent back, and not after', async () => {
      const placed = await shippedOrder('as-000051')
      const asked = await ask(placed.id)
      expect(await order('withdrawRefund', { refundId: asked.id }, 'v1')).toMatchObject({ ok: false, code: 'REFUND_NOT_FOUND' })
      const withdrawn = await ok<RefundCaseView>(order('withdrawRefund', { refundId: asked.id }))
      expect(withdrawn).toMatchObject({ status: 'cancelled', closed: { by: 'buyer' }, can: { withdraw: false } })
      expect((await ok<RefundCaseView>(order('withdrawRefund', { refundId: asked.id }))).status).toBe('cancelled')
      expect((await detail(placed.id)).lines.map((l) => l.status)).toEqual(['normal'])
      expect(await order('approveRefund', { refundId: asked.id }, 'clerk')).toMatchObject({ ok: false, code: 'REFUND_STATE' })

      const second = await ask(placed.id, { kind: 'return' })
      await ok(order('approveRefund', { refundId: second.id }, 'clerk'))
      await ok(order('sendReturn', { refundId: second.id, carrier: '中通快递', trackingNo: '750000000002' }))
      expect(await order('withdrawRefund', { refundId: second.id })).toMatchObject({ ok: false, code: 'REFUND_STATE' })
    })

    it('answers unknown and malformed case numbers as not found, and refuses bad payloads', async () => {
      for (const refundId of ['o00000000000000000000000R1', 'not-a-case', '']) {
        const answer = await order('approveRefund', { refundId }, 'clerk')
        expect(answer, refundId).toMatchObject({ ok: false })
        expect(['REFUND_NOT_FOUND', 'INVALID_PAYLOAD']).toContain((answer as { code: string }).code)
      }
      expect(await order('approveRefund', { refundId: 'o00000000000000000000000R1' }, 'clerk')).toMatchObject({ code: 'REFUND_NOT_FOUND' })
      expect(await order('refundCases', { tab: 'everything' }, 'clerk')).toMatchObject({ code: 'INVALID_PAYLOAD' })
      const placed = await shippedOrder('as-000061')
      expect(await order('requestRefund', { orderId: placed.id, reason: '破损', kind: 'exchange' })).toMatchObject({
        code: 'INVALID_PAYLOAD',
      })
      expect(await order('requestRefund', { orderId: placed.id, reason: '破损', photos: ['http://evil.example/x.jpg'] })).toMatchObject({
        code: 'INVALID_PAYLOAD',
      })
      const seven = Array.from({ length: 7 }, (_, i) => `/media/uploads/0123456789abcde${i}.jpg`)
      expect(await order('requestRefund', { orderId: placed.id, reason: '破损', photos: seven })).toMatchObject({ code: 'INVALID_PAYLOAD' })
      expect((await store.listRefunds(placed.id)).length).toBe(0)
    })

    it('the timer approves what nobody reviewed in 48 hours, closes returns never sent, and refunds returns never confirmed', async () => {
      const quiet = await shippedOrder('as-000071')
      const lapsing = await shippedOrder('as-000072')
      const unconfirmed = await shippedOrder('as-000073')
      const quietCase = await ask(quiet.id)
      const lapsingCase = await ask(lapsing.id, { kind: 'return' })
      const unconfirmedCase = await ask(unconfirmed.id, { kind: 'return' })
      await ok(order('approveRefund', { refundId: lapsingCase.id }, 'clerk'))
      await ok(order('approveRefund', { refundId: unconfirmedCase.id }, 'clerk'))
      await ok(order('sendReturn', { refundId: unconfirmedCase.id, carrier: '中通快递', trackingNo: '750000000003' }))

      clock.advance(48 * HOUR - 1)
      expect(await timer.run(store, clock.now(), pay)).toEqual({ approved: 0, lapsed: 0, refunded: 0, waitingForAddress: 0, done: true })
      clock.advance(1)
      expect(await timer.run(store, clock.now(), pay)).toMatchObject({ approved: 1, lapsed: 0, refunded: 0 })
      expect(await store.findRefund(quietCase.id)).toMatchObject({
        status: 'refunded',
        review: { outcome: 'approved', by: 'system:after-sale-timer' },
      })
      expect((await detail(quiet.id)).timeline.map((t) => t.label)).toContain('商家超时未处理，已自动同意仅退款')

      clock.advance(5 * DAY)
      expect(await timer.run(store, clock.now(), pay)).toMatchObject({ approved: 0, lapsed: 1, refunded: 0 })
      expect(await store.findRefund(lapsingCase.id)).toMatchObject({ status: 'cancelled', closed: { by: 'timeout' } })
      expect((await detail(lapsing.id)).lines.map((l) => l.status)).toEqual(['normal'])

      clock.advance(3 * DAY)
      expect(await timer.run(store, clock.now(), pay)).toMatchObject({ refunded: 1 })
      expect(await store.findRefund(unconfirmedCase.id)).toMatchObject({
        status: 'refunded',
        returnReceived: { by: 'system:after-sale-timer' },
      })
      // Nothing is left for a second run, and the timer wrote nothing to the staff audit log.
      expect(await timer.run(store, clock.now(), pay)).toEqual({ approved: 0, lapsed: 0, refunded: 0, waitingForAddress: 0, done: true })
      expect((await store.searchAudit({ actor: 'system:after-sale-timer', offset: 0, limit: 5 })).total).toBe(0)
    })

    it('the review window follows the setting, clamped to 24 hours – 7 days', async () => {
      await store.putSettings('afterSale', { reviewHours: 1, returnAddress })
      const placed = await shippedOrder('as-000081')
      const asked = await ask(placed.id)
      expect(asked.deadline).toBe(T0 + 24 * HOUR)
      clock.advance(2 * HOUR)
      expect(await timer.run(store, clock.now(), pay)).toMatchObject({ approved: 0 })
    })

    it('keeps an order with an open case from completing until the case is decided', async () => {
      const placed = await shippedOrder('as-000091')
      await ok(order('confirmReceipt', { orderId: placed.id }))
      const asked = await ask(placed.id)
      clock.advance(8 * DAY)
      expect(await completeOrders(store, clock.now())).toEqual({ completed: 0, done: true })
      await ok(order('rejectRefund', { refundId: asked.id, reason: '已超过七天无理由期限' }, 'clerk'))
      expect((await detail(placed.id)).status).toBe('received')
      expect(await completeOrders(store, clock.now())).toEqual({ completed: 1, done: true })
    })

    it('lets two staff decide the same case at once: exactly one decision lands', async () => {
      const placed = await shippedOrder('as-000101')
      const asked = await ask(placed.id)
      const answers = await Promise.all([
        order('approveRefund', { refundId: asked.id }, 'clerk'),
        order('rejectRefund', { refundId: asked.id, reason: '并发处理' }, 'clerk'),
      ])
      expect(answers.filter((a) => a.ok)).toHaveLength(1)
      expect(answers.filter((a) => !a.ok)).toEqual([expect.objectContaining({ code: 'REFUND_STATE' })])
      const refund = (await store.findRefund(asked.id))!
      const { order: after } = (await store.findOrder(placed.id))!
      if (refund.status === 'rejected') expect(after.lines[0].status).toBe('normal')
      else expect(after).toMatchObject({ status: 'closed', refundedAmount: asked.amount })
    })
  })
}
