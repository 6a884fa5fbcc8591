import type { OrderCounts, OrderDetailView, OrderTab, OrderView, Page } from '../../../types/api'
import type { DomainEvent, Member, Order, OrderStatus, Refund } from '../../../types/domain'
import { paging } from '../core/catalog'
import { OPEN_CASE } from '../core/aftersale'
import { canTransition, refundOpen } from '../core/orders'
import type { OrderChange, Store } from '../store/port'
import { shippingUpload } from '../core/shipping'
import { AppError } from './errors'
import { caseTimeline, caseView } from './aftersale-views'
import { afterSaleSettings } from './settings'
import type { Payments } from '../wechat/ports'

export const TAB_STATUSES: Record<OrderTab, readonly OrderStatus[]> = {
  all: [],
  unpaid: ['created'],
  toShip: ['paid'],
  toReceive: ['shipped'],
  done: ['received', 'completed'],
  closed: ['cancelled', 'closed'],
  afterSale: [],
}

export function isPayable(order: Order, now: number): boolean {
  return order.status === 'created' && now < order.payDeadline
}

export function toOrderView(order: Order, now: number): OrderView {
  const { memberId: _memberId, transactionId: _transactionId, touch: _touch, ...view } = order
  return {
    ...view,
    orderNo: order.orderNo ?? order.id,
    lines: order.lines.map(({ distributorId: _distributorId, ...line }) => line),
    can: {
      pay: isPayable(order, now),
      cancel: order.status === 'created',
      confirmReceipt: order.status === 'shipped',
      refund: refundOpen(order, now) && order.lines.some((l) => l.status === 'normal'),
    },
  }
}

function timeline(order: Order, refunds: readonly Refund[]): { at: number; label: string }[] {
  const entries: { at: number | null; label: string }[] = [
    { at: order.createdAt, label: '订单已提交' },
    { at: order.paidAt, label: '支付成功' },
    { at: order.shippedAt, label: order.shipment ? `已发货：${order.shipment.carrier} ${order.shipment.trackingNo}` : '已发货' },
    { at: order.receivedAt, label: '已确认收货' },
    { at: order.completedAt, label: '售后期结束，订单完成' },
    { at: order.cancelledAt, label: `订单已取消${order.cancelReason ? `（${order.cancelReason}）` : ''}` },
    { at: order.closedAt, label: '全部商品已退款，订单关闭' },
    ...refunds.flatMap(caseTimeline),
  ]
  return entries.filter((e): e is { at: number; label: string } => e.at !== null).sort((a, b) => a.at - b.at)
}

/** The member's own order; another member's id answers as if it did not exist. */
export async function ownOrder(store: Store, member: Member, orderId: string) {
  const found = await store.findOrder(orderId)
  if (!found || found.order.memberId !== member.id) throw new AppError('ORDER_NOT_FOUND', '订单不存在')
  return found
}

export async function orderDetail(store: Store, member: Member, orderId: string, now: number): Promise<OrderDetailView> {
  const { order } = await ownOrder(store, member, orderId)
  const refunds = await store.listRefunds(order.id)
  const { settings } = await afterSaleSettings(store, now)
  return { ...toOrderView(order, now), refunds: refunds.map((r) => caseView(r, settings)), timeline: timeline(order, refunds) }
}

export async function listOrders(
  store: Store,
  member: Member,
  req: { tab?: OrderTab; page?: number; pageSize?: number },
  now: number,
): Promise<Page<OrderView>> {
  const p = paging(req.page, req.pageSize)
  const tab = req.tab ?? 'all'
  const { items, total } = await store.listOrders({
    memberId: member.id,
    statuses: TAB_STATUSES[tab],
    afterSale: tab === 'afterSale',
    offset: p.offset,
    limit: p.pageSize,
  })
  return {
    items: items.map((o) => toOrderView(o, now)),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

/** The badges of 我的订单: each stage counts what its tab of the list shows; 售后 counts open cases only. */
export async function orderCounts(store: Store, member: Member): Promise<OrderCounts> {
  const statuses = (['unpaid', 'toShip', 'toReceive'] as const).flatMap((tab) => TAB_STATUSES[tab])
  const [byStatus, afterSale] = await Promise.all([
    store.countMemberOrders(member.id, statuses),
    store.countMemberRefundCases(member.id, OPEN_CASE),
  ])
  const stage = (tab: OrderTab) => TAB_STATUSES[tab].reduce((sum, status) => sum + byStatus[statuses.indexOf(status)], 0)
  return { unpaid: stage('unpaid'), toShip: stage('toShip'), toReceive: stage('toReceive'), afterSale }
}

/** What a decision about an order asks for: the new order and what goes with it. */
export type OrderDecision = Omit<OrderChange, 'expectedVersion'>

const MAX_ATTEMPTS = 5

/**
 * Reads the order, lets `decide` compute the change from what it sees, and commits it at the
 * version read (compare-and-set). When another change won the race it reads and decides again; a
 * decision of null means there is nothing (more) to do. Answers the order as it ends up.
 */
export async function changeOrder(store: Store, orderId: string, decide: (order: Order) => OrderDecision | null): Promise<Order> {
  return (await applyOrderChange(store, orderId, decide)).order
}

/**
 * `changeOrder`, answering also the decision that was committed (null when none was): what a caller
 * does next follows what was written, never a decision an earlier, refused attempt made.
 */
export async function applyOrderChange(
  store: Store,
  orderId: string,
  decide: (order: Order) => OrderDecision | null,
): Promise<{ order: Order; applied: OrderDecision | null }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const found = await store.findOrder(orderId)
    if (!found) throw new AppError('ORDER_NOT_FOUND', '订单不存在')
    const decision = decide(found.order)
    if (!decision) return { order: found.order, applied: null }
    if (await store.commitOrderChange({ ...decision, expectedVersion: found.version })) return { order: decision.order, applied: decision }
  }
  throw new AppError('BUSY', '订单正在处理中，请稍后再试')
}

export function transition(order: Order, to: OrderStatus, patch: Partial<Order>): Order {
  if (!canTransition(order.status, to)) throw new AppError('ORDER_STATE', `订单当前状态不能执行此操作`)
  return { ...order, ...patch, status: to }
}

export function event(
  type: DomainEvent['type'],
  order: Order,
  at: number,
  key = order.id,
  payload: Record<string, unknown> = {},
): DomainEvent {
  return { id: `${type}:${key}`, type, orderId: order.id, at, payload }
}

/** An unpaid order's cancellation: its stock goes back, and the outbox tells the points ledger. */
export function cancellation(order: Order, now: number, reason: string): OrderDecision {
  const cancelled = transition(order, 'cancelled', { cancelledAt: now, cancelReason: reason })
  return {
    order: cancelled,
    events: [event('order.cancelled', cancelled, now, cancelled.id, { pointsUsed: cancelled.pointsUsed })],
    releaseStock: true,
  }
}

export async function cancelOrder(store: Store, member: Member, orderId: string, now: number): Promise<OrderView> {
  await ownOrder(store, member, orderId)
  const order = await changeOrder(store, orderId, (o) => (o.status === 'cancelled' ? null : cancellation(o, now, '买家取消')))
  return toOrderView(order, now)
}

export async function confirmReceipt(store: Store, member: Member, orderId: string, now: number): Promise<OrderView> {
  await ownOrder(store, member, orderId)
  const order = await changeOrder(store, orderId, (o) => {
    if (o.status === 'received') return null
    const received = transition(o, 'received', { receivedAt: now })
    return { order: received, events: [event('order.received', received, now)] }
  })
  return toOrderView(order, now)
}

/** Group-buy orders wait for their team: no shipping or member refunds before it succeeds. */
export async function assertTeamSettled(store: Store, order: Order, doing: string): Promise<void> {
  if (!order.team) return
  const team = await store.findTeam(order.team.teamId)
  if (team && team.status !== 'succeeded') throw new AppError('TEAM_FORMING', `拼团尚未成功，暂不能${doing}；未成团会自动退款`)
}

/**
 * Operator: the parcel left. Refused while any line waits for a refund. The shipping information
 * WeChat requires goes to its trade management once the change is stored.
 */
export async function shipOrder(
  store: Store,
  pay: Payments,
  orderId: string,
  shipment: { carrier: string; trackingNo: string },
  now: number,
): Promise<OrderView> {
  const found = await store.findOrder(orderId)
  if (found) await assertTeamSettled(store, found.order, '发货')
  const order = await changeOrder(store, orderId, (o) => {
    if (o.lines.some((l) => l.status === 'refunding')) throw new AppError('ORDER_STATE', '订单有退款处理中，暂不能发货')
    return { order: transition(o, 'shipped', { shippedAt: now, shipment }), events: [] }
  })
  await pay.uploadShipping(shippingUpload(order, new Date(now).toISOString()))
  return toOrderView(order, now)
}
