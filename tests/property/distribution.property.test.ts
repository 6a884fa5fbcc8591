import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OrderView, QuoteView } from '../../types/api'
import type { Refund } from '../../types/domain'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { reconcileCommissions } from '../../cloudfunctions/src/app/commissions'
import { completeRefund } from '../../cloudfunctions/src/app/payments'
import { COMMISSION_CAP_BPS } from '../../cloudfunctions/src/core/commission'
import { RULES_VERSION, SETTLE_AFTER_RECEIPT_MS } from '../../cloudfunctions/src/core/distribution'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'
import type { FunctionName } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'

const HOUR = 3_600_000
const BUYERS = ['v1', 'v4', 'koc', 'koc2']
const DISTRIBUTORS = [
  { id: 'koc', code: 'KOCCODE2' },
  { id: 'koc2', code: 'KOCTWO23' },
]
const SKUS = ['p1-s1', 'p3-s1', 'p4-s1']
const PRODUCTS = ['p1', 'p3', 'p4']
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

/** The local pay provider with refunds that wait to be confirmed, so after-sale cases stay open for a while. */
class SlowRefundPay extends LocalPayProvider {
  readonly waiting: Refund[] = []
  override async refund(refund: Refund): Promise<void> {
    this.waiting.push(refund)
  }
}

type Op =
  | { kind: 'share'; buyer: number; distributor: number }
  | { kind: 'buy'; buyer: number; sku: number; quantity: number; points: boolean; payNow: boolean }
  | { kind: 'pay'; order: number; duplicate: boolean }
  | { kind: 'ship'; order: number; receive: boolean }
  | { kind: 'receive'; order: number }
  | { kind: 'refund'; order: number; line: number; approve: boolean }
  | { kind: 'confirmRefunds' }
  | { kind: 'advance'; hours: number }
  | { kind: 'weekPasses' }
  | {
      kind: 'job'
      name: 'commissionsFromOrders' | 'commissionSettlement' | 'orderAutoReceive' | 'orderComplete' | 'orderExpiry' | 'pointsFromOrders'
      twice: boolean
    }
  | { kind: 'replayOutbox' }
  | { kind: 'rate'; product: number; bps: number | null }
  | { kind: 'defaultRate'; bps: number }
  | { kind: 'withdraw'; distributor: number; share: number; retry: boolean }
  | { kind: 'freeze'; distributor: number; frozen: boolean }

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('share' as const),
      buyer: fc.constantFrom(0, 0, 1, 1, 2, 3),
      distributor: fc.nat({ max: 1 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('buy' as const),
      buyer: fc.constantFrom(0, 0, 1, 1, 2, 3),
      sku: fc.nat({ max: 2 }),
      quantity: fc.integer({ min: 1, max: 3 }),
      points: fc.boolean(),
      payNow: fc.constantFrom(true, true, true, false),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('pay' as const), order: fc.nat({ max: 9 }), duplicate: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('ship' as const), order: fc.nat({ max: 9 }), receive: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('receive' as const), order: fc.nat({ max: 9 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      order: fc.nat({ max: 9 }),
      line: fc.nat({ max: 1 }),
      approve: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('confirmRefunds' as const) }),
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), hours: fc.integer({ min: 1, max: 24 * 9 }) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('job' as const),
      name: fc.constantFrom(
        'commissionsFromOrders',
        'commissionSettlement',
        'commissionSettlement',
        'orderAutoReceive',
        'orderComplete',
        'orderExpiry',
        'pointsFromOrders',
      ),
      twice: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('replayOutbox' as const) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('weekPasses' as const) }) },
  // Operators may type anything the API accepts, up to 100%: the cap is not theirs to move.
  fc.record({
    kind: fc.constant('rate' as const),
    product: fc.nat({ max: 2 }),
    bps: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  }),
  fc.record({ kind: fc.constant('defaultRate' as const), bps: fc.integer({ min: 0, max: 10_000 }) }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      distributor: fc.nat({ max: 1 }),
      share: fc.double({ min: 0, max: 1.2, noNaN: true }),
      retry: fc.boolean(),
    }),
  },
  fc.record({ kind: fc.constant('freeze' as const), distributor: fc.nat({ max: 1 }), frozen: fc.boolean() }),
)

async function play(store: Store, ops: Op[]) {
  await smallShop(store)
  for (const d of DISTRIBUTORS) await saveMember(store, member(d.id, 3, { shareCode: d.code }))
  await store.putSettings('distribution', { minWithdraw: 100 })
  const clock = new SteppedClock(T0)
  const pay = new SlowRefundPay(store, clock)
  const call = (fn: FunctionName, action: string, data: unknown, memberId: string) =>
    dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
  for (const d of DISTRIBUTORS) {
    await call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, d.id)
    await call('distribution', 'approve', { memberId: d.id }, 'brand')
  }
  const orders: { id: string; buyer: string }[] = []
  // Each order action picks among the orders it can apply to, so the runs reach the later states.
  const pickIn = async (i: number, statuses: string[]) => {
    const candidates: { id: string; buyer: string }[] = []
    for (const o of orders) if (statuses.includes((await store.findOrder(o.id))!.order.status)) candidates.push(o)
    return candidates.length === 0 ? null : candidates[i % candidates.length]
  }
  let withdrawals = 0

  for (const [i, o] of ops.entries()) {
    if (o.kind === 'share') {
      await call(
        'catalog',
        'touch',
        { entryId: `entry-${String(i).padStart(6, '0')}`, shareCode: DISTRIBUTORS[o.distributor].code, path: '/pages/home/index' },
        BUYERS[o.buyer],
      )
    } else if (o.kind === 'buy') {
      const buyer = BUYERS[o.buyer]
      const items = [{ skuId: SKUS[o.sku], quantity: o.quantity }]
      const probe = await call('order', 'quote', { items, usePoints: 0 }, buyer)
      if (!probe.ok) continue
      const usePoints = o.points ? (probe.data as QuoteView).points.maxUsable : 0
      const q = await call('order', 'quote', { items, usePoints }, buyer)
      if (!q.ok) continue
      const created = await call(
        'order',
        'create',
        { requestId: `prop-${String(i).padStart(6, '0')}`, items, address, usePoints, expectedPayable: (q.data as QuoteView).payable },
        buyer,
      )
      if (!created.ok) continue
      orders.push({ id: (created.data as { order: OrderView }).order.id, buyer })
      if (o.payNow) await pay.pay(orders[orders.length - 1].id, false)
    } else if (o.kind === 'advance') clock.advance(o.hours * HOUR)
    else if (o.kind === 'weekPasses') {
      // A week and a day with the timers running, as they do in production.
      clock.advance(8 * 24 * HOUR)
      for (const name of ['orderComplete', 'commissionSettlement']) await JOBS.find((j) => j.name === name)!.run(store, clock.now(), pay)
    } else if (o.kind === 'job') {
      const job = JOBS.find((j) => j.name === o.name)!
      await job.run(store, clock.now(), pay)
      if (o.twice) await job.run(store, clock.now(), pay)
    } else if (o.kind === 'replayOutbox') {
      // A consumer that lost its cursor reads the whole outbox again.
      await store.saveCursor('commissions', 0)
      await JOBS.find((j) => j.name === 'commissionsFromOrders')!.run(store, clock.now(), pay)
    } else if (o.kind === 'confirmRefunds') {
      for (const refund of pay.waiting.splice(0)) await completeRefund(store, refund.id, clock.now())
    } else if (o.kind === 'rate') {
      await call('distribution', 'setRates', { products: [{ productId: PRODUCTS[o.product], bps: o.bps }] }, 'brand')
    } else if (o.kind === 'defaultRate') {
      await call('distribution', 'setRates', { defaultBps: o.bps }, 'brand')
    } else if (o.kind === 'withdraw') {
      const d = DISTRIBUTORS[o.distributor]
      const available = (await store.findCommissions(d.id, { lineIds: [] })).account.available
      const amount = Math.max(1, Math.floor(available * o.share))
      const requestId = `withdraw-${String(withdrawals).padStart(6, '0')}`
      if (!o.retry) withdrawals += 1
      await call('distribution', 'withdraw', { amount, requestId }, d.id)
    } else if (o.kind === 'freeze') {
      await call('distribution', 'freeze', { memberId: DISTRIBUTORS[o.distributor].id, frozen: o.frozen, reason: '核查' }, 'brand')
    } else if (o.kind === 'pay') {
      // A duplicate notice may arrive for any order, paid or not.
      const target = o.duplicate
        ? await pickIn(o.order, ['created', 'paid', 'shipped', 'received', 'cancelled'])
        : await pickIn(o.order, ['created'])
      if (target) await pay.pay(target.id, o.duplicate)
    } else if (o.kind === 'ship') {
      const target = await pickIn(o.order, ['paid'])
      if (target) await call('order', 'ship', { orderId: target.id, carrier: '顺丰速运', trackingNo: 'SF000000000100' }, 'brand')
      if (target && o.receive) await call('order', 'confirmReceipt', { orderId: target.id }, target.buyer)
    } else if (o.kind === 'receive') {
      const target = await pickIn(o.order, ['shipped'])
      if (target) await call('order', 'confirmReceipt', { orderId: target.id }, target.buyer)
    } else if (o.kind === 'refund') {
      const target = await pickIn(o.order, ['paid', 'shipped', 'received'])
      const found = target && (await store.findOrder(target.id))
      const line = found && found.order.lines[o.line % found.order.lines.length]
      if (line) await call('order', 'requestRefund', { orderId: found.order.id, lineIds: [line.id], reason: '随机退款' }, target.buyer)
      // Asked after shipment, the case waits for review: the 客服 approves it now, or it stays open.
      const waiting = found ? (await store.listRefunds(found.order.id)).find((r) => r.status === 'reviewing') : undefined
      if (waiting && o.approve) await call('order', 'approveRefund', { refundId: waiting.id }, 'brand')
    }
    // Until the outbox consumer has read a refund, a pending line still shows its figure at payment;
    // right after any run of it the figures must be exact.
    const consumed =
      o.kind === 'replayOutbox' ||
      o.kind === 'weekPasses' ||
      (o.kind === 'job' && (o.name === 'commissionsFromOrders' || o.name === 'commissionSettlement'))
    await checkInvariants(
      store,
      orders.map((x) => x.id),
      consumed,
    )
  }

  // The timers catch up: every paid attributed line has its commission line, and nothing is lost.
  await JOBS.find((j) => j.name === 'commissionsFromOrders')!.run(store, clock.now(), pay)
  await checkInvariants(
    store,
    orders.map((x) => x.id),
    true,
  )
  // Then each distributor takes out what they may, twice under the same request id.
  for (const d of DISTRIBUTORS) {
    const { available } = (await store.findCommissions(d.id, { lineIds: [] })).account
    for (let attempt = 0; attempt < 2; attempt += 1)
      await call('distribution', 'withdraw', { amount: Math.min(available, 100_000), requestId: 'withdraw-final' }, d.id)
  }
  await checkInvariants(
    store,
    orders.map((x) => x.id),
    true,
  )
  await tally(store)
}

/** What the runs reached, so the suite shows it exercised every path it claims to check. */
const reached = { pending: 0, frozen: 0, available: 0, void: 0, capped: 0, paidOut: 0 }

async function tally(store: Store) {
  for (const d of DISTRIBUTORS) {
    const lines = (await store.listCommissionLines({ distributorId: d.id, offset: 0, limit: 1000 })).items
    for (const status of ['pending', 'frozen', 'available', 'void'] as const)
      reached[status] += lines.filter((l) => l.status === status).length
    reached.capped += lines.filter((l) => l.capped).length
    reached.paidOut += (await store.listWithdrawals(d.id, 0, 100)).items.filter((w) => w.status === 'paid').length
  }
}

async function checkInvariants(store: Store, orderIds: string[], caughtUp: boolean) {
  let paidBases = 0
  let commissions = 0
  for (const id of orderIds) {
    const { order } = (await store.findOrder(id))!
    const lines = await store.commissionLinesOfOrder(id)
    for (const orderLine of order.lines) {
      // Depth one: the only distributor is the one on the line, never the buyer.
      if (orderLine.distributorId !== null) expect(orderLine.distributorId).not.toBe(order.memberId)
      const mine = lines.filter((l) => l.orderLineId === orderLine.id)
      expect(mine.length).toBeLessThanOrEqual(1)
      const line = mine[0]
      if (caughtUp && orderLine.distributorId !== null && order.paidAt !== null) expect(line).toBeDefined()
      if (!line) continue
      // Never more than the cap of what was paid for the line, read or not.
      expect(line.amount).toBeLessThanOrEqual(Math.floor((orderLine.paidAmount * COMMISSION_CAP_BPS) / 10_000))
      expect(line.distributorId).toBe(orderLine.distributorId)
      expect(order.paidAt).not.toBeNull()
      const base = orderLine.paidAmount - orderLine.refundedAmount
      paidBases += base
      commissions += line.amount
      // Within the cap of what stays paid for the line, once the refunds are read.
      expect(line.amount).toBeGreaterThanOrEqual(0)
      if (caughtUp) expect(line.amount).toBeLessThanOrEqual(Math.floor((base * COMMISSION_CAP_BPS) / 10_000))
      expect(line.bps).toBeLessThanOrEqual(COMMISSION_CAP_BPS)
      if (line.status === 'void') expect(base).toBe(0)
      if (line.status === 'frozen' || line.status === 'available') {
        expect(order.receivedAt).not.toBeNull()
        expect(line.availableAt).toBe(order.receivedAt! + SETTLE_AFTER_RECEIPT_MS)
      }
      // Nothing becomes available before receipt + 7 days.
      if (line.status === 'available') expect(line.settledAt!).toBeGreaterThanOrEqual(order.receivedAt! + SETTLE_AFTER_RECEIPT_MS)
    }
  }
  if (caughtUp) expect(commissions).toBeLessThanOrEqual(Math.floor((paidBases * COMMISSION_CAP_BPS) / 10_000))
  // Money: every balance equals its ledger, nothing negative, and what was settled is accounted for.
  expect((await reconcileCommissions(store)).mismatches).toEqual([])
  for (const d of DISTRIBUTORS) {
    const { account } = await store.findCommissions(d.id, { lineIds: [] })
    for (const figure of [account.available, account.processing, account.withdrawn, account.debt]) expect(figure).toBeGreaterThanOrEqual(0)
    const lines = (await store.listCommissionLines({ distributorId: d.id, offset: 0, limit: 1000 })).items
    const kept = lines.filter((l) => l.status === 'available').reduce((sum, l) => sum + l.amount, 0)
    expect(account.available + account.processing + account.withdrawn - account.debt).toBe(kept)
    // Each line settled once: one settle entry per available line, for what it was worth then.
    const entries = await store.listCommissionEntries(d.id)
    const settles = entries.filter((e) => e.kind === 'settle')
    expect(settles.map((e) => e.ref).sort()).toEqual(
      lines
        .filter((l) => l.settledAt !== null)
        .map((l) => l.id)
        .sort(),
    )
    for (const e of settles) {
      const line = lines.find((l) => l.id === e.ref)!
      expect(e.delta).toBe(line.amount + line.clawedBack)
    }
  }
}

/** A buyer brought by each distributor: one order delivered and settled at a capped rate, one refunded. */
const EVERY_STATE: Op[] = [
  { kind: 'rate', product: 0, bps: 10_000 },
  { kind: 'share', buyer: 0, distributor: 0 },
  { kind: 'buy', buyer: 0, sku: 0, quantity: 1, points: false, payNow: true },
  { kind: 'ship', order: 0, receive: true },
  { kind: 'share', buyer: 1, distributor: 1 },
  { kind: 'buy', buyer: 1, sku: 1, quantity: 2, points: false, payNow: true },
  { kind: 'buy', buyer: 1, sku: 2, quantity: 1, points: false, payNow: true },
  { kind: 'job', name: 'commissionsFromOrders', twice: false },
  { kind: 'refund', order: 0, line: 0, approve: true },
  { kind: 'confirmRefunds' },
  { kind: 'ship', order: 0, receive: true },
  { kind: 'weekPasses' },
  { kind: 'ship', order: 0, receive: true },
  { kind: 'buy', buyer: 0, sku: 1, quantity: 1, points: true, payNow: true },
  { kind: 'job', name: 'commissionsFromOrders', twice: true },
]

describe('distribution rules hold whatever happens (property)', () => {
  for (const [adapter, open] of STORE_ADAPTERS) {
    it(`over ${adapter}: depth one, the cap, the 7-day wait, once-only changes and balanced books`, async () => {
      for (const path of Object.keys(reached) as (keyof typeof reached)[]) reached[path] = 0
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 60, size: 'max' }), async (ops) => {
          const store = open()
          try {
            await play(store, ops)
          } finally {
            await store.close()
          }
        }),
        // One hand-made run first reaches every state for sure; the random ones then go anywhere.
        { numRuns: adapter === 'sqlite' ? 400 : 100, examples: [[EVERY_STATE]] },
      )
      for (const path of ['pending', 'frozen', 'available', 'void', 'capped', 'paidOut'] as const)
        expect(reached[path], path).toBeGreaterThan(0)
    }, 300_000)
  }
})
