import cloud from 'wx-server-sdk'
import type { PaymentRequest } from '../../../types/api'
import type { Order, Refund } from '../../../types/domain'
import type { JobDef } from '../app/jobs'
import type { PayProvider } from '../app/pay'
import type { ShippingUpload } from '../core/shipping'
import type { CloudDatabase } from '../store/cloudbase/database'
import { CloudbaseStore } from '../store/cloudbase/store'
import { onPaymentCallback, onRefundCallback } from './pay-callbacks'
import { dispatch, type FunctionDef } from './runtime'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const store = new CloudbaseStore(cloud.database() as unknown as CloudDatabase)

/** Where WeChat Pay sends its results: these two functions, in this environment. */
const envId = () => cloud.getWXContext().ENV ?? ''
const subMchId = () => process.env.WXPAY_SUB_MCH_ID ?? ''
const nonce = () => Math.random().toString(36).slice(2, 18).padEnd(16, '0')

/** WeChat Pay through CloudBase cloudPay (no certificates: the platform signs). */
const cloudPay: PayProvider = {
  async prepay(order: Order): Promise<PaymentRequest> {
    const result = await cloud.cloudPay.unifiedOrder({
      body: `山野茶集-订单${order.id.slice(-8)}`,
      outTradeNo: order.id,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: order.payable,
      envId: envId(),
      functionName: 'payCallback',
      nonceStr: nonce(),
      tradeType: 'JSAPI',
    })
    return { provider: 'wechat', params: result.payment }
  },
  async refund(refund: Refund, order: Order): Promise<void> {
    await cloud.cloudPay.refund({
      sub_mch_id: subMchId(),
      nonce_str: nonce(),
      out_trade_no: order.id,
      out_refund_no: refund.id,
      total_fee: order.payable,
      refund_fee: refund.amount,
      envId: envId(),
      functionName: 'refundCallback',
    })
  },
  async uploadShipping(upload: ShippingUpload): Promise<void> {
    await cloud.openapi.wxa.sec.order.uploadShippingInfo(upload)
  },
}

/** A CloudBase entry for a business function: identity is the caller's OPENID from the context. */
export function cloudbaseFunction(fn: FunctionDef) {
  return async function main(event: unknown) {
    const { OPENID } = cloud.getWXContext()
    return dispatch(fn, event, { store, pay: cloudPay, now: Date.now(), memberId: OPENID || null })
  }
}

/** A CloudBase entry for WeChat Pay's payment or refund result callback. */
export function cloudbasePayCallback(kind: 'payment' | 'refund') {
  return async function main(event: unknown) {
    const { SOURCE } = cloud.getWXContext()
    return kind === 'payment' ? onPaymentCallback(store, cloudPay, event, SOURCE, Date.now()) : onRefundCallback(store, event, SOURCE, Date.now())
  }
}

/** A CloudBase entry for a timer job: refuses anything but its timer trigger. */
export function cloudbaseTimer(job: JobDef) {
  return async function main() {
    const { SOURCE } = cloud.getWXContext()
    if (SOURCE !== 'wx_trigger' && process.env.TRIGGER_SRC !== 'timer') {
      return { ok: false, code: 'WRONG_SOURCE', message: `${job.name} 只能由定时触发器调用` }
    }
    return { ok: true, data: await job.run(store, Date.now()) }
  }
}
