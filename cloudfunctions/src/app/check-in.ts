import type { Member, PointsAccount, Tier } from '../../../types/domain'
import { checkInKeyOfDay, checkInPoints, nextStreak } from '../core/points'
import { inAudience } from '../core/campaigns'
import { shopDay } from '../core/time'
import { GROWTH_PER_CHECK_IN } from '../core/tiers'
import type { Store } from '../store/port'
import { bestCheckInBonus, campaignsInForce } from './campaigns'
import { registerMember } from './members'
import { applyPointsAndReview, grant, grantedBy } from './points'
import { pointsSettings, tierSettings } from './settings'

/** What a check-in is worth today: the tier multiplier, a bonus campaign, the settings' base. */
export interface CheckInTerms {
  multiplier: number
  campaign: { points: number; title: string } | null
  base: number
}

/**
 * What a check-in is worth today at each tier, read once per request before the check-in: the
 * settings, the bonus campaigns in force and, only when one of them is for tagged members, the
 * member's tags. The check-in takes the terms of the tier its own transaction reads.
 */
export type CheckInOffer = (tier: Tier) => CheckInTerms

export async function checkInOffer(store: Store, memberId: string, now: number): Promise<CheckInOffer> {
  const [{ settings: tiers }, { settings: points }, campaigns] = await Promise.all([
    tierSettings(store, now),
    pointsSettings(store, now),
    campaignsInForce(store, 'checkin_bonus', undefined, now),
  ])
  const tags = campaigns.some((c) => c.audience.tags !== null) ? await store.findMemberTags(memberId) : []
  return (tier) => ({
    multiplier: tiers.benefits[tier].pointsMultiplier,
    campaign: bestCheckInBonus(campaigns.filter((c) => inAudience(c, { tier, tags }))),
    base: points.checkInBase,
  })
}

export async function checkInTerms(store: Store, member: Member, now: number): Promise<CheckInTerms> {
  return (await checkInOffer(store, member.id, now))(member.tier)
}

/** Daily check-in: once per member per Shanghai day, however many taps or devices. */
export async function checkIn(store: Store, member: Member, now: number): Promise<{ credited: number; streak: number }> {
  const { credited, account } = await checkInWith(store, member.id, now, await checkInOffer(store, member.id, now))
  return { credited, streak: (account ?? (await store.findPointsAccount(member.id))).streak }
}

export interface CheckInMade {
  credited: number
  /** The member's account as it stands after (null when an earlier tap, here or on another device, made the day's check-in). */
  account: PointsAccount | null
  /** The account this check-in found (null unless it made the day's check-in). */
  before: PointsAccount | null
  /** The tier the check-in's terms are of, read in its own transaction. */
  tier: Tier
}

/**
 * The check-in as one transaction: the member's standing, the points, the lot, the ledger entry and
 * the growth it earns, at the terms of the tier read there. A member without a standing (their first
 * call, before they are registered) is registered, and checks in at the tier that gave them. The
 * caller shows the account answered without reading it again.
 */
export async function checkInWith(store: Store, memberId: string, now: number, offer: CheckInOffer): Promise<CheckInMade> {
  const made = await checkInOnce(store, memberId, now, offer, null)
  if (made) return made
  const member = await registerMember(store, memberId, now)
  return (await checkInOnce(store, memberId, now, offer, member.tier)) as CheckInMade
}

/** One try, at the tier of the standing it reads or else `tier`: null when it has neither. */
async function checkInOnce(
  store: Store,
  memberId: string,
  now: number,
  offer: CheckInOffer,
  tier: Tier | null,
): Promise<CheckInMade | null> {
  const today = shopDay(now)
  const key = checkInKeyOfDay(memberId, today)
  let seen = null as PointsAccount | null
  const { outcome, applied, standing } = await applyPointsAndReview(
    store,
    memberId,
    key,
    (state, status) => {
      seen = state.account
      const at = status?.tier ?? tier
      if (at === null || state.account.lastCheckInDay === today) return null
      const terms = offer(at)
      const bonus = terms.campaign?.points ?? 0
      const streak = nextStreak(state.account.lastCheckInDay, state.account.streak, now)
      const decision = grant(state, {
        id: key,
        source: 'checkin',
        ref: today,
        amount: checkInPoints(streak, terms.multiplier, terms.base) + bonus,
        at: now,
        note: bonus > 0 ? `签到第 ${streak} 天（活动加赠 ${bonus}）` : `签到第 ${streak} 天`,
      })
      const growth = { id: `growth:${key}`, memberId, amount: GROWTH_PER_CHECK_IN, reason: 'checkin' as const, at: now }
      return { ...decision, account: { ...decision.account, lastCheckInDay: today, streak }, growth }
    },
    now,
  )
  const at = standing.status?.tier ?? tier
  if (at === null) return null
  if (outcome !== 'applied') return { credited: 0, account: outcome === 'nothing' ? seen : null, before: null, tier: at }
  // What was credited is read from the decision the store applied (the callback may run more than once, the last on what it applied to).
  return { credited: grantedBy(applied, key), account: applied.account, before: seen, tier: at }
}
