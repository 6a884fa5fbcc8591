import Taro from '@tarojs/taro'
import { PAGES, withQuery } from '../../../utils/routes'

/** Pages of the points mall package. */
export const REDEEM_PAGES = {
  mall: PAGES.redeem,
  detail: '/packages/redeem/detail/index',
  mine: PAGES.redemptions,
} as const

export const redeemItemPath = (id: string) => withQuery(REDEEM_PAGES.detail, { id })

/** Into the mall: back to it when it is the page below, so the stack never holds it twice. */
export function openMall() {
  const pages = Taro.getCurrentPages()
  const below = pages.length > 1 ? (pages[pages.length - 2].route ?? '') : ''
  if (`/${below.replace(/^\//, '')}`.startsWith(REDEEM_PAGES.mall)) return Taro.navigateBack()
  return Taro.navigateTo({ url: REDEEM_PAGES.mall })
}
