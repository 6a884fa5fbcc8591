import type { GrowthEntry, TierChange, TierStatus } from '../../../../types/domain'
import { SqliteBase } from './base'
import type { TierMove, TierReviewRule, TierStore } from '../port'

/** Tiers and growth. */
export class SqliteTiers extends SqliteBase implements TierStore {
  async addGrowth(entry: GrowthEntry): Promise<boolean> {
    return this.writeGrowth(entry)
  }

  async growthBetween(memberId: string, from: number, to: number): Promise<number> {
    return this.readGrowth(memberId, from, to)
  }

  async findTierStatus(memberId: string): Promise<TierStatus | null> {
    return this.readTierStatus(memberId)
  }

  async growthOfMembers(memberIds: readonly string[], from: number, to: number): Promise<Map<string, number>> {
    const rows = this.sql(
      `SELECT g.member_id AS memberId, SUM(g.amount) AS growth FROM json_each(?) m
       JOIN growth_entries g ON g.member_id = m.value AND g.at > ? AND g.at <= ? GROUP BY g.member_id`,
    ).all(JSON.stringify(memberIds), from, to) as { memberId: string; growth: number }[]
    return new Map(rows.map((r) => [r.memberId, r.growth]))
  }

  async setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean> {
    return this.db.transaction(() => this.moveTier({ expected, next, change }))()
  }

  /** A whole slice in one transaction: one commit for the slice instead of one per member. */
  async setTierStatuses(moves: readonly TierMove[]): Promise<boolean[]> {
    return this.db.transaction(() => moves.map((move) => this.moveTier(move)))()
  }

  private moveTier({ expected, next, change }: TierMove): boolean {
    const moved = this.sql(
      'UPDATE tier_status SET tier = ?, attained_at = ?, keep_until = ? WHERE member_id = ? AND tier = ? AND attained_at = ? AND keep_until = ?',
    ).run(next.tier, next.attainedAt, next.keepUntil, expected.memberId, expected.tier, expected.attainedAt, expected.keepUntil).changes
    if (moved !== 1) return false
    this.sql('UPDATE members SET tier = ? WHERE id = ?').run(next.tier, expected.memberId)
    if (change) {
      this.sql(
        'INSERT INTO tier_changes (id, member_id, from_tier, to_tier, reason, growth, at) VALUES (@id, @memberId, @from, @to, @reason, @growth, @at)',
      ).run(change)
    }
    return true
  }

  async listTierChanges(memberId: string): Promise<TierChange[]> {
    return this.sql(
      'SELECT id, member_id AS memberId, from_tier AS "from", to_tier AS "to", reason, growth, at FROM tier_changes WHERE member_id = ? ORDER BY at, id',
    ).all(memberId) as TierChange[]
  }

  async tierReviewsDue(before: number, afterMemberId: string, limit: number): Promise<TierStatus[]> {
    return this.sql(
      `SELECT member_id AS memberId, tier, attained_at AS attainedAt, keep_until AS keepUntil FROM tier_status
       WHERE keep_until <= ? AND member_id > ? ORDER BY member_id LIMIT ?`,
    ).all(before, afterMemberId, limit) as TierStatus[]
  }

  /**
   * Due members are walked over the due index (keep_until, member_id), a slice read and written in
   * one immediate transaction, so nothing moves between the read and the write and each standing is
   * written by rowid without a compare-and-set. A reviewed member leaves the due range (kept another
   * 12 months). The member's own tier is written only where it differs, which leaves the same rows.
   */
  async reviewTiersSlice(
    rule: TierReviewRule,
    after: { keepUntil: number; memberId: string } | null,
    limit: number,
  ): Promise<{ reviewed: number; last: { keepUntil: number; memberId: string } | null; moves: TierMove[] }> {
    return this.db
      .transaction(() => {
        const columns =
          'SELECT rowid AS row, member_id AS memberId, tier, attained_at AS attainedAt, keep_until AS keepUntil FROM tier_status'
        const rows = (
          after
            ? this.sql(
                `${columns} INDEXED BY tier_status_due WHERE keep_until <= ? AND (keep_until, member_id) > (?, ?) ORDER BY keep_until, member_id LIMIT ?`,
              ).all(rule.now, after.keepUntil, after.memberId, limit)
            : this.sql(`${columns} INDEXED BY tier_status_due WHERE keep_until <= ? ORDER BY keep_until, member_id LIMIT ?`).all(
                rule.now,
                limit,
              )
        ) as ({ row: number } & TierStatus)[]
        if (rows.length === 0) return { reviewed: 0, last: null, moves: [] }
        // Each member's growth summed over their own index range (no grouping of the slice's entries).
        const growth = new Map(
          (
            this.sql(
              `SELECT m.value AS memberId, (SELECT SUM(g.amount) FROM growth_entries g WHERE g.member_id = m.value AND g.at > ? AND g.at <= ?) AS growth
               FROM json_each(?) m`,
            ).all(rule.windowStart, rule.now, JSON.stringify(rows.map((r) => r.memberId))) as { memberId: string; growth: number | null }[]
          ).map((r) => [r.memberId, r.growth ?? 0]),
        )
        const setStanding = this.sql('UPDATE tier_status SET tier = ?, attained_at = ?, keep_until = ? WHERE rowid = ?')
        const setMemberTier = this.sql('UPDATE members SET tier = ? WHERE id = ? AND tier <> ?')
        const addChange = this.sql(
          'INSERT INTO tier_changes (id, member_id, from_tier, to_tier, reason, growth, at) VALUES (@id, @memberId, @from, @to, @reason, @growth, @at)',
        )
        const moves: TierMove[] = []
        for (const { row, memberId, tier, attainedAt, keepUntil } of rows) {
          const move = rule.decide({ memberId, tier, attainedAt, keepUntil }, growth.get(memberId) ?? 0)
          if (!move) continue
          const { next, change } = move
          if (next.memberId !== memberId) throw new Error(`tier move of ${next.memberId} given for ${memberId}`)
          setStanding.run(next.tier, next.attainedAt, next.keepUntil, row)
          setMemberTier.run(next.tier, memberId, next.tier)
          if (change) addChange.run(change)
          moves.push(move)
        }
        const last = rows[rows.length - 1]
        return { reviewed: rows.length, last: { keepUntil: last.keepUntil, memberId: last.memberId }, moves }
      })
      .immediate()
  }
}
