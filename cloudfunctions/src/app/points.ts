import type { LedgerEntry, Member, Order, PointsLot, PointsSource, Post } from '../../../types/domain'
import {
  checkInKey,
  checkInPoints,
  grantAgainstDebt,
  lotExpiry,
  nextStreak,
  purchasePoints,
  reverseFromLots,
  takeFromLots,
} from '../core/points'
import { shopDay } from '../core/time'
import { GROWTH_PER_APPROVED_POST, GROWTH_PER_CHECK_IN, growthWindowStart } from '../core/tiers'
import type { PointsDecision, PointsState, PointsTotals, PointsUpdate, Store } from '../store/port'
import { checkInBonusCampaign, pointsDayMultiplier } from './campaigns'
import { AppError } from './errors'
import { pointsSettings, tierSettings } from './settings'
import { reviewMember } from './tiers'

/**
 * Applies one business event to a member's points: once per key, atomically, with `decide`
 * computing the change from the state it sees (the store reruns it if the state moved meanwhile).
 */
export async function changePoints(
  store: Store,
  memberId: string,
  key: string,
  decide: (state: PointsState) => PointsDecision | null,
): Promise<'applied' | 'duplicate' | 'nothing'> {
  return (await applyPoints(store, memberId, key, decide)).outcome
}

/** The points a grant under `key` gave, from the decision the store applied. */
function grantedBy(applied: PointsDecision, key: string): number {
  return applied.lots.find((lot) => lot.id === key)?.amount ?? 0
}

/** `changePoints`, answering the decision the store applied: totals count what was written, and `decide` stays pure. */
export async function applyPoints(
  store: Store,
  memberId: string,
  key: string,
  decide: (state: PointsState) => PointsDecision | null,
): Promise<PointsUpdate> {
  return busyWhenContended(() => store.updatePoints(memberId, key, decide))
}

/**
 * `applyPoints` for a change that earns growth, then the tier review it calls for: a member who
 * reaches the next threshold moves up at once. The review starts from the standing read with the change.
 */
async function applyPointsAndReview(
  store: Store,
  memberId: string,
  key: string,
  decide: (state: PointsState) => PointsDecision | null,
  now: number,
): Promise<PointsUpdate> {
  const { standing, ...update } = await busyWhenContended(() =>
    store.updatePointsAndStanding(memberId, key, decide, { from: growthWindowStart(now), to: now }),
  )
  if (update.outcome === 'applied') await reviewMember(store, memberId, now, standing)
  return update
}

async function busyWhenContended<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof Error && /too many concurrent changes/.test(error.message))
      throw new AppError('BUSY', '积分正在处理中，请稍后再试')
    throw error
  }
}

const entry = (
  memberId: string,
  id: string,
  kind: LedgerEntry['kind'],
  source: PointsSource,
  ref: string,
  delta: number,
  at: number,
  note: string,
): LedgerEntry => ({
  id,
  memberId,
  kind,
  source,
  ref,
  delta,
  at,
  note,
})

/** A grant as a new available lot; an outstanding debt is repaid from it first. */
export function grant(
  state: PointsState,
  g: { id: string; source: PointsSource; ref: string; amount: number; at: number; note: string },
): PointsDecision {
  const { memberId } = state.account
  const { repaid, remaining } = grantAgainstDebt(g.amount, state.account.debt)
  const lot: PointsLot = {
    id: g.id,
    memberId,
    source: g.source,
    ref: g.ref,
    amount: g.amount,
    remaining,
    grantedAt: g.at,
    expiresAt: lotExpiry(g.at),
    status: 'available',
  }
  // Points spent on an order and given back read as returned, not as newly earned.
  const kind = g.source === 'order_spend' ? 'return' : 'grant'
  const entries = [entry(memberId, g.id, kind, g.source, g.ref, g.amount, g.at, g.note)]
  if (repaid > 0) entries.push(entry(memberId, `${g.id}:repay`, 'repay', g.source, g.ref, -repaid, g.at, '抵扣此前的积分欠账'))
  return {
    account: { ...state.account, available: state.account.available + remaining, debt: state.account.debt - repaid },
    lots: [lot],
    entries,
  }
}

/** The points multiplier of the member's tier, from the tier settings. */
export async function multiplierOf(store: Store, member: Pick<Member, 'tier'> | null, now: number): Promise<number> {
  return (await tierSettings(store, now)).settings.benefits[member?.tier ?? 1].pointsMultiplier
}

/** What a check-in is worth today, read once per request: the tier multiplier, a bonus campaign, the settings' base. */
export interface CheckInTerms {
  multiplier: number
  campaign: { points: number; title: string } | null
  base: number
}

export async function checkInTerms(store: Store, member: Member, now: number): Promise<CheckInTerms> {
  const [multiplier, campaign, rules] = await Promise.all([
    multiplierOf(store, member, now),
    checkInBonusCampaign(store, member, now),
    pointsSettings(store, now),
  ])
  return { multiplier, campaign, base: rules.settings.checkInBase }
}

/** Daily check-in: once per member per Shanghai day, however many taps or devices. */
export async function checkIn(store: Store, member: Member, now: number): Promise<{ credited: number; streak: number }> {
  const { credited, points } = await checkInWith(store, member, now, await checkInTerms(store, member, now))
  return { credited, streak: points?.account.streak ?? (await store.findPoints(member.id)).account.streak }
}

/**
 * The check-in as one transaction: the points, the lot, the ledger entry and the growth it earns.
 * Answers the member's points as they stand after it (null only when another tap applied it first),
 * so the caller shows them without reading them again.
 */
export async function checkInWith(
  store: Store,
  member: Member,
  now: number,
  terms: CheckInTerms,
): Promise<{ credited: number; points: PointsState | null }> {
  const key = checkInKey(member.id, now)
  const today = shopDay(now)
  const bonus = terms.campaign?.points ?? 0
  let seen: PointsState | null = null
  const { outcome, applied } = await applyPointsAndReview(
    store,
    member.id,
    key,
    (state) => {
      seen = state
      if (state.account.lastCheckInDay === today) return null
      const streak = nextStreak(state.account.lastCheckInDay, state.account.streak, now)
      const decision = grant(state, {
        id: key,
        source: 'checkin',
        ref: today,
        amount: checkInPoints(streak, terms.multiplier, terms.base) + bonus,
        at: now,
        note: bonus > 0 ? `签到第 ${streak} 天（活动加赠 ${bonus}）` : `签到第 ${streak} 天`,
      })
      const growth = { id: `growth:${key}`, memberId: member.id, amount: GROWTH_PER_CHECK_IN, reason: 'checkin' as const, at: now }
      return { ...decision, account: { ...decision.account, lastCheckInDay: today, streak }, growth }
    },
    now,
  )
  const before = seen as PointsState | null
  if (outcome !== 'applied') return { credited: 0, points: outcome === 'nothing' ? before : null }
  // What was credited is read from the decision the store applied (the callback may run more than once).
  return { credited: grantedBy(applied, key), points: before && afterDecision(before, applied) }
}

/** A member's points after `decision` was applied to `state`, holding the lots the store would read back (live or pending). */
function afterDecision(state: PointsState, decision: PointsDecision): PointsState {
  const changed = new Map(decision.lots.map((lot) => [lot.id, lot]))
  const added = decision.lots.filter((lot) => !state.lots.some((l) => l.id === lot.id))
  const lots = [...state.lots.map((lot) => changed.get(lot.id) ?? lot), ...added].filter(
    (lot) => lot.status === 'pending' || (lot.status === 'available' && lot.remaining > 0),
  )
  return { account: decision.account, lots, version: state.version + 1 }
}

/** Points the member can spend now: what their unexpired available lots hold. */
export async function spendablePoints(store: Store, memberId: string, now: number): Promise<number> {
  return spendableOf((await store.findPoints(memberId)).lots, now)
}

/** The one rule for "available": an expired lot stops counting at its instant, before the expiry job sweeps it. */
export function spendableOf(lots: readonly PointsLot[], now: number): number {
  return lots.filter((l) => l.status === 'available' && l.expiresAt > now).reduce((sum, l) => sum + l.remaining, 0)
}

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
        entry(
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

/**
 * An approved post earns points once, for at most the settings' posts a Shanghai day, and a
 * little growth. (Post moderation itself belongs to the post function.)
 */
export async function rewardApprovedPost(store: Store, post: Pick<Post, 'id' | 'authorId'>, now: number): Promise<{ points: number }> {
  const today = shopDay(now)
  const { settings } = await pointsSettings(store, now)
  const key = `post:${post.id}`
  const decide = (state: PointsState): PointsDecision | null => {
    const rewardedToday = state.account.postRewardDay === today ? state.account.postRewardsToday : 0
    if (rewardedToday >= settings.postRewardsPerDay) return null
    const decision = grant(state, {
      id: key,
      source: 'post',
      ref: post.id,
      amount: settings.postRewardPoints,
      at: now,
      note: '种草内容审核通过',
    })
    const growth = {
      id: `growth:post:${post.id}`,
      memberId: post.authorId,
      amount: GROWTH_PER_APPROVED_POST,
      reason: 'post' as const,
      at: now,
    }
    return { ...decision, account: { ...decision.account, postRewardDay: today, postRewardsToday: rewardedToday + 1 }, growth }
  }
  const { outcome, applied } = await applyPointsAndReview(store, post.authorId, key, decide, now)
  if (outcome !== 'applied') return { points: 0 }
  return { points: grantedBy(applied, key) }
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

/** Takes points back (an operator correction or a clawback): what the balance lacks becomes a debt. */
export async function reversePoints(store: Store, memberId: string, key: string, points: number, note: string, now: number): Promise<void> {
  await changePoints(store, memberId, key, (state) => {
    const { takes, debt } = reverseFromLots(
      state.lots.filter((l) => l.status === 'available'),
      points,
      now,
    )
    const taken = takes.reduce((sum, t) => sum + t.points, 0)
    return {
      account: { ...state.account, available: state.account.available - taken, debt: state.account.debt + debt },
      lots: takes.map(({ lotId, points: p }) => {
        const lot = state.lots.find((l) => l.id === lotId)!
        return { ...lot, remaining: lot.remaining - p }
      }),
      entries: [entry(memberId, key, 'reverse', 'adjustment', key, -taken, now, note)],
    }
  })
}

/** A member's points books balance: available = sum of lot remainders = sum of ledger entries. */
export function pointsBalance(totals: PointsTotals): boolean {
  return totals.available === totals.lotRemainder && totals.available === totals.ledgerSum
}

/** For every member: available = sum of lot remainders = sum of ledger entries. Answers the differences. */
export async function reconcilePoints(
  store: Store,
): Promise<{ members: number; mismatches: { memberId: string; available: number; lotRemainder: number; ledgerSum: number }[] }> {
  let members = 0
  const mismatches: PointsTotals[] = []
  for (let after = ''; ; ) {
    const page = await store.pointsTotals(after, 500)
    for (const totals of page) {
      members += 1
      if (!pointsBalance(totals)) mismatches.push(totals)
    }
    if (page.length < 500) return { members, mismatches }
    after = page[page.length - 1].memberId
  }
}
