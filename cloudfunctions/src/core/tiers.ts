import type { Tier } from '../../../types/domain'

/** What each tier gets. Held in one settings document later; these are the defaults. */
export interface TierBenefits {
  /** Member price as a percentage of the list price (95 = 5% off). */
  memberPricePct: number
}

export const DEFAULT_TIER_BENEFITS: Record<Tier, TierBenefits> = {
  1: { memberPricePct: 100 },
  2: { memberPricePct: 98 },
  3: { memberPricePct: 95 },
  4: { memberPricePct: 92 },
  5: { memberPricePct: 88 },
}

export const TIERS: readonly Tier[] = [1, 2, 3, 4, 5]

export function isTier(value: unknown): value is Tier {
  return typeof value === 'number' && (TIERS as readonly number[]).includes(value)
}
