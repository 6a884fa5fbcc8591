import type { OrderDetailView } from '../../../types/api'
import type { Member, Refund, RefundKind } from '../../../types/domain'
import { refundAmounts, refundOpen } from '../core/orders'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { assertTeamSettled, applyOrderChange, orderDetail, ownOrder } from './orders'
import type { Payments } from '../wechat/ports'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'

/** A refund number the order has not used: the lines' numbers, then `-2`, `-3`… when the same lines were asked for before. */
function caseId(orderId: string, lineNos: readonly number[], taken: ReadonlySet<string>): string {
  const base = `${orderId}R${lineNos.join('_')}`
  let id = base
  for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`
  return id
}

export interface RefundRequest {
  orderId: string
  lineIds?: string[]
  reason: string
  /** 仅退款 unless 退货退款 is asked for; before shipment only 仅退款 makes sense. */
  kind?: RefundKind
  photos?: string[]
}

/**
 * A member asks for lines of their order back (all refundable lines when none are named); the lines
 * are held as `refunding` while the case is open. Before the parcel left the refund goes out at once;
 * after, the case waits for staff review (see aftersale.ts). Nothing ever pays back more than a
 * line's paid amount, and shipping only with the last line of an order that never shipped.
 */
export async function requestRefund(
  store: Store,
  pay: Payments,
  member: Member,
  req: RefundRequest,
  now: number,
): Promise<OrderDetailView> {
  const { order: current } = await ownOrder(store, member, req.orderId)
  await assertTeamSettled(store, current, '申请退款')
  // Asking again for lines whose refund was recorded but never confirmed (the provider call failed,
  // or the process stopped in between) sends that refund again: the provider refunds a number once.
  const earlier = await store.listRefunds(current.id)
  const taken = new Set(earlier.map((r) => r.id))
  const waiting = earlier.filter((r) => r.status === 'refunding' && r.lines.length > 0)
  const asked = req.lineIds ?? current.lines.filter((l) => l.status !== 'refunded').map((l) => l.id)
  const retried = waiting.filter((r) => r.lines.some((part) => asked.includes(part.id)))
  if (asked.length > 0 && asked.every((id) => retried.some((r) => r.lines.some((part) => part.id === id)))) {
    for (const again of retried) await pay.refund(again, current)
    return orderDetail(store, member, req.orderId, now)
  }
  const { order, applied } = await applyOrderChange(store, req.orderId, (o) => {
    if (!refundOpen(o, now)) throw new AppError('REFUND_CLOSED', '该订单已不在售后期内，不能申请退款')
    const shipped = o.shippedAt !== null
    const kind = req.kind ?? 'refund'
    if (kind === 'return' && !shipped) throw new AppError('REFUND_KIND', '商品尚未发出，请选择仅退款')
    const lineIds = req.lineIds ?? o.lines.filter((l) => l.status === 'normal').map((l) => l.id)
    const plan = refundAmounts(o.lines, lineIds, o.shipping, o.shippedAt !== null)
    if ('error' in plan) {
      throw plan.error === 'LINE_NOT_FOUND'
        ? new AppError('LINE_NOT_FOUND', '订单里没有这件商品')
        : new AppError('LINE_NOT_REFUNDABLE', '所选商品已在退款中或已退款')
    }
    if (plan.lines.length === 0) throw new AppError('LINE_NOT_REFUNDABLE', '没有可退款的商品')
    const lineNos = plan.lines.map((p) => o.lines.find((l) => l.id === p.id)!.lineNo).sort((a, b) => a - b)
    const refund: Refund = {
      id: caseId(o.id, lineNos, taken),
      orderId: o.id,
      memberId: o.memberId,
      lines: plan.lines,
      shipping: plan.shipping,
      amount: plan.total,
      reason: req.reason,
      status: shipped ? 'reviewing' : 'refunding',
      createdAt: now,
      refundedAt: null,
      kind,
      photos: req.photos ?? [],
      stageAt: now,
    }
    const lines = o.lines.map((l) => (plan.lines.some((p) => p.id === l.id) ? { ...l, status: 'refunding' as const } : l))
    return { order: { ...o, lines }, events: [], refund }
  })
  // The refund is the one written, never one an attempt refused on a moved order decided.
  const refund = applied?.refund
  if (refund?.status === 'refunding') await pay.refund(refund, order)
  return orderDetail(store, member, req.orderId, now)
}

/** How long a refund may wait for the provider's answer before it is sent again. */
export const REFUND_RESEND_AFTER_MS = 60 * 60_000

const RESEND_SLICE = 200

/**
 * Sends again, under the same refund number, every refund recorded over an hour ago that is still
 * waiting: the process may have stopped between recording and sending it, or the provider call
 * failed. The provider refunds a refund number once, so one that did go out is not paid twice. A
 * pass walks them by (createdAt, id) and keeps its place in `job_cursors/refundResend`, so a run cut
 * short by its budget is continued by the next without sending any refund twice in one pass.
 */
export async function resendRefunds(
  store: Store,
  pay: Payments,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ resent: number; done: boolean }> {
  const cursor = await JobCursor.open<{ at: number; id: string }>(store, 'refundResend')
  let resent = 0
  const limit = sliceOf(budget, RESEND_SLICE)
  for (;;) {
    const page = await store.waitingRefunds(cursor.position, now - REFUND_RESEND_AFTER_MS, limit)
    for (const refund of page) {
      if (!budget.more()) return { resent, done: false }
      const found = await store.findOrder(refund.orderId)
      if (found) {
        await pay.refund(refund, found.order)
        resent += 1
      }
      if (!(await cursor.save({ at: refund.createdAt, id: refund.id }))) return { resent, done: false }
    }
    if (page.length < limit) break
  }
  return { resent, done: await cursor.save(null) }
}
