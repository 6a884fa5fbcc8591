/** Page paths of the app, in one place so links and share cards agree. */
export const PAGES = {
  home: '/pages/home/index',
  category: '/pages/category/index',
  cart: '/pages/cart/index',
  me: '/pages/me/index',
  product: '/packages/product/detail/index',
  post: '/packages/post/detail/index',
  orders: '/packages/order/list/index',
  memberBenefits: '/packages/member/benefits/index',
  points: '/packages/points/center/index',
  redeem: '/packages/redeem/mall/index',
  groupbuy: '/packages/groupbuy/list/index',
  distributor: '/packages/distributor/center/index'
} as const

type Query = Record<string, string | null | undefined>

export function withQuery(path: string, query: Query): string {
  const pairs = Object.keys(query)
    .filter((key) => query[key])
    .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key] as string)}`)
  return pairs.length > 0 ? `${path}?${pairs.join('&')}` : path
}

/** A product page link; `postId` attributes the visit to the post it was opened from, `sc` to a sharer. */
export const productPath = (id: string, from: { postId?: string; sc?: string | null } = {}) =>
  withQuery(PAGES.product, { id, postId: from.postId, sc: from.sc })

export const postPath = (id: string) => withQuery(PAGES.post, { id })

/** Reads a page parameter; the mini program hands them over still URL-encoded. */
export function readParam(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
