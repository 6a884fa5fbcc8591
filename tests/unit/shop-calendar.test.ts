import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lotExpiry, nextStreak } from '../../cloudfunctions/src/core/points'
import {
  SHOP_TIME_ZONE,
  shiftShopYears,
  shopDay,
  shopDayBefore,
  shopDayBounds,
  shopDaysEnding,
  shopPeriodStarts,
} from '../../cloudfunctions/src/core/time'

dayjs.extend(utc)
dayjs.extend(timezone)

const at = (iso: string) => Date.parse(iso)
/** The tz database's answer, through Intl: what the integer arithmetic must agree with. */
const tzDay = (instant: number) => dayjs(instant).tz(SHOP_TIME_ZONE).format('YYYY-MM-DD')
/** dayjs on the tz database: a tier's keep-until and the growth window as they were first written. */
const tzYears = (instant: number, years: number) =>
  dayjs(instant)
    .tz(SHOP_TIME_ZONE)
    .add(12 * years, 'month')
    .valueOf()
/** dayjs on the tz database: the last millisecond of the 12th month after the grant's. */
const tzLotExpiry = (instant: number) => dayjs(instant).tz(SHOP_TIME_ZONE).add(12, 'month').endOf('month').valueOf()

describe('the Shanghai calendar day', () => {
  it('turns at 16:00 UTC, midnight in Shanghai', () => {
    expect(shopDay(at('2026-11-20T15:59:59.999Z'))).toBe('2026-11-20')
    expect(shopDay(at('2026-11-20T16:00:00.000Z'))).toBe('2026-11-21')
  })

  it('crosses months, years and leap days at Shanghai midnight', () => {
    expect(shopDay(at('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31')
    expect(shopDay(at('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01')
    expect(shopDay(at('2028-02-28T16:00:00.000Z'))).toBe('2028-02-29')
    expect(shopDay(at('2028-02-29T16:00:00.000Z'))).toBe('2028-03-01')
    expect(shopDay(at('2100-02-28T16:00:00.000Z'))).toBe('2100-03-01')
    expect(shopDay(at('2000-02-28T16:00:00.000Z'))).toBe('2000-02-29')
    expect(shopDay(at('1969-12-31T16:00:00.000Z'))).toBe('1970-01-01')
    expect(shopDay(at('1969-12-31T15:59:59.999Z'))).toBe('1969-12-31')
  })

  it('agrees with the tz database on any instant since 1992 (no daylight saving since 1991)', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }), (instant) => {
        expect(shopDay(instant)).toBe(tzDay(instant))
      }),
      { numRuns: 2000 },
    )
  })

  it('agrees with the tz database on the millisecond either side of every midnight of a leap year', () => {
    for (let day = at('2028-01-01T16:00:00Z'); day < at('2029-01-01T16:00:00Z'); day += 86_400_000) {
      expect(shopDay(day)).toBe(tzDay(day))
      expect(shopDay(day - 1)).toBe(tzDay(day - 1))
    }
  })
})

describe('days before and after a Shanghai day', () => {
  it('steps across month, year and leap-day ends', () => {
    expect(shopDayBefore('2027-01-01', 1)).toBe('2026-12-31')
    expect(shopDayBefore('2028-03-01', 1)).toBe('2028-02-29')
    expect(shopDayBefore('2027-03-01', 1)).toBe('2027-02-28')
    expect(shopDayBefore('2026-12-31', -1)).toBe('2027-01-01')
    expect(shopDayBefore('2026-11-20', 0)).toBe('2026-11-20')
    expect(shopDayBefore('2026-11-20', 365)).toBe('2025-11-20')
  })

  it('agrees with dayjs for any day and any step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: -4_000, max: 4_000 }), (offset, step) => {
        const day = dayjs.utc('1992-01-01').add(offset, 'day').format('YYYY-MM-DD')
        expect(shopDayBefore(day, step)).toBe(dayjs.utc(day).subtract(step, 'day').format('YYYY-MM-DD'))
      }),
      { numRuns: 2000 },
    )
  })

  it('lists the days ending with one, oldest first, as stepping back from it day by day does', () => {
    expect(shopDaysEnding('2028-03-02', 4)).toEqual(['2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02'])
    expect(shopDaysEnding('2027-01-01', 2)).toEqual(['2026-12-31', '2027-01-01'])
    expect(shopDaysEnding('2026-11-20', 0)).toEqual([])
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 80_000 }), fc.integer({ min: 0, max: 40 }), (offset, count) => {
        const day = dayjs.utc('1992-01-01').add(offset, 'day').format('YYYY-MM-DD')
        expect(shopDaysEnding(day, count)).toEqual(Array.from({ length: count }, (_, i) => shopDayBefore(day, count - 1 - i)))
      }),
      { numRuns: 1000 },
    )
  })

  it("continues a streak from the Shanghai day before the instant's, at either end of that day", () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }), (instant) => {
        const yesterday = shopDayBefore(shopDay(instant), 1)
        const { start, end } = shopDayBounds(shopDay(instant))
        for (const now of [instant, start, end - 1]) {
          expect(nextStreak(yesterday, 3, now)).toBe(4)
          expect(nextStreak(shopDay(instant), 3, now)).toBe(1)
          expect(nextStreak(shopDayBefore(yesterday, 1), 3, now)).toBe(1)
        }
      }),
      { numRuns: 1000 },
    )
    expect(nextStreak('2028-02-29', 1, at('2028-02-29T16:00:00Z'))).toBe(2)
    expect(nextStreak('2026-12-31', 1, at('2026-12-31T16:00:00Z'))).toBe(2)
    expect(nextStreak('2026-12-31', 1, at('2026-12-31T15:59:59.999Z'))).toBe(1)
  })

  it('bounds a day by its two Shanghai midnights', () => {
    expect(shopDayBounds('2026-11-20')).toEqual({ start: at('2026-11-19T16:00:00Z'), end: at('2026-11-20T16:00:00Z') })
    expect(shopDayBounds('2028-02-29')).toEqual({ start: at('2028-02-28T16:00:00Z'), end: at('2028-02-29T16:00:00Z') })
    fc.assert(
      fc.property(fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }), (instant) => {
        const { start, end } = shopDayBounds(shopDay(instant))
        expect(start <= instant && instant < end).toBe(true)
        expect(dayjs(start).tz(SHOP_TIME_ZONE).format('HH:mm:ss.SSS')).toBe('00:00:00.000')
      }),
      { numRuns: 1000 },
    )
  })
})

describe("a lot's expiry by day arithmetic", () => {
  it('is the last millisecond of the 12th Shanghai month after the grant, as the tz database counts it', () => {
    expect(lotExpiry(at('2026-12-31T16:00:00Z'))).toBe(at('2028-01-31T16:00:00Z') - 1)
    expect(lotExpiry(at('2027-02-28T16:00:00Z'))).toBe(at('2028-03-31T16:00:00Z') - 1)
    fc.assert(
      fc.property(fc.integer({ min: at('1992-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }), (instant) => {
        expect(lotExpiry(instant)).toBe(tzLotExpiry(instant))
      }),
      { numRuns: 1000 },
    )
  })
})

describe('a year on the Shanghai calendar', () => {
  it('keeps the wall-clock time and falls back from 29 February to the 28th', () => {
    // 04:30 on 29 February 2028 in Shanghai
    expect(shiftShopYears(at('2028-02-28T20:30:00Z'), -1)).toBe(at('2027-02-27T20:30:00Z'))
    expect(shiftShopYears(at('2028-02-29T03:00:00Z'), 1)).toBe(at('2029-02-28T03:00:00Z'))
    expect(shiftShopYears(at('2028-02-29T03:00:00Z'), 4)).toBe(at('2032-02-29T03:00:00Z'))
    expect(shiftShopYears(at('2026-12-31T16:00:00Z'), -1)).toBe(at('2025-12-31T16:00:00Z'))
  })

  it('agrees with dayjs on the tz database for any instant and a year either way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('1993-01-01T00:00:00Z'), max: at('2199-01-01T00:00:00Z') }),
        fc.constantFrom(-1, 1, -2, 2),
        (instant, years) => {
          expect(shiftShopYears(instant, years)).toBe(tzYears(instant, years))
        },
      ),
      { numRuns: 3000 },
    )
  })
})

describe('answers kept for the days last asked', () => {
  it('are the answers worked out afresh, whatever order days are asked in again', () => {
    // Three days, asked for over and over in random order with random times of day: hits on either kept day and misses.
    const days = [at('2028-02-28T20:30:00Z'), at('2028-02-27T20:30:00Z'), at('2026-12-31T16:00:00Z')]
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 86_399_999 }), fc.constantFrom(-1, 1)), { maxLength: 30 }),
        (asks) => {
          for (const [which, ms, years] of asks) {
            const instant = shopDayBounds(shopDay(days[which])).start + ms
            expect(shopDay(instant)).toBe(tzDay(instant))
            expect(shiftShopYears(instant, years)).toBe(tzYears(instant, years))
            expect(lotExpiry(instant)).toBe(tzLotExpiry(instant))
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('the day, week and month an instant falls in', () => {
  /** dayjs on the tz database: the limits' periods as they were first written. */
  const tzStarts = (instant: number) => {
    const wall = dayjs(instant).tz(SHOP_TIME_ZONE).startOf('day')
    return {
      day: wall.valueOf(),
      week: wall.subtract((wall.day() + 6) % 7, 'day').valueOf(),
      month: wall.startOf('month').valueOf(),
    }
  }

  it('starts weeks on Monday at Shanghai midnight', () => {
    // Sunday 2026-11-22, 23:30 in Shanghai; Monday 2026-11-23, 00:30.
    expect(shopPeriodStarts(at('2026-11-22T15:30:00Z')).week).toBe(at('2026-11-15T16:00:00Z'))
    expect(shopPeriodStarts(at('2026-11-22T16:30:00Z')).week).toBe(at('2026-11-22T16:00:00Z'))
    expect(shopPeriodStarts(at('2026-12-01T15:59:59Z')).month).toBe(at('2026-11-30T16:00:00Z'))
  })

  it('agrees with dayjs on the tz database for any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('1993-01-01T00:00:00Z'), max: at('2199-01-01T00:00:00Z') }), (instant) => {
        expect(shopPeriodStarts(instant)).toEqual(tzStarts(instant))
      }),
      { numRuns: 3000 },
    )
  })
})
