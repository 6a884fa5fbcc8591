import type { ProductSort } from '../../../../types/api'
import type { Category, Product, Sku, StockAdjustment } from '../../../../types/domain'
import { lowestPrice } from '../../core/catalog'
import type { ListedProduct, ProductQuery, Slice, CatalogStore, StaffProductQuery } from '../port'
import type Database from 'better-sqlite3'
import { SqliteBase } from './base'

const PRODUCT_ORDER: Record<ProductSort, string> = {
  default: 'p.sort ASC, p.created_at DESC, p.id ASC',
  sales: 'p.sales DESC, p.id ASC',
  newest: 'p.created_at DESC, p.id ASC',
  priceAsc: 'p.min_price ASC, p.id ASC',
  priceDesc: 'p.min_price DESC, p.id ASC',
}

interface ProductRow {
  id: string
  category_id: string
  title: string
  subtitle: string
  images: string
  /** Absent when a listing leaves it out. */
  detail?: string
  tags: string
  sales: number
  status: 'on' | 'off'
  featured: number
  commission_bps: number | null
  sort: number
  created_at: number
  limits: string | null
  member_prices: number | null
}

interface SkuRow {
  id: string
  product_id: string
  specs: string
  price: number
  stock: number
  floor_price: number | null
}

const toSku = (r: SkuRow): Sku => ({
  id: r.id,
  productId: r.product_id,
  specs: JSON.parse(r.specs),
  price: r.price,
  stock: r.stock,
  ...(r.floor_price === null ? {} : { floorPrice: r.floor_price }),
})

const CARD_COLUMNS =
  'p.id, p.category_id, p.title, p.subtitle, p.images, p.tags, p.sales, p.status, p.featured, p.commission_bps, p.sort, p.created_at, p.limits, p.member_prices'

/** Listings kept at once; pages, sorts and categories past this start the cache afresh. */
const LISTINGS_KEPT = 256

/**
 * Product listings as last read, per database, each with the catalog version it was read at: the
 * version moves with every write to products or SKUs (database triggers), so a listing is served
 * again only while nothing it shows could have changed.
 */
const LISTINGS = new WeakMap<Database.Database, Map<string, { version: number; slice: Slice<ListedProduct> }>>()

/** The catalog: categories, products with their SKUs, and what consumers browse. */
export class SqliteCatalog extends SqliteBase implements CatalogStore {
  private withSkus(rows: ProductRow[]): Product[] {
    if (rows.length === 0) return []
    const skuRows = this.sql(`SELECT * FROM skus WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, position`).all(
      JSON.stringify(rows.map((r) => r.id)),
    ) as SkuRow[]
    const byProduct = new Map<string, Sku[]>()
    for (const row of skuRows) {
      const list = byProduct.get(row.product_id) ?? []
      list.push(toSku(row))
      byProduct.set(row.product_id, list)
    }
    return rows.map((r) => ({
      id: r.id,
      categoryId: r.category_id,
      title: r.title,
      subtitle: r.subtitle,
      images: JSON.parse(r.images),
      detail: r.detail ?? '',
      tags: JSON.parse(r.tags),
      sales: r.sales,
      status: r.status,
      featured: r.featured === 1,
      commissionBps: r.commission_bps,
      sort: r.sort,
      createdAt: r.created_at,
      skus: byProduct.get(r.id) ?? [],
      ...(r.limits ? { limits: JSON.parse(r.limits) } : {}),
      ...(r.member_prices === 0 ? { memberPrices: false } : {}),
    }))
  }

  async putCategory(c: Category): Promise<void> {
    this.sql(
      `INSERT INTO categories (id, name, icon, sort) VALUES (@id, @name, @icon, @sort)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon = excluded.icon, sort = excluded.sort`,
    ).run(c)
  }

  async putProduct(p: Product): Promise<void> {
    this.writeProduct(p, true)
  }

  async saveProductDetails(p: Product): Promise<void> {
    this.writeProduct(p, false)
  }

  /** The product and its SKUs; an existing SKU's stock is left as it is unless `withStock` (seed and tools). */
  private writeProduct(p: Product, withStock: boolean): void {
    const upsertProduct = this.sql(
      `INSERT INTO products (id, category_id, title, subtitle, images, detail, tags, sales, status, featured, commission_bps, sort, created_at, min_price, limits, member_prices)
       VALUES (@id, @categoryId, @title, @subtitle, @images, @detail, @tags, @sales, @status, @featured, @commissionBps, @sort, @createdAt, @minPrice, @limits, @memberPrices)
       ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, title = excluded.title, subtitle = excluded.subtitle,
         images = excluded.images, detail = excluded.detail, tags = excluded.tags, sales = excluded.sales, status = excluded.status,
         featured = excluded.featured, commission_bps = excluded.commission_bps, sort = excluded.sort, min_price = excluded.min_price,
         limits = excluded.limits, member_prices = excluded.member_prices`,
    )
    const upsertSku = this.sql(
      `INSERT INTO skus (id, product_id, position, specs, price, stock, floor_price) VALUES (@id, @productId, @position, @specs, @price, @stock, @floorPrice)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, specs = excluded.specs, price = excluded.price,
         floor_price = excluded.floor_price${withStock ? ', stock = excluded.stock' : ''}
       WHERE skus.product_id = excluded.product_id`,
    )
    this.db.transaction(() => {
      upsertProduct.run({
        ...p,
        images: JSON.stringify(p.images),
        tags: JSON.stringify(p.tags),
        featured: p.featured ? 1 : 0,
        minPrice: lowestPrice(p.skus),
        limits: p.limits ? JSON.stringify(p.limits) : null,
        memberPrices: p.memberPrices === false ? 0 : null,
      })
      p.skus.forEach((sku, position) => {
        const result = upsertSku.run({
          ...sku,
          productId: p.id,
          position,
          specs: JSON.stringify(sku.specs),
          floorPrice: sku.floorPrice ?? null,
        })
        if (result.changes !== 1) throw new Error(`SKU ${sku.id} belongs to another product`)
      })
    })()
  }

  async listCategories(): Promise<Category[]> {
    return this.sql('SELECT id, name, icon, sort FROM categories ORDER BY sort, id').all() as Category[]
  }

  async listProducts(q: ProductQuery): Promise<Slice<ListedProduct>> {
    const where = ["p.status = 'on'"]
    const params: unknown[] = []
    if (q.categoryId !== undefined) {
      where.push('p.category_id = ?')
      params.push(q.categoryId)
    }
    if (q.featured !== undefined) {
      where.push('p.featured = ?')
      params.push(q.featured ? 1 : 0)
    }
    const clause = where.join(' AND ')
    const listing = {
      // A card never shows the detail, the heaviest column.
      rows: `SELECT ${CARD_COLUMNS} FROM products p WHERE ${clause} ORDER BY ${PRODUCT_ORDER[q.sort]}`,
      count: `SELECT COUNT(*) AS n FROM products p WHERE ${clause}`,
      params,
    }
    const { version } = this.sql('SELECT version FROM catalog_version').get() as { version: number }
    const key = JSON.stringify([q.categoryId, q.featured, q.sort, q.offset, q.limit])
    const listings = LISTINGS.get(this.db) ?? new Map()
    LISTINGS.set(this.db, listings)
    const cached = listings.get(key)
    if (cached?.version === version) return cached.slice
    const slice = this.slice<ProductRow, ListedProduct>(listing, q, (rows) => this.withSkus(rows))
    if (listings.size >= LISTINGS_KEPT) listings.clear()
    listings.set(key, { version, slice })
    return slice
  }

  async findProduct(id: string): Promise<Product | null> {
    return (await this.findProducts([id]))[0] ?? null
  }

  async findProducts(ids: readonly string[]): Promise<Product[]> {
    const rows = this.sql('SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ProductRow[]
    const found = this.withSkus(rows)
    return ids.flatMap((id) => found.filter((p) => p.id === id))
  }

  async isEmpty(): Promise<boolean> {
    return (this.sql('SELECT COUNT(*) AS n FROM categories').get() as { n: number }).n === 0
  }

  async findSkus(ids: readonly string[]): Promise<Sku[]> {
    const rows = this.sql('SELECT * FROM skus WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as SkuRow[]
    return rows.map(toSku)
  }

  async listStaffProducts(q: StaffProductQuery): Promise<Slice<Product>> {
    const where = ['1 = 1']
    const params: unknown[] = []
    if (q.text) {
      where.push("p.title LIKE ? ESCAPE '\\'")
      params.push(`%${q.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    }
    if (q.categoryId !== undefined) {
      where.push('p.category_id = ?')
      params.push(q.categoryId)
    }
    if (q.status !== undefined) {
      where.push('p.status = ?')
      params.push(q.status)
    }
    const clause = where.join(' AND ')
    const listing = {
      rows: `SELECT p.* FROM products p WHERE ${clause} ORDER BY p.created_at DESC, p.id`,
      count: `SELECT COUNT(*) AS n FROM products p WHERE ${clause}`,
      params,
    }
    return this.slice<ProductRow, Product>(listing, q, (rows) => this.withSkus(rows))
  }

  async setProductStatus(productId: string, status: 'on' | 'off'): Promise<boolean> {
    return this.sql('UPDATE products SET status = ? WHERE id = ?').run(status, productId).changes === 1
  }

  async adjustStock(a: StockAdjustment): Promise<'applied' | 'duplicate' | 'short' | 'unknown'> {
    return this.db
      .transaction((): 'applied' | 'duplicate' | 'short' | 'unknown' => {
        if (this.sql('SELECT 1 FROM stock_adjustments WHERE id = ?').get(a.id)) return 'duplicate'
        const sku = this.sql('SELECT stock FROM skus WHERE id = ?').get(a.skuId) as { stock: number } | undefined
        if (!sku) return 'unknown'
        if (this.sql('UPDATE skus SET stock = stock + ? WHERE id = ? AND stock + ? >= 0').run(a.delta, a.skuId, a.delta).changes !== 1)
          return 'short'
        this.sql('INSERT INTO stock_adjustments (id, sku_id, at, doc) VALUES (?, ?, ?, ?)').run(a.id, a.skuId, a.at, JSON.stringify(a))
        return 'applied'
      })
      .immediate()
  }

  async findStockAdjustment(id: string): Promise<StockAdjustment | null> {
    const row = this.sql('SELECT doc FROM stock_adjustments WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as StockAdjustment) : null
  }
}
