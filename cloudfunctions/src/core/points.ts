import type { Instant, PointsAccount } from '../../../types/domain'
import { DAY_MS, shopDay, shopDayBefore, shopMonthStartAfter } from './time'

/** A grant of points with what is left of it; lots are spent oldest first and expire per lot. */
export interface Lot {
  id: string
  amount: number
  remaining: number
  grantedAt: Instant
  expiresAt: Instant
}

/** A lot expires at the end of the 12th calendar month after the month of its grant (Shanghai time). */
export function lotExpiry(grantedAt: Instant): Instant {
  // The millisecond before the 13th month after begins.
  return shopMonthStartAfter(grantedAt, 13) - 1
}

/** Spending order: the lot that expires first goes first; ties by grant time, then id. */
export function spendingOrder(a: Lot, b: Lot): number {
  return a.expiresAt - b.expiresAt || a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Lots with points left that have not expired at `now`. */
export function liveLots(lots: readonly Lot[], now: Instant): Lot[] {
  return lots.filter((l) => l.remaining > 0 && l.expiresAt > now).sort(spendingOrder)
}

/**
 * Takes `amount` points from the live lots, oldest first. Answers what each lot gives, or null when
 * the live lots hold less than `amount` (nothing is taken then).
 */
export function takeFromLots(lots: readonly Lot[], amount: number, now: Instant): { lotId: string; points: number }[] | null {
  if (amount <= 0) return []
  const takes: { lotId: string; points: number }[] = []
  let left = amount
  for (const lot of liveLots(lots, now)) {
    if (left === 0) break
    const points = Math.min(lot.remaining, left)
    takes.push({ lotId: lot.id, points })
    left -= points
  }
  return left === 0 ? takes : null
}

/**
 * Takes back `amount` points (a reversal): as much as the live lots hold, oldest first; what they
 * cannot cover becomes a debt that later grants repay. Never a negative lot.
 */
export function reverseFromLots(
  lots: readonly Lot[],
  amount: number,
  now: Instant,
): { takes: { lotId: string; points: number }[]; debt: number } {
  const held = liveLots(lots, now).reduce((sum, l) => sum + l.remaining, 0)
  const covered = Math.min(held, Math.max(0, amount))
  return { takes: takeFromLots(lots, covered, now) ?? [], debt: Math.max(0, amount) - covered }
}

/** A new grant first repays an outstanding debt; the rest becomes the lot's remainder. */
export function grantAgainstDebt(amount: number, debt: number): { repaid: number; remaining: number } {
  const repaid = Math.min(Math.max(0, debt), amount)
  return { repaid, remaining: amount - repaid }
}

/** Points for a purchase: 1 per whole ¥1 of paid goods amount, times the tier multiplier, floored. */
export function purchasePoints(paidFen: number, multiplier: number): number {
  return Math.floor(Math.floor(Math.max(0, paidFen) / 100) * multiplier)
}

/** Check-in: a base amount plus a bonus for the day of the streak (day 7 and on get the last entry). */
export const CHECK_IN_BASE = 5
export const STREAK_BONUS: readonly number[] = [0, 0, 2, 2, 5, 5, 10]

export function checkInPoints(streakDay: number, multiplier: number, base = CHECK_IN_BASE): number {
  const bonus = STREAK_BONUS[Math.min(Math.max(streakDay, 1), STREAK_BONUS.length) - 1]
  return Math.floor((base + bonus) * multiplier)
}

/** The streak day of a check-in: one more than yesterday's, or 1 when yesterday was missed. */
export function nextStreak(lastCheckInDay: string | null, lastStreak: number, now: Instant): number {
  if (lastCheckInDay === null) return 1
  // Shanghai keeps UTC+8 all year, so the day before is the day of the instant a day earlier.
  return lastCheckInDay === shopDay(now - DAY_MS) ? lastStreak + 1 : 1
}

/**
 * The days among `days` (ascending) before today that had a check-in, as the account a check-in
 * found says: the streak's run ends on the last check-in day, no day after it had one, nor the day
 * before the run (the run would be longer). Null when one of `days` lies before that day, where only
 * the check-ins' lots can tell, or when the account is ahead of today (a clock set back).
 */
export function checkInDaysKnown(
  before: Pick<PointsAccount, 'lastCheckInDay' | 'streak'>,
  days: readonly string[],
  today: string,
): Set<string> | null {
  const last = before.lastCheckInDay
  if (last === null) return new Set()
  if (last >= today || before.streak < 1 || days.length === 0) return null
  if (shopDayBefore(last, before.streak) > days[0]) return null
  const runStart = shopDayBefore(last, before.streak - 1)
  return new Set(days.filter((day) => day >= runStart && day <= last))
}

/** The idempotency key of a member's check-in on a Shanghai day: two taps or two devices make one. It is also the id of the lot the check-in grants. */
export function checkInKey(memberId: string, now: Instant): string {
  return checkInKeyOfDay(memberId, shopDay(now))
}

/** `checkInKey` of a Shanghai day given as YYYY-MM-DD. */
export function checkInKeyOfDay(memberId: string, day: string): string {
  return `checkin:${memberId}:${day.replaceAll('-', '')}`
}

/** A member who never had points. */
export const EMPTY_ACCOUNT = (memberId: string): PointsAccount => ({
  memberId,
  available: 0,
  pending: 0,
  debt: 0,
  lastCheckInDay: null,
  streak: 0,
  postRewardDay: null,
  postRewardsToday: 0,
})

/** Points for an approved post, and how many posts a day earn them. */
export const POST_REWARD_POINTS = 20
export const POST_REWARDS_PER_DAY = 3
