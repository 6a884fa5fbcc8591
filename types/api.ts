/**
 * The contract between the mini program and the cloud functions: for every function, every action's
 * payload (`req`) and answer (`res`). README.md's API section lists the same in prose.
 */
import type { Category, Fen, Instant, Role, Tier } from './domain'

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
  hasMore: boolean
}

export interface PageRequest {
  /** 1-based; default 1. */
  page?: number
  /** 1–50; default 10. */
  pageSize?: number
}

export type StockState = 'inStock' | 'low' | 'soldOut'

export type ProductSort = 'default' | 'sales' | 'newest' | 'priceAsc' | 'priceDesc'

export interface ProductCard {
  id: string
  categoryId: string
  title: string
  subtitle: string
  cover: string
  tags: string[]
  /** Lowest list price over the SKUs. */
  price: Fen
  /** Lowest member price for the caller's tier; null for visitors or when it equals the list price. */
  memberPrice: Fen | null
  sales: number
  stockState: StockState
}

export interface SkuView {
  id: string
  specs: Record<string, string>
  price: Fen
  memberPrice: Fen | null
  stock: number
  stockState: StockState
}

export interface ProductDetail extends ProductCard {
  images: string[]
  detail: string
  /** Spec names with their values in SKU order, for the SKU picker. */
  specOptions: { name: string; values: string[] }[]
  skus: SkuView[]
  /** The caller's tier when signed in, for the "V4 会员价" label. */
  viewerTier: Tier | null
}

export interface FeedPost {
  id: string
  title: string
  excerpt: string
  cover: string
  kind: 'pgc' | 'ugc'
  author: { nickname: string; avatar: string }
  products: ProductCard[]
  likes: number
  createdAt: Instant
}

export interface MemberView {
  id: string
  nickname: string
  avatar: string
  tier: Tier
  roles: Role[]
  shareCode: string
}

export interface TouchRequest {
  /** Client-made id of this entry, so a retried report is recorded once. */
  entryId: string
  scene?: number
  shareCode?: string
  postId?: string
  campaignId?: string
  productId?: string
  path: string
}

export interface Api {
  catalog: {
    categories: { req: Record<string, never>; res: Category[] }
    products: {
      req: PageRequest & { categoryId?: string; sort?: ProductSort; featured?: boolean }
      res: Page<ProductCard>
    }
    product: { req: { id: string }; res: ProductDetail }
    feed: { req: PageRequest; res: Page<FeedPost> }
    touch: { req: TouchRequest; res: { recorded: boolean } }
  }
  member: {
    profile: { req: Record<string, never>; res: MemberView }
  }
}

export type FunctionName = keyof Api
export type ActionName<F extends FunctionName> = keyof Api[F] & string
export type Req<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { req: infer R } ? R : never
export type Res<F extends FunctionName, A extends ActionName<F>> = Api[F][A] extends { res: infer R } ? R : never

/** Local host only: the demo people offered at dev sign-in. */
export interface DemoPerson {
  id: string
  label: string
  member: MemberView
}

export interface DevLogin {
  token: string
  member: MemberView
}
