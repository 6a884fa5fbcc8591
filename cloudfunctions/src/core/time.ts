import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import type { Instant } from '../../../types/domain'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The shop's calendar: "a day" is the Asia/Shanghai calendar day. */
export const SHOP_TIME_ZONE = 'Asia/Shanghai'

export const HOUR_MS = 3_600_000

/**
 * Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so shop-calendar arithmetic runs
 * on UTC dayjs objects shifted by eight hours: the same answers as `dayjs.tz`, without building an
 * Intl formatter per call (which made batch jobs over millions of rows crawl).
 */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS

/** An instant as Shanghai wall-clock time. */
export function shopClock(at: Instant): Dayjs {
  return dayjs.utc(at + SHANGHAI_OFFSET_MS)
}

/** The instant of a Shanghai wall-clock time. */
export function fromShopClock(wall: Dayjs): Instant {
  return wall.valueOf() - SHANGHAI_OFFSET_MS
}

export const DAY_MS = 24 * HOUR_MS

/**
 * Calendar days and day numbers (days since 1970-01-01) convert with integer arithmetic (the civil
 * calendar algorithms of H. Hinnant): the check-in and other per-request paths need a day several
 * times per call, and a dayjs object and its formatter cost more than the rest of the arithmetic.
 */
function dayNumberOf(day: string): number {
  return dayNumberOfDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)))
}

function dayNumberOfDate(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n))

function dateOfNumber(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const dayOfEra = z - era * 146_097
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  )
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100))
  const mp = Math.floor((5 * dayOfYear + 2) / 153)
  const d = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return { y: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), m, d }
}

function dayOfNumber(days: number): string {
  const { y, m, d } = dateOfNumber(days)
  return `${String(y).padStart(4, '0')}-${twoDigits(m)}-${twoDigits(d)}`
}

/**
 * A function of a day (its number or its text) that keeps its answers for the last two days asked:
 * a request asks for today and yesterday, a job walks its rows a day at a time.
 */
function lastTwoDays<D extends number | string, T>(compute: (day: D) => T): (day: D) => T {
  let newerDay: D | undefined
  let newer = undefined as T
  let olderDay: D | undefined
  let older = undefined as T
  return (day) => {
    if (day === newerDay) return newer
    if (day === olderDay) return older
    olderDay = newerDay
    older = newer
    newerDay = day
    newer = compute(day)
    return newer
  }
}

const dayText = lastTwoDays(dayOfNumber)

/** The day number `years` calendar years after the given one; 29 February falls back to the 28th. */
function dayYearsAfter(days: number, years: number): number {
  const { y, m, d } = dateOfNumber(days)
  const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  return dayNumberOfDate(y + years, m, m === 2 && d === 29 && !leap(y + years) ? 28 : d)
}

const dayYearLater = lastTwoDays((days: number) => dayYearsAfter(days, 1))
const dayYearEarlier = lastTwoDays((days: number) => dayYearsAfter(days, -1))

/**
 * The same Shanghai wall-clock time `years` calendar years later (earlier when negative); 29 February
 * falls back to the 28th, as dayjs's `add(12 * years, 'month')` does. Integer arithmetic, and a year
 * either way is kept for the day: the check-in's tier review asks on every request.
 */
export function shiftShopYears(at: Instant, years: number): Instant {
  const days = Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS)
  const shifted = years === 1 ? dayYearLater(days) : years === -1 ? dayYearEarlier(days) : dayYearsAfter(days, years)
  return at + (shifted - days) * DAY_MS
}

/** Where the Shanghai month `months` calendar months after the one holding `at` begins. */
export function shopMonthStartAfter(at: Instant, months: number): Instant {
  const { y, m } = dateOfNumber(Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS))
  const month = y * 12 + (m - 1) + months
  return dayNumberOfDate(Math.floor(month / 12), (month % 12) + 1, 1) * DAY_MS - SHANGHAI_OFFSET_MS
}

/**
 * Where the Shanghai day, week (from Monday) and month that hold `at` start. Integer arithmetic: a
 * redemption's limits ask on every request.
 */
export function shopPeriodStarts(at: Instant): { day: Instant; week: Instant; month: Instant } {
  const days = Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS)
  // Day 0, 1970-01-01, was a Thursday: three days after a Monday.
  const sinceMonday = (((days + 3) % 7) + 7) % 7
  const { y, m } = dateOfNumber(days)
  const start = (day: number) => day * DAY_MS - SHANGHAI_OFFSET_MS
  return { day: start(days), week: start(days - sinceMonday), month: start(dayNumberOfDate(y, m, 1)) }
}

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shopDay(at: Instant): string {
  return dayText(Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS))
}

/** The instants [start, end) that bound a Shanghai calendar day. */
export function shopDayBounds(day: string): { start: Instant; end: Instant } {
  const start = dayNumberOf(day) * DAY_MS - SHANGHAI_OFFSET_MS
  return { start, end: start + DAY_MS }
}

/** The Shanghai day `days` before (negative: after) the given one. */
export function shopDayBefore(day: string, days: number): string {
  return dayOfNumber(dayNumberOf(day) - days)
}

/** The `count` Shanghai days ending with the given one, oldest first: the day is read once, not once per day. */
export function shopDaysEnding(day: string, count: number): string[] {
  const last = dayNumberOf(day)
  return Array.from({ length: count }, (_, i) => dayOfNumber(last - (count - 1 - i)))
}

/** The seven Shanghai days a check-in card shows, ending with the given one, oldest first; every card of a day shows the same. */
export const shopWeekEnding: (day: string) => readonly string[] = lastTwoDays((day: string) => shopDaysEnding(day, 7))
