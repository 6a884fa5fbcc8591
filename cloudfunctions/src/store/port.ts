import type { ProductSort } from '../../../types/api'
import type { Category, ChannelDay, Instant, Member, Post, Product, Touchpoint } from '../../../types/domain'

export interface ProductQuery {
  categoryId?: string
  featured?: boolean
  sort: ProductSort
  offset: number
  limit: number
}

export interface Slice<T> {
  items: T[]
  total: number
}

/** A touchpoint as stored: with the report channel it counts under. */
export interface StoredTouch extends Touchpoint {
  channel: string
}

/**
 * The store port: what the application services need from a database, in the business's words.
 * Each call is atomic on its own. Adapters: sqlite/ (local host) and cloudbase/ (production).
 */
export interface Store {
  /** Catalog upkeep (seed and operator tools). Products are written with their SKUs. */
  putCategory(category: Category): Promise<void>
  putProduct(product: Product): Promise<void>
  putPost(post: Post): Promise<void>
  putMember(member: Member): Promise<void>

  listCategories(): Promise<Category[]>
  /** Products on sale, with their SKUs. */
  listProducts(query: ProductQuery): Promise<Slice<Product>>
  /** A product with its SKUs, on sale or not; null when unknown. */
  findProduct(id: string): Promise<Product | null>
  findProducts(ids: readonly string[]): Promise<Product[]>
  /** Approved posts, newest first. */
  listFeed(offset: number, limit: number): Promise<Slice<Post>>
  findMember(id: string): Promise<Member | null>
  findMembers(ids: readonly string[]): Promise<Member[]>
  findMemberByShareCode(code: string): Promise<Member | null>
  /** A post in any status; null when unknown. */
  findPost(id: string): Promise<Post | null>
  /** Creates the member when absent; answers the stored member either way. */
  registerMember(member: Member): Promise<Member>
  /** Whether the store holds any catalog yet (seed runs only on an empty shop). */
  isEmpty(): Promise<boolean>

  /** Appends the touch once under its id; answers false when it was already recorded. */
  recordTouch(touch: StoredTouch): Promise<boolean>
  /** Visits and distinct visitors per channel for touches at [from, to). */
  countVisitsByChannel(from: Instant, to: Instant): Promise<{ channel: string; visits: number; visitors: number }[]>
  /** Replaces the rolled-up rows of one day (so a rerun of the job writes the same thing). */
  replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void>
  listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]>

  close(): Promise<void>
}
