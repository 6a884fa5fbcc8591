import { describe, expect, it } from 'vitest'
import { allocate, maxPointsUsable, priceOrder, type PricedLine } from '../../cloudfunctions/src/core/checkout'
import {
  DEFAULT_ORDER_TIMINGS,
  LINE_TRANSITIONS,
  ORDER_TRANSITIONS,
  canTransition,
  canTransitionLine,
  refundAmounts,
  refundOpen,
  type LineStatus,
  type OrderStatus,
} from '../../cloudfunctions/src/core/orders'

const line = (skuId: string, unitPrice: number, memberUnitPrice: number, quantity: number): PricedLine => ({
  skuId,
  productId: skuId.split('-')[0],
  title: skuId,
  specs: {},
  image: '',
  unitPrice,
  memberUnitPrice,
  quantity,
})

describe('order state machine', () => {
  const all: OrderStatus[] = ['created', 'paid', 'shipped', 'received', 'completed', 'cancelled', 'closed']
  const allowed = new Set([
    'created>paid',
    'created>cancelled',
    'paid>shipped',
    'paid>closed',
    'shipped>received',
    'shipped>closed',
    'received>completed',
    'received>closed',
  ])

  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s -> %s is allowed only when the rules say so', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`))
  })

  it('has final states with no way out', () => {
    expect(ORDER_TRANSITIONS.completed).toEqual([])
    expect(ORDER_TRANSITIONS.cancelled).toEqual([])
    expect(ORDER_TRANSITIONS.closed).toEqual([])
  })

  const lineStates: LineStatus[] = ['normal', 'refunding', 'refunded']
  const lineAllowed = new Set(['normal>refunding', 'refunding>refunded', 'refunding>normal'])
  it.each(lineStates.flatMap((from) => lineStates.map((to) => [from, to] as const)))('line %s -> %s', (from, to) => {
    expect(canTransitionLine(from, to)).toBe(lineAllowed.has(`${from}>${to}`))
  })

  it('keeps a refunded line refunded', () => {
    expect(LINE_TRANSITIONS.refunded).toEqual([])
  })
})

describe('refund window', () => {
  const day = 86_400_000
  it('is open while paid or shipped, and for 7 days after receipt', () => {
    expect(refundOpen({ status: 'paid', receivedAt: null }, 0)).toBe(true)
    expect(refundOpen({ status: 'shipped', receivedAt: null }, 0)).toBe(true)
    expect(refundOpen({ status: 'received', receivedAt: 0 }, 7 * day - 1)).toBe(true)
    expect(refundOpen({ status: 'received', receivedAt: 0 }, 7 * day)).toBe(false)
    expect(refundOpen({ status: 'completed', receivedAt: 0 }, 1)).toBe(false)
    expect(refundOpen({ status: 'created', receivedAt: null }, 0)).toBe(false)
    expect(DEFAULT_ORDER_TIMINGS.payWindowMs).toBe(15 * 60_000)
  })
})

describe('refund amounts', () => {
  const lines = [
    { id: 'o-1', status: 'normal' as const, paidAmount: 5000, refundedAmount: 0 },
    { id: 'o-2', status: 'normal' as const, paidAmount: 3000, refundedAmount: 0 },
  ]
  it('pays back each chosen line’s paid amount, and shipping only when nothing is left and nothing shipped', () => {
    expect(refundAmounts(lines, ['o-1'], 800, false)).toEqual({ lines: [{ id: 'o-1', amount: 5000 }], shipping: 0, total: 5000 })
    expect(refundAmounts(lines, ['o-1', 'o-2'], 800, false)).toEqual({
      lines: [
        { id: 'o-1', amount: 5000 },
        { id: 'o-2', amount: 3000 },
      ],
      shipping: 800,
      total: 8800,
    })
    expect(refundAmounts(lines, ['o-1', 'o-2'], 800, true)).toMatchObject({ shipping: 0, total: 8000 })
  })

  it('counts a line named twice once', () => {
    expect(refundAmounts(lines, ['o-1', 'o-1'], 0, false)).toMatchObject({ total: 5000 })
  })

  it('refuses an unknown line and a line already refunding or refunded', () => {
    expect(refundAmounts(lines, ['o-9'], 0, false)).toEqual({ error: 'LINE_NOT_FOUND' })
    expect(refundAmounts([{ ...lines[0], status: 'refunded' }], ['o-1'], 0, false)).toEqual({ error: 'LINE_NOT_REFUNDABLE' })
    expect(refundAmounts([{ ...lines[0], status: 'refunding' }], ['o-1'], 0, false)).toEqual({ error: 'LINE_NOT_REFUNDABLE' })
  })
})

describe('allocation in whole fen', () => {
  it('splits exactly, giving leftover fen to the largest remainders', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(10, [3, 7])).toEqual([3, 7])
    expect(allocate(5, [0, 0])).toEqual([0, 0])
    expect(allocate(0, [5, 5])).toEqual([0, 0])
    expect(allocate(7, [1000, 1, 1]).reduce((a, b) => a + b, 0)).toBe(7)
  })
})

describe('order pricing', () => {
  it('adds goods, member discount and shipping under the free-shipping threshold', () => {
    const q = priceOrder([line('p1-s1', 2990, 2751, 2)], { pointsRequested: 0, pointsBalance: 0 })
    expect(q).toMatchObject({ goodsAmount: 5980, memberDiscount: 478, pointsUsed: 0, pointsDeduction: 0, shipping: 800, payable: 6302 })
    expect(q.lines[0]).toMatchObject({ goodsAmount: 5980, memberDiscount: 478, paidAmount: 5502 })
  })

  it('ships free once the goods after member discount reach ¥99', () => {
    expect(priceOrder([line('a-1', 9900, 9900, 1)], { pointsRequested: 0, pointsBalance: 0 }).shipping).toBe(0)
    expect(priceOrder([line('a-1', 10000, 9899, 1)], { pointsRequested: 0, pointsBalance: 0 }).shipping).toBe(800)
  })

  it('deducts points at 100 points = ¥1, capped at half the goods and at the balance', () => {
    const lines = [line('a-1', 6000, 6000, 1), line('b-1', 4000, 4000, 1)]
    expect(priceOrder(lines, { pointsRequested: 100_000, pointsBalance: 100_000 })).toMatchObject({
      pointsUsed: 5000,
      pointsDeduction: 5000,
      payable: 5000,
    })
    expect(priceOrder(lines, { pointsRequested: 100_000, pointsBalance: 1234 })).toMatchObject({ pointsUsed: 1234, payable: 10000 - 1234 })
    expect(priceOrder(lines, { pointsRequested: 300, pointsBalance: 100_000 })).toMatchObject({ pointsUsed: 300, payable: 9700 })
    expect(priceOrder(lines, { pointsRequested: -50, pointsBalance: 100_000 })).toMatchObject({ pointsUsed: 0, payable: 10000 })
    expect(maxPointsUsable(999, 10_000)).toBe(499)
  })

  it('allocates the deduction over lines so paid amounts add up to payable less shipping', () => {
    const q = priceOrder([line('a-1', 3333, 3333, 1), line('b-1', 3333, 3333, 1), line('c-1', 3334, 3334, 1)], {
      pointsRequested: 100,
      pointsBalance: 100,
    })
    expect(q.lines.map((l) => l.pointsDeduction)).toEqual([33, 33, 34])
    expect(q.lines.reduce((a, l) => a + l.paidAmount, 0)).toBe(q.payable - q.shipping)
  })

  it('prices an empty order at nothing', () => {
    expect(priceOrder([], { pointsRequested: 0, pointsBalance: 0 })).toMatchObject({ goodsAmount: 0, shipping: 0, payable: 0 })
  })
})

describe('shipping information for WeChat', () => {
  it('masks the receiver phone and names the carrier by its WeChat code', async () => {
    const { maskPhone, shippingUpload } = await import('../../cloudfunctions/src/core/shipping')
    expect(maskPhone('13800001234')).toBe('138****1234')
    expect(maskPhone('123')).toBe('****')
    const order = {
      id: 'o1',
      memberId: 'oOPENID',
      transactionId: '4200000000000000000000000001',
      shipment: { carrier: '中通快递', trackingNo: 'ZT1234567' },
      address: { name: '张三', phone: '13800001234', region: '浙江', detail: '杭州' },
      lines: [
        { title: '明前龙井', quantity: 2 },
        { title: '抹茶酥', quantity: 1 },
      ],
    } as unknown as Parameters<typeof shippingUpload>[0]
    expect(shippingUpload(order, '2026-11-20T04:00:00.000Z')).toEqual({
      order_key: { order_number_type: 2, transaction_id: '4200000000000000000000000001' },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [
        {
          tracking_no: 'ZT1234567',
          express_company: 'ZTO',
          item_desc: '明前龙井×2，抹茶酥×1',
          contact: { receiver_contact: '138****1234' },
        },
      ],
      upload_time: '2026-11-20T04:00:00.000Z',
      payer: { openid: 'oOPENID' },
    })
  })
})
