import type { Page, ProductCard, ProductDetail, SkuView, StockState } from '../../../types/api'
import type { Post, Product, Sku, Tier } from '../../../types/domain'
import { skuMemberPrice } from './pricing'
import { DEFAULT_TIER_BENEFITS, type TierBenefits } from './tiers'

/** At or below this many units a SKU is shown as "仅剩 N 件". */
export const LOW_STOCK_UNITS = 5

export function stockState(stock: number): StockState {
  if (stock <= 0) return 'soldOut'
  return stock <= LOW_STOCK_UNITS ? 'low' : 'inStock'
}

/** Lowest list price over a product's SKUs; what cards show and "price" sorting uses. */
export function lowestPrice(skus: readonly Sku[]): number {
  return skus.length === 0 ? 0 : Math.min(...skus.map((s) => s.price))
}

function memberPriceFor(sku: Sku, tier: Tier | null, benefits: Record<Tier, TierBenefits>): number | null {
  if (tier === null) return null
  const price = skuMemberPrice(sku, tier, benefits)
  return price < sku.price ? price : null
}

/** The lowest member price over a product's SKUs, when it is below the card's list price. */
function cardMemberPrice(skus: readonly Sku[], listPrice: number, tier: Tier | null, benefits: Record<Tier, TierBenefits>): number | null {
  if (tier === null || skus.length === 0) return null
  const lowest = Math.min(...skus.map((s) => skuMemberPrice(s, tier, benefits)))
  return lowest < listPrice ? lowest : null
}

/** The product's stock state as a whole: sold out only when every SKU is. */
function productStockState(skus: readonly Sku[]): StockState {
  const total = skus.reduce((sum, s) => sum + Math.max(0, s.stock), 0)
  return stockState(total)
}

export function toProductCard(product: Omit<Product, 'detail'>, viewerTier: Tier | null, benefits = DEFAULT_TIER_BENEFITS): ProductCard {
  const price = lowestPrice(product.skus)
  return {
    id: product.id,
    categoryId: product.categoryId,
    title: product.title,
    subtitle: product.subtitle,
    cover: product.images[0] ?? '',
    tags: product.tags,
    price,
    memberPrice: product.memberPrices === false ? null : cardMemberPrice(product.skus, price, viewerTier, benefits),
    sales: product.sales,
    stockState: productStockState(product.skus),
  }
}

/** Spec names with their values in first-seen SKU order, for the SKU picker. */
export function specOptions(skus: readonly Sku[]): { name: string; values: string[] }[] {
  const options = new Map<string, string[]>()
  for (const sku of skus) {
    for (const [name, value] of Object.entries(sku.specs)) {
      const values = options.get(name) ?? []
      if (!values.includes(value)) values.push(value)
      options.set(name, values)
    }
  }
  return [...options].map(([name, values]) => ({ name, values }))
}

function toSkuView(sku: Sku, viewerTier: Tier | null, benefits: Record<Tier, TierBenefits>, memberPrices: boolean): SkuView {
  return {
    id: sku.id,
    specs: sku.specs,
    price: sku.price,
    memberPrice: memberPrices ? memberPriceFor(sku, viewerTier, benefits) : null,
    stock: Math.max(0, sku.stock),
    stockState: stockState(sku.stock),
  }
}

export function toProductDetail(product: Product, viewerTier: Tier | null, benefits = DEFAULT_TIER_BENEFITS): ProductDetail {
  return {
    ...toProductCard(product, viewerTier, benefits),
    images: product.images,
    detail: product.detail,
    specOptions: specOptions(product.skus),
    skus: product.skus.map((sku) => toSkuView(sku, viewerTier, benefits, product.memberPrices !== false)),
    viewerTier,
    memberOffer: product.memberPrices === false ? null : nextMemberOffer(viewerTier, benefits),
    limits: product.limits ?? null,
  }
}

/**
 * The nearest tier above the viewer's whose member price is lower than what the viewer pays: what a
 * visitor (or a member below it) is told member prices bring. Null when no tier pays less.
 */
export function nextMemberOffer(viewerTier: Tier | null, benefits: Record<Tier, TierBenefits>): ProductDetail['memberOffer'] {
  const paying = viewerTier === null ? 100 : benefits[viewerTier].memberPricePct
  for (const tier of [1, 2, 3, 4, 5] as const) {
    if (viewerTier !== null && tier <= viewerTier) continue
    if (benefits[tier].memberPricePct < paying) return { tier, memberPricePct: benefits[tier].memberPricePct }
  }
  return null
}

/** A feed excerpt: the first characters of the body, cut on a character boundary. */
export function excerpt(body: string, maxChars = 60): string {
  const chars = [...body.replace(/\s+/g, ' ').trim()]
  return chars.length <= maxChars ? chars.join('') : `${chars.slice(0, maxChars).join('')}…`
}

/** Only approved posts are shown in the feed. */
export function isVisibleInFeed(post: Post): boolean {
  return post.status === 'approved'
}

export interface Paging {
  page: number
  pageSize: number
  offset: number
}

export const DEFAULT_PAGE_SIZE = 10
export const MAX_PAGE_SIZE = 50

export function paging(page = 1, pageSize = DEFAULT_PAGE_SIZE): Paging {
  return { page, pageSize, offset: (page - 1) * pageSize }
}

/** One page of a listing: its items (as shown), where it is, and whether more follow the slice read. */
export function pageAt<T>(p: Paging, items: T[], total: number): Page<T> {
  return { items, page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}
