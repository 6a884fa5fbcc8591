import type { Fen, Sku, Tier } from '../../../types/domain'
import { DEFAULT_TIER_BENEFITS, type TierBenefits } from './tiers'

/**
 * The member price of a list price for a tier, rounded half up to the fen.
 * Never above the list price and never below one fen for a priced item.
 */
export function memberPrice(listPrice: Fen, tier: Tier, benefits: Record<Tier, TierBenefits> = DEFAULT_TIER_BENEFITS): Fen {
  const pct = Math.min(100, Math.max(1, benefits[tier].memberPricePct))
  if (listPrice <= 0) return 0
  return Math.max(1, Math.min(listPrice, Math.floor((listPrice * pct + 50) / 100)))
}

/**
 * What an offer (member, flash or group-buy price) charges for a SKU: never below the SKU's cost
 * floor, never above its list price.
 */
export function atFloor(price: Fen, sku: Pick<Sku, 'price' | 'floorPrice'>): Fen {
  return Math.min(sku.price, Math.max(price, sku.floorPrice ?? 0))
}

/** A SKU's member price for a tier, as charged (the cost floor holds). */
export function skuMemberPrice(sku: Pick<Sku, 'price' | 'floorPrice'>, tier: Tier, benefits?: Record<Tier, TierBenefits>): Fen {
  return atFloor(memberPrice(sku.price, tier, benefits), sku)
}

/** Formats fen as yuan with two decimals, e.g. 12900 -> "129.00". */
export function fenToYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : ''
  const abs = Math.abs(amount)
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}
