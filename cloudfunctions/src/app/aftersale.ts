import type { Member, Order, Refund, RefundStatus, Shipment } from '../../../types/domain'
import { canMoveCase, caseWait, kindOf } from '../core/aftersale'
import type { Store } from '../store/port'
import type { Payments } from '../wechat/ports'
import { recordAudit } from './audit'
import { AppError } from './errors'
import type { OrderDecision } from './orders'
import { afterSaleSettings } from './settings'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'

/** Who the review timer acts as in cases and the audit log. */
export const REVIEW_TIMER = 'system:after-sale-timer'

const MAX_ATTEMPTS = 5

type CaseDecision = Omit<OrderDecision, 'refund'> & { refund: Refund }

/**
 * Reads the order, then the case, lets `decide` compute the change and commits it at the order's
 * version. Every case change is an order change, so a case read after its order cannot have moved
 * without the commit being refused; then both are read and decided again.
 */
async function changeCase(
  store: Store,
  refundId: string,
  decide: (refund: Refund, order: Order) => CaseDecision | null,
): Promise<{ refund: Refund; order: Order; changed: boolean }> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const first = await store.findRefund(refundId)
    if (!first) throw new AppError('REFUND_NOT_FOUND', '售后申请不存在')
    const found = await store.findOrder(first.orderId)
    const refund = await store.findRefund(refundId)
    if (!found || !refund) throw new AppError('REFUND_NOT_FOUND', '售后申请不存在')
    const decision = decide(refund, found.order)
    if (!decision) return { refund, order: found.order, changed: false }
    if (await store.commitOrderChange({ ...decision, expectedVersion: found.version })) {
      return { refund: decision.refund, order: decision.order, changed: true }
    }
  }
  throw new AppError('BUSY', '售后申请正在处理中，请稍后再试')
}

function moved(refund: Refund, to: RefundStatus, now: number, patch: Partial<Refund> = {}): Refund {
  if (!canMoveCase(refund.status, to))
    throw new AppError('REFUND_STATE', `售后申请当前状态（${STATUS_WORDS[refund.status]}）不能执行此操作`)
  return { ...refund, ...patch, status: to, stageAt: now }
}

const STATUS_WORDS: Record<RefundStatus, string> = {
  reviewing: '待审核',
  returning: '待寄回',
  returned: '待确认收货',
  refunding: '退款中',
  refunded: '已退款',
  rejected: '已拒绝',
  cancelled: '已关闭',
}

/** The case's lines go back to normal: it ended without a refund. */
function releaseLines(order: Order, refund: Refund): Order {
  const held = new Set(refund.lines.map((l) => l.id))
  return { ...order, lines: order.lines.map((l) => (held.has(l.id) && l.status === 'refunding' ? { ...l, status: 'normal' as const } : l)) }
}

async function sendIfRefunding(pay: Payments, result: { refund: Refund; order: Order; changed: boolean }): Promise<void> {
  if (result.changed && result.refund.status === 'refunding') await pay.refund(result.refund, result.order)
}

/**
 * Approves a case waiting for review: 仅退款 pays back at once; 退货退款 first waits for the goods,
 * at the shop's return address (refused while the settings have none).
 */
export async function approveCase(store: Store, pay: Payments, actor: string, refundId: string, now: number): Promise<Refund> {
  const { settings } = await afterSaleSettings(store, now)
  const result = await changeCase(store, refundId, (refund, order) => {
    const review = { outcome: 'approved' as const, by: actor, at: now, reason: null }
    if (kindOf(refund) === 'refund') return { order, events: [], refund: moved(refund, 'refunding', now, { review }) }
    if (!settings.returnAddress) throw new AppError('RETURN_ADDRESS_MISSING', '请先在售后设置中填写退货地址，再同意退货退款')
    return { order, events: [], refund: moved(refund, 'returning', now, { review, returnAddress: settings.returnAddress }) }
  })
  await sendIfRefunding(pay, result)
  if (actor !== REVIEW_TIMER)
    await recordAudit(store, actor, 'refund:approve', refundId, { status: 'reviewing' }, { status: result.refund.status }, now)
  return result.refund
}

/** Refuses a case waiting for review, with a reason the buyer sees; its lines may be asked for again. */
export async function rejectCase(store: Store, actor: string, refundId: string, reason: string, now: number): Promise<Refund> {
  const result = await changeCase(store, refundId, (refund, order) => {
    const rejected = moved(refund, 'rejected', now, { review: { outcome: 'rejected', by: actor, at: now, reason } })
    return { order: releaseLines(order, refund), events: [], refund: rejected }
  })
  await recordAudit(store, actor, 'refund:reject', refundId, { status: 'reviewing' }, { status: 'rejected', reason }, now)
  return result.refund
}

/** Staff confirm the returned goods arrived: the refund goes out. */
export async function confirmReturn(store: Store, pay: Payments, actor: string, refundId: string, now: number): Promise<Refund> {
  const result = await changeCase(store, refundId, (refund, order) => ({
    order,
    events: [],
    refund: moved(refund, 'refunding', now, { returnReceived: { by: actor, at: now } }),
  }))
  await sendIfRefunding(pay, result)
  if (actor !== REVIEW_TIMER)
    await recordAudit(store, actor, 'refund:returnReceived', refundId, { status: 'returned' }, { status: 'refunding' }, now)
  return result.refund
}

/** The buyer's own case; another member's answers as if it did not exist. */
function ownCase(member: Member, refund: Refund): void {
  if (refund.memberId !== member.id) throw new AppError('REFUND_NOT_FOUND', '售后申请不存在')
}

/** The buyer enters the return parcel of an approved 退货退款. */
export async function sendReturn(store: Store, member: Member, req: { refundId: string } & Shipment, now: number): Promise<Refund> {
  const parcel = { carrier: req.carrier, trackingNo: req.trackingNo, at: now }
  const result = await changeCase(store, req.refundId, (refund, order) => {
    ownCase(member, refund)
    if (refund.status === 'returned' && refund.returnParcel?.trackingNo === req.trackingNo) return null
    return { order, events: [], refund: moved(refund, 'returned', now, { returnParcel: parcel }) }
  })
  return result.refund
}

/** The buyer withdraws a case nothing has been paid or received for yet; the lines may be asked for again. */
export async function withdrawCase(store: Store, member: Member, refundId: string, now: number): Promise<Refund> {
  const result = await changeCase(store, refundId, (refund, order) => {
    ownCase(member, refund)
    if (refund.status === 'cancelled') return null
    return { order: releaseLines(order, refund), events: [], refund: moved(refund, 'cancelled', now, { closed: { by: 'buyer', at: now } }) }
  })
  return result.refund
}

const SLICE = 200
const TIMED = ['reviewing', 'returning', 'returned'] as const

/** Where the timer's pass got to: which status, and the last case looked at in it. */
interface TimerPass {
  status: number
  after: { at: number; id: string } | null
}

/**
 * The after-sale timer: approves cases nobody reviewed in time, closes approved returns whose parcel
 * never came, and refunds returns staff never confirmed. Each case is its own compare-and-set, so a
 * staff decision that lands first wins and the timer moves on. A pass walks each status's due cases by
 * (stageAt, id) and keeps its place in `job_cursors/afterSaleTimer`: a run cut short by its budget is
 * continued by the next, and cases that stay (a return waiting for the shop's address, an order busy
 * with another change) are looked at again by the next pass instead of first by every run.
 */
export async function runAfterSaleTimers(
  store: Store,
  pay: Payments,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ approved: number; lapsed: number; refunded: number; waitingForAddress: number; done: boolean }> {
  const { settings } = await afterSaleSettings(store, now)
  const counts = { approved: 0, lapsed: 0, refunded: 0, waitingForAddress: 0 }
  const cursor = await JobCursor.open<TimerPass>(store, 'afterSaleTimer')
  const pass: TimerPass = cursor.position ?? { status: 0, after: null }
  const limit = sliceOf(budget, SLICE)
  while (pass.status < TIMED.length) {
    const status = TIMED[pass.status]
    const due = await store.dueRefundCases(status, now - (caseWait(status, settings) ?? 0) + 1, pass.after, limit)
    for (const found of due) {
      if (!budget.more()) {
        await cursor.save(pass)
        return { ...counts, done: false }
      }
      pass.after = { at: found.stageAt ?? found.createdAt, id: found.id }
      try {
        if (status === 'reviewing') {
          await approveCase(store, pay, REVIEW_TIMER, found.id, now)
          counts.approved += 1
        } else if (status === 'returned') {
          await confirmReturn(store, pay, REVIEW_TIMER, found.id, now)
          counts.refunded += 1
        } else {
          await lapseReturn(store, found.id, now)
          counts.lapsed += 1
        }
      } catch (error) {
        // Staff acted first (the case left this status), or it stays until the next pass: a return
        // waiting for the shop's address, or an order busy with another change.
        if (!(error instanceof AppError)) throw error
        if (error.code === 'RETURN_ADDRESS_MISSING') counts.waitingForAddress += 1
      }
    }
    if (due.length === limit) continue
    pass.status += 1
    pass.after = null
  }
  return { ...counts, done: await cursor.save(null) }
}

async function lapseReturn(store: Store, refundId: string, now: number): Promise<void> {
  await changeCase(store, refundId, (refund, order) => ({
    order: releaseLines(order, refund),
    events: [],
    refund: moved(refund, 'cancelled', now, { closed: { by: 'timeout', at: now } }),
  }))
}
