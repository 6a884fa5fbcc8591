import type { PointsAccount, PointsLot } from '../../../../types/domain'
import { EMPTY_ACCOUNT } from '../../core/points'
import type { PointsChange, PointsChangeResult, PointsState, Slice } from '../port'
import { migrate } from './migrations'
import type { Listing } from './paging'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

function onlyRemainderMoved(was: PointsLot, lot: PointsLot): boolean {
  return (
    was.memberId === lot.memberId &&
    was.amount === lot.amount &&
    was.status === lot.status &&
    was.grantedAt === lot.grantedAt &&
    was.expiresAt === lot.expiresAt
  )
}

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
    migrate(this.db)
  }

  protected readPoints(memberId: string): PointsState {
    {
      const row = this.sql('SELECT * FROM points_accounts WHERE member_id = ?').get(memberId) as
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
      const lots = this.sql(
        `SELECT id, member_id AS memberId, source, ref, amount, remaining, granted_at AS grantedAt, expires_at AS expiresAt, status
         FROM points_lots WHERE member_id = ? AND (status = 'pending' OR (status = 'available' AND remaining > 0)) ORDER BY expires_at, granted_at, id`,
      ).all(memberId) as PointsLot[]
      const account: PointsAccount = row
        ? {
            memberId,
            available: row.available,
            pending: row.pending,
            debt: row.debt,
            lastCheckInDay: row.last_checkin_day,
            streak: row.streak,
            postRewardDay: row.post_reward_day,
            postRewardsToday: row.post_rewards_today,
          }
        : EMPTY_ACCOUNT(memberId)
      return { account, lots, version: row?.version ?? 0 }
    }
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
    {
      const a = change.account
      this.sql(
        `INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, post_reward_day, post_rewards_today, version)
         VALUES (@memberId, @available, @pending, @debt, @lastCheckInDay, @streak, @postRewardDay, @postRewardsToday, 1)
         ON CONFLICT (member_id) DO UPDATE SET available = excluded.available, pending = excluded.pending, debt = excluded.debt,
           last_checkin_day = excluded.last_checkin_day, streak = excluded.streak, post_reward_day = excluded.post_reward_day,
           post_rewards_today = excluded.post_rewards_today, version = points_accounts.version + 1`,
      ).run(a)
      const putLot = this.sql(
        `INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status)
         VALUES (@id, @memberId, @source, @ref, @amount, @remaining, @grantedAt, @expiresAt, @status)
         ON CONFLICT (id) DO UPDATE SET amount = excluded.amount, remaining = excluded.remaining, status = excluded.status,
           granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      )
      const read = new Map(before.map((lot) => [lot.id, lot]))
      for (const lot of change.lots) {
        const was = read.get(lot.id)
        if (was && onlyRemainderMoved(was, lot)) this.sql('UPDATE points_lots SET remaining = ? WHERE id = ?').run(lot.remaining, lot.id)
        else putLot.run(lot)
      }
      const addEntry = this.sql(
        'INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (@id, @memberId, @kind, @source, @ref, @delta, @at, @note)',
      )
      for (const entry of change.entries) addEntry.run(entry)
      if (change.growth)
        this.sql(
          'INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (@id, @memberId, @amount, @reason, @at) ON CONFLICT (id) DO NOTHING',
        ).run(change.growth)
      this.sql('INSERT INTO points_keys (key) VALUES (?)').run(change.key)
    }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
