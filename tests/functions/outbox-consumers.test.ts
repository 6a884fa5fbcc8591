import { describe, expect, it } from 'vitest'
import { applyOrderEventsToGrowth, applyOrderEventsToMembers } from '../../cloudfunctions/src/app/order-events'
import { adoptCursor } from '../../cloudfunctions/src/app/outbox'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import type { Order } from '../../types/domain'
import { T0, order, smallShop } from '../support/fixtures'

const PAID = T0 + 60_000
const COMPLETED = PAID + 20 * 86_400_000

/** A paid and completed ¥157.9 order of member v1, its two events in the outbox. */
async function completedOrder(store: SqliteStore): Promise<Order> {
  const placed = order('o-done')
  await store.placeOrder(placed)
  const paid: Order = { ...placed, status: 'paid', paidAt: PAID, transactionId: 'tx-1' }
  await store.commitOrderChange({
    order: paid,
    expectedVersion: 1,
    events: [{ id: 'order.paid:o-done', type: 'order.paid', orderId: 'o-done', at: PAID, payload: {} }],
  })
  const done: Order = { ...paid, status: 'completed', receivedAt: PAID, completedAt: COMPLETED }
  const current = await store.findOrder('o-done')
  await store.commitOrderChange({
    order: done,
    expectedVersion: current?.version ?? 0,
    events: [{ id: 'order.completed:o-done', type: 'order.completed', orderId: 'o-done', at: COMPLETED, payload: {} }],
  })
  return done
}

describe('the order outbox has one consumer per concern', () => {
  it('a failing growth consumer does not hold back points; retried alone it catches up once', async () => {
    const store = new SqliteStore(':memory:')
    await smallShop(store)
    await completedOrder(store)
    const addGrowth = store.addGrowth.bind(store)
    store.addGrowth = async () => {
      throw new Error('growth store unavailable')
    }
    await expect(applyOrderEventsToMembers(store, COMPLETED)).rejects.toThrow('growth store unavailable')
    expect((await store.findPoints('v1')).account.available).toBe(157)
    expect(await store.growthBetween('v1', 0, COMPLETED)).toBe(0)

    store.addGrowth = addGrowth
    expect((await applyOrderEventsToGrowth(store, COMPLETED)).events).toBeGreaterThan(0)
    await applyOrderEventsToGrowth(store, COMPLETED)
    expect(await store.growthBetween('v1', 0, COMPLETED)).toBe(157)
    expect((await store.findPoints('v1')).account.available).toBe(157)
  })

  it('a consumer split out of points takes over from the points cursor once, and keeps its own after', async () => {
    const store = new SqliteStore(':memory:')
    await adoptCursor(store, 'coupons', 'points')
    expect(await store.readCursor('coupons')).toBe(1)
    await store.saveCursor('points', PAID)
    await adoptCursor(store, 'growth', 'points')
    expect(await store.readCursor('growth')).toBe(PAID)
    await store.saveCursor('points', COMPLETED)
    await adoptCursor(store, 'growth', 'points')
    expect(await store.readCursor('growth')).toBe(PAID)
  })
})
