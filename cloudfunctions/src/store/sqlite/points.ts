import type { LedgerEntry } from '../../../../types/domain'
import type { PointsChange, PointsChangeResult, PointsDecision, PointsState, PointsTotals, PointsUpdate, Slice, PointsStore } from '../port'
import { SqliteBase } from './base'

/** Points: accounts, lots and the ledger. */
export class SqlitePoints extends SqliteBase implements PointsStore {
  async findPoints(memberId: string): Promise<PointsState> {
    return this.db.transaction(() => this.readPoints(memberId))()
  }

  /** One immediate transaction: nothing can change between the read, the decision and the write. */
  async updatePoints(memberId: string, key: string, decide: (state: PointsState) => PointsDecision | null): Promise<PointsUpdate> {
    const update = this.db.transaction((): PointsUpdate => {
      if (this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(key)) return { outcome: 'duplicate', applied: null }
      const state = this.readPoints(memberId)
      const decision = decide(state)
      if (!decision) return { outcome: 'nothing', applied: null }
      // The key and the version were read above in this same immediate transaction.
      this.applyPointsChange({ memberId, key, expectedVersion: state.version, ...decision })
      return { outcome: 'applied', applied: decision }
    })
    return update.immediate()
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

  async membersWithExpiredLots(before: number, limit: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT DISTINCT member_id FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ? ORDER BY member_id LIMIT ?`,
    ).all(before, limit) as { member_id: string }[]
    return rows.map((r) => r.member_id)
  }

  async pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]> {
    return this.sql(
      `SELECT a.member_id AS memberId, a.available AS available,
         COALESCE((SELECT SUM(remaining) FROM points_lots l WHERE l.member_id = a.member_id AND l.status = 'available'), 0) AS lotRemainder,
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
