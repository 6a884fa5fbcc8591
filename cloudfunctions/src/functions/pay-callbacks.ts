import * as v from 'valibot'
import { completeRefund, handlePaymentNotice } from '../app/payments'
import type { Messenger, Payments } from '../wechat/ports'
import type { Store } from '../store/port'

/** The platform's source for WeChat Pay notifications; anything else is refused. */
export const PAY_CALLBACK_SOURCE = 'wx_paycallback'

const PaymentNoticeEvent = v.object({
  returnCode: v.string(),
  resultCode: v.string(),
  outTradeNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/)),
  transactionId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  totalFee: v.pipe(v.number(), v.integer(), v.minValue(0)),
})

const RefundNoticeEvent = v.object({
  outRefundNo: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  refundStatus: v.string(),
})

export interface CallbackAnswer {
  errcode: number
  errmsg: string
}

/**
 * The payment result callback (支付结果回调): applies a successful payment once, refunds one that
 * cannot apply, and answers `{errcode: 0}` so WeChat Pay stops retrying. A wrong amount or an
 * unknown order is answered with an error and changes nothing.
 */
export async function onPaymentCallback(
  store: Store,
  pay: Payments & Messenger,
  event: unknown,
  source: string | undefined,
  now: number,
): Promise<CallbackAnswer & { outcome?: string }> {
  if (source !== PAY_CALLBACK_SOURCE) return { errcode: 403, errmsg: 'WRONG_SOURCE' }
  const parsed = v.safeParse(PaymentNoticeEvent, event)
  if (!parsed.success) return { errcode: 400, errmsg: 'INVALID_NOTICE' }
  const notice = parsed.output
  if (notice.returnCode !== 'SUCCESS' || notice.resultCode !== 'SUCCESS') return { errcode: 0, errmsg: 'OK', outcome: 'notPaid' }
  const outcome = await handlePaymentNotice(store, pay, {
    transactionId: notice.transactionId,
    orderId: notice.outTradeNo,
    amount: notice.totalFee,
    at: now,
  })
  if (outcome === 'unknownOrder') return { errcode: 404, errmsg: 'ORDER_NOT_FOUND', outcome }
  if (outcome === 'amountMismatch') return { errcode: 409, errmsg: 'AMOUNT_MISMATCH', outcome }
  return { errcode: 0, errmsg: 'OK', outcome }
}

/** The refund result callback: a successful refund completes its lines once. */
export async function onRefundCallback(store: Store, event: unknown, source: string | undefined, now: number): Promise<CallbackAnswer> {
  if (source !== PAY_CALLBACK_SOURCE) return { errcode: 403, errmsg: 'WRONG_SOURCE' }
  const parsed = v.safeParse(RefundNoticeEvent, event)
  if (!parsed.success) return { errcode: 400, errmsg: 'INVALID_NOTICE' }
  if (parsed.output.refundStatus !== 'SUCCESS') return { errcode: 0, errmsg: 'OK' }
  const refund = await completeRefund(store, parsed.output.outRefundNo, now)
  return refund ? { errcode: 0, errmsg: 'OK' } : { errcode: 404, errmsg: 'REFUND_NOT_FOUND' }
}
