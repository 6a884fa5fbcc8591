import type { GrowthEntry, Member, TierChange, TierStatus } from '../../../types/domain'
import { TIERS, type TierStanding, growthWindowStart, keepUntil, nextTier, reviewStanding } from '../core/tiers'
import type { StandingRead, Store, TierMove } from '../store/port'
import { AppError } from './errors'
import { tierSettings } from './settings'
import { type Budget, UNBOUNDED, sliceOf } from './job-runs'

/** Reviews one member's standing against their rolling 12-month growth; answers the change made. */
export async function reviewMember(store: Store, memberId: string, now: number, read?: StandingRead): Promise<TierChange | null> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // The first attempt may use what the caller read with its own change (see updatePointsAndStanding).
    const first = attempt === 0 ? read : undefined
    const status = first ? first.status : await store.findTierStatus(memberId)
    if (!status) return null
    const growth = first ? first.growth : await store.growthBetween(memberId, growthWindowStart(now), now)
    const { settings } = await tierSettings(store, now)
    const next = reviewStanding(status, growth, now, settings.thresholds)
    if (!next) return null
    const change = tierChange(status, next, growth, now)
    if (await store.setTierStatus(status, { memberId, ...next }, change)) return change
  }
  throw new AppError('BUSY', '会员等级正在更新，请稍后再试')
}

/** The record of a move from `status` to `next`; null when the tier stays (only the keep-until moves). */
function tierChange(status: TierStatus, next: TierStanding, growth: number, now: number): TierChange | null {
  if (next.tier === status.tier) return null
  // A review and upgrades can land at the same instant (a lapsed tier reviewed as a completed
  // order's growth arrives), so the id also names the standing it left and the step, which keeps
  // same-instant changes distinct and in the order they were made.
  return {
    id: `tier:${status.memberId}:${now}:${String(status.attainedAt).padStart(15, '0')}:${status.tier}-${next.tier}`,
    memberId: status.memberId,
    from: status.tier,
    to: next.tier,
    reason: next.tier > status.tier ? 'upgrade' : 'review',
    growth,
    at: now,
  }
}

/** Adds growth once per event; a member who reaches the next threshold moves up at once. */
export async function addGrowth(store: Store, entry: GrowthEntry): Promise<void> {
  if (entry.amount === 0) return
  if (await store.addGrowth(entry)) await reviewMember(store, entry.memberId, entry.at)
}

/** Members per slice: on SQLite one transaction, so commits are shared by many members; elsewhere one read. */
const REVIEW_SLICE = { atOnce: 1_000, memberByMember: 500 }

/**
 * Timer job: members whose kept tier is due are re-evaluated on their rolling 12-month growth, a
 * slice at a time, with the run's window, settings and new keep-until worked out once. No cursor is
 * kept: a review keeps the tier another 12 months, so a reviewed member is no longer due and a run
 * cut short by its budget is continued by the next. Where the store reads and writes a slice in one
 * transaction (SQLite) it walks its due index and applies `decide` to each member; elsewhere the
 * slice is read in id order and members are moved one by one, and a member whose standing moved
 * since the slice was read (an upgrade landing meanwhile) is reviewed again on their own.
 */
export async function reviewTiers(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ reviewed: number; changed: number; done: boolean }> {
  let reviewed = 0
  let changed = 0
  const atOnce = store.appliesSliceAtOnce()
  const limit = sliceOf(budget, atOnce ? REVIEW_SLICE.atOnce : REVIEW_SLICE.memberByMember)
  const step = atOnce ? limit : 1
  const windowStart = growthWindowStart(now)
  const keptUntil = keepUntil(now)
  const { settings } = await tierSettings(store, now)
  const decide = (status: TierStatus, rolling: number): TierMove | null => {
    const next = reviewStanding(status, rolling, now, settings.thresholds, keptUntil)
    return next ? { expected: status, next: { memberId: status.memberId, ...next }, change: tierChange(status, next, rolling, now) } : null
  }
  if (store.reviewTiersSlice) {
    const rule = { now, windowStart, decide }
    for (let after: { keepUntil: number; memberId: string } | null = null; ; ) {
      if (!budget.more()) return { reviewed, changed, done: false }
      const slice = await store.reviewTiersSlice(rule, after, limit)
      reviewed += slice.reviewed
      changed += slice.moves.filter((move) => move.change !== null).length
      if (slice.reviewed < limit || slice.last === null) return { reviewed, changed, done: true }
      after = slice.last
    }
  }
  for (let after = ''; ; ) {
    const due = await store.tierReviewsDue(now, after, limit)
    for (let i = 0; i < due.length; i += step) {
      if (!budget.more()) return { reviewed, changed, done: false }
      const slice = due.slice(i, i + step)
      const growth = await store.growthOfMembers(
        slice.map((s) => s.memberId),
        windowStart,
        now,
      )
      const moves: TierMove[] = []
      for (const status of slice) {
        const move = decide(status, growth.get(status.memberId) ?? 0)
        if (move) moves.push(move)
      }
      const applied = await store.setTierStatuses(moves)
      for (const [j, move] of moves.entries()) {
        const change = applied[j] ? move.change : await reviewMember(store, move.expected.memberId, now)
        if (change) changed += 1
      }
      reviewed += slice.length
    }
    if (due.length < limit) return { reviewed, changed, done: true }
    after = due[due.length - 1].memberId
  }
}

async function standingOf(store: Store, member: Member): Promise<TierStatus> {
  const status = await store.findTierStatus(member.id)
  if (!status) throw new AppError('MEMBER_NOT_FOUND', '会员不存在')
  return status
}

export async function tierView(store: Store, member: Member, now: number) {
  const status = await standingOf(store, member)
  const growth = await store.growthBetween(member.id, growthWindowStart(now), now)
  const [{ settings }, birthday] = await Promise.all([tierSettings(store, now), store.findBirthday(member.id)])
  const next = nextTier(status.tier, settings.thresholds)
  return {
    tier: status.tier,
    attainedAt: status.attainedAt,
    keepUntil: status.keepUntil,
    growth,
    next: next ? { tier: next.tier, growth: next.growth, remaining: Math.max(0, next.growth - growth) } : null,
    birthday,
    tiers: TIERS.map((tier) => ({
      tier,
      growth: settings.thresholds[tier],
      ...settings.benefits[tier],
    })),
  }
}

export async function tierHistory(store: Store, member: Member) {
  return (await store.listTierChanges(member.id)).map(({ memberId: _memberId, ...change }) => change)
}
