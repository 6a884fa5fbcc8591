// Points along an order's life: spent at checkout, pending from payment, given back or voided on a
// refund or a cancellation, available once the order completes.
import type { LedgerEntry, Order, PointsLot } from '../../../types/domain'
import { lotExpiry, purchasePoints, takeFromLots } from '../core/points'
import type { PointsDecision, PointsState, Store } from '../store/port'
import { pointsDayMultiplier } from './campaigns'
import { AppError } from './errors'
import { changePoints, grant, ledgerEntry, multiplierOf } from './points'

/** Spends points on an order, oldest lots first; refused when the balance no longer covers them. */
export async function spendOnOrder(store: Store, order: Order, now: number): Promise<void> {
  if (order.pointsUsed <= 0) return
  const result = await changePoints(store, order.memberId, `spend:${order.id}`, (state) => {
    const takes = takeFromLots(
      state.lots.filter((l) => l.status === 'available'),
      order.pointsUsed,
      now,
    )
    if (!takes) throw new AppError('POINTS_CHANGED', '积分余额已变化，请重新确认订单')
    const lots = takes.map(({ lotId, points }) => {
      const lot = state.lots.find((l) => l.id === lotId)!
      return { ...lot, remaining: lot.remaining - points }
    })
    return {
      account: { ...state.account, available: state.account.available - order.pointsUsed },
      lots,
      entries: [
        ledgerEntry(
          order.memberId,
          `spend:${order.id}`,
          'spend',
          'order_spend',
          order.id,
          -order.pointsUsed,
          now,
          `订单抵扣 ¥${(order.pointsDeduction / 100).toFixed(2)}`,
        ),
      ],
    }
  })
  if (result === 'nothing') throw new AppError('POINTS_CHANGED', '积分余额已变化，请重新确认订单')
}

/** Points an order line earns: pending from payment until the order completes. */
function accrualOf(order: Order, multiplier: number): { lineId: string; points: number }[] {
  return order.lines.map((l) => ({ lineId: l.id, points: purchasePoints(l.paidAmount, multiplier) })).filter((a) => a.points > 0)
}

/** order.paid: one pending lot per line that earns points. */
export async function accrueForOrder(store: Store, order: Order, now: number): Promise<void> {
  const member = await store.findMember(order.memberId)
  // A points day counts as recorded at payment; orders paid before that was kept read it again.
  const pointsDay = order.pointsDayMultiplier ?? (await pointsDayMultiplier(store, member, now, order.paidAt ?? now))
  const multiplier = (await multiplierOf(store, member, now)) * pointsDay
  await changePoints(store, order.memberId, `accrue:${order.id}`, (state) => {
    const accrual = accrualOf(order, multiplier)
    const lots: PointsLot[] = accrual.map((a) => ({
      id: `accrue:${a.lineId}`,
      memberId: order.memberId,
      source: 'purchase',
      ref: order.id,
      amount: a.points,
      remaining: a.points,
      grantedAt: now,
      expiresAt: lotExpiry(now),
      status: 'pending',
    }))
    const pending = lots.reduce((sum, l) => sum + l.amount, 0)
    return { account: { ...state.account, pending: state.account.pending + pending }, lots, entries: [] }
  })
}

/** Gives back points spent on an order (or one of its lines) as a fresh lot. */
function giveBack(state: PointsState, id: string, order: Order, points: number, now: number, note: string): PointsDecision {
  return grant(state, { id, source: 'order_spend', ref: order.id, amount: points, at: now, note })
}

/** order.line_refunded: the line's pending points are voided and the points it spent come back. */
export async function settleRefundedLine(store: Store, order: Order, lineId: string, now: number): Promise<void> {
  const line = order.lines.find((l) => l.id === lineId)
  if (!line) return
  const spent = line.pointsDeduction > 0 && (await store.hasPointsKey(`spend:${order.id}`))
  await changePoints(store, order.memberId, `refund:${lineId}`, (state) => {
    const pendingLot = state.lots.find((l) => l.id === `accrue:${lineId}` && l.status === 'pending')
    let decision: PointsDecision = { account: state.account, lots: [], entries: [] }
    if (spent) decision = giveBack(state, `return:${lineId}`, order, line.pointsDeduction, now, '退款退回抵扣积分')
    if (pendingLot) {
      decision = {
        ...decision,
        account: { ...decision.account, pending: decision.account.pending - pendingLot.amount },
        lots: [...decision.lots, { ...pendingLot, status: 'void' }],
      }
    }
    return decision.lots.length === 0 ? null : decision
  })
}

/** order.cancelled: points spent on an unpaid order come back. */
export async function returnForCancelledOrder(store: Store, order: Order, now: number): Promise<void> {
  // Only points that were actually taken come back (a create whose spend was refused took none).
  if (order.pointsUsed <= 0 || !(await store.hasPointsKey(`spend:${order.id}`))) return
  await changePoints(store, order.memberId, `return:${order.id}`, (state) =>
    giveBack(state, `return:${order.id}`, order, order.pointsUsed, now, '订单取消退回抵扣积分'),
  )
}

/** order.completed: the refund window closed, so the order's pending points become available. */
export async function activateForOrder(store: Store, order: Order, now: number): Promise<void> {
  await changePoints(store, order.memberId, `activate:${order.id}`, (state) => {
    const pending = state.lots.filter((l) => l.ref === order.id && l.source === 'purchase' && l.status === 'pending')
    if (pending.length === 0) return null
    let account = state.account
    const lots: PointsLot[] = []
    const entries: LedgerEntry[] = []
    for (const lot of pending) {
      const granted = grant(
        { ...state, account },
        { id: lot.id, source: 'purchase', ref: order.id, amount: lot.amount, at: now, note: '订单完成，购物积分到账' },
      )
      account = { ...granted.account, pending: granted.account.pending - lot.amount }
      lots.push(...granted.lots)
      entries.push(...granted.entries)
    }
    return { account, lots, entries }
  })
}
