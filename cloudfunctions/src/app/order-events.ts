import type { DomainEvent } from '../../../types/domain'
import type { Store } from '../store/port'
import { type Budget, UNBOUNDED } from './job-runs'
import { adoptCursor, consumeOutbox } from './outbox'
import { accrueForOrder, activateForOrder, returnForCancelledOrder, settleRefundedLine } from './points-orders'
import { addGrowth } from './tiers'
import { refreshFeedRank } from './feed'

/**
 * The points ledger's reading of the order outbox: paid -> pending purchase points; line refunded ->
 * those points voided and spent points returned; cancelled -> spent points returned; completed ->
 * pending points available. Every handler is idempotent by its key, so rereading is harmless.
 */
export function applyOrderEventsToPoints(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; done: boolean }> {
  return consumeOutbox(store, 'points', (event) => pointsOnEvent(store, event, now), budget)
}

/** A cancelled order's coupon goes back to the member (a no-op when the order never took it). */
export function applyOrderEventsToCoupons(store: Store, budget: Budget = UNBOUNDED): Promise<{ events: number; done: boolean }> {
  return consumeOutbox(store, 'coupons', (event) => couponOnEvent(store, event), budget)
}

/** A completed order's kept goods amount counts as growth once: its refund window has closed. */
export function applyOrderEventsToGrowth(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; done: boolean }> {
  return consumeOutbox(store, 'growth', (event) => growthOnEvent(store, event, now), budget)
}

/** A paid order whose last touch was a post moves that post in the 推荐 feed (its orders are one of the signals). */
export function applyOrderEventsToFeed(store: Store, budget: Budget = UNBOUNDED): Promise<{ events: number; done: boolean }> {
  return consumeOutbox(store, 'feedRank', (event) => feedOnEvent(store, event), budget)
}

/**
 * The order outbox's member-side consumers — points, coupons, growth, the feed's ranks — each with its own cursor, so a
 * failing one is retried alone from where it stopped while the others go on. The first failure is
 * raised once all have run. They share the run's budget, in turn; each goes on from its own cursor next time.
 */
export async function applyOrderEventsToMembers(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; done: boolean }> {
  // On a shop where the points consumer still did all three, coupons and growth go on from where it got to.
  await adoptCursor(store, 'coupons', 'points')
  await adoptCursor(store, 'growth', 'points')
  await adoptCursor(store, 'feedRank', 'points')
  const consumers = [
    () => applyOrderEventsToPoints(store, now, budget),
    () => applyOrderEventsToCoupons(store, budget),
    () => applyOrderEventsToGrowth(store, now, budget),
    () => applyOrderEventsToFeed(store, budget),
  ]
  let events = 0
  let done = true
  let failure: unknown = null
  for (const consume of consumers) {
    try {
      const read = await consume()
      events += read.events
      done = read.done
    } catch (error) {
      failure ??= error
    }
    // One stopped for the budget: the rest wait for the next run rather than reread their overlap past it.
    if (!done) break
  }
  if (failure) throw failure
  return { events, done }
}

async function pointsOnEvent(store: Store, event: DomainEvent, now: number): Promise<void> {
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
  if (event.type === 'order.line_refunded') await settleRefundedLine(store, order, String(event.payload.lineId), now)
  else if (event.type === 'order.cancelled') await returnForCancelledOrder(store, order, now)
  else if (event.type === 'order.completed') await activateForOrder(store, order, now)
}

async function couponOnEvent(store: Store, event: DomainEvent): Promise<void> {
  if (event.type !== 'order.cancelled') return
  const order = (await store.findOrder(event.orderId))?.order
  if (order?.couponId) await store.releaseCoupon(order.couponId, order.id)
}

async function feedOnEvent(store: Store, event: DomainEvent): Promise<void> {
  if (event.type !== 'order.paid') return
  const postId = (await store.findOrder(event.orderId))?.order.touch?.postId
  if (postId) await refreshFeedRank(store, postId)
}

async function growthOnEvent(store: Store, event: DomainEvent, now: number): Promise<void> {
  if (event.type !== 'order.completed') return
  const order = (await store.findOrder(event.orderId))?.order
  if (!order) return
  const kept = order.lines.reduce((sum, l) => sum + l.paidAmount - l.refundedAmount, 0)
  await addGrowth(store, {
    id: `growth:order:${order.id}`,
    memberId: order.memberId,
    amount: Math.floor(kept / 100),
    reason: 'purchase',
    at: now,
  })
}
