import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import type { Instant } from '../../../types/domain'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The shop's calendar: "a day" is the Asia/Shanghai calendar day. */
export const SHOP_TIME_ZONE = 'Asia/Shanghai'

/**
 * Asia/Shanghai is UTC+8 all year (no daylight saving since 1991), so shop-calendar arithmetic runs
 * on UTC dayjs objects shifted by eight hours: the same answers as `dayjs.tz`, without building an
 * Intl formatter per call (which made batch jobs over millions of rows crawl).
 */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

/** An instant as Shanghai wall-clock time. */
export function shopClock(at: Instant): Dayjs {
  return dayjs.utc(at + SHANGHAI_OFFSET_MS)
}

/** The instant of a Shanghai wall-clock time. */
export function fromShopClock(wall: Dayjs): Instant {
  return wall.valueOf() - SHANGHAI_OFFSET_MS
}

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shopDay(at: Instant): string {
  return shopClock(at).format('YYYY-MM-DD')
}

/** The instants [start, end) that bound a Shanghai calendar day. */
export function shopDayBounds(day: string): { start: Instant; end: Instant } {
  const start = dayjs.utc(day)
  return { start: fromShopClock(start), end: fromShopClock(start.add(1, 'day')) }
}

/** The Shanghai day `days` before (negative: after) the given one. */
export function shopDayBefore(day: string, days: number): string {
  return dayjs.utc(day).subtract(days, 'day').format('YYYY-MM-DD')
}
