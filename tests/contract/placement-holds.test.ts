/**
 * Placing an order on CloudBase takes stock, flash units and a member's allowance by separate writes.
 * Cut short at any of them — a write that fails, or one applied whose answer is lost — the placement
 * asked again, or else the order timer, leaves every unit either in the order or back on the shelf,
 * and no mark behind. A points-mall redemption, which takes a unit of its item, is held alike. Through
 * the real SDK over the emulator (a test double).
 */
import { describe, expect, it } from 'vitest'
import type { Order } from '../../types/domain'
import { expireUnpaidOrders } from '../../cloudfunctions/src/app/order-jobs'
import { PLACEMENT_LEASE_MS } from '../../cloudfunctions/src/store/cloudbase/placements'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { emulatedEnvironment, emulator } from '../doubles/cloudbase-emulator/sdk'
import { T0, order, smallShop } from '../support/fixtures'
import { item, record } from './redeem.contract'

const ALLOTMENT = 5
const LIMIT = 3

/** An order of 2 flash-priced, limited units of p1-s1 and one unit of p3-s1. */
function hotOrder(id: string): Order {
  const o = order(id, { memberId: 'v1', createdAt: T0 }, [
    { skuId: 'p1-s1', price: 9900, quantity: 2 },
    { skuId: 'p3-s1', price: 2990, quantity: 1 },
  ])
  return {
    ...o,
    lines: o.lines.map((l) =>
      l.skuId === 'p1-s1' ? { ...l, flash: { campaignId: 'flash', allotment: ALLOTMENT }, memberLimit: LIMIT } : l,
    ),
  }
}

async function shop() {
  const { db, environment } = await emulatedEnvironment()
  const store = new CloudbaseStore(db, { flashShards: 4 })
  await smallShop(store)
  const stock = async () => Object.fromEntries((await store.findSkus(['p1-s1', 'p3-s1'])).map((s) => [s.id, s.stock]))
  const initial = await stock()
  /** What the books must show: every unit off the shelf is in an order, and no placement's mark or hold is left. */
  const books = async () => {
    const placed = (await store.findOrder('o-hot')) ? 1 : 0
    const marks = ['skus', 'flash_sold', 'purchase_counts'].flatMap((c) =>
      environment.documents(c).flatMap((d) => Object.keys((d.placing as object | undefined) ?? {})),
    )
    return {
      shelf: await stock(),
      flashSold: await store.flashSold('flash'),
      allowanceUsed: (await store.purchasedUnits('v1', ['p1'])).p1 ?? 0,
      holds: environment.documents('placements').length,
      marks,
      placed,
    }
  }
  const expected = (placed: number) => ({
    shelf: { 'p1-s1': initial['p1-s1'] - 2 * placed, 'p3-s1': initial['p3-s1'] - placed },
    flashSold: 2 * placed,
    allowanceUsed: 2 * placed,
    holds: 0,
    marks: [],
    placed,
  })
  return { store, books, expected, environment }
}

describe('a placement cut short on CloudBase', () => {
  it('takes and places with no cut, and the order timer then leaves no hold or mark', async () => {
    const { store, books, expected } = await shop()
    expect(await store.placeOrder(hotOrder('o-hot'))).toEqual({ placed: true })
    expect((await books()).marks.length).toBeGreaterThan(0)
    await expireUnpaidOrders(store, T0 + PLACEMENT_LEASE_MS)
    expect(await books()).toEqual(expected(1))
  })

  for (const fault of ['failWrite', 'dropAnswerOfWrite'] as const)
    it(`at any write (${fault}): asked again, the order stands once and every other unit is back`, async () => {
      const running = await emulator()
      for (let nth = 1; nth <= 12; nth += 1) {
        const { store, books, expected } = await shop()
        running[fault](nth)
        const first = await store.placeOrder(hotOrder('o-hot')).catch((error: Error) => error)
        running.clearFaults()
        // Asked again once the first attempt's lease is over, as a retried request would be.
        const again = await store.placeOrder({ ...hotOrder('o-hot'), createdAt: T0 + PLACEMENT_LEASE_MS })
        expect(again.placed || (!again.placed && again.reason === 'exists'), `cut at write ${nth}: ${String(first)}`).toBe(true)
        await expireUnpaidOrders(store, T0 + 3 * PLACEMENT_LEASE_MS)
        expect(await books(), `cut at write ${nth}`).toEqual(expected(1))
      }
    }, 120_000)

  it('never asked again: the order timer gives back what it took, whatever write cut it', async () => {
    const running = await emulator()
    for (let nth = 1; nth <= 12; nth += 1) {
      const { store, books, expected } = await shop()
      // The write cut, and every write of the attempt's own give-back, fail: as if the function ended there.
      for (let k = nth; k <= nth + 12; k += 1) running.failWrite(k)
      const attempt = await store.placeOrder(hotOrder('o-hot')).catch((error: Error) => error)
      running.clearFaults()
      const placed = (await store.findOrder('o-hot')) ? 1 : 0
      // Within its lease the hold is left alone: the attempt may still be running.
      const cut = await books()
      await expireUnpaidOrders(store, T0 + PLACEMENT_LEASE_MS - 1)
      expect(await books()).toEqual(cut)
      await expireUnpaidOrders(store, T0 + PLACEMENT_LEASE_MS)
      expect(await books(), `cut at write ${nth}: ${String(attempt)}`).toEqual(expected(placed))
    }
  }, 120_000)

  it('lets one of two simultaneous attempts of the same order place it; the other is told it is under way', async () => {
    const { store, books, expected } = await shop()
    const [a, b] = await Promise.all([store.placeOrder(hotOrder('o-hot')), store.placeOrder(hotOrder('o-hot'))])
    expect([a, b].filter((r) => r.placed)).toHaveLength(1)
    expect([a, b].find((r) => !r.placed)).toMatchObject({ placed: false, reason: expect.stringMatching(/^(busy|exists)$/) })
    await expireUnpaidOrders(store, T0 + PLACEMENT_LEASE_MS)
    expect(await books()).toEqual(expected(1))
  })

  it('gives everything back at once when a later line is refused', async () => {
    const { store, books, expected } = await shop()
    const tooMany = hotOrder('o-hot')
    tooMany.lines[1] = { ...tooMany.lines[1], quantity: 10_000 }
    expect(await store.placeOrder(tooMany)).toMatchObject({ placed: false, reason: 'outOfStock', skuId: 'p3-s1' })
    expect(await books()).toEqual(expected(0))
  })
  it('writes nothing to the counters a refused buyer never reached', async () => {
    const { store, books, expected, environment } = await shop()
    const product = (await store.findProduct('p1'))!
    await store.putProduct({ ...product, skus: product.skus.map((s) => (s.id === 'p1-s1' ? { ...s, stock: 1 } : s)) })
    const running = await emulator()
    const writes = () =>
      Object.fromEntries(['skus', 'purchase_counts', 'flash_sold'].map((c) => [c, Object.fromEntries(running.writesTo(environment, c))]))
    const before = writes()
    expect(await store.placeOrder(hotOrder('o-hot'))).toMatchObject({ placed: false, reason: 'outOfStock', skuId: 'p1-s1' })
    const after = writes()
    // The refused take of p1-s1; the flash units taken before it, and given back; nothing else.
    expect(after.skus).toEqual({ ...before.skus, 'p1-s1': (before.skus['p1-s1'] ?? 0) + 1 })
    expect(after.purchase_counts).toEqual(before.purchase_counts)
    expect(
      Object.values(after.flash_sold).reduce((a, b) => a + b, 0) - Object.values(before.flash_sold).reduce((a, b) => a + b, 0),
    ).toBeGreaterThanOrEqual(2)
    const { shelf, ...rest } = await books()
    const { shelf: _shelf, ...restExpected } = expected(0)
    expect(rest).toEqual(restExpected)
    expect(shelf['p1-s1']).toBe(1)
  })
})

describe('a redemption cut short on CloudBase', () => {
  async function mall() {
    const { db, environment } = await emulatedEnvironment()
    const store = new CloudbaseStore(db)
    await smallShop(store)
    await store.putRedeemItem(item('tea-coupon'))
    const redeem = (now: number) =>
      store.redeem({ id: 'rd-hot', memberId: 'v1', itemId: 'tea-coupon', key: 'redeem:rd-hot' }, ({ points }) => ({
        redemption: record('rd-hot', 'tea-coupon', { createdAt: now }),
        points: { account: points.account, lots: [], entries: [] },
      }))
    const books = async () => ({
      stock: (await store.findRedeemItem('tea-coupon'))?.stock,
      redeemed: (await store.findRedemption('rd-hot')) !== null,
      pointsMoved: await store.hasPointsKey('redeem:rd-hot'),
      holds: environment.documents('placements').length,
      marks: environment.documents('redeem_items').flatMap((d) => Object.keys((d.placing as object | undefined) ?? {})),
    })
    const expected = (redeemed: boolean) => ({ stock: redeemed ? 1 : 2, redeemed, pointsMoved: redeemed, holds: 0, marks: [] })
    return { store, redeem, books, expected }
  }

  for (const fault of ['failWrite', 'dropAnswerOfWrite'] as const)
    it(`at any write (${fault}): asked again, it stands once with its points moved once`, async () => {
      const running = await emulator()
      for (let nth = 1; nth <= 6; nth += 1) {
        const { store, redeem, books, expected } = await mall()
        running[fault](nth)
        const first = await redeem(T0).catch((error: Error) => error)
        running.clearFaults()
        expect((await redeem(T0 + PLACEMENT_LEASE_MS)).redemption.id, `cut at write ${nth}: ${String(first)}`).toBe('rd-hot')
        await expireUnpaidOrders(store, T0 + 3 * PLACEMENT_LEASE_MS)
        expect(await books(), `cut at write ${nth}`).toEqual(expected(true))
      }
    }, 60_000)

  it('never asked again: the order timer gives the unit back unless the redemption stands', async () => {
    const running = await emulator()
    for (let nth = 1; nth <= 6; nth += 1) {
      const { store, redeem, books, expected } = await mall()
      for (let k = nth; k <= nth + 6; k += 1) running.failWrite(k)
      const attempt = await redeem(T0).catch((error: Error) => error)
      running.clearFaults()
      const redeemed = (await store.findRedemption('rd-hot')) !== null
      await expireUnpaidOrders(store, T0 + PLACEMENT_LEASE_MS)
      expect(await books(), `cut at write ${nth}: ${String(attempt)}`).toEqual(expected(redeemed))
    }
  }, 60_000)
})
