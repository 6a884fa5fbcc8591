import Taro from '@tarojs/taro'
import { formatFen } from '../utils/money'
import { describeError } from './errors'
import { requestJson } from './http'
import type { PayOrder } from './payment'

interface LocalPayAnswer {
  errcode: number
  errmsg: string
  outcome?: string
}

/**
 * The browser build pays through the local host's pay provider, which stands where WeChat Pay
 * stands: a confirmation takes the place of the WeChat Pay sheet, then the provider notifies the
 * server through the same payment callback.
 */
export const payOrder: PayOrder = async (payment) => {
  if (payment.provider !== 'local') return { kind: 'failed', message: '当前环境不支持这种支付方式' }
  const { confirm } = await Taro.showModal({
    title: '本地演示支付',
    content: `支付 ${formatFen(payment.amount)}（演示环境，不会真实扣款）`,
    confirmText: '确认支付',
    cancelText: '暂不支付',
  })
  if (!confirm) return { kind: 'cancelled' }
  try {
    const answer = await requestJson<LocalPayAnswer>('POST', '/dev/pay', { orderId: payment.orderId })
    return answer.errcode === 0 ? { kind: 'paid' } : { kind: 'failed', message: answer.errmsg }
  } catch (error) {
    return { kind: 'failed', message: describeError(error) }
  }
}
