import type { LedgerEntry, Member, PointsAccount, PointsLot, PointsSource, Post, TierStatus } from '../../../types/domain'
import { grantAgainstDebt, lotExpiry, reverseFromLots } from '../core/points'
import { shopDay } from '../core/time'
import { GROWTH_PER_APPROVED_POST, growthWindowStart } from '../core/tiers'
import type { PointsDecision, PointsState, PointsTotals, PointsUpdate, StandingRead, Store } from '../store/port'
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
export function grantedBy(applied: PointsDecision, key: string): number {
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
export async function applyPointsAndReview(
  store: Store,
  memberId: string,
  key: string,
  decide: (state: PointsState, standing: TierStatus | null) => PointsDecision | null,
  now: number,
): Promise<PointsUpdate & { standing: StandingRead }> {
  const update = await busyWhenContended(() =>
    store.updatePointsAndStanding(memberId, key, decide, { from: growthWindowStart(now), to: now }),
  )
  if (update.outcome === 'applied') await reviewMember(store, memberId, now, update.standing)
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

/** One line of a member's points ledger. */
export const ledgerEntry = (
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
  const entries = [ledgerEntry(memberId, g.id, kind, g.source, g.ref, g.amount, g.at, g.note)]
  if (repaid > 0) entries.push(ledgerEntry(memberId, `${g.id}:repay`, 'repay', g.source, g.ref, -repaid, g.at, '抵扣此前的积分欠账'))
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

/** Points the member can spend now: what their unexpired available lots hold. */
export async function spendablePoints(store: Store, memberId: string, now: number): Promise<number> {
  const [account, lapsed] = await Promise.all([store.findPointsAccount(memberId), store.lapsedPoints(memberId, now)])
  return spendableFrom(account, lapsed)
}

/**
 * The one rule for "available": an expired lot stops counting at its instant, before the expiry job
 * sweeps it. The account always equals its available lots, so what they hold unexpired is the account
 * less the lapsed ones (counted by the store): a member holding a year of lots has them counted, not read.
 */
export function spendableFrom(account: PointsAccount, lapsed: number): number {
  return account.available - lapsed
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
      entries: [ledgerEntry(memberId, key, 'reverse', 'adjustment', key, -taken, now, note)],
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
