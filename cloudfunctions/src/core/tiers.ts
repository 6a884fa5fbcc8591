import type { Tier } from '../../../types/domain'

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
