import type { GrowthEntry, Order, PointsAccount, PointsLot, TierStatus } from '../../../../types/domain'
import { inAfterSale } from '../../core/orders'
import { EMPTY_ACCOUNT } from '../../core/points'
import type { OrderChange, PointsChange, PointsChangeResult, PointsState, Slice } from '../port'
import { migrate } from './migrations'
import type { Listing } from './paging'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** A points lot's columns, named as the domain names its fields. */
export const LOT_COLUMNS =
  'id, member_id AS memberId, source, ref, amount, remaining, granted_at AS grantedAt, expires_at AS expiresAt, status'

/** A member's live lots, oldest expiry first: what spending takes from. Each half reads its own partial index. */
const LIVE_LOTS = `SELECT ${LOT_COLUMNS} FROM points_lots INDEXED BY points_lots_pending_by_member WHERE member_id = ? AND status = 'pending'
  UNION ALL
  SELECT ${LOT_COLUMNS} FROM points_lots INDEXED BY points_lots_live_by_member WHERE member_id = ? AND status = 'available' AND remaining > 0
  ORDER BY expires_at, granted_at, id`

function onlyRemainderMoved(was: PointsLot, lot: PointsLot): boolean {
  return (
    was.memberId === lot.memberId &&
    was.amount === lot.amount &&
    was.status === lot.status &&
    was.grantedAt === lot.grantedAt &&
    was.expiresAt === lot.expiresAt
  )
}

/** The order columns an update may move, each with what it holds of the order. */
type OrderColumn = 'status' | 'refundedAmount' | 'shippedAt' | 'receivedAt' | 'afterSale'
const ORDER_COLUMNS: readonly (readonly [OrderColumn, string])[] = [
  ['status', 'status'],
  ['refundedAmount', 'refunded_amount'],
  ['shippedAt', 'shipped_at'],
  ['receivedAt', 'received_at'],
  ['afterSale', 'after_sale'],
]

/** Thrown inside a transaction to roll it back when the order moved on since it was read. */
export class StaleOrder extends Error {}

/** A lot inserted, or every column a change may move written. */
const PUT_LOT = `INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET amount = excluded.amount, remaining = excluded.remaining, status = excluded.status,
    granted_at = excluded.granted_at, expires_at = excluded.expires_at`

/** What every aggregate of the adapter shares: the database handle and its helpers. */
export class SqliteBase {
  readonly db: Database.Database

  protected readonly statements = new Map<string, Database.Statement>()

  /** Prepared statements are compiled once per SQL text and reused. */
  protected sql(text: string): Database.Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  private readonly transactions = new Map<string, unknown>()

  /**
   * A transaction function made once per name and reused: better-sqlite3 builds one at a cost that
   * shows on a path run once per request. `body` gets everything that varies per call as arguments.
   */
  // biome-ignore lint/suspicious/noExplicitAny: better-sqlite3 types a transaction's body this way
  protected transactionOf<F extends (...args: any[]) => unknown>(name: string, body: F): Database.Transaction<F> {
    let made = this.transactions.get(name) as Database.Transaction<F> | undefined
    if (!made) {
      made = this.db.transaction(body)
      this.transactions.set(name, made)
    }
    return made
  }

  /** One page of a listing and the count of everything it lists, read in one transaction so the two agree. */
  protected slice<Row, T>(listing: Listing, page: { offset: number; limit: number }, toItems: (rows: Row[]) => T[]): Slice<T> {
    return this.db.transaction(() => {
      const rows = this.sql(`${listing.rows} LIMIT ? OFFSET ?`).all(...listing.params, page.limit, page.offset) as Row[]
      const { n } = this.sql(listing.count).get(...(listing.countParams ?? listing.params)) as { n: number }
      return { items: toItems(rows), total: n }
    })()
  }

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    // 32 MiB of page cache (the default is 2 MiB): a batch job's slice reads and writes index pages
    // all over tables keyed by hashed ids (refunds, seats), and they should be read once per slice.
    this.db.pragma('cache_size = -32768')
    // Savepoints (each change of a group commit has one) journal in memory rather than in a temporary file.
    this.db.pragma('temp_store = MEMORY')
    migrate(this.db)
  }

  /** A member's tier standing, as the tiers and the points parts both read it. */
  protected readTierStatus(memberId: string): TierStatus | null {
    const row = this.sql(
      'SELECT member_id AS memberId, tier, attained_at AS attainedAt, keep_until AS keepUntil FROM tier_status WHERE member_id = ?',
    ).get(memberId) as TierStatus | undefined
    return row ?? null
  }

  /** A member's growth over (from, to]. */
  protected readGrowth(memberId: string, from: number, to: number): number {
    return (
      this.sql('SELECT COALESCE(SUM(amount), 0) AS g FROM growth_entries WHERE member_id = ? AND at > ? AND at <= ?').get(
        memberId,
        from,
        to,
      ) as {
        g: number
      }
    ).g
  }

  protected readPoints(memberId: string): PointsState {
    const { account, version } = this.readPointsAccount(memberId)
    return { account, lots: this.readLiveLots(memberId), version }
  }

  /**
   * readPoints for a decision made inside the transaction that writes it: the live lots are read
   * when the decision first looks at them. A grant never does, and a member who checks in daily
   * holds a year of lots. `lotsRead` answers them if they were read, for applyPointsChange.
   */
  protected readPointsForDecision(memberId: string): { state: PointsState; lotsRead: () => readonly PointsLot[] } {
    const { account, version } = this.readPointsAccount(memberId)
    let lots: PointsLot[] | null = null
    const readLots = () => {
      lots ??= this.readLiveLots(memberId)
      return lots
    }
    const state = {
      account,
      version,
      get lots(): PointsLot[] {
        return readLots()
      },
    }
    return { state, lotsRead: () => lots ?? [] }
  }

  private readLiveLots(memberId: string): PointsLot[] {
    return this.sql(LIVE_LOTS).all(memberId, memberId) as PointsLot[]
  }

  /** The member's points account and its version; a member who never had points gets an empty one at 0. */
  protected readPointsAccount(memberId: string): { account: PointsAccount; version: number } {
    const row = this.sql(
      'SELECT available, pending, debt, last_checkin_day, streak, post_reward_day, post_rewards_today, version FROM points_accounts WHERE member_id = ?',
    ).get(memberId) as
      | {
          available: number
          pending: number
          debt: number
          last_checkin_day: string | null
          streak: number
          post_reward_day: string | null
          post_rewards_today: number
          version: number
        }
      | undefined
    if (!row) return { account: EMPTY_ACCOUNT(memberId), version: 0 }
    const account: PointsAccount = {
      memberId,
      available: row.available,
      pending: row.pending,
      debt: row.debt,
      lastCheckInDay: row.last_checkin_day,
      streak: row.streak,
      postRewardDay: row.post_reward_day,
      postRewardsToday: row.post_rewards_today,
    }
    return { account, version: row.version }
  }

  /**
   * Writes a change at its expected version. `before` holds the lots as read in this transaction: a
   * lot whose remainder alone moved is written as that one column, which leaves the indexes over its
   * other columns alone (what spending and expiry do to most lots).
   */
  protected writePoints(change: PointsChange, before: readonly PointsLot[] = []): PointsChangeResult {
    if (this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(change.key)) return 'duplicate'
    const current = this.sql('SELECT version FROM points_accounts WHERE member_id = ?').get(change.memberId) as
      | { version: number }
      | undefined
    if ((current?.version ?? 0) !== change.expectedVersion) return 'stale'
    this.applyPointsChange(change, before)
    return 'applied'
  }

  /** Writes a change already checked in the same transaction (its key unused, its version current); `before` as for writePoints. */
  protected applyPointsChange(change: PointsChange, before: readonly PointsLot[] = []): void {
    // Bound by position: binding by name looks every parameter up on the object, 6–9 µs of a check-in.
    const a = change.account
    this.sql(
      `INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, post_reward_day, post_rewards_today, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (member_id) DO UPDATE SET available = excluded.available, pending = excluded.pending, debt = excluded.debt,
         last_checkin_day = excluded.last_checkin_day, streak = excluded.streak, post_reward_day = excluded.post_reward_day,
         post_rewards_today = excluded.post_rewards_today, version = points_accounts.version + 1`,
    ).run(a.memberId, a.available, a.pending, a.debt, a.lastCheckInDay, a.streak, a.postRewardDay, a.postRewardsToday)
    const read = before.length > 0 ? new Map(before.map((lot) => [lot.id, lot])) : null
    for (const lot of change.lots) {
      const was = read?.get(lot.id)
      if (was && onlyRemainderMoved(was, lot)) this.sql('UPDATE points_lots SET remaining = ? WHERE id = ?').run(lot.remaining, lot.id)
      else
        this.sql(PUT_LOT).run(
          lot.id,
          lot.memberId,
          lot.source,
          lot.ref,
          lot.amount,
          lot.remaining,
          lot.grantedAt,
          lot.expiresAt,
          lot.status,
        )
    }
    const addEntry = this.sql(
      'INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const e of change.entries) addEntry.run(e.id, e.memberId, e.kind, e.source, e.ref, e.delta, e.at, e.note)
    if (change.growth) this.writeGrowth(change.growth)
    this.sql('INSERT INTO points_keys (key) VALUES (?)').run(change.key)
  }

  /** A growth entry, once: false when its id was written before. */
  protected writeGrowth(g: GrowthEntry): boolean {
    return (
      this.sql('INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
        g.id,
        g.memberId,
        g.amount,
        g.reason,
        g.at,
      ).changes === 1
    )
  }

  protected writeOrderRow(order: Order, version: number, insert: boolean): number {
    const row = {
      status: order.status,
      refundedAmount: order.refundedAmount,
      shippedAt: order.shippedAt,
      receivedAt: order.receivedAt,
      afterSale: inAfterSale(order) ? 1 : 0,
    }
    const doc = JSON.stringify(order)
    if (insert) {
      return this.sql(
        `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, shipped_at, received_at, after_sale, order_no, version, doc)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (id) DO NOTHING`,
      ).run(
        order.id,
        order.memberId,
        row.status,
        order.payable,
        row.refundedAmount,
        order.createdAt,
        order.payDeadline,
        row.shippedAt,
        row.receivedAt,
        row.afterSale,
        order.orderNo ?? null,
        doc,
      ).changes
    }
    // Only the columns that change are set: SQLite rewrites every index over a column a statement
    // sets, moved or not (an order's status, dates and after-sale flag each lead one).
    const stored = this.sql(
      'SELECT status, refunded_amount AS refundedAmount, shipped_at AS shippedAt, received_at AS receivedAt, after_sale AS afterSale FROM orders WHERE id = ?',
    ).get(order.id) as typeof row | undefined
    if (!stored) return 0
    const changed = ORDER_COLUMNS.filter(([key]) => stored[key] !== row[key])
    return this.sql(
      `UPDATE orders SET ${changed.map(([, column]) => `${column} = ?, `).join('')}version = version + 1, doc = ? WHERE id = ? AND version = ?`,
    ).run(...changed.map(([key]) => row[key]), doc, order.id, version).changes
  }

  /** One order change inside the caller's transaction; throws StaleOrder when the order moved on. */
  protected writeOrderChange(change: OrderChange): boolean {
    const give = this.sql('UPDATE skus SET stock = stock + ? WHERE id = ?')
    const addEvent = this.sql('INSERT INTO outbox (id, type, order_id, at, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING')
    if (change.payment) {
      const p = change.payment
      const inserted = this.sql(
        'INSERT INTO payments (transaction_id, order_id, amount, at, outcome) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(p.transactionId, p.orderId, p.amount, p.at, p.outcome).changes
      if (inserted === 0) return false
    }
    if (this.writeOrderRow(change.order, change.expectedVersion, false) === 0) throw new StaleOrder()
    if (change.releaseStock) {
      for (const line of change.order.lines) {
        give.run(line.quantity, line.skuId)
        if (line.flash)
          this.sql('UPDATE flash_sold SET sold = MAX(0, sold - ?) WHERE campaign_id = ?').run(line.quantity, line.flash.campaignId)
        if (line.memberLimit)
          this.sql('UPDATE purchase_counts SET units = MAX(0, units - ?) WHERE member_id = ? AND product_id = ?').run(
            line.quantity,
            change.order.memberId,
            line.productId,
          )
      }
      if (change.order.offer) {
        this.sql('DELETE FROM offer_claims WHERE campaign_id = ? AND member_id = ? AND order_id = ?').run(
          change.order.offer.campaignId,
          change.order.memberId,
          change.order.id,
        )
      }
    }
    for (const e of change.events) addEvent.run(e.id, e.type, e.orderId, e.at, JSON.stringify(e.payload))
    const r = change.refund
    if (r) {
      this.sql(
        `INSERT INTO refunds (id, order_id, status, amount, created_at, stage_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET status = excluded.status, stage_at = excluded.stage_at, doc = excluded.doc`,
      ).run(r.id, r.orderId, r.status, r.amount, r.createdAt, r.stageAt ?? r.createdAt, JSON.stringify(r))
    }
    return true
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
