import Taro from '@tarojs/taro'
import { type CallErrorCode, describeError, isCallError } from '../../../services/errors'
import { askToSignIn } from '../../../utils/signIn'

/** Headings for the mall's refusals; the server's message below them says why, in its own words. */
const REFUSAL_TITLE: Partial<Record<CallErrorCode, string>> = {
  REDEEM_REFUSED: '暂时不能兑换',
  SOLD_OUT: '已经兑完了',
  POINTS_SHORT: '积分不足',
  LIMIT_REACHED: '已达兑换上限',
  REDEMPTION_STATE: '兑换状态已变化',
  ITEM_NOT_FOUND: '商品已下架',
}

export const failureCode = (error: unknown): CallErrorCode | null => (isCallError(error) ? error.code : null)

/** Nothing happened and trying the very same request again may work. */
export const isTransient = (error: unknown) => {
  const code = failureCode(error)
  return code === 'BUSY' || code === 'NETWORK'
}

/**
 * Tells the member why a redemption or a cancellation did not go through. A lost session leads to
 * sign-in on the 我的 tab; a busy server or a lost connection offers to try the same request again.
 */
export async function explainFailure(error: unknown, what: '兑换' | '取消兑换', retry: () => Promise<void>): Promise<void> {
  const code = failureCode(error)
  if (code === 'UNAUTHENTICATED') return askToSignIn(`登录已失效，请在“我的”页重新登录后再${what}`)
  if (isTransient(error)) {
    const { confirm } = await Taro.showModal({
      title: `${what}没有完成`,
      content: describeError(error),
      confirmText: '重试',
      cancelText: '稍后再说',
    })
    if (confirm) await retry()
    return
  }
  await Taro.showModal({
    title: (code && REFUSAL_TITLE[code]) ?? `${what}没有成功`,
    content: describeError(error),
    showCancel: false,
    confirmText: '知道了',
  })
}
