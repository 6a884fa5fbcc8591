import type { GrowthEntry, Instant, TierChange, TierStatus } from '../../../../types/domain'

/** One member's move in `setTierStatuses`: what `setTierStatus` takes. */
export interface TierMove {
  expected: TierStatus
  next: TierStatus
  change: TierChange | null
}

/**
 * How a review decides, for a set-based adapter to apply: due members (keep-until at or before `now`)
 * are read with their rolling growth in (windowStart, now], and `decide` (pure) answers each one's move.
 */
export interface TierReviewRule {
  now: Instant
  windowStart: Instant
  decide: (status: TierStatus, growth: number) => TierMove | null
}

/** Tiers and growth. */
export interface TierStore {
  /** Records a growth entry once under its id; false when it was already there. */
  addGrowth(entry: GrowthEntry): Promise<boolean>
  /** The member's growth in (from, to]. */
  growthBetween(memberId: string, from: Instant, to: Instant): Promise<number>
  /** Each member's growth in (from, to]; a member missing from the answer has none. */
  growthOfMembers(memberIds: readonly string[], from: Instant, to: Instant): Promise<Map<string, number>>
  /** A member's tier status; a member without one holds their tier from joining for 12 months. */
  findTierStatus(memberId: string): Promise<TierStatus | null>
  /**
   * Moves a member to `next` (tier and keep-until) when their status is still `expected`
   * (compare-and-set), recording the change when the tier moves. False when someone moved first.
   */
  setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean>
  /**
   * `setTierStatus` for many members, answered in the order given: a batch job's slice. SQLite applies
   * the slice in one transaction; CloudBase one member per transaction, as `setTierStatus` does.
   */
  setTierStatuses(moves: readonly TierMove[]): Promise<boolean[]>
  listTierChanges(memberId: string): Promise<TierChange[]>
  /** Members whose kept tier is due for review before `before`, from `afterMemberId` on. */
  tierReviewsDue(before: Instant, afterMemberId: string, limit: number): Promise<TierStatus[]>
  /**
   * A slice of the review in one transaction: up to `limit` due members after `after` (in the
   * order of the store's due index), each moved as `rule.decide` says. Answers how many were read,
   * the position of the last, and the moves applied. Only where a slice is read and written at once
   * (SQLite); absent elsewhere, where the job reads a slice and moves members one by one.
   */
  reviewTiersSlice?(
    rule: TierReviewRule,
    after: { keepUntil: Instant; memberId: string } | null,
    limit: number,
  ): Promise<{ reviewed: number; last: { keepUntil: Instant; memberId: string } | null; moves: TierMove[] }>
}
