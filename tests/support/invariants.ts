import type { CommissionLine, Order, Redemption, Refund, Team } from '../../types/domain'
import { reconcileCommissions } from '../../cloudfunctions/src/app/distribution'
import { reconcilePoints } from '../../cloudfunctions/src/app/points'
import { COMMISSION_CAP_BPS } from '../../cloudfunctions/src/core/commission'
import { SETTLE_AFTER_RECEIPT_MS } from '../../cloudfunctions/src/core/distribution'
import type { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

/** What the shop held before anything happened, so nothing can go missing or appear from nowhere. */
export interface Opening {
  skuStock: Record<string, number>
  itemStock: Record<string, number>
}

/** Reads what the shop holds at the start, for `shopInvariants` to account against later. */
export function openingOf(store: SqliteStore): Opening {
  const rows = (sql: string) => store.db.prepare(sql).all() as { id: string; stock: number }[]
  return {
    skuStock: Object.fromEntries(rows('SELECT id, stock FROM skus').map((r) => [r.id, r.stock])),
    itemStock: Object.fromEntries(rows('SELECT id, stock FROM redeem_items').map((r) => [r.id, r.stock])),
  }
}

const docs = <T>(store: SqliteStore, sql: string): T[] => (store.db.prepare(sql).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as T)
const capOf = (base: number) => Math.floor((base * COMMISSION_CAP_BPS) / 10_000)

/**
 * Every rule the shop's books must keep whatever happened, as a list of what is broken (empty when
 * all hold): balances equal their ledgers, nothing below zero, every unit and fen accounted for
 * once, no team above its size, commissions within the cap at depth one. `caughtUp` says the outbox
 * consumers have read everything, so a commission must already reflect every refund.
 */
export async function shopInvariants(store: SqliteStore, opening: Opening, caughtUp: boolean): Promise<string[]> {
  const broken: string[] = []
  const fail = (what: string) => broken.push(what)

  // Points: balance = lots = ledger for every member, nothing negative, one check-in a day.
  for (const m of (await reconcilePoints(store)).mismatches) fail(`points of ${m.memberId}: available ${m.available}, lots ${m.lotRemainder}, ledger ${m.ledgerSum}`)
  const pointsRows = store.db
    .prepare(
      `SELECT a.member_id AS memberId, a.available, a.pending, a.debt,
              COALESCE((SELECT SUM(amount) FROM points_lots l WHERE l.member_id = a.member_id AND l.status = 'pending'), 0) AS pendingLots,
              (SELECT COUNT(*) FROM points_lots l WHERE l.member_id = a.member_id AND (l.remaining < 0 OR l.remaining > l.amount)) AS badLots
       FROM points_accounts a`,
    )
    .all() as { memberId: string; available: number; pending: number; debt: number; pendingLots: number; badLots: number }[]
  for (const p of pointsRows) {
    if (p.available < 0 || p.pending < 0 || p.debt < 0) fail(`points of ${p.memberId} below zero`)
    if (p.pending !== p.pendingLots) fail(`pending points of ${p.memberId}: ${p.pending}, pending lots ${p.pendingLots}`)
    if (p.badLots > 0) fail(`${p.badLots} lots of ${p.memberId} outside 0..amount`)
  }
  const twiceADay = store.db
    .prepare(`SELECT member_id AS memberId, ref FROM points_ledger WHERE source = 'checkin' AND kind = 'grant' GROUP BY member_id, ref HAVING COUNT(*) > 1`)
    .all() as { memberId: string; ref: string }[]
  for (const t of twiceADay) fail(`check-in of ${t.memberId} credited twice for ${t.ref}`)

  // Orders and money: one applied payment per paid order, for what it asked; every refused payment
  // refunded once; an order's refunds add up to what it says was refunded, never above what was paid.
  const orders = docs<Order>(store, 'SELECT doc FROM orders ORDER BY id')
  const payments = store.db.prepare('SELECT transaction_id AS transactionId, order_id AS orderId, amount, outcome FROM payments').all() as {
    transactionId: string
    orderId: string
    amount: number
    outcome: 'applied' | 'refused'
  }[]
  const refunds = docs<Refund>(store, 'SELECT doc FROM refunds')
  const refundsOf = new Map<string, Refund[]>()
  for (const r of refunds) refundsOf.set(r.orderId, [...(refundsOf.get(r.orderId) ?? []), r])
  for (const p of payments.filter((x) => x.outcome === 'refused')) {
    const back = refunds.filter((r) => r.id === `P${p.transactionId}`)
    if (back.length !== 1 || back[0].amount !== p.amount) fail(`refused payment ${p.transactionId} not refunded exactly once`)
  }
  const teams = new Map(docs<Team>(store, 'SELECT doc FROM teams').map((t) => [t.id, t]))
  const held = new Map<string, number>()
  const flashHeld = new Map<string, number>()
  for (const o of orders) {
    const applied = payments.filter((p) => p.orderId === o.id && p.outcome === 'applied')
    if (applied.length > 1) fail(`order ${o.id} paid ${applied.length} times`)
    if ((o.paidAt !== null) !== (applied.length === 1)) fail(`order ${o.id}: paidAt ${o.paidAt} with ${applied.length} applied payments`)
    if (applied[0] && applied[0].amount !== o.payable) fail(`order ${o.id} paid ${applied[0].amount} for ${o.payable}`)
    const lineSum = o.lines.reduce((sum, l) => sum + l.paidAmount, 0)
    if (lineSum + o.shipping !== o.payable) fail(`order ${o.id}: lines ${lineSum} + shipping ${o.shipping} ≠ payable ${o.payable}`)
    const mine = (refundsOf.get(o.id) ?? []).filter((r) => r.lines.length > 0)
    const refunded = mine.filter((r) => r.status === 'refunded').reduce((sum, r) => sum + r.amount, 0)
    if (refunded !== o.refundedAmount) fail(`order ${o.id}: refunds ${refunded}, order says ${o.refundedAmount}`)
    if (o.refundedAmount > o.payable) fail(`order ${o.id} refunded ${o.refundedAmount} of ${o.payable}`)
    for (const l of o.lines) {
      const inRefunds = mine.filter((r) => r.status === 'refunded').flatMap((r) => r.lines).filter((x) => x.id === l.id)
      if (inRefunds.length > 1) fail(`line ${l.id} refunded ${inRefunds.length} times`)
      if (l.refundedAmount > l.paidAmount || l.refundedAmount < 0) fail(`line ${l.id} refunded ${l.refundedAmount} of ${l.paidAmount}`)
      if ((l.status === 'refunded') !== (inRefunds.length === 1)) fail(`line ${l.id} is ${l.status} with ${inRefunds.length} completed refunds`)
    }
    // Units leave the shelf with an order and come back only when it is cancelled unpaid, or when a
    // team that never formed (or no longer had the seat) hands the payment back; after-sale refunds of
    // delivered goods do not restock.
    const seat = o.team ? teams.get(o.team.teamId)?.seats.find((s) => s.orderId === o.id) : undefined
    const released = o.status === 'cancelled' || (o.team != null && mine.length > 0 && seat?.status !== 'paid')
    if (released) continue
    for (const l of o.lines) {
      held.set(l.skuId, (held.get(l.skuId) ?? 0) + l.quantity)
      if (l.flash) flashHeld.set(l.flash.campaignId, (flashHeld.get(l.flash.campaignId) ?? 0) + l.quantity)
    }
  }
  const stock = store.db.prepare('SELECT id, stock FROM skus').all() as { id: string; stock: number }[]
  for (const s of stock) {
    if (s.stock < 0) fail(`SKU ${s.id} stock ${s.stock}`)
    const expected = (opening.skuStock[s.id] ?? 0) - (held.get(s.id) ?? 0)
    if (s.stock !== expected) fail(`SKU ${s.id}: stock ${s.stock}, expected ${expected} (opening ${opening.skuStock[s.id]} less ${held.get(s.id) ?? 0} in orders)`)
  }
  const flashSold = store.db.prepare('SELECT campaign_id AS id, sold FROM flash_sold').all() as { id: string; sold: number }[]
  for (const f of flashSold) if (f.sold !== (flashHeld.get(f.id) ?? 0)) fail(`flash campaign ${f.id}: sold ${f.sold}, in orders ${flashHeld.get(f.id) ?? 0}`)
  const claims = store.db.prepare('SELECT campaign_id AS campaignId, member_id AS memberId, order_id AS orderId FROM offer_claims').all() as { campaignId: string; memberId: string; orderId: string }[]
  for (const c of claims) {
    const o = orders.find((x) => x.id === c.orderId)
    if (!o || o.status === 'cancelled' || o.offer?.campaignId !== c.campaignId) fail(`new-member claim of ${c.memberId} on ${c.orderId} without a live order`)
  }
  for (const o of orders.filter((x) => x.offer && x.status !== 'cancelled')) {
    if (!claims.some((c) => c.orderId === o.id)) fail(`order ${o.id} took a new-member offer without a claim`)
  }

  // Coupons: one order per coupon, and the coupon knows it.
  const redemptions = docs<Redemption>(store, 'SELECT doc FROM redemptions')
  for (const r of redemptions.filter((x) => x.kind === 'coupon')) {
    const users = orders.filter((o) => o.couponId === r.id && o.status !== 'cancelled')
    if (users.length > 1) fail(`coupon ${r.id} used by ${users.length} orders`)
    if (users.length === 1 && r.usedByOrder !== users[0].id) fail(`coupon ${r.id} used by ${users[0].id} but records ${r.usedByOrder}`)
    if (users.length === 0 && r.usedByOrder !== null) fail(`coupon ${r.id} records ${r.usedByOrder}, which did not keep it`)
  }
  // Redemptions: points taken once each, given back once when cancelled; units accounted for.
  const redeemEntries = store.db.prepare(`SELECT ref, kind, delta FROM points_ledger WHERE id LIKE 'redeem:%' OR id LIKE 'unredeem:%'`).all() as { ref: string; kind: string; delta: number }[]
  for (const r of redemptions) {
    const moves = redeemEntries.filter((e) => e.ref === r.id)
    const net = moves.reduce((sum, e) => sum + e.delta, 0)
    const expected = r.status === 'cancelled' ? 0 : -r.pointsPrice
    if (net !== expected || moves.length !== (r.status === 'cancelled' ? 2 : 1)) fail(`redemption ${r.id} (${r.status}) moved points ${moves.map((e) => e.delta).join(', ')}`)
  }
  const items = store.db.prepare('SELECT id, stock FROM redeem_items').all() as { id: string; stock: number }[]
  for (const i of items) {
    const out = redemptions.filter((r) => r.itemId === i.id && r.status !== 'cancelled').length
    if (i.stock < 0 || i.stock !== (opening.itemStock[i.id] ?? 0) - out) fail(`mall item ${i.id}: stock ${i.stock}, opening ${opening.itemStock[i.id]}, redeemed ${out}`)
  }

  // Teams: never above size, full when succeeded, and the campaign's seat count is the seats taken.
  const taken = new Map<string, number>()
  for (const t of teams.values()) {
    const live = t.seats.filter((s) => s.status === 'held' || s.status === 'paid').length
    taken.set(t.campaignId, (taken.get(t.campaignId) ?? 0) + live)
    if (live > t.size) fail(`team ${t.id} holds ${live} seats of ${t.size}`)
    if (t.status === 'succeeded' && t.seats.filter((s) => s.status === 'paid').length !== t.size) fail(`team ${t.id} succeeded without ${t.size} paid seats`)
    for (const s of t.seats.filter((x) => x.status === 'paid')) {
      const o = orders.find((x) => x.id === s.orderId)
      if (!o || o.paidAt === null) fail(`team ${t.id} counts an unpaid seat ${s.orderId}`)
    }
  }
  const counted = store.db.prepare('SELECT campaign_id AS id, taken FROM groupbuy_seats_taken').all() as { id: string; taken: number }[]
  for (const c of counted) if (c.taken !== (taken.get(c.id) ?? 0)) fail(`group-buy ${c.id} counts ${c.taken} seats, teams hold ${taken.get(c.id) ?? 0}`)

  // Commissions: depth one, at most one line per order line, within the cap, settled once.
  const lines = docs<CommissionLine>(store, 'SELECT doc FROM commission_lines')
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
      if (line.distributorId !== ol.distributorId) fail(`commission ${line.id} goes to ${line.distributorId}, the line names ${ol.distributorId}`)
      if (o.paidAt === null) fail(`commission ${line.id} on an unpaid order`)
      if (line.amount < 0 || line.amount > capOf(ol.paidAmount)) fail(`commission ${line.id}: ${line.amount} on ${ol.paidAmount}`)
      if (caughtUp && line.amount > capOf(base)) fail(`commission ${line.id}: ${line.amount} on ${base} kept`)
      if (line.bps > COMMISSION_CAP_BPS) fail(`commission ${line.id} at ${line.bps} bps`)
      if (line.status === 'void' && base !== 0) fail(`commission ${line.id} void on ${base} kept`)
      if (line.status === 'available' && (o.receivedAt === null || line.settledAt! < o.receivedAt + SETTLE_AFTER_RECEIPT_MS)) fail(`commission ${line.id} available before receipt + 7 days`)
    }
  }
  if (caughtUp && amounts > capOf(bases)) fail(`commissions ${amounts} above the cap of ${bases}`)
  for (const m of (await reconcileCommissions(store)).mismatches) fail(`commission account of ${m.distributorId}: ${m.available}, ledger ${m.ledgerSum}`)
  const distributors = (store.db.prepare('SELECT member_id AS id FROM distributors').all() as { id: string }[]).map((r) => r.id)
  for (const id of distributors) {
    const { account } = await store.findCommissions(id, { lineIds: [] })
    if ([account.available, account.processing, account.withdrawn, account.debt].some((x) => x < 0)) fail(`commission account of ${id} below zero`)
    const own = lines.filter((l) => l.distributorId === id)
    const kept = own.filter((l) => l.status === 'available').reduce((sum, l) => sum + l.amount, 0)
    if (account.available + account.processing + account.withdrawn - account.debt !== kept) fail(`commission account of ${id} does not add up to its ${kept} settled`)
    const settles = (await store.listCommissionEntries(id)).filter((e) => e.kind === 'settle')
    const settledIds = own.filter((l) => l.settledAt !== null).map((l) => l.id).sort()
    if (settles.map((e) => e.ref).sort().join() !== settledIds.join()) fail(`settle entries of ${id} do not match its settled lines`)
  }
  return broken
}

/** Every table's rows, for telling whether a second run of the timers changed anything. */
export function tableDigest(store: SqliteStore, except: readonly string[] = []): string {
  const tables = (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[])
    .map((t) => t.name)
    .filter((t) => !except.includes(t))
  return JSON.stringify(tables.map((t) => [t, store.db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all()]))
}
