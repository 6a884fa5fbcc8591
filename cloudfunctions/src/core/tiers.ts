import type { Instant, Tier } from '../../../types/domain'
import { fromShopClock, shopClock } from './time'

/** What each tier gets. Held in one settings document later; these are the defaults. */
export interface TierBenefits {
  /** Member price as a percentage of the list price (95 = 5% off). */
  memberPricePct: number
  /** Points earned per ¥1 and per check-in are multiplied by this. */
  pointsMultiplier: number
}

export const DEFAULT_TIER_BENEFITS: Record<Tier, TierBenefits> = {
  1: { memberPricePct: 100, pointsMultiplier: 1 },
  2: { memberPricePct: 98, pointsMultiplier: 1.2 },
  3: { memberPricePct: 95, pointsMultiplier: 1.5 },
  4: { memberPricePct: 92, pointsMultiplier: 1.8 },
  5: { memberPricePct: 88, pointsMultiplier: 2 },
}

export const TIERS: readonly Tier[] = [1, 2, 3, 4, 5]

export function isTier(value: unknown): value is Tier {
  return typeof value === 'number' && (TIERS as readonly number[]).includes(value)
}

/** Growth (rolling 12 months) a tier needs. */
export const DEFAULT_TIER_THRESHOLDS: Record<Tier, number> = { 1: 0, 2: 500, 3: 2_000, 4: 8_000, 5: 20_000 }

/** Growth per event: 1 per ¥1 of paid goods past the refund window; small fixed amounts otherwise. */
export const GROWTH_PER_CHECK_IN = 1
export const GROWTH_PER_APPROVED_POST = 5

export function tierForGrowth(growth: number, thresholds: Record<Tier, number> = DEFAULT_TIER_THRESHOLDS): Tier {
  return [...TIERS].reverse().find((t) => growth >= thresholds[t]) ?? 1
}

/** The next tier and the growth it needs; null at V5. */
export function nextTier(tier: Tier, thresholds: Record<Tier, number> = DEFAULT_TIER_THRESHOLDS): { tier: Tier; growth: number } | null {
  return tier === 5 ? null : { tier: (tier + 1) as Tier, growth: thresholds[(tier + 1) as Tier] }
}

/** A tier is kept 12 calendar months (Shanghai) from when it was attained or last confirmed. */
export function keepUntil(from: Instant): Instant {
  return fromShopClock(shopClock(from).add(12, 'month'))
}

/** The start of the rolling 12-month growth window that ends at `now`. */
export function growthWindowStart(now: Instant): Instant {
  return fromShopClock(shopClock(now).subtract(12, 'month'))
}

export interface TierStanding {
  tier: Tier
  attainedAt: Instant
  keepUntil: Instant
}

/**
 * What a member's standing becomes given their rolling growth: a higher tier at once (kept 12
 * months from now); at review time (keep-until passed) the tier the growth supports, up or down,
 * kept another 12 months. Null when nothing changes.
 */
export function reviewStanding(standing: TierStanding, rollingGrowth: number, now: Instant, thresholds = DEFAULT_TIER_THRESHOLDS): TierStanding | null {
  const earned = tierForGrowth(rollingGrowth, thresholds)
  if (earned > standing.tier) return { tier: earned, attainedAt: now, keepUntil: keepUntil(now) }
  if (now < standing.keepUntil) return null
  return { tier: earned, attainedAt: earned === standing.tier ? standing.attainedAt : now, keepUntil: keepUntil(now) }
}
