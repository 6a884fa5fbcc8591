import type { Instant, LineStatus, OrderStatus } from '../../../types/domain'
import { DAY_MS, shopClock } from './time'

export type { LineStatus, OrderStatus }

/**
 * The order state machine. `closed` is an order whose every line was refunded; `completed` is an
 * order whose after-sale window closed. Both, and `cancelled`, are final.
 */
export const ORDER_TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  created: ['paid', 'cancelled'],
  paid: ['shipped', 'closed'],
  shipped: ['received', 'closed'],
  received: ['completed', 'closed'],
  completed: [],
  cancelled: [],
  closed: [],
}

export const LINE_TRANSITIONS: Record<LineStatus, readonly LineStatus[]> = {
  normal: ['refunding'],
  refunding: ['refunded', 'normal'],
  refunded: [],
}

/** An order in after-sale: some line is being refunded or was refunded. */
export function inAfterSale(order: { lines: readonly { status: LineStatus }[] }): boolean {
  return order.lines.some((l) => l.status !== 'normal')
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to)
}

export function canTransitionLine(from: LineStatus, to: LineStatus): boolean {
  return LINE_TRANSITIONS[from].includes(to)
}

export interface OrderTimings {
  /** An unpaid order is cancelled and its stock released after this long. */
  payWindowMs: number
  /** A shipped order is confirmed as received automatically after this long. */
  autoReceiveMs: number
  /** After receipt, refunds may be asked for this long; then the order is completed. */
  afterSaleMs: number
}

export const DEFAULT_ORDER_TIMINGS: OrderTimings = {
  payWindowMs: 15 * 60_000,
  autoReceiveMs: 10 * DAY_MS,
  afterSaleMs: 7 * DAY_MS,
}

/** Where a member may still ask for a refund: paid, shipped, or received within the after-sale window. */
export function refundOpen(
  order: { status: OrderStatus; receivedAt: Instant | null },
  now: Instant,
  timings = DEFAULT_ORDER_TIMINGS,
): boolean {
  if (order.status === 'paid' || order.status === 'shipped') return true
  return order.status === 'received' && order.receivedAt !== null && now < order.receivedAt + timings.afterSaleMs
}

export interface RefundableLine {
  id: string
  status: LineStatus
  paidAmount: number
  refundedAmount: number
}

/**
 * What refunding `lineIds` pays back: each line's paid amount not yet refunded, never more. Shipping
 * comes back only when the refund leaves no line unrefunded and the parcel never left.
 */
export function refundAmounts(
  lines: readonly RefundableLine[],
  lineIds: readonly string[],
  shipping: number,
  shipped: boolean,
): { lines: { id: string; amount: number }[]; shipping: number; total: number } | { error: 'LINE_NOT_FOUND' | 'LINE_NOT_REFUNDABLE' } {
  const chosen = [...new Set(lineIds)]
  const picked: { id: string; amount: number }[] = []
  for (const id of chosen) {
    const line = lines.find((l) => l.id === id)
    if (!line) return { error: 'LINE_NOT_FOUND' }
    if (line.status !== 'normal' || line.paidAmount - line.refundedAmount <= 0) return { error: 'LINE_NOT_REFUNDABLE' }
    picked.push({ id, amount: line.paidAmount - line.refundedAmount })
  }
  const leftOver = lines.some((l) => l.status !== 'refunded' && !chosen.includes(l.id))
  const shippingBack = !leftOver && !shipped ? shipping : 0
  return { lines: picked, shipping: shippingBack, total: picked.reduce((a, l) => a + l.amount, 0) + shippingBack }
}

/** An order number as people read it: 19 digits. */
export const ORDER_NO = /^\d{19}$/

/**
 * The number people see for an order: the Shanghai time it was placed (yyyyMMddHHmmss) and five
 * digits that tell apart the orders of that second, e.g. `2026120214305512345`.
 */
export function orderNumber(placedAt: Instant, serial: number): string {
  return `${shopClock(placedAt).format('YYYYMMDDHHmmss')}${String(Math.abs(Math.trunc(serial)) % 100_000).padStart(5, '0')}`
}
