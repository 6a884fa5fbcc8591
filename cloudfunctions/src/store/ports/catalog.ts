import type { ProductSort } from '../../../../types/api'
import type { Category, Product, Sku } from '../../../../types/domain'
import type { Slice } from './paging'

export interface ProductQuery {
  categoryId?: string
  featured?: boolean
  sort: ProductSort
  offset: number
  limit: number
}

/** The catalog: categories, products with their SKUs, and what consumers browse. */
export interface CatalogStore {
  /** Catalog upkeep (seed and operator tools). Products are written with their SKUs. */
  putCategory(category: Category): Promise<void>
  putProduct(product: Product): Promise<void>
  listCategories(): Promise<Category[]>
  /** Products on sale, with their SKUs. */
  listProducts(query: ProductQuery): Promise<Slice<Product>>
  /** A product with its SKUs, on sale or not; null when unknown. */
  findProduct(id: string): Promise<Product | null>
  findProducts(ids: readonly string[]): Promise<Product[]>
  /** Whether the store holds any catalog yet (seed runs only on an empty shop). */
  isEmpty(): Promise<boolean>
  findSkus(ids: readonly string[]): Promise<Sku[]>
}
