import { caseOpen } from '../../cloudfunctions/src/core/aftersale'
import type { Refund, Team } from '../../types/domain'
import { reconcileCommissions } from '../../cloudfunctions/src/app/commissions'
import { reconcilePoints } from '../../cloudfunctions/src/app/points'
import { COMMISSION_CAP_BPS } from '../../cloudfunctions/src/core/commission'
import { SETTLE_AFTER_RECEIPT_MS } from '../../cloudfunctions/src/core/distribution'
import type { Store } from '../../cloudfunctions/src/store/port'
import type { Books } from './books'

export { tableRows } from './books'

/** The units the shop owns of each SKU and mall item, on the shelf or out with orders and redemptions. */
export interface Opening {
  skuStock: Record<string, number>
  itemStock: Record<string, number>
}

const add = (counts: Map<string, number>, key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n)

/**
 * The units out of stock: with every order that still holds them, flash allotments with them, and
 * with every redemption not cancelled. Units leave the shelf with an order and come back only when it
 * is cancelled unpaid, or when a team that never formed (or no longer had the seat) hands the payment
 * back; after-sale refunds of delivered goods do not restock.
 */
function unitsOut(books: Books) {
  const teams = new Map<string, Team>(books.teams.map((t) => [t.id, t]))
  const skus = new Map<string, number>()
  const flash = new Map<string, number>()
  const items = new Map<string, number>()
  for (const o of books.orders) {
    const seat = o.team ? teams.get(o.team.teamId)?.seats.find((s) => s.orderId === o.id) : undefined
    const teamRefunded = o.team != null && books.refunds.some((r) => r.orderId === o.id && r.lines.length > 0) && seat?.status !== 'paid'
    if (o.status === 'cancelled' || teamRefunded) continue
    for (const l of o.lines) {
      add(skus, l.skuId, l.quantity)
      if (l.flash) add(flash, l.flash.campaignId, l.quantity)
    }
  }
  for (const r of books.redemptions) if (r.status !== 'cancelled') add(items, r.itemId, 1)
  return { skus, flash, items }
}

/** Per SKU, the sum of staff stock adjustments recorded. */
function adjustedStock(books: Books): Map<string, number> {
  const adjusted = new Map<string, number>()
  for (const a of books.adjustments) add(adjusted, a.skuId, a.delta)
  return adjusted
}

/** What the shop owns now (shelf + out), for `shopInvariants` to account against later; works on a shop with history. */
export function openingOf(books: Books): Opening {
  const out = unitsOut(books)
  const adjusted = adjustedStock(books)
  return {
    skuStock: Object.fromEntries(books.skus.map((r) => [r.id, r.stock + (out.skus.get(r.id) ?? 0) - (adjusted.get(r.id) ?? 0)])),
    itemStock: Object.fromEntries(books.items.map((r) => [r.id, r.stock + (out.items.get(r.id) ?? 0)])),
  }
}
/** The campaign seats a team holds, as the rules promise: all of them from its opening on; once it failed, its paid seats still to refund; none once cancelled. */
export function campaignSeatsOf(team: Team): number {
  if (team.status === 'cancelled') return 0
  if (team.status === 'failed') return team.seats.filter((s) => s.status === 'paid').length
  return team.size
}

const capOf = (base: number) => Math.floor((base * COMMISSION_CAP_BPS) / 10_000)

/**
 * Every rule the shop's books must keep whatever happened, as a list of what is broken (empty when
 * all hold): balances equal their ledgers, nothing below zero, every unit and fen accounted for
 * once, no team above its size, commissions within the cap at depth one. `caughtUp` says the outbox
 * consumers have read everything, so a commission must already reflect every refund.
 */
export async function shopInvariants(store: Store, books: Books, opening: Opening, caughtUp: boolean): Promise<string[]> {
  const broken: string[] = []
  const fail = (what: string) => broken.push(what)

  // Points: balance = lots = ledger for every member, nothing negative, one check-in a day.
  for (const m of (await reconcilePoints(store)).mismatches)
    fail(`points of ${m.memberId}: available ${m.available}, lots ${m.lotRemainder}, ledger ${m.ledgerSum}`)
  for (const p of books.pointsAccounts) {
    const lots = books.pointsLots.filter((l) => l.memberId === p.memberId)
    const pendingLots = lots.filter((l) => l.status === 'pending').reduce((sum, l) => sum + l.amount, 0)
    const badLots = lots.filter((l) => l.remaining < 0 || l.remaining > l.amount).length
    if (p.available < 0 || p.pending < 0 || p.debt < 0) fail(`points of ${p.memberId} below zero`)
    if (p.pending !== pendingLots) fail(`pending points of ${p.memberId}: ${p.pending}, pending lots ${pendingLots}`)
    if (badLots > 0) fail(`${badLots} lots of ${p.memberId} outside 0..amount`)
  }
  const checkIns = new Map<string, number>()
  for (const e of books.ledger) if (e.source === 'checkin' && e.kind === 'grant') add(checkIns, `${e.memberId} ${e.ref}`, 1)
  for (const [t, n] of checkIns) if (n > 1) fail(`check-in credited twice: ${t}`)

  // Orders and money: one applied payment per paid order, for what it asked; every refused payment
  // refunded once; an order's refunds add up to what it says was refunded, never above what was paid.
  const { orders, payments, refunds, redemptions } = books
  const refundsByOrder = new Map<string, Refund[]>()
  for (const r of refunds) refundsByOrder.set(r.orderId, [...(refundsByOrder.get(r.orderId) ?? []), r])
  for (const p of payments.filter((x) => x.outcome === 'refused')) {
    const back = refunds.filter((r) => r.id === `P${p.transactionId}`)
    if (back.length !== 1 || back[0].amount !== p.amount) fail(`refused payment ${p.transactionId} not refunded exactly once`)
  }
  for (const o of orders) {
    const applied = payments.filter((p) => p.orderId === o.id && p.outcome === 'applied')
    if (applied.length > 1) fail(`order ${o.id} paid ${applied.length} times`)
    if ((o.paidAt !== null) !== (applied.length === 1)) fail(`order ${o.id}: paidAt ${o.paidAt} with ${applied.length} applied payments`)
    if (applied[0] && applied[0].amount !== o.payable) fail(`order ${o.id} paid ${applied[0].amount} for ${o.payable}`)
    const lineSum = o.lines.reduce((sum, l) => sum + l.paidAmount, 0)
    if (lineSum + o.shipping !== o.payable) fail(`order ${o.id}: lines ${lineSum} + shipping ${o.shipping} ≠ payable ${o.payable}`)
    const mine = (refundsByOrder.get(o.id) ?? []).filter((r) => r.lines.length > 0)
    const refunded = mine.filter((r) => r.status === 'refunded').reduce((sum, r) => sum + r.amount, 0)
    if (refunded !== o.refundedAmount) fail(`order ${o.id}: refunds ${refunded}, order says ${o.refundedAmount}`)
    if (o.refundedAmount > o.payable) fail(`order ${o.id} refunded ${o.refundedAmount} of ${o.payable}`)
    for (const l of o.lines) {
      const inRefunds = mine
        .filter((r) => r.status === 'refunded')
        .flatMap((r) => r.lines)
        .filter((x) => x.id === l.id)
      if (inRefunds.length > 1) fail(`line ${l.id} refunded ${inRefunds.length} times`)
      if (l.refundedAmount > l.paidAmount || l.refundedAmount < 0) fail(`line ${l.id} refunded ${l.refundedAmount} of ${l.paidAmount}`)
      if ((l.status === 'refunded') !== (inRefunds.length === 1))
        fail(`line ${l.id} is ${l.status} with ${inRefunds.length} completed refunds`)
      // A line is held (refunding) exactly while one open after-sale case asks for it.
      const openCases = (refundsByOrder.get(o.id) ?? []).filter((r) => caseOpen(r.status) && r.lines.some((x) => x.id === l.id))
      if (openCases.length > 1) fail(`line ${l.id} is in ${openCases.length} open after-sale cases`)
      if ((l.status === 'refunding') !== (openCases.length === 1)) fail(`line ${l.id} is ${l.status} with ${openCases.length} open cases`)
    }
  }
  const out = unitsOut(books)
  const adjusted = adjustedStock(books)
  for (const s of books.skus) {
    if (s.stock < 0) fail(`SKU ${s.id} stock ${s.stock}`)
    // Staff adjustments move the shelf too: each is counted once, from its record.
    const expected = (opening.skuStock[s.id] ?? 0) + (adjusted.get(s.id) ?? 0) - (out.skus.get(s.id) ?? 0)
    if (s.stock !== expected)
      fail(
        `SKU ${s.id}: stock ${s.stock}, expected ${expected} (opening ${opening.skuStock[s.id]} less ${out.skus.get(s.id) ?? 0} in orders)`,
      )
  }
  for (const f of books.flashSold)
    if (f.sold !== (out.flash.get(f.id) ?? 0)) fail(`flash campaign ${f.id}: sold ${f.sold}, in orders ${out.flash.get(f.id) ?? 0}`)
  const claims = books.offerClaims
  for (const c of claims) {
    const o = orders.find((x) => x.id === c.orderId)
    if (!o || o.status === 'cancelled' || o.offer?.campaignId !== c.campaignId)
      fail(`new-member claim of ${c.memberId} on ${c.orderId} without a live order`)
  }
  for (const o of orders.filter((x) => x.offer && x.status !== 'cancelled')) {
    if (!claims.some((c) => c.orderId === o.id)) fail(`order ${o.id} took a new-member offer without a claim`)
  }

  // Coupons: one order per coupon, and the coupon knows it.
  for (const r of redemptions.filter((x) => x.kind === 'coupon')) {
    const users = orders.filter((o) => o.couponId === r.id && o.status !== 'cancelled')
    if (users.length > 1) fail(`coupon ${r.id} used by ${users.length} orders`)
    if (users.length === 1 && r.usedByOrder !== users[0].id) fail(`coupon ${r.id} used by ${users[0].id} but records ${r.usedByOrder}`)
    // A cancelled order's coupon comes back when the outbox consumer reads the cancellation.
    const awaitingRelease = !caughtUp && orders.find((o) => o.id === r.usedByOrder)?.status === 'cancelled'
    if (users.length === 0 && r.usedByOrder !== null && !awaitingRelease)
      fail(`coupon ${r.id} records ${r.usedByOrder}, which did not keep it`)
  }
  // Redemptions: points taken once each, given back once when cancelled; units accounted for.
  const redeemEntries = books.ledger.filter((e) => e.id.startsWith('redeem:') || e.id.startsWith('unredeem:'))
  for (const r of redemptions) {
    const moves = redeemEntries.filter((e) => e.ref === r.id)
    const net = moves.reduce((sum, e) => sum + e.delta, 0)
    const expected = r.status === 'cancelled' ? 0 : -r.pointsPrice
    if (net !== expected || moves.length !== (r.status === 'cancelled' ? 2 : 1))
      fail(`redemption ${r.id} (${r.status}) moved points ${moves.map((e) => e.delta).join(', ')}`)
  }
  for (const i of books.items) {
    const redeemed = out.items.get(i.id) ?? 0
    if (i.stock < 0 || i.stock !== (opening.itemStock[i.id] ?? 0) - redeemed)
      fail(`mall item ${i.id}: stock ${i.stock}, opening ${opening.itemStock[i.id]}, redeemed ${redeemed}`)
  }

  // Teams: never above size, full when succeeded, and the campaign's seat count is what its teams
  // hold: a whole team's seats from its opening on, only the paid seats still to refund once it
  // failed, none once cancelled.
  const taken = new Map<string, number>()
  for (const t of books.teams) {
    const live = t.seats.filter((s) => s.status === 'held' || s.status === 'paid').length
    taken.set(t.campaignId, (taken.get(t.campaignId) ?? 0) + campaignSeatsOf(t))
    if (live > t.size) fail(`team ${t.id} holds ${live} seats of ${t.size}`)
    if (t.status === 'succeeded' && t.seats.filter((s) => s.status === 'paid').length !== t.size)
      fail(`team ${t.id} succeeded without ${t.size} paid seats`)
    for (const s of t.seats.filter((x) => x.status === 'paid')) {
      const o = orders.find((x) => x.id === s.orderId)
      if (!o || o.paidAt === null) fail(`team ${t.id} counts an unpaid seat ${s.orderId}`)
    }
  }
  for (const c of books.seatsTaken)
    if (c.taken !== (taken.get(c.id) ?? 0)) fail(`group-buy ${c.id} counts ${c.taken} seats, teams hold ${taken.get(c.id) ?? 0}`)

  // Commissions: depth one, at most one line per order line, within the cap, settled once.
  const lines = books.commissionLines
  let bases = 0
  let amounts = 0
  for (const o of orders) {
    for (const ol of o.lines) {
      if (ol.distributorId !== null && ol.distributorId === o.memberId) fail(`order ${o.id} attributed to its own buyer`)
      const mine = lines.filter((l) => l.orderLineId === ol.id)
      if (mine.length > 1) fail(`order line ${ol.id} has ${mine.length} commission lines`)
      const line = mine[0]
      if (caughtUp && ol.distributorId !== null && o.paidAt !== null && !line) fail(`paid attributed line ${ol.id} has no commission line`)
      if (!line) continue
      const base = ol.paidAmount - ol.refundedAmount
      bases += base
      amounts += line.amount
      if (line.distributorId !== ol.distributorId)
        fail(`commission ${line.id} goes to ${line.distributorId}, the line names ${ol.distributorId}`)
      if (o.paidAt === null) fail(`commission ${line.id} on an unpaid order`)
      if (line.amount < 0 || line.amount > capOf(ol.paidAmount)) fail(`commission ${line.id}: ${line.amount} on ${ol.paidAmount}`)
      if (caughtUp && line.amount > capOf(base)) fail(`commission ${line.id}: ${line.amount} on ${base} kept`)
      if (line.bps > COMMISSION_CAP_BPS) fail(`commission ${line.id} at ${line.bps} bps`)
      if (line.status === 'void' && base !== 0) fail(`commission ${line.id} void on ${base} kept`)
      if (line.status === 'available' && (o.receivedAt === null || line.settledAt! < o.receivedAt + SETTLE_AFTER_RECEIPT_MS))
        fail(`commission ${line.id} available before receipt + 7 days`)
    }
  }
  if (caughtUp && amounts > capOf(bases)) fail(`commissions ${amounts} above the cap of ${bases}`)
  for (const m of (await reconcileCommissions(store)).mismatches)
    fail(`commission account of ${m.distributorId}: ${m.available}, ledger ${m.ledgerSum}`)
  for (const id of books.distributorIds) {
    const { account } = await store.findCommissions(id, { lineIds: [] })
    if ([account.available, account.processing, account.withdrawn, account.debt].some((x) => x < 0))
      fail(`commission account of ${id} below zero`)
    const own = lines.filter((l) => l.distributorId === id)
    const kept = own.filter((l) => l.status === 'available').reduce((sum, l) => sum + l.amount, 0)
    if (account.available + account.processing + account.withdrawn - account.debt !== kept)
      fail(`commission account of ${id} does not add up to its ${kept} settled`)
    const settles = (await store.listCommissionEntries(id)).filter((e) => e.kind === 'settle')
    const settledIds = own
      .filter((l) => l.settledAt !== null)
      .map((l) => l.id)
      .sort()
    if (
      settles
        .map((e) => e.ref)
        .sort()
        .join() !== settledIds.join()
    )
      fail(`settle entries of ${id} do not match its settled lines`)
  }
  return broken
}
