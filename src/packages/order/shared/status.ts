import type { OrderView } from '../../../../types/api'
import type { LineStatus, OrderStatus, RefundStatus } from '../../../../types/domain'

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '待收货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
}

/** Words for lines that are no longer plain goods; a normal line needs none. */
export const LINE_STATUS_LABEL: Record<LineStatus, string | null> = {
  normal: null,
  refunding: '售后中',
  refunded: '已退款',
}

/** Where an after-sale case stands, in the buyer's words. */
export const CASE_STATUS_LABEL: Record<RefundStatus, string> = {
  reviewing: '待商家审核',
  returning: '待寄回商品',
  returned: '待商家收货',
  refunding: '退款中',
  refunded: '已退款',
  rejected: '商家已拒绝',
  cancelled: '已关闭',
}

/** One sentence under the status: what happens next or what happened. */
export function orderStatusNote(order: OrderView): string {
  switch (order.status) {
    case 'created':
      return order.can.pay ? '请尽快完成支付，超时订单将自动取消' : '支付已超时，订单即将自动取消'
    case 'paid':
      return '已支付，商家正在备货'
    case 'shipped':
      return order.shipment ? `商品已发出：${order.shipment.carrier} ${order.shipment.trackingNo}` : '商品已发出，请留意收货'
    case 'received':
      return order.can.refund ? '已确认收货，收货后 7 天内可申请售后' : '已确认收货'
    case 'completed':
      return '交易完成，感谢你的支持'
    case 'cancelled':
      return order.cancelReason ? `订单已取消：${order.cancelReason}` : '订单已取消'
    case 'closed':
      return '商品已全部退款，订单已关闭'
  }
}

/** Units in the order, for "共 3 件". */
export const unitCount = (order: Pick<OrderView, 'lines'>) => order.lines.reduce((sum, line) => sum + line.quantity, 0)
