import type { OrderDetailView } from '../../../types/api'
import type { Member, Refund } from '../../../types/domain'
import { refundAmounts, refundOpen } from '../core/orders'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { assertTeamSettled, changeOrder, orderDetail, ownOrder } from './orders'
import type { PayProvider } from './pay'

/**
 * A member asks for lines of their order back (all refundable lines when none are named). The
 * lines wait as `refunding` until the provider confirms; nothing ever pays back more than a line's
 * paid amount, and shipping only with the last line of an order that never shipped.
 */
export async function requestRefund(
  store: Store,
  pay: PayProvider,
  member: Member,
  req: { orderId: string; lineIds?: string[]; reason: string },
  now: number,
): Promise<OrderDetailView> {
  const { order: current } = await ownOrder(store, member, req.orderId)
  await assertTeamSettled(store, current, '申请退款')
  let refund: Refund | null = null
  const order = await changeOrder(store, req.orderId, (o) => {
    if (!refundOpen(o, now)) throw new AppError('REFUND_CLOSED', '该订单已不在售后期内，不能申请退款')
    const lineIds = req.lineIds ?? o.lines.filter((l) => l.status === 'normal').map((l) => l.id)
    const plan = refundAmounts(o.lines, lineIds, o.shipping, o.shippedAt !== null)
    if ('error' in plan) {
      throw plan.error === 'LINE_NOT_FOUND'
        ? new AppError('LINE_NOT_FOUND', '订单里没有这件商品')
        : new AppError('LINE_NOT_REFUNDABLE', '所选商品已在退款中或已退款')
    }
    if (plan.lines.length === 0) throw new AppError('LINE_NOT_REFUNDABLE', '没有可退款的商品')
    const lineNos = plan.lines.map((p) => o.lines.find((l) => l.id === p.id)!.lineNo).sort((a, b) => a - b)
    refund = {
      id: `${o.id}R${lineNos.join('_')}`,
      orderId: o.id,
      memberId: o.memberId,
      lines: plan.lines,
      shipping: plan.shipping,
      amount: plan.total,
      reason: req.reason,
      status: 'refunding',
      createdAt: now,
      refundedAt: null,
    }
    const lines = o.lines.map((l) => (plan.lines.some((p) => p.id === l.id) ? { ...l, status: 'refunding' as const } : l))
    return { order: { ...o, lines }, events: [], refund }
  })
  await pay.refund(refund!, order)
  return orderDetail(store, member, req.orderId, now)
}
