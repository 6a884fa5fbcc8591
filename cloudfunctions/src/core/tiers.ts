import type { Instant, Tier } from '../../../types/domain'
import { shiftShopYears } from './time'

/** What each tier gets. Operators edit them in the `settings/tiers` document; these are the defaults. */
export interface TierBenefits {
  /** Member price as a percentage of the list price (95 = 5% off). */
  memberPricePct: number
  /** Points earned per ¥1 and per check-in are multiplied by this. */
  pointsMultiplier: number
  /** Goods (after member discount) from this amount ship free, in fen. */
  freeShippingOver: number
  birthdayGiftPoints: number
  /** How many hours before everyone else the tier may join a campaign. */
  earlyAccessHours: number
}

export const DEFAULT_TIER_BENEFITS: Record<Tier, TierBenefits> = {
  1: { memberPricePct: 100, pointsMultiplier: 1, freeShippingOver: 9900, birthdayGiftPoints: 0, earlyAccessHours: 0 },
  2: { memberPricePct: 98, pointsMultiplier: 1.2, freeShippingOver: 9900, birthdayGiftPoints: 50, earlyAccessHours: 0 },
  3: { memberPricePct: 95, pointsMultiplier: 1.5, freeShippingOver: 6900, birthdayGiftPoints: 100, earlyAccessHours: 2 },
  4: { memberPricePct: 92, pointsMultiplier: 1.8, freeShippingOver: 4900, birthdayGiftPoints: 200, earlyAccessHours: 12 },
  5: { memberPricePct: 88, pointsMultiplier: 2, freeShippingOver: 0, birthdayGiftPoints: 500, earlyAccessHours: 24 },
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
  return shiftShopYears(from, 1)
}

/** The start of the rolling 12-month growth window that ends at `now`. */
export function growthWindowStart(now: Instant): Instant {
  return shiftShopYears(now, -1)
}

export interface TierStanding {
  tier: Tier
  attainedAt: Instant
  keepUntil: Instant
}

/**
 * What a member's standing becomes given their rolling growth: a higher tier at once (kept 12
 * months from now); at review time (keep-until passed) the tier the growth supports, up or down,
 * kept another 12 months. Null when nothing changes. A job reviewing many members at one instant
 * passes `keptUntil` (`keepUntil(now)`), worked out once for the run.
 */
export function reviewStanding(
  standing: TierStanding,
  rollingGrowth: number,
  now: Instant,
  thresholds: Record<Tier, number> = DEFAULT_TIER_THRESHOLDS,
  keptUntil: Instant = keepUntil(now),
): TierStanding | null {
  const earned = tierForGrowth(rollingGrowth, thresholds)
  if (earned > standing.tier) return { tier: earned, attainedAt: now, keepUntil: keptUntil }
  if (now < standing.keepUntil) return null
  return { tier: earned, attainedAt: earned === standing.tier ? standing.attainedAt : now, keepUntil: keptUntil }
}

export interface TierSettings {
  thresholds: Record<Tier, number>
  benefits: Record<Tier, TierBenefits>
}

export const DEFAULT_TIER_SETTINGS: TierSettings = { thresholds: DEFAULT_TIER_THRESHOLDS, benefits: DEFAULT_TIER_BENEFITS }

/** Hard caps: an operator value outside them is clamped to them (and reported). */
export const TIER_BENEFIT_CAPS: Record<keyof TierBenefits, [number, number]> = {
  memberPricePct: [70, 100],
  pointsMultiplier: [1, 5],
  freeShippingOver: [0, 1_000_000],
  birthdayGiftPoints: [0, 5_000],
  earlyAccessHours: [0, 72],
}

/**
 * Reads a tier settings document as operators left it in the console: a missing or malformed field
 * keeps its default, an out-of-range number is clamped to its cap, and thresholds must rise from V1 = 0
 * (otherwise the defaults stand). Every such correction is reported.
 */
export function readTierSettings(doc: unknown): { settings: TierSettings; problems: string[] } {
  const problems: string[] = []
  const record = (value: unknown): Record<string, unknown> | null =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
  const root = record(doc)
  if (doc !== null && doc !== undefined && !root) problems.push('等级设置不是一个对象，已使用默认值')

  const benefits = {} as Record<Tier, TierBenefits>
  const givenBenefits = record(root?.benefits)
  for (const tier of TIERS) {
    const given = record(givenBenefits?.[tier])
    const merged = { ...DEFAULT_TIER_BENEFITS[tier] }
    for (const field of Object.keys(TIER_BENEFIT_CAPS) as (keyof TierBenefits)[]) {
      const value = given?.[field]
      if (value === undefined) continue
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        problems.push(`V${tier}.${field} 不是数字，已使用默认值 ${merged[field]}`)
        continue
      }
      const [min, max] = TIER_BENEFIT_CAPS[field]
      const clamped = Math.min(max, Math.max(min, value))
      if (clamped !== value) problems.push(`V${tier}.${field} = ${value} 超出上限，已按 ${clamped} 执行`)
      merged[field] = field === 'pointsMultiplier' ? clamped : Math.round(clamped)
    }
    benefits[tier] = merged
  }

  let thresholds = DEFAULT_TIER_THRESHOLDS
  const givenThresholds = record(root?.thresholds)
  if (givenThresholds) {
    const candidate = Object.fromEntries(TIERS.map((t) => [t, givenThresholds[t] ?? DEFAULT_TIER_THRESHOLDS[t]])) as Record<Tier, unknown>
    const valid =
      TIERS.every((t) => typeof candidate[t] === 'number' && Number.isInteger(candidate[t])) &&
      candidate[1] === 0 &&
      TIERS.slice(1).every((t) => (candidate[t] as number) > (candidate[(t - 1) as Tier] as number))
    if (valid) thresholds = candidate as Record<Tier, number>
    else problems.push('等级门槛必须从 V1 = 0 起逐级递增，已使用默认门槛')
  }
  return { settings: { thresholds, benefits }, problems }
}
