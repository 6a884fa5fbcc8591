import Taro from '@tarojs/taro'
import type { PayOrder } from './payment'

type SignType = NonNullable<Taro.requestPayment.Option['signType']>

export const payOrder: PayOrder = async (payment) => {
  if (payment.provider !== 'wechat') return { kind: 'failed', message: '当前环境不支持这种支付方式' }
  const { params } = payment
  try {
    await Taro.requestPayment({ ...params, signType: params.signType as SignType })
    return { kind: 'paid' }
  } catch (error) {
    // Closing the WeChat Pay sheet is a choice, not a failure: "requestPayment:fail cancel".
    const errMsg = (error as { errMsg?: string } | null)?.errMsg ?? ''
    if (errMsg.includes('cancel')) return { kind: 'cancelled' }
    return { kind: 'failed', message: '支付没有完成，请稍后在订单中重新支付' }
  }
}
