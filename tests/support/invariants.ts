import { caseOpen } from '../../cloudfunctions/src/core/aftersale'
import type { CommissionLine, Order, Redemption, Refund, Team } from '../../types/domain'
import { reconcileCommissions } from '../../cloudfunctions/src/app/commissions'
import { reconcilePoints } from '../../cloudfunctions/src/app/points'
import { COMMISSION_CAP_BPS } from '../../cloudfunctions/src/core/commission'
import { SETTLE_AFTER_RECEIPT_MS } from '../../cloudfunctions/src/core/distribution'
import type { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'

/** The units the shop owns of each SKU and mall item, on the shelf or out with orders and redemptions. */
export interface Opening {
  skuStock: Record<string, number>
  itemStock: Record<string, number>
}

const docs = <T>(store: SqliteStore, sql: string): T[] =>
  (store.db.prepare(sql).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as T)
const stockOf = (store: SqliteStore, table: 'skus' | 'redeem_items') =>
  store.db.prepare(`SELECT id, stock FROM ${table}`).all() as { id: string; stock: number }[]
const add = (counts: Map<string, number>, key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n)

/**
 * The units out of stock: with every order that still holds them, flash allotments with them, and
 * with every redemption not cancelled. Units leave the shelf with an order and come back only when it
 * is cancelled unpaid, or when a team that never formed (or no longer had the seat) hands the payment
 * back; after-sale refunds of delivered goods do not restock.
 */
function unitsOut(store: SqliteStore, orders: Order[], refunds: Refund[], teams: Map<string, Team>) {
  const skus = new Map<string, number>()
  const flash = new Map<string, number>()
  const items = new Map<string, number>()
  for (const o of orders) {
    const seat = o.team ? teams.get(o.team.teamId)?.seats.find((s) => s.orderId === o.id) : undefined
    const teamRefunded = o.team != null && refunds.some((r) => r.orderId === o.id && r.lines.length > 0) && seat?.status !== 'paid'
    if (o.status === 'cancelled' || teamRefunded) continue
    for (const l of o.lines) {
      add(skus, l.skuId, l.quantity)
      if (l.flash) add(flash, l.flash.campaignId, l.quantity)
    }
  }
  for (const r of docs<Redemption>(store, "SELECT doc FROM redemptions WHERE status != 'cancelled'")) add(items, r.itemId, 1)
  return { skus, flash, items }
}

/** Per SKU, the sum of staff stock adjustments recorded. */
const adjustedStock = (store: SqliteStore) =>
  new Map(
    (
      store.db.prepare("SELECT sku_id AS id, SUM(json_extract(doc, '$.delta')) AS delta FROM stock_adjustments GROUP BY sku_id").all() as {
        id: string
        delta: number
      }[]
    ).map((r) => [r.id, r.delta]),
  )

const ordersOf = (store: SqliteStore) => docs<Order>(store, 'SELECT doc FROM orders ORDER BY id')
const refundsOf = (store: SqliteStore) => docs<Refund>(store, 'SELECT doc FROM refunds')
const teamsOf = (store: SqliteStore) => new Map(docs<Team>(store, 'SELECT doc FROM teams').map((t) => [t.id, t]))

/**
 * What the shop owns now (shelf + out), for `shopInvariants` to account against later; works on a
 * shop with history. Read in one transaction, so a host still running its timers cannot move
 * anything between the reads.
 */
export function openingOf(store: SqliteStore): Opening {
  return store.db.transaction((): Opening => {
    const out = unitsOut(store, ordersOf(store), refundsOf(store), teamsOf(store))
    return {
      skuStock: Object.fromEntries(
        stockOf(store, 'skus').map((r) => [r.id, r.stock + (out.skus.get(r.id) ?? 0) - (adjustedStock(store).get(r.id) ?? 0)]),
      ),
      itemStock: Object.fromEntries(stockOf(store, 'redeem_items').map((r) => [r.id, r.stock + (out.items.get(r.id) ?? 0)])),
    }
  })()
}
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
  for (const m of (await reconcilePoints(store)).mismatches)
    fail(`points of ${m.memberId}: available ${m.available}, lots ${m.lotRemainder}, ledger ${m.ledgerSum}`)
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
    .prepare(
      `SELECT member_id AS memberId, ref FROM points_ledger WHERE source = 'checkin' AND kind = 'grant' GROUP BY member_id, ref HAVING COUNT(*) > 1`,
    )
    .all() as { memberId: string; ref: string }[]
  for (const t of twiceADay) fail(`check-in of ${t.memberId} credited twice for ${t.ref}`)

  // Orders and money: one applied payment per paid order, for what it asked; every refused payment
  // refunded once; an order's refunds add up to what it says was refunded, never above what was paid.
  const orders = ordersOf(store)
  const payments = store.db.prepare('SELECT transaction_id AS transactionId, order_id AS orderId, amount, outcome FROM payments').all() as {
    transactionId: string
    orderId: string
    amount: number
    outcome: 'applied' | 'refused'
  }[]
  const refunds = refundsOf(store)
  const refundsByOrder = new Map<string, Refund[]>()
  for (const r of refunds) refundsByOrder.set(r.orderId, [...(refundsByOrder.get(r.orderId) ?? []), r])
  for (const p of payments.filter((x) => x.outcome === 'refused')) {
    const back = refunds.filter((r) => r.id === `P${p.transactionId}`)
    if (back.length !== 1 || back[0].amount !== p.amount) fail(`refused payment ${p.transactionId} not refunded exactly once`)
  }
  const teams = teamsOf(store)
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
  const out = unitsOut(store, orders, refunds, teams)
  const adjusted = adjustedStock(store)
  for (const s of stockOf(store, 'skus')) {
    if (s.stock < 0) fail(`SKU ${s.id} stock ${s.stock}`)
    // Staff adjustments move the shelf too: each is counted once, from its record.
    const expected = (opening.skuStock[s.id] ?? 0) + (adjusted.get(s.id) ?? 0) - (out.skus.get(s.id) ?? 0)
    if (s.stock !== expected)
      fail(
        `SKU ${s.id}: stock ${s.stock}, expected ${expected} (opening ${opening.skuStock[s.id]} less ${out.skus.get(s.id) ?? 0} in orders)`,
      )
  }
  const flashSold = store.db.prepare('SELECT campaign_id AS id, sold FROM flash_sold').all() as { id: string; sold: number }[]
  for (const f of flashSold)
    if (f.sold !== (out.flash.get(f.id) ?? 0)) fail(`flash campaign ${f.id}: sold ${f.sold}, in orders ${out.flash.get(f.id) ?? 0}`)
  const claims = store.db
    .prepare('SELECT campaign_id AS campaignId, member_id AS memberId, order_id AS orderId FROM offer_claims')
    .all() as { campaignId: string; memberId: string; orderId: string }[]
  for (const c of claims) {
    const o = orders.find((x) => x.id === c.orderId)
    if (!o || o.status === 'cancelled' || o.offer?.campaignId !== c.campaignId)
      fail(`new-member claim of ${c.memberId} on ${c.orderId} without a live order`)
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
    // A cancelled order's coupon comes back when the outbox consumer reads the cancellation.
    const awaitingRelease = !caughtUp && orders.find((o) => o.id === r.usedByOrder)?.status === 'cancelled'
    if (users.length === 0 && r.usedByOrder !== null && !awaitingRelease)
      fail(`coupon ${r.id} records ${r.usedByOrder}, which did not keep it`)
  }
  // Redemptions: points taken once each, given back once when cancelled; units accounted for.
  const redeemEntries = store.db
    .prepare(`SELECT ref, kind, delta FROM points_ledger WHERE id LIKE 'redeem:%' OR id LIKE 'unredeem:%'`)
    .all() as { ref: string; kind: string; delta: number }[]
  for (const r of redemptions) {
    const moves = redeemEntries.filter((e) => e.ref === r.id)
    const net = moves.reduce((sum, e) => sum + e.delta, 0)
    const expected = r.status === 'cancelled' ? 0 : -r.pointsPrice
    if (net !== expected || moves.length !== (r.status === 'cancelled' ? 2 : 1))
      fail(`redemption ${r.id} (${r.status}) moved points ${moves.map((e) => e.delta).join(', ')}`)
  }
  for (const i of stockOf(store, 'redeem_items')) {
    const redeemed = out.items.get(i.id) ?? 0
    if (i.stock < 0 || i.stock !== (opening.itemStock[i.id] ?? 0) - redeemed)
      fail(`mall item ${i.id}: stock ${i.stock}, opening ${opening.itemStock[i.id]}, redeemed ${redeemed}`)
  }

  // Teams: never above size, full when succeeded, and the campaign's seat count is the seats taken.
  const taken = new Map<string, number>()
  for (const t of teams.values()) {
    const live = t.seats.filter((s) => s.status === 'held' || s.status === 'paid').length
    taken.set(t.campaignId, (taken.get(t.campaignId) ?? 0) + live)
    if (live > t.size) fail(`team ${t.id} holds ${live} seats of ${t.size}`)
    if (t.status === 'succeeded' && t.seats.filter((s) => s.status === 'paid').length !== t.size)
      fail(`team ${t.id} succeeded without ${t.size} paid seats`)
    for (const s of t.seats.filter((x) => x.status === 'paid')) {
      const o = orders.find((x) => x.id === s.orderId)
      if (!o || o.paidAt === null) fail(`team ${t.id} counts an unpaid seat ${s.orderId}`)
    }
  }
  const counted = store.db.prepare('SELECT campaign_id AS id, taken FROM groupbuy_seats_taken').all() as { id: string; taken: number }[]
  for (const c of counted)
    if (c.taken !== (taken.get(c.id) ?? 0)) fail(`group-buy ${c.id} counts ${c.taken} seats, teams hold ${taken.get(c.id) ?? 0}`)

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
  const distributors = (store.db.prepare('SELECT member_id AS id FROM distributors').all() as { id: string }[]).map((r) => r.id)
  for (const id of distributors) {
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

/** Every row of every table, in a stable order: what a refused request or a rerun must leave as it was. */
export function tableRows(store: SqliteStore): Record<string, string[]> {
  const tables = store.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[]
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (store.db.prepare(`SELECT * FROM "${name}"`).all() as unknown[]).map((row) => JSON.stringify(row)).sort(),
    ]),
  )
}
