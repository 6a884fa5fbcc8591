import type { OrderItemRequest, OrderTab } from '../../types/api'

/** Page paths of the app, in one place so links and share cards agree. */
export const PAGES = {
  home: '/pages/home/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  me: '/pages/me/index',
  product: '/packages/product/detail/index',
  post: '/packages/post/detail/index',
  orders: '/packages/order/list/index',
  checkout: '/packages/order/checkout/index',
  orderDetail: '/packages/order/detail/index',
  refund: '/packages/order/refund/index',
  memberCenter: '/packages/member/center/index',
  points: '/packages/points/center/index',
  checkIn: '/packages/points/checkin/index',
  redeem: '/packages/redeem/mall/index',
  redemptions: '/packages/redeem/mine/index',
  groupbuy: '/packages/groupbuy/list/index',
  team: '/packages/groupbuy/team/index',
  myTeams: '/packages/groupbuy/mine/index',
  teamCheckout: '/packages/groupbuy/checkout/index',
  distributor: '/packages/distributor/center/index',
  distributorApply: '/packages/distributor/apply/index',
  withdraw: '/packages/distributor/withdraw/index',
  withdrawals: '/packages/distributor/withdrawals/index',
  writePost: '/packages/post/write/index',
  myPosts: '/packages/post/mine/index',
  favourites: '/packages/post/favourites/index',
  topic: '/packages/post/topic/index',
  creator: '/packages/post/creator/index',
  privacy: '/packages/member/privacy/index',
  addressBook: '/packages/address/book/index',
  /** Browser build only: the page is registered for H5 alone. */
  opsConsole: '/packages/ops/console/index',
} as const

type Query = Record<string, string | null | undefined>

/** The query string alone (no `?`), leaving out empty values; a Moments share carries only this. */
export function queryString(query: Query): string {
  return Object.keys(query)
    .filter((key) => query[key])
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key] as string)}`)
    .join('&')
}

export function withQuery(path: string, query: Query): string {
  const pairs = queryString(query)
  return pairs ? `${path}?${pairs}` : path
}

/** A product page link; `postId` attributes the visit to the post it was opened from, `sc` to a sharer. */
export const productPath = (id: string, from: { postId?: string; sc?: string | null } = {}) =>
  withQuery(PAGES.product, { id, postId: from.postId, sc: from.sc })

/** The address book; `pick` opens it to choose the address a checkout ships to. */
export const addressBookPath = (options: { pick?: boolean } = {}) => withQuery(PAGES.addressBook, { pick: options.pick ? '1' : null })

/** Writing a post; `topic` chooses that topic for it already (joining a topic's 打卡). */
export const writePostPath = (topic?: string) => withQuery(PAGES.writePost, { topic: topic ?? null })

/** A topic's page (#话题). */
export const topicPath = (id: string) => withQuery(PAGES.topic, { id })

/** A creator's page (达人/KOC): their posts, badges and followers. */
export const creatorPath = (id: string) => withQuery(PAGES.creator, { id })

/** A post's page; a share card adds the sharer's code. */
export const postPath = (id: string, from: { sc?: string | null } = {}) => withQuery(PAGES.post, { id, sc: from.sc })

/** What a distributor's mini program code opens: a product, shared by the owner of a share code. */
export interface ProductScene {
  sc: string
  productId: string
}

/** A mini program code's scene holds at most 32 characters. */
const SCENE_MAX_LENGTH = 32
const PRODUCT_SCENE = /^([A-Z2-9]{4,16})_([A-Za-z0-9_-]{1,64})$/

/**
 * Reads the scene of a mini program code (`wxacode.getUnlimited`), `<share code>_<product id>`,
 * which the page receives URL-encoded. Anything else yields null rather than a guess.
 */
export function parseScene(scene: string | undefined): ProductScene | null {
  const decoded = readParam(scene)
  if (!decoded || decoded.length > SCENE_MAX_LENGTH) return null
  const match = PRODUCT_SCENE.exec(decoded)
  return match ? { sc: match[1], productId: match[2] } : null
}

const TEAM_SCENE = /^[A-Za-z0-9_-]+$/

/**
 * Reads the scene of a team invite poster's mini program code, which opens the team page: the
 * team id alone (no share code), URL-encoded like any scene. Anything else yields null.
 */
export function parseTeamScene(scene: string | undefined): string | null {
  const decoded = readParam(scene)
  if (!decoded || decoded.length > SCENE_MAX_LENGTH) return null
  return TEAM_SCENE.test(decoded) ? decoded : null
}

/** Where a checkout was started, so it can send the buyer back there when the goods change. */
export type CheckoutSource = 'cart' | 'product'

/** Checkout for these items, e.g. `items=s1:2,s7:1`; the page survives a browser reload with them. */
export const checkoutPath = (items: readonly OrderItemRequest[], from: CheckoutSource) =>
  withQuery(PAGES.checkout, { items: items.map((item) => `${item.skuId}:${item.quantity}`).join(','), from })

/** Reads the items of a checkout link; anything malformed yields no items rather than a guess. */
export function parseCheckoutItems(value: string | undefined): OrderItemRequest[] {
  if (!value) return []
  const items = value.split(',').map((pair) => {
    const [skuId, quantity] = pair.split(':')
    return { skuId, quantity: Number(quantity) }
  })
  const valid = items.every((item) => /^[A-Za-z0-9_-]+$/.test(item.skuId ?? '') && Number.isInteger(item.quantity) && item.quantity > 0)
  return valid ? items : []
}

export const orderListPath = (tab: OrderTab = 'all') => withQuery(PAGES.orders, { tab })

/** `paid` marks an order page opened right after the buyer paid, which waits for the server to confirm. */
export const orderDetailPath = (orderId: string, options: { paid?: boolean } = {}) =>
  withQuery(PAGES.orderDetail, { orderId, paid: options.paid ? '1' : undefined })

export const refundPath = (orderId: string) => withQuery(PAGES.refund, { orderId })

/** Reads a page parameter; the mini program hands them over still URL-encoded. */
export function readParam(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** A team's page; the share card adds the sharer's code and the campaign (for the touchpoint). */
export const teamPath = (teamId: string, from: { campaignId?: string; sc?: string | null } = {}) =>
  withQuery(PAGES.team, { teamId, campaignId: from.campaignId, sc: from.sc })

/** Checkout of one unit at the team price: opening a team of a campaign, or joining a team. */
export const teamCheckoutPath = (target: { campaignId: string; teamId?: string; skuId: string }) =>
  withQuery(PAGES.teamCheckout, { campaignId: target.campaignId, teamId: target.teamId, skuId: target.skuId })

/** The query flag home is opened with when the path asked for does not exist. */
export const LOST_ROUTE = 'lost'
