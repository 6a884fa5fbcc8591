import type { AttributedOrderView, CommissionLineView, DistributorDashboard, Page } from '../../../types/api'
import type {
  CommissionAccount,
  CommissionLine,
  CommissionStatus,
  Distributor,
  DomainEvent,
  Member,
  Order,
  OrderLine,
} from '../../../types/domain'
import { paging } from '../core/catalog'
import { COMMISSION_CAP_BPS } from '../core/commission'
import { freezeLine, maskedBuyer, openCommissionLines, refundLine, clawBack, settleLines } from '../core/distribution'
import { shopMonth } from '../core/withdrawals'
import { settleable } from '../core/settlement'
import { shopDay, shopDayBefore, shopDayBounds } from '../core/time'
import type { CommissionState, DueLine, Store } from '../store/port'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
import { readEach } from './reads'
import { consumeOutbox } from './outbox'
import { distributionSettings } from './settings'
import { activeDistributor } from './distributors'

const lineIdsOf = (order: Order, distributorId: string) =>
  order.lines.filter((l) => l.distributorId === distributorId).map((l) => `cm-${l.id}`)

/** Opens the order's commission lines once (a line that exists is left alone). */
async function openForOrder(store: Store, order: Order, now: number): Promise<void> {
  if (order.paidAt === null) return
  const distributors = [...new Set(order.lines.map((l) => l.distributorId).filter((d): d is string => typeof d === 'string'))]
  if (distributors.length === 0) return
  const { settings } = await distributionSettings(store, now)
  const products = await store.findProducts([...new Set(order.lines.map((l) => l.productId))])
  const rates = new Map(products.map((p) => [p.id, p.commissionBps]))
  for (const distributorId of distributors) {
    const ids = lineIdsOf(order, distributorId)
    await store.updateCommissions(distributorId, { lineIds: ids }, (state) => {
      const missing = openCommissionLines(order, distributorId, rates, settings.defaultBps, now).filter(
        (l) => !state.lines.some((s) => s.id === l.id),
      )
      return missing.length === 0 ? null : { account: state.account, lines: missing, withdrawals: [], entries: [] }
    })
  }
}

/**
 * The commission ledger's reading of the order outbox: paid -> lines opened pending; received ->
 * frozen until 7 days later; a refunded line -> its commission shrinks or voids, or is clawed back
 * when it was already available. Every step is decided from absolute figures, so rereading is harmless.
 */
export async function applyOrderEventsToCommissions(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; done: boolean }> {
  return consumeOutbox(store, 'commissions', (event) => applyEvent(store, event, now), budget)
}

async function applyEvent(store: Store, event: DomainEvent, now: number): Promise<void> {
  if (event.type === 'order.cancelled' || event.type === 'order.completed') return
  const found = await store.findOrder(event.orderId)
  if (!found || found.order.paidAt === null) return
  const { order } = found
  if (!order.lines.some((l) => typeof l.distributorId === 'string')) return
  // Events of one instant may be read in any order: every event first makes sure the lines exist.
  await openForOrder(store, order, now)
  if (event.type === 'order.received' && order.receivedAt !== null) {
    for (const distributorId of new Set(order.lines.map((l) => l.distributorId).filter((d): d is string => typeof d === 'string'))) {
      await store.updateCommissions(distributorId, { lineIds: lineIdsOf(order, distributorId) }, (state) => {
        const frozen = state.lines.map((l) => freezeLine(l, order.receivedAt!)).filter((l): l is CommissionLine => l !== null)
        return frozen.length === 0 ? null : { account: state.account, lines: frozen, withdrawals: [], entries: [] }
      })
    }
  }
  if (event.type === 'order.line_refunded') {
    const orderLine = order.lines.find((l) => l.id === event.payload.lineId)
    if (!orderLine || typeof orderLine.distributorId !== 'string') return
    await store.updateCommissions(orderLine.distributorId, { lineIds: [`cm-${orderLine.id}`] }, (state) => {
      const line = state.lines[0]
      const change = line && refundLine(line, orderLine.refundedAmount, now)
      if (!change) return null
      const taken =
        change.clawback > 0 ? clawBack(state.account, change.line, change.clawback, now) : { account: state.account, entries: [] }
      return { account: taken.account, lines: [change.line], withdrawals: [], entries: taken.entries }
    })
  }
}

/**
 * Lines per slice. Where the store settles a slice in one transaction (SQLite), 200 000: a distributor's
 * account is written once for all of their lines in it, and the pages every slice touches once per
 * distributor (their lines in flight, their ledger) are shared by many lines, which keeps the WAL under
 * 1 KB a row (196 B at 10^6 lines). A full slice holds the write lock for about 3 s on the bench
 * machine. Otherwise each distributor in a slice is a
 * transaction of its own (CloudBase), and a read may answer fewer lines than asked (a page) without
 * the pass being over.
 */
const SETTLE_SLICE = { oneTransaction: 200_000, atOnce: 5_000, memberByMember: 200 }

/**
 * The settlement job: reads the outbox first (so receipts are frozen), then makes every frozen line
 * whose 7 days are over available — unless its order line has an after-sale case open or its
 * distributor is frozen; those wait for a later pass. A pass walks the due lines by (availableAt, id)
 * and keeps its place in `job_cursors/commissionSettlement`, so a run cut short by its budget is
 * continued by the next and lines that wait do not hold back those after them.
 */
export async function settleCommissions(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ settled: number; amount: number; waiting: number; done: boolean }> {
  const totals = { settled: 0, amount: 0, waiting: 0 }
  if (!(await applyOrderEventsToCommissions(store, now, budget)).done) return { ...totals, done: false }
  const cursor = await JobCursor.open<{ at: number; id: string }>(store, 'commissionSettlement')
  const distributors = new Map<string, Distributor | null>()
  if (store.settleCommissionSlice) {
    const rule = {
      now,
      settles: (line: DueLine, orderLine: Pick<OrderLine, 'status'> | null, distributor: Distributor | null) =>
        settleable(line, orderLine, distributor, now).settle,
      settle: <L extends DueLine>(account: CommissionAccount, lines: readonly L[]) => settleLines(account, lines, now),
      distributors,
    }
    const limit = sliceOf(budget, SETTLE_SLICE.oneTransaction)
    for (;;) {
      if (!budget.more()) return { ...totals, done: false }
      const slice = await store.settleCommissionSlice(rule, cursor.position, limit, {
        job: 'commissionSettlement',
        version: cursor.savedVersion,
      })
      // Another run of the job moved the cursor meanwhile: it goes on from there, this one stops.
      if (!slice) return { ...totals, done: false }
      cursor.savedWith(slice.last, slice.cursorVersion)
      totals.settled += slice.settled
      totals.amount += slice.amount
      totals.waiting += slice.waiting
      if (slice.read < limit) break
    }
    if (!(await cursor.save(null))) return { ...totals, done: false }
    return { ...totals, done: true }
  }
  const limit = sliceOf(budget, store.appliesSliceAtOnce() ? SETTLE_SLICE.atOnce : SETTLE_SLICE.memberByMember)
  for (;;) {
    if (!budget.more()) return { ...totals, done: false }
    const due = await store.dueCommissionLines(now, cursor.position, limit)
    if (due.length === 0) break
    // The slice's orders and the distributors not met before, read together.
    const [orders, met] = await Promise.all([
      readEach(
        due.map((l) => l.orderId),
        async (id) => (await store.findOrder(id))?.order ?? null,
      ),
      readEach(
        due.map((l) => l.distributorId).filter((id) => !distributors.has(id)),
        (id) => store.findDistributor(id),
      ),
    ])
    for (const [id, distributor] of met) distributors.set(id, distributor)
    const byDistributor = new Map<string, string[]>()
    for (const line of due) {
      const orderLine = orders.get(line.orderId)?.lines.find((l) => l.id === line.orderLineId) ?? null
      if (!settleable(line, orderLine, distributors.get(line.distributorId) ?? null, now).settle) {
        totals.waiting += 1
        continue
      }
      byDistributor.set(line.distributorId, [...(byDistributor.get(line.distributorId) ?? []), line.id])
    }
    const applied = await store.updateCommissionsBatch(
      [...byDistributor].map(([distributorId, lineIds]) => ({
        distributorId,
        read: { lineIds },
        decide: (state: CommissionState) => settleLines(state.account, state.lines, now),
      })),
    )
    for (const write of applied) {
      totals.settled += write.lines.length
      totals.amount += write.lines.reduce((sum, l) => sum + l.amount, 0)
    }
    const last = due[due.length - 1]
    // Another run of the job moved the cursor meanwhile: it goes on from there, this one stops.
    if (!(await cursor.save({ at: last.availableAt ?? now, id: last.id }))) return { ...totals, done: false }
  }
  if (!(await cursor.save(null))) return { ...totals, done: false }
  return { ...totals, done: true }
}

export async function dashboard(store: Store, member: Member, now: number): Promise<DistributorDashboard> {
  const d = await activeDistributor(store, member)
  const { settings } = await distributionSettings(store, now)
  const today = shopDay(now)
  const firstDay = shopDayBefore(today, 29)
  const monthStart = shopDayBounds(`${shopMonth(now)}-01`).start
  const seriesStart = shopDayBounds(firstDay).start
  const [state, inFlight, lines] = await Promise.all([
    store.findCommissions(d.memberId, { lineIds: [] }),
    store.commissionInFlight(d.memberId),
    store.commissionLinesPaidBetween(d.memberId, Math.min(seriesStart, monthStart), shopDayBounds(today).end),
  ])
  const { account } = state
  const byDay = new Map<string, number>()
  for (const l of lines) byDay.set(shopDay(l.createdAt), (byDay.get(shopDay(l.createdAt)) ?? 0) + l.amount)
  const series = Array.from({ length: 30 }, (_, i) => {
    const day = shopDayBefore(today, 29 - i)
    return { day, amount: byDay.get(day) ?? 0 }
  })
  const monthLines = lines.filter((l) => l.createdAt >= monthStart)
  const withdrawnToday = account.day === today ? account.dayWithdrawn : 0
  return {
    code: d.code,
    status: d.status,
    pending: inFlight.pending,
    frozen: inFlight.frozen,
    available: account.available,
    processing: account.processing,
    withdrawn: account.withdrawn,
    debt: account.debt,
    month: {
      commission: monthLines.reduce((sum, l) => sum + l.amount, 0),
      orders: new Set(monthLines.map((l) => l.orderId)).size,
      withdrawn: account.month === shopMonth(now) ? account.monthIncome : 0,
    },
    series,
    withdraw: { min: settings.minWithdraw, dailyCap: settings.dailyCap, leftToday: Math.max(0, settings.dailyCap - withdrawnToday) },
    rates: { defaultBps: settings.defaultBps, capBps: COMMISSION_CAP_BPS },
  }
}

function lineView(line: CommissionLine): CommissionLineView {
  const { buyerId, distributorId, ...rest } = line
  return { ...rest, buyer: maskedBuyer(distributorId, buyerId) }
}

export async function commissionLines(
  store: Store,
  member: Member,
  req: { status?: CommissionStatus; page?: number; pageSize?: number },
): Promise<Page<CommissionLineView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listCommissionLines({
    distributorId: d.memberId,
    status: req.status,
    offset: p.offset,
    limit: p.pageSize,
  })
  return { items: items.map(lineView), page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

/** Attributed orders with a masked buyer: no name, phone or address ever leaves the server. */
export async function attributedOrders(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
): Promise<Page<AttributedOrderView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listAttributedOrders(d.memberId, p.offset, p.pageSize)
  return {
    items: items.map(({ orderId, lines }) => ({
      orderId,
      buyer: maskedBuyer(d.memberId, lines[0].buyerId),
      paidAt: lines[0].createdAt,
      lines: lines.map((l) => ({
        title: l.title,
        image: l.image,
        quantity: l.quantity,
        base: l.paidAmount - l.refundedAmount,
        commission: l.amount,
        status: l.status,
      })),
      commission: lines.reduce((sum, l) => sum + l.amount, 0),
    })),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

/** For reconciliation and tests: every distributor whose balance differs from their ledger. */
export async function reconcileCommissions(
  store: Store,
): Promise<{ checked: number; mismatches: { distributorId: string; available: number; ledgerSum: number }[] }> {
  let after = ''
  let checked = 0
  const mismatches: { distributorId: string; available: number; ledgerSum: number }[] = []
  for (;;) {
    const batch = await store.commissionTotals(after, 500)
    if (batch.length === 0) return { checked, mismatches }
    checked += batch.length
    mismatches.push(...batch.filter((t) => t.available !== t.ledgerSum))
    after = batch[batch.length - 1].distributorId
  }
}
