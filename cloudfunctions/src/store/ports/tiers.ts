import type { GrowthEntry, Instant, TierChange, TierStatus } from '../../../../types/domain'

/** Tiers and growth. */
export interface TierStore {
  /** Records a growth entry once under its id; false when it was already there. */
  addGrowth(entry: GrowthEntry): Promise<boolean>
  /** The member's growth in (from, to]. */
  growthBetween(memberId: string, from: Instant, to: Instant): Promise<number>
  /** A member's tier status; a member without one holds their tier from joining for 12 months. */
  findTierStatus(memberId: string): Promise<TierStatus | null>
  /**
   * Moves a member to `next` (tier and keep-until) when their status is still `expected`
   * (compare-and-set), recording the change when the tier moves. False when someone moved first.
   */
  setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean>
  listTierChanges(memberId: string): Promise<TierChange[]>
  /** Members whose kept tier is due for review before `before`, from `afterMemberId` on. */
  tierReviewsDue(before: Instant, afterMemberId: string, limit: number): Promise<TierStatus[]>
}
