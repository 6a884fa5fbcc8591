import type { CartLineView, CartView } from '../../../types/api'
import type { Member } from '../../../types/domain'
import { stockState } from '../core/catalog'
import { pricedLine } from '../core/checkout'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { tierSettings } from './settings'

/** A cart holds at most this many different SKUs, and at most this many units of one. */
export const CART_MAX_LINES = 50
export const MAX_UNITS_PER_LINE = 99

export async function viewCart(store: Store, member: Member, now: number): Promise<CartView> {
  const { settings } = await tierSettings(store, now)
  const items = await store.listCart(member.id)
  const skus = await store.findSkus(items.map((i) => i.skuId))
  const products = await store.findProducts([...new Set(skus.map((s) => s.productId))])
  const lines = items.flatMap((item): CartLineView[] => {
    const sku = skus.find((s) => s.id === item.skuId)
    const product = sku && products.find((p) => p.id === sku.productId)
    if (!sku || !product) return []
    return [
      {
        ...pricedLine(sku, product, item.quantity, member.tier, settings.benefits),
        stock: sku.stock,
        stockState: stockState(sku.stock),
        available: product.status === 'on',
      },
    ]
  })
  return { items: lines, count: lines.filter((l) => l.available).reduce((n, l) => n + l.quantity, 0) }
}

/** Adds units of a SKU (on top of what the cart already has), capped per line. */
export async function addToCart(store: Store, member: Member, skuId: string, quantity: number, now: number): Promise<CartView> {
  const [sku] = await store.findSkus([skuId])
  const product = sku && (await store.findProduct(sku.productId))
  if (!sku || !product || product.status !== 'on') throw new AppError('SKU_NOT_FOUND', '商品规格不存在或已下架')
  const cart = await store.listCart(member.id)
  const current = cart.find((i) => i.skuId === skuId)
  if (!current && cart.length >= CART_MAX_LINES) throw new AppError('CART_FULL', `购物车最多放 ${CART_MAX_LINES} 种商品`)
  const wanted = Math.min(MAX_UNITS_PER_LINE, (current?.quantity ?? 0) + quantity)
  if (wanted > sku.stock) throw new AppError('OUT_OF_STOCK', sku.stock === 0 ? '该规格已售罄' : `库存仅剩 ${sku.stock} 件`)
  await store.putCartItem({ memberId: member.id, skuId, quantity: wanted, addedAt: now })
  return viewCart(store, member, now)
}

/** Sets a cart line's quantity; the SKU must already be in the cart. */
export async function updateCartItem(store: Store, member: Member, skuId: string, quantity: number, now: number): Promise<CartView> {
  const current = (await store.listCart(member.id)).find((i) => i.skuId === skuId)
  if (!current) throw new AppError('SKU_NOT_FOUND', '购物车里没有这个商品')
  const [sku] = await store.findSkus([skuId])
  if (sku && quantity > sku.stock) throw new AppError('OUT_OF_STOCK', sku.stock === 0 ? '该规格已售罄' : `库存仅剩 ${sku.stock} 件`)
  await store.putCartItem({ memberId: member.id, skuId, quantity, addedAt: now })
  return viewCart(store, member, now)
}

export async function removeFromCart(store: Store, member: Member, skuIds: readonly string[], now: number): Promise<CartView> {
  await store.removeCartItems(member.id, skuIds)
  return viewCart(store, member, now)
}
