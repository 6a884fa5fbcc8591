import { withoutMarks } from './marks'
import { transact } from './retry'
import type { ProductSort } from '../../../../types/api'
import type { Category, Product, Sku, StockAdjustment } from '../../../../types/domain'
import { lowestPrice } from '../../core/catalog'
import type { ProductQuery, Slice, CatalogStore, StaffProductQuery } from '../port'
import type { DocData } from './database'
import { read, withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseBase } from './base'

const PRODUCT_ORDER: Record<ProductSort, [string, 'asc' | 'desc'][]> = {
  default: [
    ['sort', 'asc'],
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  sales: [
    ['sales', 'desc'],
    ['_id', 'asc'],
  ],
  newest: [
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  priceAsc: [
    ['minPrice', 'asc'],
    ['_id', 'asc'],
  ],
  priceDesc: [
    ['minPrice', 'desc'],
    ['_id', 'asc'],
  ],
}

/** A SKU document as the domain's SKU: its list position and placements' marks dropped, a cleared floor (null) absent. */
function skuOf(doc: Record<string, unknown>): Sku {
  const { position: _position, floorPrice, ...sku } = fromDoc<Sku & { position: number; floorPrice?: number | null }>(withoutMarks(doc))
  return typeof floorPrice === 'number' ? { ...sku, floorPrice } : sku
}

/** The catalog: categories, products with their SKUs, and what consumers browse. */
export class CloudbaseCatalog extends CloudbaseBase implements CatalogStore {
  private async skusOf(productIds: string[]): Promise<Map<string, Sku[]>> {
    const byProduct = new Map<string, Sku[]>()
    if (productIds.length === 0) return byProduct
    const docs = await getAll(
      this.db
        .collection('skus')
        .where({ productId: this.db.command.in(productIds) })
        .orderBy('position', 'asc'),
    )
    for (const doc of docs) {
      const sku = skuOf(doc)
      const list = byProduct.get(sku.productId) ?? []
      list.push(sku)
      byProduct.set(sku.productId, list)
    }
    return byProduct
  }

  private async assemble(docs: DocData[]): Promise<Product[]> {
    const skus = await this.skusOf(docs.map((d) => d._id))
    return docs.map((doc) => {
      const { minPrice: _minPrice, ...product } = fromDoc<Product & { minPrice: number }>(doc)
      return { ...product, skus: skus.get(product.id) ?? [] }
    })
  }

  async putCategory(c: Category): Promise<void> {
    await this.db
      .collection('categories')
      .doc(c.id)
      .set({ data: withoutId(c) })
  }

  async putProduct(p: Product): Promise<void> {
    const { skus, ...product } = p
    await transact(this.db, async (tx) => {
      for (const sku of skus) {
        const existing = await tx
          .collection('skus')
          .doc(sku.id)
          .get()
          .then(
            (r) => r.data,
            () => null,
          )
        if (existing && existing.productId !== p.id) throw new Error(`SKU ${sku.id} belongs to another product`)
      }
      await tx
        .collection('products')
        .doc(p.id)
        .set({ data: { ...withoutId(product), minPrice: lowestPrice(skus) } })
      for (const [position, sku] of skus.entries()) {
        await tx
          .collection('skus')
          .doc(sku.id)
          .set({ data: { ...withoutId(sku), productId: p.id, position } })
      }
    })
  }

  async saveProductDetails(p: Product): Promise<void> {
    const { skus, ...product } = p
    await transact(this.db, async (tx) => {
      const existing = []
      for (const sku of skus) existing.push(await read(tx.collection('skus').doc(sku.id)))
      for (const found of existing) if (found && found.productId !== p.id) throw new Error(`SKU ${found._id} belongs to another product`)
      await tx
        .collection('products')
        .doc(p.id)
        .set({ data: { ...withoutId(product), minPrice: lowestPrice(skus) } })
      for (const [position, sku] of skus.entries()) {
        const ref = tx.collection('skus').doc(sku.id)
        // An existing SKU keeps its stock: only what staff edit is written.
        if (existing[position])
          await ref.update({
            data: { specs: this.db.command.set(sku.specs), price: sku.price, floorPrice: sku.floorPrice ?? null, position },
          })
        else await ref.set({ data: { ...withoutId(sku), productId: p.id, position } })
      }
    })
  }

  async listCategories(): Promise<Category[]> {
    const docs = await getAll(this.db.collection('categories').orderBy('sort', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<Category>(d))
  }

  async listProducts(q: ProductQuery): Promise<Slice<Product>> {
    const condition: DocData = { status: 'on' }
    if (q.categoryId !== undefined) condition.categoryId = q.categoryId
    if (q.featured !== undefined) condition.featured = q.featured
    let query = this.db.collection('products').where(condition)
    for (const [field, direction] of PRODUCT_ORDER[q.sort]) query = query.orderBy(field, direction)
    return pageOf(query, this.db.collection('products').where(condition), { offset: q.offset, limit: q.limit }, (data) =>
      this.assemble(data),
    )
  }

  async findProduct(id: string): Promise<Product | null> {
    return (await this.findProducts([id]))[0] ?? null
  }

  async findProducts(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('products').where({ _id: this.db.command.in([...ids]) }))
    const found = await this.assemble(docs)
    return ids.flatMap((id) => found.filter((p) => p.id === id))
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.collection('categories').count()).total === 0
  }

  async listStaffProducts(q: StaffProductQuery): Promise<Slice<Product>> {
    const condition: DocData = {}
    if (q.text) condition.title = this.db.RegExp({ regexp: q.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' })
    if (q.categoryId !== undefined) condition.categoryId = q.categoryId
    if (q.status !== undefined) condition.status = q.status
    return pageOf(
      this.db.collection('products').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'asc'),
      this.db.collection('products').where(condition),
      { offset: q.offset, limit: q.limit },
      (data) => this.assemble(data),
    )
  }

  async setProductStatus(productId: string, status: 'on' | 'off'): Promise<boolean> {
    const { stats } = await this.db.collection('products').where({ _id: productId }).update({ data: { status } })
    return stats.updated === 1
  }

  /**
   * One transaction: the record of the adjustment and the stock move commit together, or neither does.
   * Staff adjustments are rare; when one meets another (or an order) on the same SKU it tries again.
   */
  async adjustStock(a: StockAdjustment): Promise<'applied' | 'duplicate' | 'short' | 'unknown'> {
    return transact(this.db, async (tx) => {
      if (await read(tx.collection('stock_adjustments').doc(a.id))) return 'duplicate'
      const sku = await read(tx.collection('skus').doc(a.skuId))
      if (!sku) return 'unknown'
      if (sku.stock + a.delta < 0) return 'short'
      await tx
        .collection('skus')
        .doc(a.skuId)
        .update({ data: { stock: this.db.command.inc(a.delta) } })
      await tx
        .collection('stock_adjustments')
        .doc(a.id)
        .set({ data: withoutId(a) })
      return 'applied'
    })
  }

  async findStockAdjustment(id: string): Promise<StockAdjustment | null> {
    const { data } = await this.db.collection('stock_adjustments').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<StockAdjustment>(data[0]) : null
  }

  async findSkus(ids: readonly string[]): Promise<Sku[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('skus').where({ _id: this.db.command.in([...ids]) }))
    return docs.map(skuOf)
  }
}
