import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import type { Instant } from '../../../types/domain'

dayjs.extend(utc)
dayjs.extend(timezone)

/** The shop's calendar: "a day" is the Asia/Shanghai calendar day. */
export const SHOP_TIME_ZONE = 'Asia/Shanghai'

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shopDay(at: Instant): string {
  return dayjs(at).tz(SHOP_TIME_ZONE).format('YYYY-MM-DD')
}

/** The instants [start, end) that bound a Shanghai calendar day. */
export function shopDayBounds(day: string): { start: Instant; end: Instant } {
  const start = dayjs.tz(day, SHOP_TIME_ZONE)
  return { start: start.valueOf(), end: start.add(1, 'day').valueOf() }
}
