import type { Order } from '../../../types/domain'
import { DEFAULT_ORDER_TIMINGS } from '../core/orders'
import type { DueOrdersQuery, Store } from '../store/port'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
import { cancellation, changeOrder, event, transition } from './orders'
import type { OrderDecision } from './orders'

const SLICE = 200

/** The instant an order became due by, for each status a timer looks at. */
const DUE_AT = {
  created: (o: Order) => o.payDeadline,
  shipped: (o: Order) => o.shippedAt ?? 0,
  received: (o: Order) => o.receivedAt ?? 0,
} as const

/**
 * Works through due orders by (due instant, id), each order its own compare-and-set, until none is
 * left or the budget runs out. The pass keeps its place in `job_cursors/<job>`: a run cut short is
 * continued by the next, and an order that stays due (a refund under way) is looked at again by the
 * next pass instead of first by every run.
 */
async function sweep(
  store: Store,
  job: string,
  query: Omit<DueOrdersQuery, 'limit' | 'after'>,
  decide: (order: Order) => OrderDecision | null,
  budget: Budget,
): Promise<{ changed: number; done: boolean }> {
  const cursor = await JobCursor.open<{ at: number; id: string }>(store, job)
  let after = cursor.position
  let changed = 0
  const limit = sliceOf(budget, SLICE)
  for (;;) {
    const due = await store.dueOrders({ ...query, after, limit })
    for (const order of due) {
      if (!budget.more()) {
        await cursor.save(after)
        return { changed, done: false }
      }
      const changedTo = await changeOrder(store, order.id, decide)
      if (changedTo.status !== query.status) changed += 1
      after = { at: DUE_AT[query.status](order), id: order.id }
    }
    if (due.length < limit) return { changed, done: await cursor.save(null) }
  }
}

/**
 * Cancels unpaid orders past their pay deadline and puts their units back on the shelf. First it
 * settles placements cut short (their units back unless the order stands), so that no unit stays
 * off the shelf in no order.
 */
export async function expireUnpaidOrders(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ cancelled: number; placementsReturned: number; done: boolean }> {
  const placements = await store.settlePlacements(now, () => budget.more())
  if (!placements.done) return { cancelled: 0, placementsReturned: placements.returned, done: false }
  const { changed, done } = await sweep(
    store,
    'orderExpiry',
    { status: 'created', before: now + 1 },
    (o) => (o.status === 'created' && now >= o.payDeadline ? cancellation(o, now, '超时未支付') : null),
    budget,
  )
  return { cancelled: changed, placementsReturned: placements.returned, done }
}

/** Confirms receipt of orders shipped long enough ago. */
export async function autoConfirmReceipt(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
  timings = DEFAULT_ORDER_TIMINGS,
): Promise<{ received: number; done: boolean }> {
  const { changed, done } = await sweep(
    store,
    'orderAutoReceive',
    { status: 'shipped', before: now - timings.autoReceiveMs + 1 },
    (o) => {
      if (o.status !== 'shipped' || o.shippedAt === null || now < o.shippedAt + timings.autoReceiveMs) return null
      const next = transition(o, 'received', { receivedAt: now })
      return { order: next, events: [event('order.received', next, now)] }
    },
    budget,
  )
  return { received: changed, done }
}

/** Closes the after-sale window: received orders with no refund under way become completed. */
export async function completeOrders(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
  timings = DEFAULT_ORDER_TIMINGS,
): Promise<{ completed: number; done: boolean }> {
  const { changed, done } = await sweep(
    store,
    'orderComplete',
    { status: 'received', before: now - timings.afterSaleMs + 1 },
    (o) => {
      if (o.status !== 'received' || o.receivedAt === null || now < o.receivedAt + timings.afterSaleMs) return null
      if (o.lines.some((l) => l.status === 'refunding')) return null
      const next = transition(o, 'completed', { completedAt: now })
      return { order: next, events: [event('order.completed', next, now)] }
    },
    budget,
  )
  return { completed: changed, done }
}
