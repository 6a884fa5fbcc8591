import type { DomainEvent, MessageOptIn, Order, OutboxMessage, Refund, Team } from '../../../types/domain'
import { expireTeam, releaseSeat, seatPaid, seatRefunded } from '../core/groupbuy'
import { refundAmounts } from '../core/orders'
import { DAY_MS } from '../core/time'
import type { Store } from '../store/port'
import { type Budget, UNBOUNDED, sliceOf } from './job-runs'
import { consumeOutbox } from './outbox'
import { type OrderDecision, applyOrderChange } from './orders'
import { AppError } from './errors'
import type { Messenger, Payments } from '../wechat/ports'
import { campaignById } from './groupbuy'

/**
 * A team order was paid: the seat is paid (the leader's payment opens the team, the last seat
 * completes it). A payment for a seat the team no longer has is refunded at once.
 */
export async function teamOrderPaid(store: Store, pay: Payments & Messenger, order: Order, now: number): Promise<void> {
  if (!order.team) return
  const campaign = await campaignById(store, order.team.campaignId)
  const timeLimit = campaign?.timeLimitMs ?? DAY_MS
  const written = await store.updateTeam(order.team.teamId, { campaignId: order.team.campaignId, now }, (state) =>
    state.team ? seatPaid(state.team, order.id, timeLimit, now).step : null,
  )
  if (written) {
    if (written.status === 'succeeded') await announce(store, pay, written, now)
    return
  }
  // Whether the payment goes back is read from the team as it stands, not from inside `decide`
  // (which the store may run more than once): no team, or a seat it no longer has.
  const team = await store.findTeam(order.team.teamId)
  if (!team || seatPaid(team, order.id, timeLimit, now).refund)
    await refundTeamOrder(store, pay, order.id, '拼团已结束，支付款自动退回', now)
}

/**
 * Refunds a group-buy order in full through the order refund path, putting its units back on the
 * shelf (it never shipped). Once per order: a refund already under way is sent again (the provider
 * refunds a refund number once), never created twice.
 */
export async function refundTeamOrder(store: Store, pay: Payments, orderId: string, reason: string, now: number): Promise<void> {
  const { order, applied } = await applyOrderChange(store, orderId, (o) => teamOrderRefund(o, reason, now))
  if (applied?.refund) return pay.refund(applied.refund, order)
  for (const waiting of (await store.listRefunds(orderId)).filter((r) => r.status === 'refunding')) await pay.refund(waiting, order)
}

/** A paid group-buy order refunded in full (its units back on the shelf); null when nothing is left to refund. */
function teamOrderRefund(o: Order, reason: string, now: number): OrderDecision | null {
  if (o.status !== 'paid') return null
  const normal = o.lines.filter((l) => l.status === 'normal')
  if (normal.length === 0) return null
  const plan = refundAmounts(
    o.lines,
    normal.map((l) => l.id),
    o.shipping,
    o.shippedAt !== null,
  )
  if ('error' in plan) return null
  const refund: Refund = {
    id: `${o.id}R${normal.map((l) => l.lineNo).join('_')}`,
    orderId: o.id,
    memberId: o.memberId,
    lines: plan.lines,
    shipping: plan.shipping,
    amount: plan.total,
    reason,
    status: 'refunding',
    createdAt: now,
    refundedAt: null,
    stageAt: now,
  }
  return {
    order: { ...o, lines: o.lines.map((l) => (l.status === 'normal' ? { ...l, status: 'refunding' as const } : l)) },
    events: [],
    refund,
    releaseStock: true,
  }
}

async function teamOrderCancelled(store: Store, order: Order, now: number): Promise<void> {
  if (!order.team) return
  await store.updateTeam(order.team.teamId, { campaignId: order.team.campaignId, now }, (state) =>
    state.team ? releaseSeat(state.team, order.id, now) : null,
  )
}

/** Tells each member who opted in how the team ended, once per opt-in (locally: into the outbox). */
async function announce(store: Store, pay: Messenger, team: Team, now: number): Promise<void> {
  const product = await store.findProduct(team.productId)
  for (const optIn of await store.optInsFor(`groupbuy:${team.id}`)) {
    const message = resultMessage(team, optIn, product?.title ?? null, now)
    if (await store.queueMessage(message)) await send(store, pay, message, now)
  }
}

/** The message that tells a member who opted in how `team` ended. */
function resultMessage(team: Team, optIn: MessageOptIn, productTitle: string | null, now: number): OutboxMessage {
  const succeeded = team.status === 'succeeded'
  return {
    id: optIn.id,
    memberId: optIn.memberId,
    template: 'groupbuy_result' as const,
    data: {
      product: productTitle ?? '',
      result: succeeded ? '拼团成功' : '拼团失败',
      note: succeeded ? '商家将尽快发货' : '支付款已原路退回',
      size: `${team.size}人团`,
    },
    page: `packages/groupbuy/team/index?teamId=${team.id}`,
    at: now,
    sentAt: null,
  }
}

/** A queued message sent, and marked sent when WeChat took it. */
async function send(store: Store, pay: Messenger, message: OutboxMessage, now: number): Promise<void> {
  if (await pay.sendMessage(message)) await store.markMessageSent(message.id, now)
}

const SLICE = 200

/**
 * The group-buy timer: reads order payments and cancellations into their teams, fails teams whose
 * time ran out, and refunds every paid member of a failed team — each step once, so a second run, or
 * a run after a crash midway, finishes what is left and repeats nothing. No cursor beyond the
 * outbox's is kept: a failed team leaves the due teams, and a refunded one the teams awaiting
 * refunds, so a run cut short by its budget (between teams, never inside one) is continued by the next.
 */
export async function runGroupBuys(
  store: Store,
  pay: Payments & Messenger,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; failed: number; refunded: number; done: boolean }> {
  const outbox = await consumeOutbox(store, 'teams', (event) => applyEvent(store, pay, event, now), budget)
  const counts = { events: outbox.events, failed: 0, refunded: 0 }
  if (!outbox.done) return { ...counts, done: false }
  if (store.expireTeamsSlice && store.refundTeamsSlice && store.settleTeamSteps) {
    const done = await endTeamsInSlices(store, pay, now, budget, counts)
    return { ...counts, done }
  }
  const limit = sliceOf(budget, SLICE)
  for (;;) {
    const due = await store.teamsDue(now, limit)
    for (const team of due) {
      if (!budget.more()) return { ...counts, done: false }
      const after = await store.updateTeam(team.id, { campaignId: team.campaignId, now }, (state) =>
        state.team ? expireTeam(state.team, now) : null,
      )
      if (after) {
        counts.failed += 1
        await announce(store, pay, after, now)
      }
    }
    if (due.length < limit) break
  }
  const seen = new Set<string>()
  for (;;) {
    const awaiting = (await store.teamsAwaitingRefund(limit)).filter((t) => !seen.has(t.id))
    if (awaiting.length === 0) break
    for (const team of awaiting) {
      if (!budget.more()) return { ...counts, done: false }
      seen.add(team.id)
      for (const seat of team.seats.filter((s) => s.status === 'paid')) {
        await refundTeamOrder(store, pay, seat.orderId, '拼团未成功，支付款自动退回', now)
        const after = await store.updateTeam(team.id, { campaignId: team.campaignId, now }, (state) =>
          state.team ? seatRefunded(state.team, seat.orderId) : null,
        )
        if (after) counts.refunded += 1
      }
    }
  }
  return { ...counts, done: true }
}

/**
 * Teams per transaction where the store ends a slice of teams at once: their writes share one commit,
 * and the pages a slice touches all over (refund and seat indexes, keyed by hashed ids) are shared by
 * many teams, which keeps the WAL under 1 KB a row.
 */
const TEAMS_AT_ONCE = 5_000

/**
 * The timer's second and third steps a slice of teams at a time, with the same rules and the same
 * rows as team by team: a slice of due teams fails in one transaction with its members' messages
 * queued (sent once it committed); then a slice of failed teams has every paid seat's order refunded
 * in one transaction, the refunds are sent (together where the provider takes them together), and
 * the seats are marked refunded in one more. A run cut short between these steps is finished by the
 * next: a team stays awaiting its refunds until its seats are marked, and an order already refunded
 * has its waiting refund sent again (the provider refunds a refund number once).
 */
async function endTeamsInSlices(
  store: Store,
  pay: Payments & Messenger,
  now: number,
  budget: Budget,
  counts: { failed: number; refunded: number },
): Promise<boolean> {
  const limit = sliceOf(budget, TEAMS_AT_ONCE)
  const expiry = {
    now,
    expire: (team: Team) => expireTeam(team, now),
    notice: (team: Team, optIn: MessageOptIn, productTitle: string | null) => resultMessage(team, optIn, productTitle, now),
  }
  // A step with nothing to do asks nothing of the budget (a glance at the first row is free).
  const due = (await store.teamsDue(now, 1)).length > 0
  for (let after: { at: number; id: string } | null = null; due; ) {
    if (!budget.more()) return false
    const slice = await store.expireTeamsSlice!(expiry, after, limit)
    counts.failed += slice.failed
    for (const message of slice.queued) await send(store, pay, message, now)
    if (slice.read < limit) break
    after = slice.last
  }
  const refunds = {
    now,
    refund: (order: Order | null) => {
      if (!order) throw new AppError('ORDER_NOT_FOUND', '订单不存在')
      return teamOrderRefund(order, '拼团未成功，支付款自动退回', now)
    },
  }
  if ((await store.teamsAwaitingRefund(1)).length === 0) return true
  for (let after: { at: number; id: string } | null = null; ; ) {
    if (!budget.more()) return false
    const slice = await store.refundTeamsSlice!(refunds, after, limit)
    if (pay.refundAll) await pay.refundAll(slice.send)
    else {
      for (const id of slice.send) {
        const refund = await store.findRefund(id)
        const found = refund && (await store.findOrder(refund.orderId))
        if (found) await pay.refund(refund, found.order)
      }
    }
    counts.refunded += await store.settleTeamSteps!(
      slice.teams.map(({ id, campaignId, orderIds }) => ({
        id,
        campaignId,
        steps: orderIds.map((orderId) => (team: Team) => seatRefunded(team, orderId)),
      })),
      now,
    )
    if (slice.read < limit) return true
    after = slice.last
  }
}

async function applyEvent(store: Store, pay: Payments & Messenger, event: DomainEvent, now: number): Promise<void> {
  if (event.type !== 'order.paid' && event.type !== 'order.cancelled') return
  const found = await store.findOrder(event.orderId)
  if (!found?.order.team) return
  if (event.type === 'order.paid') await teamOrderPaid(store, pay, found.order, now)
  else await teamOrderCancelled(store, found.order, now)
}
