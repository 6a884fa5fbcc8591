import { shippingUpload } from '../core/shipping'
import type { Store } from '../store/port'
import type { Payments } from '../wechat/ports'
import { AppError } from './errors'

/**
 * Sends a shipped order's shipping information to WeChat's trade management, from the order as
 * stored (the caller names only the payment). What the operators' command line asks of the
 * `shippingUpload` function after shipping, since the open API answers only inside a function; also
 * how an upload that failed is sent again.
 */
export async function sendShippingInfo(store: Store, pay: Payments, transactionId: string): Promise<{ order: string }> {
  const payment = await store.findPayment(transactionId)
  const order = payment && payment.outcome === 'applied' ? (await store.findOrder(payment.orderId))?.order : null
  if (!order) throw new AppError('ORDER_NOT_FOUND', '没有这笔付款对应的订单')
  if (!order.shipment || order.shippedAt === null) throw new AppError('ORDER_STATE', '订单尚未发货')
  await pay.uploadShipping(shippingUpload(order, new Date(order.shippedAt).toISOString()))
  return { order: order.orderNo ?? order.id }
}
