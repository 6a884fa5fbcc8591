/**
 * A flash allotment spread over counter documents (CloudBase adapter, real SDK over the emulator, a
 * test double): never oversold however buyers interleave, no unit stranded in a shard, units given back
 * on cancellation, and a counter written before sharding still counted.
 */
import { describe, expect, it } from 'vitest'
import type { Order } from '../../types/domain'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedEnvironment } from '../doubles/cloudbase-emulator/sdk'
import { T0, order, smallShop } from '../support/fixtures'

async function shop(flashShards: number) {
  const { db, environment } = await emulatedEnvironment()
  const store = new CloudbaseStore(db, { flashShards })
  await smallShop(store)
  const product = (await store.findProduct('p1'))!
  await store.putProduct({ ...product, skus: product.skus.map((s) => (s.id === 'p1-s1' ? { ...s, stock: 500 } : s)) })
  return { store, environment, db }
}

const flashOrder = (id: string, quantity: number, allotment: number): Order => {
  const o = order(id, { memberId: `m-${id}` }, [{ skuId: 'p1-s1', price: 9_900, quantity }])
  return { ...o, lines: o.lines.map((l) => ({ ...l, flash: { campaignId: 'flash', allotment } })) }
}

const stock = async (store: CloudbaseStore) => (await store.findSkus(['p1-s1']))[0].stock

describe('flash allotment in shards (cloudbase, real SDK)', () => {
  it('sells exactly the allotment to 60 concurrent buyers of 1 to 3 units over 4 shards, then every unit left to single buyers', async () => {
    const { store } = await shop(4)
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        store.placeOrder(flashOrder(`o${i}`, 1 + (i % 3), 25)).then((r) => ({ r, quantity: 1 + (i % 3) })),
      ),
    )
    const placed = results.filter(({ r }) => r.placed).reduce((sum, { quantity }) => sum + quantity, 0)
    expect(placed).toBeLessThanOrEqual(25)
    expect(await store.flashSold('flash')).toBe(placed)
    // Whatever the interleaving left over is still sellable, one unit at a time, across the shards.
    for (let i = 0; placed + i < 25; i += 1) expect(await store.placeOrder(flashOrder(`late${i}`, 1, 25))).toEqual({ placed: true })
    expect(await store.flashSold('flash')).toBe(25)
    expect(await store.placeOrder(flashOrder('after', 1, 25))).toMatchObject({ placed: false, reason: 'flashSoldOut' })
    expect(await stock(store)).toBe(500 - 25)
  })

  it('takes a buyer’s units from several shards when no one shard holds them all', async () => {
    const { store } = await shop(4)
    // 4 units over 4 shards: one each, so 3 units can only come from three shards together.
    expect(await store.placeOrder(flashOrder('o1', 3, 4))).toEqual({ placed: true })
    expect(await store.flashSold('flash')).toBe(3)
    expect(await store.placeOrder(flashOrder('o2', 2, 4))).toMatchObject({ placed: false, reason: 'flashSoldOut' })
    expect(await store.placeOrder(flashOrder('o3', 1, 4))).toEqual({ placed: true })
    expect(await store.flashSold('flash')).toBe(4)
  })

  it('gives a cancelled order’s units back to the shards, sellable at once though the campaign was sold out', async () => {
    const { store } = await shop(4)
    for (const id of ['o1', 'o2']) expect(await store.placeOrder(flashOrder(id, 2, 4))).toEqual({ placed: true })
    expect(await store.placeOrder(flashOrder('o3', 1, 4))).toMatchObject({ placed: false, reason: 'flashSoldOut' })
    const cancelled = { ...flashOrder('o1', 2, 4), status: 'cancelled' as const, cancelledAt: T0 + 1 }
    expect(await store.commitOrderChange({ order: cancelled, expectedVersion: 1, events: [], releaseStock: true })).toBe(true)
    expect(await store.flashSold('flash')).toBe(2)
    expect(await store.placeOrder(flashOrder('o4', 2, 4))).toEqual({ placed: true })
    expect(await store.flashSold('flash')).toBe(4)
  })

  it('gives the units back when the placement fails after taking them', async () => {
    const { store } = await shop(4)
    const o = flashOrder('o1', 3, 4)
    const tooMany = {
      ...o,
      lines: [...o.lines, { ...o.lines[0], id: 'o1-2', lineNo: 2, skuId: 'p1-s2', quantity: 10_000, flash: undefined }],
    }
    expect(await store.placeOrder(tooMany)).toMatchObject({ placed: false, reason: 'outOfStock' })
    expect(await store.flashSold('flash')).toBe(0)
    expect(await stock(store)).toBe(500)
  })

  it('counts a counter written before sharding as the first shard', async () => {
    const { store, db } = await shop(4)
    await db.collection('flash_sold').add({ data: { _id: 'flash', sold: 3 } })
    expect(await store.flashSold('flash')).toBe(3)
    // Shard 0's part of 8 over 4 shards is 2, already passed: the 5 units left sell from the other shards.
    for (let i = 0; i < 5; i += 1) expect(await store.placeOrder(flashOrder(`o${i}`, 1, 8))).toEqual({ placed: true })
    expect(await store.flashSold('flash')).toBe(8)
    expect(await store.placeOrder(flashOrder('o5', 1, 8))).toMatchObject({ placed: false, reason: 'flashSoldOut' })
  })
})
