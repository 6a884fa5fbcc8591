import type { DomainEvent } from '../../../types/domain'
import type { Store } from '../store/port'
import { accrueForOrder, activateForOrder, returnForCancelledOrder, settleRefundedLine } from './points'
import { addGrowth } from './tiers'

/** Events written at nearly the same instant can commit out of order; each run looks this far back. */
const OVERLAP_MS = 60_000
const BATCH = 500

/**
 * The points ledger's reading of the order outbox: paid -> pending purchase points; line refunded ->
 * those points voided and spent points returned; cancelled -> spent points returned; completed ->
 * pending points available and the kept amount counted as growth; a cancelled order's coupon is given
 * back. Every handler is idempotent by
 * its key, so rereading is harmless.
 */
export async function applyOrderEventsToPoints(store: Store, now: number): Promise<{ events: number }> {
  return consumeOutbox(store, 'points', (event) => apply(store, event, now))
}

/**
 * Reads the outbox from where the consumer `name` got to (less the overlap) and hands every event to
 * `handle` in order, moving the cursor after each batch. `handle` must be idempotent per event id.
 */
export async function consumeOutbox(
  store: Store,
  name: string,
  handle: (event: DomainEvent) => Promise<void>,
): Promise<{ events: number }> {
  let from = Math.max(0, (await store.readCursor(name)) - OVERLAP_MS)
  let limit = BATCH
  let seen = 0
  for (;;) {
    const events = await store.listEvents(from, limit)
    for (const event of events) await handle(event)
    seen += events.length
    if (events.length > 0) await store.saveCursor(name, events[events.length - 1].at)
    if (events.length < limit) return { events: seen }
    const last = events[events.length - 1].at
    // A full batch at a single instant cannot move the start on: read a wider batch instead.
    if (last === from) limit *= 2
    else from = last
  }
}

async function apply(store: Store, event: DomainEvent, now: number): Promise<void> {
  const found = await store.findOrder(event.orderId)
  if (!found) return
  const { order } = found
  // Events of one instant may be read in any order: a refund or completion first makes sure the
  // payment's accrual happened (it is idempotent), so no event finds the ledger unprepared.
  if (
    event.type === 'order.paid' ||
    ((event.type === 'order.line_refunded' || event.type === 'order.completed') && order.paidAt !== null)
  ) {
    await accrueForOrder(store, order, now)
  }
  if (event.type === 'order.paid') return
  if (event.type === 'order.line_refunded') await settleRefundedLine(store, order, String(event.payload.lineId), now)
  else if (event.type === 'order.cancelled') {
    await returnForCancelledOrder(store, order, now)
    // An unpaid order's coupon goes back to the member (a no-op when it never took it).
    if (order.couponId) await store.releaseCoupon(order.couponId, order.id)
  } else if (event.type === 'order.completed') {
    await activateForOrder(store, order, now)
    // Growth counts paid goods that stayed paid: the refund window has closed.
    const kept = order.lines.reduce((sum, l) => sum + l.paidAmount - l.refundedAmount, 0)
    await addGrowth(store, {
      id: `growth:order:${order.id}`,
      memberId: order.memberId,
      amount: Math.floor(kept / 100),
      reason: 'purchase',
      at: now,
    })
  }
}
