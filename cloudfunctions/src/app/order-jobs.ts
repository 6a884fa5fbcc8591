import type { Order } from '../../../types/domain'
import { DEFAULT_ORDER_TIMINGS } from '../core/orders'
import type { DueOrdersQuery, Store } from '../store/port'
import { cancellation, changeOrder, event, transition } from './orders'
import type { OrderDecision } from './orders'

const BATCH = 500

/** Works through due orders batch by batch until a batch changes nothing more. */
async function sweep(store: Store, query: Omit<DueOrdersQuery, 'limit'>, decide: (order: Order) => OrderDecision | null): Promise<number> {
  let changed = 0
  for (;;) {
    const due = await store.dueOrders({ ...query, limit: BATCH })
    let progress = 0
    for (const order of due) {
      const after = await changeOrder(store, order.id, decide)
      if (after.status !== query.status) progress += 1
    }
    changed += progress
    if (due.length < BATCH || progress === 0) return changed
  }
}

/** Cancels unpaid orders past their pay deadline and puts their units back on the shelf. */
export async function expireUnpaidOrders(store: Store, now: number): Promise<{ cancelled: number }> {
  const cancelled = await sweep(store, { status: 'created', before: now + 1 }, (o) =>
    o.status === 'created' && now >= o.payDeadline ? cancellation(o, now, '超时未支付') : null,
  )
  return { cancelled }
}

/** Confirms receipt of orders shipped long enough ago. */
export async function autoConfirmReceipt(store: Store, now: number, timings = DEFAULT_ORDER_TIMINGS): Promise<{ received: number }> {
  const received = await sweep(store, { status: 'shipped', before: now - timings.autoReceiveMs + 1 }, (o) => {
    if (o.status !== 'shipped' || o.shippedAt === null || now < o.shippedAt + timings.autoReceiveMs) return null
    const next = transition(o, 'received', { receivedAt: now })
    return { order: next, events: [event('order.received', next, now)] }
  })
  return { received }
}

/** Closes the after-sale window: received orders with no refund under way become completed. */
export async function completeOrders(store: Store, now: number, timings = DEFAULT_ORDER_TIMINGS): Promise<{ completed: number }> {
  const completed = await sweep(store, { status: 'received', before: now - timings.afterSaleMs + 1 }, (o) => {
    if (o.status !== 'received' || o.receivedAt === null || now < o.receivedAt + timings.afterSaleMs) return null
    if (o.lines.some((l) => l.status === 'refunding')) return null
    const next = transition(o, 'completed', { completedAt: now })
    return { order: next, events: [event('order.completed', next, now)] }
  })
  return { completed }
}
