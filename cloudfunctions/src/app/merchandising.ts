import type { Page, StockAdjustmentResult } from '../../../types/api'
import type { Product } from '../../../types/domain'
import { pageAt, paging } from '../core/catalog'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'

/** Every product, on the shelf or not, by a piece of the title, category and shelf state, newest first. */
export async function staffProducts(
  store: Store,
  req: { text?: string; categoryId?: string; status?: 'on' | 'off'; page?: number; pageSize?: number },
): Promise<Page<Product>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listStaffProducts({ ...req, offset: p.offset, limit: p.pageSize })
  return pageAt(p, items, total)
}

/** Puts a product on the shelf or takes it off; consumers see it at once (nothing is cached). Audited. */
export async function shelveProduct(store: Store, actor: string, req: { productId: string; on: boolean }, now: number): Promise<Product> {
  const before = await store.findProduct(req.productId)
  if (!before) throw new AppError('PRODUCT_NOT_FOUND', '商品不存在')
  const status = req.on ? 'on' : 'off'
  if (before.status !== status) {
    await store.setProductStatus(req.productId, status)
    await recordAudit(
      store,
      actor,
      req.on ? 'product:shelve' : 'product:unshelve',
      req.productId,
      { status: before.status },
      { status },
      now,
    )
  }
  return (await store.findProduct(req.productId))!
}

/**
 * Moves a SKU's shelf stock with a reason: once per request id (a retry answers the first result),
 * never below zero — units placed orders hold are already off the shelf, so they stay theirs. Audited.
 */
export async function adjustStock(
  store: Store,
  actor: string,
  req: { skuId: string; delta: number; reason: string; requestId: string },
  now: number,
): Promise<StockAdjustmentResult> {
  const id = `stock:${req.skuId}:${req.requestId}`
  const [sku] = await store.findSkus([req.skuId])
  if (!sku) throw new AppError('SKU_NOT_FOUND', '规格不存在')
  const outcome = await store.adjustStock({ id, skuId: req.skuId, delta: req.delta, reason: req.reason, actor, at: now })
  if (outcome === 'unknown') throw new AppError('SKU_NOT_FOUND', '规格不存在')
  if (outcome === 'short') {
    const [current] = await store.findSkus([req.skuId])
    throw new AppError(
      'STOCK_HELD',
      `当前可售库存 ${current?.stock ?? 0} 件，不能减少 ${-req.delta} 件（已下单未付款的件数不在可售库存里）`,
    )
  }
  const [after] = await store.findSkus([req.skuId])
  if (outcome === 'applied') {
    await recordAudit(
      store,
      actor,
      'stock:adjust',
      req.skuId,
      { stock: after.stock - req.delta },
      { stock: after.stock, delta: req.delta, reason: req.reason },
      now,
    )
  }
  return { sku: after, adjustment: (await store.findStockAdjustment(id))!, repeated: outcome === 'duplicate' }
}
