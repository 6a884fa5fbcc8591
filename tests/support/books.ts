/**
 * The shop's books as stored, read whole for the invariants: the same shapes from either adapter.
 * SQLite is read in one transaction (a host still running its timers cannot move anything between
 * the reads); the CloudBase emulator (a test double) answers from its committed documents at once.
 */
import type { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { LINES, LINE_COLUMNS, type LineRow, lineOf } from '../../cloudfunctions/src/store/sqlite/commission-lines'
import type { CommissionLine, LedgerEntry, Order, PointsLot, Redemption, Refund, Team, Withdrawal } from '../../types/domain'
import type { Doc } from '../doubles/cloudbase-emulator/engine'

export interface Stock {
  id: string
  stock: number
}

export interface Books {
  orders: Order[]
  refunds: Refund[]
  teams: Team[]
  redemptions: Redemption[]
  payments: { transactionId: string; orderId: string; amount: number; outcome: 'applied' | 'refused' }[]
  pointsAccounts: { memberId: string; available: number; pending: number; debt: number }[]
  pointsLots: Pick<PointsLot, 'id' | 'memberId' | 'status' | 'amount' | 'remaining'>[]
  ledger: Pick<LedgerEntry, 'id' | 'memberId' | 'kind' | 'source' | 'ref' | 'delta'>[]
  skus: Stock[]
  items: Stock[]
  adjustments: { skuId: string; delta: number }[]
  flashSold: { id: string; sold: number }[]
  /** Live new-member offer claims (a released claim holds no order). */
  offerClaims: { campaignId: string; memberId: string; orderId: string }[]
  seatsTaken: { id: string; taken: number }[]
  commissionLines: CommissionLine[]
  withdrawals: Pick<Withdrawal, 'id' | 'status'>[]
  distributorIds: string[]
}

/** Reads the books, and every stored record (what a rerun must leave as it was). */
export interface BooksSource {
  read(): Promise<Books>
  everything(): Promise<Record<string, string[]>>
}

const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

export function sqliteBooks(store: SqliteStore): BooksSource {
  const all = <T>(sql: string) => store.db.prepare(sql).all() as T[]
  const docs = <T>(sql: string) => all<{ doc: string }>(sql).map((r) => JSON.parse(r.doc) as T)
  return {
    read: async () =>
      store.db.transaction(
        (): Books => ({
          orders: docs<Order>('SELECT doc FROM orders ORDER BY id'),
          refunds: docs<Refund>('SELECT doc FROM refunds ORDER BY created_at, id'),
          teams: docs<Team>('SELECT doc FROM teams ORDER BY id'),
          redemptions: docs<Redemption>('SELECT doc FROM redemptions ORDER BY id'),
          payments: all('SELECT transaction_id AS transactionId, order_id AS orderId, amount, outcome FROM payments'),
          pointsAccounts: all('SELECT member_id AS memberId, available, pending, debt FROM points_accounts ORDER BY member_id'),
          pointsLots: all('SELECT id, member_id AS memberId, status, amount, remaining FROM points_lots ORDER BY id'),
          ledger: all('SELECT id, member_id AS memberId, kind, source, ref, delta FROM points_ledger ORDER BY id'),
          skus: all('SELECT id, stock FROM skus ORDER BY id'),
          items: all('SELECT id, stock FROM redeem_items ORDER BY id'),
          adjustments: all("SELECT sku_id AS skuId, json_extract(doc, '$.delta') AS delta FROM stock_adjustments ORDER BY id"),
          flashSold: all('SELECT campaign_id AS id, sold FROM flash_sold ORDER BY campaign_id'),
          offerClaims: all('SELECT campaign_id AS campaignId, member_id AS memberId, order_id AS orderId FROM offer_claims'),
          seatsTaken: all('SELECT campaign_id AS id, taken FROM groupbuy_seats_taken ORDER BY campaign_id'),
          commissionLines: (all(`SELECT ${LINE_COLUMNS} FROM ${LINES} ORDER BY c.id`) as LineRow[]).map(lineOf),
          withdrawals: all('SELECT id, status FROM withdrawals ORDER BY id'),
          distributorIds: all<{ id: string }>('SELECT member_id AS id FROM distributors ORDER BY member_id').map((r) => r.id),
        }),
      )(),
    everything: async () => tableRows(store),
  }
}

/** Every row of every table, in a stable order. */
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

/** Every row of every table the shop writes: the schema's own record (which says when the file was made) left out. */
export function dataRows(store: SqliteStore): Record<string, string[]> {
  const { schema_migrations: _made, ...rows } = tableRows(store)
  return rows
}

/** A CloudBase document as the domain value it stores (`_id` is its id). */
function asValue<T>(doc: Doc): T {
  const { _id, ...rest } = doc
  return { id: _id, ...rest } as T
}

/** The books of one emulated CloudBase environment, from its committed documents. */
export function cloudbaseBooks(documents: (collection: string) => Doc[], collections: () => string[]): BooksSource {
  const values = <T extends { id: string }>(collection: string) => byId(documents(collection).map((d) => asValue<T>(d)))
  return {
    read: async () => ({
      orders: values<Order>('orders'),
      refunds: values<Refund>('refunds').sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
      teams: values<Team>('teams'),
      redemptions: values<Redemption>('redemptions'),
      payments: documents('payments').map((d) => ({ transactionId: d._id, orderId: d.orderId, amount: d.amount, outcome: d.outcome })),
      pointsAccounts: documents('points_accounts').map((d) => ({
        memberId: d._id,
        available: d.available,
        pending: d.pending,
        debt: d.debt,
      })),
      pointsLots: values<PointsLot>('points_lots'),
      ledger: values<LedgerEntry>('points_ledger'),
      skus: documents('skus').map((d) => ({ id: d._id, stock: d.stock })),
      items: documents('redeem_items').map((d) => ({ id: d._id, stock: d.stock })),
      adjustments: documents('stock_adjustments').map((d) => ({ skuId: d.skuId, delta: d.delta })),
      // A campaign's allotment is counted in shards; shard 0 keeps the campaign's id.
      flashSold: [
        ...documents('flash_sold')
          .reduce((sums, d) => sums.set(d.campaignId ?? d._id, (sums.get(d.campaignId ?? d._id) ?? 0) + d.sold), new Map<string, number>())
          .entries(),
      ]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([id, sold]) => ({ id, sold })),
      offerClaims: documents('offer_claims')
        .filter((d) => d.orderId)
        .map((d) => {
          const [campaignId, memberId] = String(d._id).split('|')
          return { campaignId, memberId, orderId: d.orderId }
        }),
      seatsTaken: documents('groupbuy_seats_taken').map((d) => ({ id: d._id, taken: d.taken })),
      commissionLines: values<CommissionLine>('commission_lines'),
      withdrawals: values<Withdrawal>('withdrawals'),
      distributorIds: documents('distributors').map((d) => String(d._id)),
    }),
    everything: async () =>
      Object.fromEntries(
        collections().map((c) => [
          c,
          documents(c)
            .map((d) => JSON.stringify(d))
            .sort(),
        ]),
      ),
  }
}
