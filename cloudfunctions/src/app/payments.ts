import type { Order, PaymentNotice, Refund } from '../../../types/domain'
import { type OrderDecision, cancellation, changeOrder, event, isPayable, transition } from './orders'
import { AppError } from './errors'
import { teamOrderPaid } from './groupbuy-outcomes'
import type { Messenger, Payments } from '../wechat/ports'
import type { Store } from '../store/port'
import { pointsDayMultiplier } from './campaigns'

export type NoticeOutcome = 'paid' | 'duplicate' | 'refused' | 'unknownOrder' | 'amountMismatch'

/**
 * Handles one payment notification, exactly once per transaction id, however often it is delivered.
 * A payment that cannot apply (order cancelled, expired or already paid by another transaction) is
 * recorded as refused and refunded in full; an unpaid order past its deadline is cancelled on the way.
 */
export async function handlePaymentNotice(store: Store, pay: Payments & Messenger, notice: PaymentNotice): Promise<NoticeOutcome> {
  const recorded = await store.findPayment(notice.transactionId)
  if (recorded) {
    // A redelivered notice of a refused payment sends its refund again when the first delivery
    // stopped before sending it (the provider refunds a refund number once).
    if (recorded.outcome === 'refused') await sendWaitingRefund(store, pay, `P${notice.transactionId}`)
    return 'duplicate'
  }
  const found = await store.findOrder(notice.orderId)
  if (!found) return 'unknownOrder'
  if (notice.amount !== found.order.payable) return 'amountMismatch'

  // What the order earns is decided by the points days in force at payment, not when the points job
  // reads it: a switch thrown in between changes nothing for an order already paid.
  const pointsDay = await pointsDayMultiplier(store, await store.findMember(found.order.memberId), notice.at)
  let outcome = 'duplicate' as NoticeOutcome
  let refund = null as Refund | null
  const order = await changeOrder(store, notice.orderId, (o) => {
    if (isPayable(o, notice.at)) {
      outcome = 'paid'
      const paid = transition(o, 'paid', { paidAt: notice.at, transactionId: notice.transactionId, pointsDayMultiplier: pointsDay })
      return {
        order: paid,
        events: [event('order.paid', paid, notice.at, paid.id, { payable: paid.payable, memberId: paid.memberId })],
        payment: { ...notice, outcome: 'applied' },
      }
    }
    outcome = 'refused'
    refund = {
      id: `P${notice.transactionId}`,
      orderId: o.id,
      memberId: o.memberId,
      lines: [],
      shipping: 0,
      amount: notice.amount,
      reason: o.status === 'created' || o.status === 'cancelled' ? '订单已取消或超时，支付款自动退回' : '重复支付，自动退回',
      status: 'refunding',
      createdAt: notice.at,
      refundedAt: null,
      stageAt: notice.at,
    }
    const cancelled = o.status === 'created' ? cancellation(o, notice.at, '超时未支付') : { order: o, events: [] }
    return { ...cancelled, payment: { ...notice, outcome: 'refused' }, refund }
  }).catch(async (error: unknown) => {
    // A concurrent delivery of the same notice recorded it first.
    if (await store.findPayment(notice.transactionId)) return null
    throw error
  })
  if (order === null) return 'duplicate'
  if (outcome === 'refused' && refund) await pay.refund(refund, order)
  // A group-buy seat is paid at once (the group-buy timer also reads the payment, harmlessly again).
  if (outcome === 'paid' && order.team) await teamOrderPaid(store, pay, order, notice.at)
  return outcome
}

async function sendWaitingRefund(store: Store, pay: Payments, refundId: string): Promise<void> {
  const refund = await store.findRefund(refundId)
  if (refund?.status !== 'refunding') return
  const found = await store.findOrder(refund.orderId)
  if (found) await pay.refund(refund, found.order)
}

/**
 * The provider confirmed a refund: its lines become refunded, once. An order whose every line is
 * refunded closes. Each refunded line leaves an `order.line_refunded` event for later consumers.
 */
export async function completeRefund(store: Store, refundId: string, now: number): Promise<Refund | null> {
  const refund = await store.findRefund(refundId)
  if (!refund) return null
  if (refund.status === 'refunded') return refund
  const done: Refund = { ...refund, status: 'refunded', refundedAt: now }
  await changeOrder(store, refund.orderId, refundCompletion(refund, now))
  return done
}

/** What a confirmed refund does to its order (null when a concurrent completion already did it). */
function refundCompletion(refund: Refund, now: number): (o: Order) => OrderDecision | null {
  const done: Refund = { ...refund, status: 'refunded', refundedAt: now }
  return (o) => {
    if (refund.lines.length === 0) return { order: o, events: [], refund: done }
    // A concurrent completion already refunded these lines.
    if (!o.lines.some((line) => line.status === 'refunding' && refund.lines.some((l) => l.id === line.id))) return null
    const lines = o.lines.map((line) => {
      const part = refund.lines.find((l) => l.id === line.id)
      return part && line.status === 'refunding'
        ? { ...line, status: 'refunded' as const, refundedAmount: line.refundedAmount + part.amount }
        : line
    })
    const next: Order = { ...o, lines, refundedAmount: o.refundedAmount + refund.amount }
    const closed = lines.every((l) => l.status === 'refunded') ? transition(next, 'closed', { closedAt: now }) : next
    return {
      order: closed,
      events: refund.lines.map((part) => event('order.line_refunded', closed, now, part.id, { lineId: part.id, amount: part.amount })),
      refund: done,
    }
  }
}

/**
 * Many confirmed refunds at once, each doing what `completeRefund` does: where the store applies many
 * in one transaction (SQLite) they are all completed in it, each decided on its refund and order as
 * they stand when written (a refund completed meanwhile finds nothing left to do); elsewhere one by one.
 */
export async function completeRefunds(store: Store, refundIds: readonly string[], now: number): Promise<void> {
  if (!store.completeRefunds) {
    for (const id of refundIds) await completeRefund(store, id, now)
    return
  }
  const outcomes = await store.completeRefunds(refundIds, (refund, order) =>
    refund.status === 'refunded' ? null : refundCompletion(refund, now)(order),
  )
  if (outcomes.includes('missing')) throw new AppError('REFUND_NOT_FOUND', '退款不存在')
}
