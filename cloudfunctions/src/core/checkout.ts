import type { Fen, LineFlash, Product, Sku, Tier } from '../../../types/domain'
import { skuMemberPrice } from './pricing'
import type { TierBenefits } from './tiers'

/** A cart line priced by the server: list and member unit prices come from the catalog, never the client. */
export interface PricedLine {
  skuId: string
  productId: string
  title: string
  specs: Record<string, string>
  image: string
  unitPrice: Fen
  memberUnitPrice: Fen
  quantity: number
  /** A flash price replaced the member price (its campaign takes these units from its allotment). */
  flash?: LineFlash | null
  /** The product's per-member limit: placing the order takes these units of the member's allowance. */
  memberLimit?: number | null
}

/** A SKU priced for a member's tier, from the catalog as it is now. */
export function pricedLine(sku: Sku, product: Product, quantity: number, tier: Tier, benefits: Record<Tier, TierBenefits>): PricedLine {
  return {
    skuId: sku.id,
    productId: product.id,
    title: product.title,
    specs: sku.specs,
    image: product.images[0] ?? '',
    unitPrice: sku.price,
    // A product sold without member prices costs every tier its list price.
    memberUnitPrice: product.memberPrices === false ? sku.price : skuMemberPrice(sku, tier, benefits),
    quantity,
    ...(product.limits?.perMember ? { memberLimit: product.limits.perMember } : {}),
  }
}

export interface QuoteLine extends PricedLine {
  /** List price × quantity. */
  goodsAmount: Fen
  memberDiscount: Fen
  couponDeduction: Fen
  pointsDeduction: Fen
  /** What the buyer pays for this line: goods − member discount − its shares of coupon and points (no shipping). */
  paidAmount: Fen
}

export interface Quote {
  lines: QuoteLine[]
  goodsAmount: Fen
  memberDiscount: Fen
  couponDiscount: Fen
  pointsUsed: number
  pointsDeduction: Fen
  shipping: Fen
  payable: Fen
}

export interface ShippingRule {
  /** Orders whose goods (after member discount) reach this amount ship free. */
  freeOver: Fen
  fee: Fen
}

export const DEFAULT_SHIPPING: ShippingRule = { freeOver: 9900, fee: 800 }

export interface PointsRule {
  /** Points that make one fen (100 points = ¥1 means 1 point per fen). */
  pointsPerFen: number
  /** The deduction is at most this percentage of the goods after member discount. */
  maxDeductPct: number
}

export const DEFAULT_POINTS_RULE: PointsRule = { pointsPerFen: 1, maxDeductPct: 50 }

/**
 * Splits `total` over `weights` in proportion, in whole fen, so the parts add up exactly: each part is
 * floored and the leftover fen go to the largest remainders (ties to the earlier line).
 */
export function allocate(total: Fen, weights: readonly number[]): Fen[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (total === 0 || sum === 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of order) {
    if (left === 0) break
    parts[i] += 1
    left -= 1
  }
  return parts
}

/** The most points a member may spend on goods worth `afterDiscount`, given their balance. */
export function maxPointsUsable(afterDiscount: Fen, balance: number, rule: PointsRule = DEFAULT_POINTS_RULE): number {
  const maxDeduction = Math.floor((afterDiscount * rule.maxDeductPct) / 100)
  return Math.max(0, Math.min(Math.floor(balance / rule.pointsPerFen), maxDeduction) * rule.pointsPerFen)
}

/**
 * Prices an order on the server: goods, member discount, points deduction (clamped to the rule and
 * the balance), shipping and payable, with the discount and deduction allocated to lines so that
 * the lines' paid amounts add up to the payable less shipping.
 */
export function priceOrder(
  lines: readonly PricedLine[],
  options: {
    pointsRequested: number
    pointsBalance: number
    shipping?: ShippingRule
    points?: PointsRule
    /** A coupon applies when the goods after member discount reach its minimum spend. */
    coupon?: { amountOff: Fen; minSpend: Fen } | null
    /** A free-shipping privilege waives shipping whatever the amount. */
    freeShipping?: boolean
  },
): Quote {
  const shippingRule = options.shipping ?? DEFAULT_SHIPPING
  const pointsRule = options.points ?? DEFAULT_POINTS_RULE
  const goods = lines.map((l) => l.unitPrice * l.quantity)
  const afterDiscount = lines.map((l) => l.memberUnitPrice * l.quantity)
  const goodsAmount = goods.reduce((a, b) => a + b, 0)
  const discounted = afterDiscount.reduce((a, b) => a + b, 0)
  const coupon = options.coupon
  const couponDiscount = coupon && discounted >= coupon.minSpend ? Math.min(coupon.amountOff, discounted) : 0
  const couponShares = allocate(couponDiscount, afterDiscount)
  const afterCoupon = afterDiscount.map((amount, i) => amount - couponShares[i])
  const usable = maxPointsUsable(discounted - couponDiscount, options.pointsBalance, pointsRule)
  const requested = Math.max(0, Math.floor(options.pointsRequested / pointsRule.pointsPerFen) * pointsRule.pointsPerFen)
  const pointsUsed = Math.min(requested, usable)
  const pointsDeduction = pointsUsed / pointsRule.pointsPerFen
  const shares = allocate(pointsDeduction, afterCoupon)
  const shipping = lines.length === 0 || options.freeShipping || discounted >= shippingRule.freeOver ? 0 : shippingRule.fee
  return {
    lines: lines.map((line, i) => ({
      ...line,
      goodsAmount: goods[i],
      memberDiscount: goods[i] - afterDiscount[i],
      couponDeduction: couponShares[i],
      pointsDeduction: shares[i],
      paidAmount: afterCoupon[i] - shares[i],
    })),
    goodsAmount,
    memberDiscount: goodsAmount - discounted,
    couponDiscount,
    pointsUsed,
    pointsDeduction,
    shipping,
    payable: discounted - couponDiscount - pointsDeduction + shipping,
  }
}
