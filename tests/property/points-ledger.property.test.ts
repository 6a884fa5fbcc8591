import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OrderView, QuoteView } from '../../types/api'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { reconcilePoints } from '../../cloudfunctions/src/app/points'
import { accrueForOrder } from '../../cloudfunctions/src/app/points-orders'
import { order as orderFn } from '../../cloudfunctions/src/functions/order/actions'
import { points as pointsFn } from '../../cloudfunctions/src/functions/points/actions'
import { type FunctionDef, dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { emulatedDatabase } from '../doubles/cloudbase-emulator/sdk'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

const HOUR = 3_600_000
const MEMBERS = ['v1', 'v4']
const SKUS = ['p1-s1', 'p3-s1', 'p4-s1']
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

type Op =
  | { kind: 'checkIn'; member: number }
  | { kind: 'advance'; hours: number }
  | { kind: 'buy'; member: number; sku: number; quantity: number; pointsShare: number }
  | { kind: 'pay'; order: number; duplicate: boolean }
  | { kind: 'cancel'; order: number }
  | { kind: 'refund'; order: number; line: number; approve: boolean }
  | { kind: 'ship'; order: number }
  | { kind: 'receive'; order: number }
  | { kind: 'job'; name: 'pointsFromOrders' | 'orderComplete' | 'orderExpiry' | 'pointsExpiry' | 'tierReview'; twice: boolean }
  | { kind: 'replayAccrual'; order: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('checkIn' as const), member: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 24 * 40 }) }),
  fc.record({
    kind: fc.constant('buy' as const),
    member: fc.nat({ max: 1 }),
    sku: fc.nat({ max: 2 }),
    quantity: fc.integer({ min: 1, max: 3 }),
    pointsShare: fc.constantFrom(0, 0.5, 1),
  }),
  fc.record({ kind: fc.constant('pay' as const), order: fc.nat({ max: 9 }), duplicate: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), order: fc.nat({ max: 9 }) }),
  fc.record({ kind: fc.constant('refund' as const), order: fc.nat({ max: 9 }), line: fc.nat({ max: 1 }), approve: fc.boolean() }),
  fc.record({ kind: fc.constant('ship' as const), order: fc.nat({ max: 9 }) }),
  fc.record({ kind: fc.constant('receive' as const), order: fc.nat({ max: 9 }) }),
  fc.record({
    kind: fc.constant('job' as const),
    name: fc.constantFrom('pointsFromOrders', 'orderComplete', 'orderExpiry', 'pointsExpiry', 'tierReview'),
    twice: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('replayAccrual' as const), order: fc.nat({ max: 9 }) }),
)

/** The points books of the members, read through the store port (the same on both adapters). */
async function books(store: Store) {
  return Promise.all(
    MEMBERS.map(async (member) => ({
      points: await store.findPoints(member),
      ledger: await store.listLedger(member, 0, 10_000),
      growth: await store.growthBetween(member, 0, Number.MAX_SAFE_INTEGER),
      tier: await store.findTierStatus(member),
      tierChanges: await store.listTierChanges(member),
    })),
  )
}

/** Drives the shop through a random sequence of member and timer actions and answers the store. */
async function play(store: Store, ops: Op[]) {
  await smallShop(store)
  const clock = new SteppedClock(T0)
  const pay = new LocalPayProvider(store, clock)
  const orders: { id: string; member: string }[] = []
  const run = (fn: FunctionDef, action: string, data: unknown, memberId: string) =>
    dispatch(fn, { action, data }, { store, pay, now: clock.now(), memberId })
  const tierFloor = new Map<string, { tier: number; until: number }>()
  const pick = (i: number) => orders[i % Math.max(orders.length, 1)]

  for (const [i, o] of ops.entries()) {
    if (o.kind === 'checkIn') await run(pointsFn, 'checkIn', {}, MEMBERS[o.member])
    else if (o.kind === 'advance') clock.advance(o.hours * HOUR)
    else if (o.kind === 'buy') {
      const member = MEMBERS[o.member]
      const items = [{ skuId: SKUS[o.sku], quantity: o.quantity }]
      const q = await run(orderFn, 'quote', { items, usePoints: 1_000_000 }, member)
      if (!q.ok) continue
      const usePoints = Math.floor((q.data as QuoteView).points.maxUsable * o.pointsShare)
      const priced = await run(orderFn, 'quote', { items, usePoints }, member)
      if (!priced.ok) continue
      const created = await run(
        orderFn,
        'create',
        { requestId: `prop-${i}-0000`, items, address, usePoints, expectedPayable: (priced.data as QuoteView).payable },
        member,
      )
      if (created.ok) orders.push({ id: (created.data as { order: OrderView }).order.id, member })
    } else if (orders.length === 0) continue
    else if (o.kind === 'pay') await pay.pay(pick(o.order).id, o.duplicate)
    else if (o.kind === 'cancel') await run(orderFn, 'cancel', { orderId: pick(o.order).id }, pick(o.order).member)
    else if (o.kind === 'refund') {
      const found = await store.findOrder(pick(o.order).id)
      const line = found?.order.lines[o.line % found.order.lines.length]
      if (line)
        await run(orderFn, 'requestRefund', { orderId: found!.order.id, lineIds: [line.id], reason: '随机退款' }, pick(o.order).member)
      // Asked after shipment, the case waits for review: the 客服 approves it now, or it stays open.
      const waiting = found ? (await store.listRefunds(found.order.id)).find((r) => r.status === 'reviewing') : undefined
      if (waiting && o.approve) await run(orderFn, 'approveRefund', { refundId: waiting.id }, 'brand')
    } else if (o.kind === 'ship')
      await run(orderFn, 'ship', { orderId: pick(o.order).id, carrier: '顺丰速运', trackingNo: 'SF000000000100' }, 'brand')
    else if (o.kind === 'receive') await run(orderFn, 'confirmReceipt', { orderId: pick(o.order).id }, pick(o.order).member)
    else if (o.kind === 'job') {
      const job = JOBS.find((j) => j.name === o.name)!
      // Twice means two runs at once, as overlapping timer triggers would (they interleave on CloudBase).
      if (o.twice) await Promise.all([job.run(store, clock.now(), pay), job.run(store, clock.now(), pay)])
      else await job.run(store, clock.now(), pay)
    } else if (o.kind === 'replayAccrual') {
      const found = await store.findOrder(pick(o.order).id)
      if (found && found.order.status !== 'created' && found.order.status !== 'cancelled')
        await accrueForOrder(store, found.order, clock.now())
    }

    // Within its retention period a tier never goes down.
    for (const member of MEMBERS) {
      const status = (await store.findTierStatus(member))!
      const floor = tierFloor.get(member)
      if (floor && clock.now() < floor.until) expect(status.tier).toBeGreaterThanOrEqual(floor.tier)
      tierFloor.set(member, { tier: status.tier, until: status.keepUntil })
    }
  }
  // Let every outstanding event settle, twice: the second pass must change nothing.
  const settle = JOBS.find((j) => j.name === 'pointsFromOrders')!
  await settle.run(store, clock.now(), pay)
  const before = await books(store)
  await settle.run(store, clock.now(), pay)
  expect(await books(store)).toEqual(before)
}

const ADAPTERS: [name: string, open: () => Promise<Store>, runs: number][] = [
  ['sqlite', async () => new SqliteStore(':memory:'), 1000],
  ['cloudbase, the real SDK over the emulator', async () => new CloudbaseStore(await emulatedDatabase()), 60],
]

describe.each(ADAPTERS)(
  'points ledger under random sequences of shopping, refunds, check-ins, expiry and retries (%s)',
  (_, open, runs) => {
    it('keeps every balance equal to its lots and its ledger, never negative, and applies each event once', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 30 }), async (ops) => {
          const store = await open()
          await play(store, ops)
          expect((await reconcilePoints(store)).mismatches).toEqual([])
          for (const member of MEMBERS) {
            const { account, lots } = await store.findPoints(member)
            expect(lots.filter((l) => l.remaining < 0 || l.remaining > l.amount)).toEqual([])
            expect(account.available).toBeGreaterThanOrEqual(0)
            expect(account.pending).toBe(lots.filter((l) => l.status === 'pending').reduce((sum, l) => sum + l.amount, 0))
          }
          expect((await store.findSkus(SKUS)).filter((sku) => sku.stock < 0)).toEqual([])
          await store.close()
        }),
        { numRuns: runs },
      )
    }, 600_000)
  },
)
