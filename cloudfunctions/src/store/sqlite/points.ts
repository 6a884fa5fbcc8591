import type { Instant, LedgerEntry, PointsAccount, PointsLot, TierStatus } from '../../../../types/domain'
import type {
  PointsChange,
  PointsChangeResult,
  PointsDecision,
  PointsExpiryRule,
  PointsExpirySlice,
  PointsState,
  PointsTotals,
  PointsUpdate,
  PointsUpdateRequest,
  Slice,
  PointsStore,
  StandingRead,
} from '../port'
import type Database from 'better-sqlite3'
import { LOT_COLUMNS, SqliteBase } from './base'

interface PendingChange {
  apply: () => unknown
  resolve: (answer: unknown) => void
  reject: (error: unknown) => void
}

type Answer = { answer: unknown } | { error: unknown }

/** A database's group commit: the changes waiting for it, and whether they wait in a commit's wake. */
interface GroupCommit {
  waiting: PendingChange[]
  /**
   * From a commit until every continuation it woke has run (the rest of that check phase): a change
   * asked for then comes from one of those continuations, and no request can arrive to join it
   * before the next turn of the event loop, so it is committed at once rather than a turn later.
   */
  inWake: boolean
}

const GROUP_COMMITS = new WeakMap<Database.Database, GroupCommit>()

/** A change of a group commit threw: the transaction is rolled back and the batch applied apart. */
class RefusedInBatch extends Error {
  constructor(readonly refusal: unknown) {
    super('a change of the group commit was refused')
  }
}

/** Points: accounts, lots and the ledger. */
export class SqlitePoints extends SqliteBase implements PointsStore {
  async findPoints(memberId: string): Promise<PointsState> {
    return this.db.transaction(() => this.readPoints(memberId))()
  }

  async findPointsAccount(memberId: string): Promise<PointsAccount> {
    return this.readPointsAccount(memberId).account
  }

  async lapsedPoints(memberId: string, at: number): Promise<number> {
    const { points } = this.sql(
      `SELECT COALESCE(SUM(remaining), 0) AS points FROM points_lots INDEXED BY points_lots_live_by_member
       WHERE member_id = ? AND status = 'available' AND remaining > 0 AND expires_at <= ?`,
    ).get(memberId, at) as { points: number }
    return points
  }

  async findPointsOutlook(memberId: string, at: number, soonUntil: number): Promise<{ expiring: PointsLot[]; pending: PointsLot[] }> {
    return this.db.transaction(() => ({
      expiring: this.sql(
        `SELECT ${LOT_COLUMNS} FROM points_lots INDEXED BY points_lots_live_by_member
         WHERE member_id = ? AND status = 'available' AND remaining > 0 AND expires_at > ? AND expires_at <= ? ORDER BY expires_at, granted_at, id`,
      ).all(memberId, at, soonUntil) as PointsLot[],
      pending: this.sql(
        `SELECT ${LOT_COLUMNS} FROM points_lots INDEXED BY points_lots_pending_by_member WHERE member_id = ? AND status = 'pending'`,
      ).all(memberId) as PointsLot[],
    }))()
  }

  async findPointsLots(memberId: string, ids: readonly string[]): Promise<PointsLot[]> {
    // Each id looked up by the key (`+` keeps the member's index out: it would walk every lot they hold).
    return this.sql(`SELECT ${LOT_COLUMNS} FROM points_lots WHERE id IN (SELECT value FROM json_each(?)) AND +member_id = ?`).all(
      JSON.stringify(ids),
      memberId,
    ) as PointsLot[]
  }

  async updatePoints(memberId: string, key: string, decide: (state: PointsState) => PointsDecision | null): Promise<PointsUpdate> {
    return this.inGroupCommit(() => this.updateOnce(memberId, key, decide))
  }

  async updatePointsAndStanding(
    memberId: string,
    key: string,
    decide: (state: PointsState, standing: TierStatus | null) => PointsDecision | null,
    growthWindow: { from: Instant; to: Instant },
  ): Promise<PointsUpdate & { standing: StandingRead }> {
    return this.inGroupCommit(() => {
      const status = this.readTierStatus(memberId)
      const update = this.updateOnce(memberId, key, (state) => decide(state, status))
      return { ...update, standing: { status, growth: this.readGrowth(memberId, growthWindow.from, growthWindow.to) } }
    })
  }

  /**
   * Group commit: changes asked for in the same turn of the event loop (concurrent requests) share one
   * immediate transaction, so the commit's cost is paid once, and one refused change fails only
   * itself. Each caller is answered after the commit.
   */
  private inGroupCommit<T>(apply: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const group = this.groupCommitOf()
      group.waiting.push({ apply, resolve: resolve as (answer: unknown) => void, reject })
      if (group.waiting.length > 1) return
      const commit = () => this.commitPending(group)
      if (group.inWake) return queueMicrotask(commit)
      // The requests read in this turn ask for their changes before the check phase, where these run in order:
      // the commit, its continuations, then the end of its wake.
      setImmediate(commit)
      setImmediate(() => {
        group.inWake = false
      })
    })
  }

  /** This database's group commit, made on its first change. */
  private groupCommitOf(): GroupCommit {
    let group = GROUP_COMMITS.get(this.db)
    if (!group) {
      group = { waiting: [], inWake: false }
      GROUP_COMMITS.set(this.db, group)
    }
    return group
  }

  private commitPending(group: GroupCommit): void {
    group.inWake = true
    const batch = group.waiting.splice(0)
    let answers: Answer[]
    try {
      answers = this.groupCommit(batch)
    } catch (error) {
      for (const change of batch) change.reject(error)
      return
    }
    batch.forEach((change, i) => {
      const answer = answers[i]
      if ('answer' in answer) change.resolve(answer.answer)
      else change.reject(answer.error)
    })
  }

  /**
   * The group commit's transaction. The changes are applied one after another; only when one of them
   * throws is the transaction rolled back and the batch applied again, each change in a savepoint of
   * its own, so the refused one fails alone. Refusals are rare, and a savepoint copies every page a
   * change first touches into the statement journal (about an eighth of a check-in's cost).
   */
  private groupCommit(batch: PendingChange[]): Answer[] {
    const together = this.transactionOf('points group commit', (changes: PendingChange[]): Answer[] =>
      changes.map((change) => {
        try {
          return { answer: change.apply() }
        } catch (error) {
          throw new RefusedInBatch(error)
        }
      }),
    )
    try {
      return together.immediate(batch)
    } catch (error) {
      if (!(error instanceof RefusedInBatch)) throw error
      // A lone change's refusal is its answer: the whole transaction was its.
      if (batch.length === 1) return [{ error: error.refusal }]
      return this.groupCommitApart().immediate(batch)
    }
  }

  /** The batch again, each change in a savepoint of its own (a transaction inside a transaction is a savepoint). */
  private groupCommitApart(): Database.Transaction<(changes: PendingChange[]) => Answer[]> {
    const inSavepoint = this.transactionOf('points change in a savepoint', (apply: () => unknown) => apply())
    return this.transactionOf('points group commit, each change apart', (changes: PendingChange[]): Answer[] =>
      changes.map((change) => {
        try {
          return { answer: inSavepoint(change.apply) }
        } catch (error) {
          return { error }
        }
      }),
    )
  }

  /** A whole slice in one immediate transaction: one commit for the slice instead of one per member. */
  async updatePointsOfMembers(requests: readonly PointsUpdateRequest[]): Promise<PointsUpdate[]> {
    return this.db.transaction(() => requests.map(({ memberId, key, decide }) => this.updateOnce(memberId, key, decide))).immediate()
  }

  /** One change: nothing can change between the read, the decision and the write. */
  private updateOnce(memberId: string, key: string, decide: (state: PointsState) => PointsDecision | null): PointsUpdate {
    if (this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(key)) return { outcome: 'duplicate', applied: null }
    const { state, lotsRead } = this.readPointsForDecision(memberId)
    const decision = decide(state)
    if (!decision) return { outcome: 'nothing', applied: null }
    // The key and the version were read above in this same immediate transaction.
    this.applyPointsChange({ memberId, key, expectedVersion: state.version, ...decision }, lotsRead())
    return { outcome: 'applied', applied: decision }
  }

  async commitPointsChange(change: PointsChange): Promise<PointsChangeResult> {
    return this.db.transaction(() => this.writePoints(change)).immediate()
  }

  async hasPointsKey(key: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(key) !== undefined
  }

  async listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>> {
    const listing = {
      rows: 'SELECT id, member_id AS memberId, kind, source, ref, delta, at, note FROM points_ledger WHERE member_id = ? ORDER BY at DESC, id DESC',
      count: 'SELECT COUNT(*) AS n FROM points_ledger WHERE member_id = ?',
      params: [memberId],
    }
    return this.slice<LedgerEntry, LedgerEntry>(listing, { offset, limit }, (rows) => rows)
  }

  /** Walks the live lots by member from `afterMemberId`, so a pass reads each lot once however many slices it takes. */
  async membersWithExpiredLots(before: number, afterMemberId: string, limit: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT DISTINCT member_id FROM points_lots INDEXED BY points_lots_live_by_member
       WHERE status = 'available' AND remaining > 0 AND member_id > ? AND expires_at < ? ORDER BY member_id LIMIT ?`,
    ).all(afterMemberId, before, limit) as { member_id: string }[]
    return rows.map((r) => r.member_id)
  }

  /**
   * A slice of expiry in a handful of statements: the members are read over the live-lots index
   * (member_id, expires_at), and the chunk's ledger entries and lot remainders are written from the
   * lots themselves, set-based, so no lot passes through JavaScript; accounts and keys are written
   * member by member. The entry id joins text only ('expire:' || lot id): no number bound from
   * JavaScript (which binds as REAL) goes into it.
   */
  async expirePointsSlice(rule: PointsExpiryRule, afterMemberId: string, limit: number): Promise<PointsExpirySlice> {
    const dueLots = `json_each(?) m JOIN points_lots l INDEXED BY points_lots_live_by_member
       ON l.member_id = m.value AND l.status = 'available' AND l.remaining > 0 AND l.expires_at < ?`
    return this.db
      .transaction((): PointsExpirySlice => {
        const members = (
          this.sql(
            `SELECT DISTINCT member_id AS memberId FROM points_lots INDEXED BY points_lots_live_by_member
             WHERE status = 'available' AND remaining > 0 AND member_id > ? AND expires_at < ? ORDER BY member_id LIMIT ?`,
          ).all(afterMemberId, rule.now, limit) as { memberId: string }[]
        ).map((r) => r.memberId)
        const keys = members.map((memberId) => rule.key(memberId))
        const onFile = new Set(
          (
            this.sql('SELECT key FROM points_keys WHERE key IN (SELECT value FROM json_each(?))').all(JSON.stringify(keys)) as {
              key: string
            }[]
          ).map((r) => r.key),
        )
        const due = members.filter((_, i) => !onFile.has(keys[i]))
        if (due.length === 0) return { members, lots: 0, points: 0 }
        const dueJson = JSON.stringify(due)
        const totals = this.sql(
          `SELECT l.member_id AS memberId, COUNT(*) AS lots, SUM(l.remaining) AS points FROM ${dueLots} GROUP BY l.member_id`,
        ).all(dueJson, rule.now) as { memberId: string; lots: number; points: number }[]
        const at = BigInt(rule.now)
        this.sql(
          `INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note)
           SELECT 'expire:' || l.id, l.member_id, 'expire', l.source, l.ref, -l.remaining, ?, ? FROM ${dueLots}`,
        ).run(at, rule.note, dueJson, rule.now)
        this.sql(`UPDATE points_lots SET remaining = 0 WHERE rowid IN (SELECT l.rowid FROM ${dueLots})`).run(dueJson, rule.now)
        const takeOff = this.sql('UPDATE points_accounts SET available = available - ?, version = version + 1 WHERE member_id = ?')
        const addKey = this.sql('INSERT INTO points_keys (key) VALUES (?)')
        const slice = { members, lots: 0, points: 0 }
        for (const { memberId, lots, points } of totals) {
          // Lots without an account: the member-by-member job fails there too (a balance below zero).
          if (takeOff.run(points, memberId).changes !== 1) throw new Error(`points account of ${memberId} missing: its lots cannot expire`)
          addKey.run(rule.key(memberId))
          slice.lots += lots
          slice.points += points
        }
        return slice
      })
      .immediate()
  }

  async pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]> {
    return this.sql(
      `SELECT a.member_id AS memberId, a.available AS available,
         COALESCE((SELECT SUM(remaining) FROM points_lots l INDEXED BY points_lots_live_by_member
           WHERE l.member_id = a.member_id AND l.status = 'available' AND l.remaining > 0), 0) AS lotRemainder,
         COALESCE((SELECT SUM(delta) FROM points_ledger g WHERE g.member_id = a.member_id), 0) AS ledgerSum
       FROM points_accounts a WHERE a.member_id > ? ORDER BY a.member_id LIMIT ?`,
    ).all(afterMemberId, limit) as PointsTotals[]
  }

  async pointsLiability(expiringBefore: number): Promise<{ available: number; pending: number; expiring: number }> {
    return this.db.transaction(() => {
      const accounts = this.sql(
        'SELECT COALESCE(SUM(available), 0) AS available, COALESCE(SUM(pending), 0) AS pending FROM points_accounts',
      ).get() as {
        available: number
        pending: number
      }
      const { expiring } = this.sql(
        "SELECT COALESCE(SUM(remaining), 0) AS expiring FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ?",
      ).get(expiringBefore) as { expiring: number }
      return { ...accounts, expiring }
    })()
  }
}
