import type { ProductSort } from '../../../../types/api'
import type { Category, Product, Sku, StockAdjustment } from '../../../../types/domain'
import type { Slice } from './paging'

export interface ProductQuery {
  categoryId?: string
  featured?: boolean
  sort: ProductSort
  offset: number
  limit: number
}

/** Staff's product list: every product, on the shelf or not, newest first. */
export interface StaffProductQuery {
  /** A piece of the title. */
  text?: string
  categoryId?: string
  status?: 'on' | 'off'
  offset: number
  limit: number
}

/** The catalog: categories, products with their SKUs, and what consumers browse. */
export interface CatalogStore {
  /** Catalog upkeep (seed and operator tools). Products are written with their SKUs. */
  putCategory(category: Category): Promise<void>
  putProduct(product: Product): Promise<void>
  listCategories(): Promise<Category[]>
  /** Products on sale, with their SKUs; the detail is left out (a listing never shows it). */
  listProducts(query: ProductQuery): Promise<Slice<ListedProduct>>
  /** A product with its SKUs, on sale or not; null when unknown. */
  findProduct(id: string): Promise<Product | null>
  findProducts(ids: readonly string[]): Promise<Product[]>
  /** Whether the store holds any catalog yet (seed runs only on an empty shop). */
  isEmpty(): Promise<boolean>
  findSkus(ids: readonly string[]): Promise<Sku[]>
  listStaffProducts(query: StaffProductQuery): Promise<Slice<Product>>
  /**
   * Writes a product as staff edit it: its fields and its SKUs' specs, prices and order; a new SKU
   * starts with its stock, an existing SKU keeps the stock it has (orders and adjustments move it).
   */
  saveProductDetails(product: Product): Promise<void>
  /** Puts a product on the shelf or takes it off, touching nothing else (stock moves with orders meanwhile). */
  setProductStatus(productId: string, status: 'on' | 'off'): Promise<boolean>
  /**
   * Moves a SKU's shelf stock by the adjustment's delta and records it, atomically and once per
   * adjustment id: 'duplicate' when that id was recorded before, 'short' when the stock would go below
   * zero (units placed orders hold are already off the shelf), 'unknown' for no such SKU.
   */
  adjustStock(adjustment: StockAdjustment): Promise<'applied' | 'duplicate' | 'short' | 'unknown'>
  findStockAdjustment(id: string): Promise<StockAdjustment | null>
}

/** A product as a listing shows it: everything but the detail. */
export type ListedProduct = Omit<Product, 'detail'>
