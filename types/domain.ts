/** Domain value types shared by the mini program and the cloud functions. Money is integer fen. */

export type Fen = number
/** Milliseconds since the epoch (UTC instant). */
export type Instant = number

/** Member tier V1–V5. */
export type Tier = 1 | 2 | 3 | 4 | 5

export type Role = 'consumer' | 'distributor' | 'operator'

export interface Category {
  id: string
  name: string
  icon: string
  sort: number
}

export interface Sku {
  id: string
  productId: string
  /** Spec name -> value, e.g. { 规格: '250g', 口味: '原味' }. */
  specs: Record<string, string>
  /** List price in fen. */
  price: Fen
  stock: number
}

export interface Product {
  id: string
  categoryId: string
  title: string
  subtitle: string
  images: string[]
  detail: string
  tags: string[]
  /** Units sold so far (shown on cards, used for sorting). */
  sales: number
  status: 'on' | 'off'
  featured: boolean
  /** Commission rate in basis points for distributors; null means the global default. */
  commissionBps: number | null
  sort: number
  createdAt: Instant
  skus: Sku[]
}

export interface Member {
  /** The platform identity: OPENID in production, the demo person's id locally. */
  id: string
  nickname: string
  avatar: string
  tier: Tier
  roles: Role[]
  /** Short code carried by the member's share cards (fits a 32-character QR scene). */
  shareCode: string
  createdAt: Instant
}

export interface Post {
  id: string
  authorId: string
  title: string
  body: string
  cover: string
  images: string[]
  productIds: string[]
  kind: 'pgc' | 'ugc'
  status: 'pending' | 'approved' | 'rejected'
  likes: number
  createdAt: Instant
}

/** One entry into the shop and where it came from. */
export interface Touchpoint {
  id: string
  memberId: string | null
  /** WeChat scene value (1007 single chat card, 1047 QR code …); 0 in the browser build. */
  scene: number
  shareCode: string | null
  postId: string | null
  campaignId: string | null
  productId: string | null
  path: string
  at: Instant
}

/** Visits per Asia/Shanghai day and channel, rolled up from touchpoints. */
export interface ChannelDay {
  day: string
  channel: string
  visits: number
  visitors: number
}
