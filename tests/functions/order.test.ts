import { beforeEach, describe, expect, it } from 'vitest'
import type { CartView, OrderDetailView, OrderView, Page, PaymentRequest, QuoteView } from '../../types/api'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { order as orderFn } from '../../cloudfunctions/src/functions/order/actions'
import { PAY_CALLBACK_SOURCE, onPaymentCallback, onRefundCallback } from '../../cloudfunctions/src/functions/pay-callbacks'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

let store: SqliteStore
let clock: SteppedClock
let pay: LocalPayProvider

const call = (action: string, data: unknown, memberId: string | null = 'v1') =>
  dispatch(orderFn, { action, data }, { store, pay, now: clock.now(), memberId })
async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.data as T
}
const stock = (skuId: string) => (store.db.prepare('SELECT stock FROM skus WHERE id = ?').get(skuId) as { stock: number }).stock
const snapshot = () =>
  ['skus', 'cart_items', 'orders', 'payments', 'refunds', 'outbox'].map((t) => store.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())
const events = () =>
  store.db
    .prepare('SELECT id FROM outbox ORDER BY at, id')
    .all()
    .map((r) => (r as { id: string }).id)
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市 西湖区', detail: '龙井路 1 号' }
const HOUR = 3_600_000
const DAY = 24 * HOUR

async function placeOrder(
  items = [
    { skuId: 'p1-s1', quantity: 1 },
    { skuId: 'p3-s1', quantity: 2 },
  ],
  memberId = 'v1',
  requestId = 'request-0001',
) {
  const q = await ok<QuoteView>(call('quote', { items }, memberId))
  return ok<{ order: OrderView; payment: PaymentRequest | null }>(
    call('create', { requestId, items, address, expectedPayable: q.payable }, memberId),
  )
}
const runJob = (name: string) => JOBS.find((j) => j.name === name)!.run(store, clock.now(), pay)

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await smallShop(store)
  clock = new SteppedClock(T0)
  pay = new LocalPayProvider(store, clock)
})

describe('cart', () => {
  it('adds, accumulates, changes and removes lines, priced for the member', async () => {
    await ok(call('cartAdd', { skuId: 'p1-s1', quantity: 1 }, 'v4'))
    const cart = await ok<CartView>(call('cartAdd', { skuId: 'p1-s1', quantity: 2 }, 'v4'))
    expect(cart.items).toEqual([
      expect.objectContaining({ skuId: 'p1-s1', quantity: 3, unitPrice: 12800, memberUnitPrice: 11776, available: true }),
    ])
    expect((await ok<CartView>(call('cartUpdate', { skuId: 'p1-s1', quantity: 5 }, 'v4'))).count).toBe(5)
    await ok(call('cartAdd', { skuId: 'p3-s1', quantity: 1 }, 'v4'))
    const after = await ok<CartView>(call('cartRemove', { skuIds: ['p1-s1'] }, 'v4'))
    expect(after.items.map((i) => i.skuId)).toEqual(['p3-s1'])
    expect((await ok<CartView>(call('cart', {}, 'v1'))).items).toEqual([])
  })

  it('refuses more units than in stock, unknown and delisted SKUs, and changing a line not in the cart', async () => {
    expect(await call('cartAdd', { skuId: 'p4-s1', quantity: 6 })).toMatchObject({
      ok: false,
      code: 'OUT_OF_STOCK',
      message: '库存仅剩 5 件',
    })
    expect(await call('cartAdd', { skuId: 'p2-s1', quantity: 1 })).toMatchObject({
      ok: false,
      code: 'OUT_OF_STOCK',
      message: '该规格已售罄',
    })
    expect(await call('cartAdd', { skuId: 'p9-s1', quantity: 1 })).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' })
    expect(await call('cartAdd', { skuId: 'p5-s1', quantity: 1 })).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' })
    expect(await call('cartUpdate', { skuId: 'p1-s1', quantity: 2 })).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' })
    expect(await call('cart', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
  })

  it.each([
    [{ skuId: 'p1-s1', quantity: 0 }],
    [{ skuId: 'p1-s1', quantity: -1 }],
    [{ skuId: 'p1-s1', quantity: 100 }],
    [{ skuId: 'p1-s1', quantity: 1e12 }],
    [{ skuId: 'p1-s1', quantity: 1.5 }],
    [{ skuId: 'p1-s1', quantity: '2' }],
    [{ skuId: 'p1-s1' }],
    [{ skuId: 'p1-s1', quantity: 1, memberId: 'v4' }],
  ])('rejects cartAdd %j and changes nothing', async (data) => {
    const before = snapshot()
    expect(await call('cartAdd', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(snapshot()).toEqual(before)
  })
})

describe('quote and create', () => {
  it('prices on the server: member discount, shipping by the tier’s free-shipping threshold, payable', async () => {
    const v1 = await ok<QuoteView>(call('quote', { items: [{ skuId: 'p3-s1', quantity: 2 }] }, 'v1'))
    expect(v1).toMatchObject({ goodsAmount: 5980, memberDiscount: 0, shipping: 800, payable: 6780, viewerTier: 1, freeShippingOver: 9900 })
    const v4 = await ok<QuoteView>(call('quote', { items: [{ skuId: 'p3-s1', quantity: 2 }] }, 'v4'))
    expect(v4).toMatchObject({ goodsAmount: 5980, memberDiscount: 478, shipping: 0, payable: 5502, viewerTier: 4, freeShippingOver: 4900 })
    const small = await ok<QuoteView>(call('quote', { items: [{ skuId: 'p4-s1', quantity: 1 }] }, 'v4'))
    expect(small).toMatchObject({ goodsAmount: 1990, memberDiscount: 159, shipping: 800, payable: 1831 + 800 })
  })

  it('follows the operators’ tier settings within a minute, clamped to the hard caps', async () => {
    expect((await ok<QuoteView>(call('quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))).memberDiscount).toBe(1024)
    await store.putSettings('tiers', { benefits: { 4: { memberPricePct: 10, freeShippingOver: 20_000 } } })
    expect((await ok<QuoteView>(call('quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))).memberDiscount).toBe(1024)
    clock.advance(60_000)
    const q = await ok<QuoteView>(call('quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))
    // 10% is below the 70% floor: V4 pays 70% of ¥128.
    expect(q).toMatchObject({ memberDiscount: 12800 - 8960, freeShippingOver: 20_000, shipping: 800 })
  })

  it('creates an order at the quoted payable: stock reserved, cart cleared, payment requested from the provider', async () => {
    await ok(call('cartAdd', { skuId: 'p1-s1', quantity: 1 }))
    const { order, payment } = await placeOrder()
    expect(order).toMatchObject({
      status: 'created',
      goodsAmount: 12800 + 5980,
      shipping: 0,
      payable: 18780,
      can: { pay: true, cancel: true },
    })
    expect(order.lines.map((l) => [l.skuId, l.quantity, l.paidAmount])).toEqual([
      ['p1-s1', 1, 12800],
      ['p3-s1', 2, 5980],
    ])
    expect(payment).toEqual({ provider: 'local', orderId: order.id, amount: 18780 })
    expect([stock('p1-s1'), stock('p3-s1')]).toEqual([19, 98])
    expect((await ok<CartView>(call('cart', {}))).items).toEqual([])
  })

  it('answers a retried create with the same order and reserves stock once', async () => {
    const first = await placeOrder()
    const again = await placeOrder()
    expect(again.order.id).toBe(first.order.id)
    expect(stock('p1-s1')).toBe(19)
  })

  it('refuses tampered totals with PRICE_CHANGED and places nothing', async () => {
    const before = snapshot()
    const result = await call('create', {
      requestId: 'request-0002',
      items: [{ skuId: 'p1-s1', quantity: 1 }],
      address,
      expectedPayable: 1,
    })
    expect(result).toMatchObject({ ok: false, code: 'PRICE_CHANGED', message: '价格有变化，应付金额现为 ¥128.00，请确认后再提交' })
    expect(snapshot()).toEqual(before)
  })

  it('refuses more than the stock with OUT_OF_STOCK and places nothing', async () => {
    const before = snapshot()
    expect(await call('quote', { items: [{ skuId: 'p4-s1', quantity: 6 }] })).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' })
    expect(
      await call('create', { requestId: 'request-0003', items: [{ skuId: 'p4-s1', quantity: 6 }], address, expectedPayable: 12740 }),
    ).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' })
    expect(snapshot()).toEqual(before)
  })

  it.each([
    ['a client total', { payable: 1 }],
    ['no items', { items: [] }],
    [
      'the same SKU twice',
      {
        items: [
          { skuId: 'p1-s1', quantity: 1 },
          { skuId: 'p1-s1', quantity: 1 },
        ],
      },
    ],
    ['a bad phone', { address: { ...address, phone: '12345' } }],
    ['an empty name', { address: { ...address, name: '  ' } }],
    ['a short request id', { requestId: 'x' }],
    ['a negative expected payable', { expectedPayable: -1 }],
    ['an unknown SKU', { items: [{ skuId: 'nope-s1', quantity: 1 }] }],
  ])('refuses a create with %s and changes nothing', async (_label, patch) => {
    const before = snapshot()
    const result = await call('create', {
      requestId: 'request-0004',
      items: [{ skuId: 'p1-s1', quantity: 1 }],
      address,
      expectedPayable: 12800,
      ...patch,
    })
    expect(result.ok).toBe(false)
    expect(['INVALID_PAYLOAD', 'SKU_NOT_FOUND', 'EMPTY_ORDER']).toContain(result.ok ? '' : result.code)
    expect(snapshot()).toEqual(before)
  })
})

describe('payment', () => {
  it('pays once: a duplicated notification changes nothing', async () => {
    const { order } = await placeOrder()
    expect(await pay.pay(order.id, false)).toMatchObject({ errcode: 0, outcome: 'paid' })
    const paid = await ok<OrderDetailView>(call('detail', { orderId: order.id }))
    expect(paid).toMatchObject({ status: 'paid', can: { pay: false, cancel: false, refund: true } })
    const before = snapshot()
    expect(await pay.pay(order.id, true)).toMatchObject({ errcode: 0, outcome: 'duplicate' })
    expect(await pay.pay(order.id, true)).toMatchObject({ errcode: 0, outcome: 'duplicate' })
    expect(snapshot()).toEqual(before)
    expect(events()).toEqual([`order.paid:${order.id}`])
    expect([stock('p1-s1'), stock('p3-s1')]).toEqual([19, 98])
  })

  it('refuses a notification with the wrong amount or from the wrong source, changing nothing', async () => {
    const { order } = await placeOrder()
    const before = snapshot()
    const notice = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: order.id,
      transactionId: '4200000001',
      totalFee: order.payable - 1,
    }
    expect(await onPaymentCallback(store, pay, notice, PAY_CALLBACK_SOURCE, clock.now())).toMatchObject({
      errcode: 409,
      errmsg: 'AMOUNT_MISMATCH',
    })
    expect(await onPaymentCallback(store, pay, { ...notice, totalFee: order.payable }, 'wx_client', clock.now())).toEqual({
      errcode: 403,
      errmsg: 'WRONG_SOURCE',
    })
    expect(await onPaymentCallback(store, pay, { ...notice, totalFee: 'all' }, PAY_CALLBACK_SOURCE, clock.now())).toEqual({
      errcode: 400,
      errmsg: 'INVALID_NOTICE',
    })
    expect(await onRefundCallback(store, { outRefundNo: 'x', refundStatus: 'SUCCESS' }, undefined, clock.now())).toEqual({
      errcode: 403,
      errmsg: 'WRONG_SOURCE',
    })
    expect(snapshot()).toEqual(before)
  })

  it('refunds a payment for a cancelled order and keeps it cancelled', async () => {
    const { order } = await placeOrder()
    await ok(call('cancel', { orderId: order.id }))
    expect(await pay.pay(order.id, false)).toMatchObject({ errcode: 0, outcome: 'refused' })
    const detail = await ok<OrderDetailView>(call('detail', { orderId: order.id }))
    expect(detail.status).toBe('cancelled')
    expect(detail.refunds).toEqual([expect.objectContaining({ amount: order.payable, status: 'refunded', lines: [] })])
    expect(events()).toEqual([`order.cancelled:${order.id}`])
  })

  it('cancels an order paid after its deadline, puts the stock back and refunds the payment', async () => {
    const { order } = await placeOrder()
    clock.advance(15 * 60_000)
    expect(await pay.pay(order.id, false)).toMatchObject({ outcome: 'refused' })
    const detail = await ok<OrderDetailView>(call('detail', { orderId: order.id }))
    expect(detail).toMatchObject({ status: 'cancelled', cancelReason: '超时未支付' })
    expect(detail.refunds[0]).toMatchObject({ amount: order.payable, status: 'refunded' })
    expect([stock('p1-s1'), stock('p3-s1')]).toEqual([20, 100])
  })

  it('refunds a second, different payment of an order already paid', async () => {
    const { order } = await placeOrder()
    await pay.pay(order.id, false)
    expect(await pay.pay(order.id, false)).toMatchObject({ outcome: 'refused' })
    const detail = await ok<OrderDetailView>(call('detail', { orderId: order.id }))
    expect(detail.status).toBe('paid')
    expect(detail.refunds).toEqual([expect.objectContaining({ reason: '重复支付，自动退回', status: 'refunded' })])
  })

  it('gives payment parameters again only while the order can be paid', async () => {
    const { order } = await placeOrder()
    expect(await ok(call('pay', { orderId: order.id }))).toEqual({ provider: 'local', orderId: order.id, amount: order.payable })
    await pay.pay(order.id, false)
    expect(await call('pay', { orderId: order.id })).toMatchObject({ ok: false, code: 'ORDER_STATE' })
  })
})

describe('after payment: shipping, receipt, completion', () => {
  it('ships (operator only), confirms receipt and completes after the after-sale window', async () => {
    const { order } = await placeOrder()
    await pay.pay(order.id, false)
    const shipment = { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }
    expect(await call('ship', shipment, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    expect(await ok<OrderView>(call('ship', shipment, 'brand'))).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运' } })
    expect(pay.shippingUploads).toEqual([
      expect.objectContaining({
        order_key: { order_number_type: 2, transaction_id: expect.stringMatching(/^4200\d{24}$/) },
        shipping_list: [
          {
            tracking_no: 'SF123456789000',
            express_company: 'SF',
            item_desc: expect.stringContaining('×'),
            contact: { receiver_contact: '138****0000' },
          },
        ],
        payer: { openid: 'v1' },
      }),
    ])
    expect(await call('ship', shipment, 'brand')).toMatchObject({ ok: false, code: 'ORDER_STATE' })
    expect(await call('ship', { ...shipment, carrier: '野鸡快递' }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(pay.shippingUploads).toHaveLength(1)
    clock.advance(DAY)
    expect(await ok<OrderView>(call('confirmReceipt', { orderId: order.id }))).toMatchObject({ status: 'received', can: { refund: true } })
    clock.advance(7 * DAY)
    expect(await runJob('orderComplete')).toEqual({ completed: 1, done: true })
    expect(await runJob('orderComplete')).toEqual({ completed: 0, done: true })
    const done = await ok<OrderDetailView>(call('detail', { orderId: order.id }))
    expect(done).toMatchObject({ status: 'completed', can: { refund: false } })
    expect(done.timeline.map((t) => t.label)).toEqual([
      '订单已提交',
      '支付成功',
      '已发货：顺丰速运 SF123456789000',
      '已确认收货',
      '售后期结束，订单完成',
    ])
    expect(events()).toEqual([`order.paid:${order.id}`, `order.received:${order.id}`, `order.completed:${order.id}`])
    expect(await call('requestRefund', { orderId: order.id, reason: '晚了' })).toMatchObject({ ok: false, code: 'REFUND_CLOSED' })
  })

  it('confirms receipt automatically 10 days after shipping', async () => {
    const { order } = await placeOrder()
    await pay.pay(order.id, false)
    await ok(call('ship', { orderId: order.id, carrier: '中通快递', trackingNo: '730000000001' }, 'brand'))
    clock.advance(10 * DAY - 1)
    expect(await runJob('orderAutoReceive')).toEqual({ received: 0, done: true })
    clock.advance(1)
    expect(await runJob('orderAutoReceive')).toEqual({ received: 1, done: true })
    expect((await ok<OrderView>(call('detail', { orderId: order.id }))).status).toBe('received')
  })

  it('cancels unpaid orders after 15 minutes and releases their stock, once', async () => {
    const { order } = await placeOrder()
    clock.advance(14 * 60_000)
    expect(await runJob('orderExpiry')).toEqual({ cancelled: 0, placementsReturned: 0, done: true })
    clock.advance(60_000)
    expect(await runJob('orderExpiry')).toEqual({ cancelled: 1, placementsReturned: 0, done: true })
    expect(await runJob('orderExpiry')).toEqual({ cancelled: 0, placementsReturned: 0, done: true })
    expect((await ok<OrderView>(call('detail', { orderId: order.id }))).status).toBe('cancelled')
    expect([stock('p1-s1'), stock('p3-s1')]).toEqual([20, 100])
  })

  it('cancels only unpaid orders, and only the member’s own', async () => {
    const { order } = await placeOrder()
    expect(await call('cancel', { orderId: order.id }, 'v4')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    expect(await call('detail', { orderId: order.id }, 'v4')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    await pay.pay(order.id, false)
    expect(await call('cancel', { orderId: order.id })).toMatchObject({ ok: false, code: 'ORDER_STATE' })
  })
})

describe('refunds', () => {
  it('refunds one line, then the other; the order closes and shipping comes back when nothing shipped', async () => {
    const { order } = await placeOrder([
      { skuId: 'p3-s1', quantity: 1 },
      { skuId: 'p4-s1', quantity: 1 },
    ])
    expect(order.shipping).toBe(800)
    await pay.pay(order.id, false)
    const [first, second] = order.lines
    const afterFirst = await ok<OrderDetailView>(call('requestRefund', { orderId: order.id, lineIds: [first.id], reason: '买多了' }))
    expect(afterFirst.lines.map((l) => [l.status, l.refundedAmount])).toEqual([
      ['refunded', 2990],
      ['normal', 0],
    ])
    expect(afterFirst).toMatchObject({ status: 'paid', refundedAmount: 2990 })
    expect(await call('requestRefund', { orderId: order.id, lineIds: [first.id], reason: '再退一次' })).toMatchObject({
      ok: false,
      code: 'LINE_NOT_REFUNDABLE',
    })
    const closed = await ok<OrderDetailView>(call('requestRefund', { orderId: order.id, reason: '不想要了' }))
    expect(closed).toMatchObject({ status: 'closed', refundedAmount: order.payable })
    expect(closed.refunds.map((r) => [r.amount, r.shipping, r.status])).toEqual([
      [2990, 0, 'refunded'],
      [1990 + 800, 800, 'refunded'],
    ])
    expect(events().sort()).toEqual([`order.line_refunded:${first.id}`, `order.line_refunded:${second.id}`, `order.paid:${order.id}`])
  })

  it('never pays back shipping for a parcel that left', async () => {
    const { order } = await placeOrder([{ skuId: 'p4-s1', quantity: 1 }])
    await pay.pay(order.id, false)
    await ok(call('ship', { orderId: order.id, carrier: '中通快递', trackingNo: '730000000002' }, 'brand'))
    const asked = await ok<OrderDetailView>(call('requestRefund', { orderId: order.id, reason: '破损' }))
    expect(asked.refunds[0]).toMatchObject({ status: 'reviewing', amount: 1990, shipping: 0 })
    await ok(call('approveRefund', { refundId: asked.refunds[0].id }, 'brand'))
    expect(await ok<OrderDetailView>(call('detail', { orderId: order.id }))).toMatchObject({ status: 'closed', refundedAmount: 1990 })
  })

  it('applies a refund confirmation once however often it arrives', async () => {
    const { order } = await placeOrder()
    await pay.pay(order.id, false)
    const detail = await ok<OrderDetailView>(call('requestRefund', { orderId: order.id, lineIds: [order.lines[0].id], reason: '不想要了' }))
    const before = snapshot()
    expect(
      await onRefundCallback(store, { outRefundNo: detail.refunds[0].id, refundStatus: 'SUCCESS' }, PAY_CALLBACK_SOURCE, clock.now()),
    ).toEqual({ errcode: 0, errmsg: 'OK' })
    expect(snapshot()).toEqual(before)
  })

  it.each([
    ['an unpaid order', 'unpaid', {}, 'REFUND_CLOSED'],
    ['a line of another order', 'paid', { lineIds: ['o00000000000000000000000-1'] }, 'LINE_NOT_FOUND'],
    ['no reason', 'paid', { reason: '' }, 'INVALID_PAYLOAD'],
    ['a malformed line id', 'paid', { lineIds: ['x'] }, 'INVALID_PAYLOAD'],
  ])('refuses a refund of %s and changes nothing', async (_label, state, patch, code) => {
    const { order } = await placeOrder()
    if (state === 'paid') await pay.pay(order.id, false)
    const before = snapshot()
    expect(await call('requestRefund', { orderId: order.id, reason: '不想要了', ...patch })).toMatchObject({ ok: false, code })
    expect(snapshot()).toEqual(before)
  })
})

describe('order list', () => {
  it('lists the member’s orders by tab, newest first', async () => {
    const a = await placeOrder([{ skuId: 'p1-s1', quantity: 1 }], 'v1', 'request-a001')
    clock.advance(1000)
    const b = await placeOrder([{ skuId: 'p3-s1', quantity: 1 }], 'v1', 'request-b001')
    await pay.pay(a.order.id, false)
    await placeOrder([{ skuId: 'p3-s1', quantity: 1 }], 'v4', 'request-c001')
    expect((await ok<Page<OrderView>>(call('list', {}))).items.map((o) => o.id)).toEqual([b.order.id, a.order.id])
    expect((await ok<Page<OrderView>>(call('list', { tab: 'unpaid' }))).items.map((o) => o.id)).toEqual([b.order.id])
    expect((await ok<Page<OrderView>>(call('list', { tab: 'toShip' }))).items.map((o) => o.id)).toEqual([a.order.id])
    expect(await call('list', { tab: 'everything' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect((await ok<Page<OrderView>>(call('list', { tab: 'afterSale' }))).items).toEqual([])
    await ok(call('requestRefund', { orderId: a.order.id, reason: '不想要了' }))
    expect((await ok<Page<OrderView>>(call('list', { tab: 'afterSale' }))).items.map((o) => o.id)).toEqual([a.order.id])
  })
})
