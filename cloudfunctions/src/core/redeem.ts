import type { Instant, Tier } from '../../../types/domain'
import { shopPeriodStarts } from './time'

/** Per-member redemption limits of a mall item; an absent limit does not apply. */
export interface RedeemLimits {
  perDay?: number
  perWeek?: number
  perMonth?: number
  ever?: number
}

export type LimitPeriod = keyof RedeemLimits

/** Where each limit's current period starts, on the Shanghai calendar (weeks start on Monday). */
export function periodStarts(now: Instant): Record<Exclude<LimitPeriod, 'ever'>, Instant> {
  const { day, week, month } = shopPeriodStarts(now)
  return { perDay: day, perWeek: week, perMonth: month }
}

/** How many redemptions of the item the member made in each period, from their redemption times. */
export function countByPeriod(redeemedAt: readonly Instant[], now: Instant): Record<LimitPeriod, number> {
  const starts = periodStarts(now)
  return {
    perDay: redeemedAt.filter((t) => t >= starts.perDay).length,
    perWeek: redeemedAt.filter((t) => t >= starts.perWeek).length,
    perMonth: redeemedAt.filter((t) => t >= starts.perMonth).length,
    ever: redeemedAt.length,
  }
}

/** How many more the member may redeem now: the tightest of the limits; null when none applies. */
export function allowance(limits: RedeemLimits, counts: Record<LimitPeriod, number>): number | null {
  const left = (Object.keys(limits) as LimitPeriod[])
    .filter((period) => limits[period] !== undefined)
    .map((period) => Math.max(0, limits[period]! - counts[period]))
  return left.length === 0 ? null : Math.min(...left)
}

export type RedeemRefusal = 'NOT_STARTED' | 'ENDED' | 'OFF_SHELF' | 'TIER_TOO_LOW' | 'LIMIT_REACHED' | 'SOLD_OUT' | 'POINTS_SHORT'

/** Whether a member may redeem one unit now; the first reason that stops them otherwise. */
export function redeemRefusal(
  item: { status: 'on' | 'off'; startAt: Instant; endAt: Instant; tierMin: Tier; stock: number; pointsPrice: number; limits: RedeemLimits },
  member: { tier: Tier; spendable: number; redeemedAt: readonly Instant[] },
  now: Instant,
): RedeemRefusal | null {
  if (item.status !== 'on') return 'OFF_SHELF'
  if (now < item.startAt) return 'NOT_STARTED'
  if (now >= item.endAt) return 'ENDED'
  if (member.tier < item.tierMin) return 'TIER_TOO_LOW'
  const left = allowance(item.limits, countByPeriod(member.redeemedAt, now))
  if (left !== null && left <= 0) return 'LIMIT_REACHED'
  if (item.stock <= 0) return 'SOLD_OUT'
  if (member.spendable < item.pointsPrice) return 'POINTS_SHORT'
  return null
}
