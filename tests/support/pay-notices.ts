import type { Store } from '../../cloudfunctions/src/store/port'

/**
 * WeChat Pay's success notice for an order as it stands, with a transaction id made from the order's
 * id, so two shops built alike are paid alike (the local provider draws random transaction ids).
 */
export async function successNotice(store: Store, orderId: string) {
  const { order } = (await store.findOrder(orderId))!
  return {
    returnCode: 'SUCCESS',
    resultCode: 'SUCCESS',
    outTradeNo: orderId,
    transactionId: `4200${orderId.slice(1)}`,
    totalFee: order.payable,
  }
}
