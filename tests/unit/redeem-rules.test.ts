import { describe, expect, it } from 'vitest'
import { allowance, countByPeriod, periodStarts, redeemRefusal } from '../../cloudfunctions/src/core/redeem'

const at = (iso: string) => Date.parse(iso)

describe('redemption limit periods on the Shanghai calendar', () => {
  it('starts days at Shanghai midnight, weeks on Monday and months on the 1st', () => {
    // Sunday 2026-11-29 23:30 in Shanghai.
    const now = at('2026-11-29T15:30:00Z')
    expect(periodStarts(now)).toEqual({
      perDay: at('2026-11-28T16:00:00Z'),
      perWeek: at('2026-11-22T16:00:00Z'),
      perMonth: at('2026-10-31T16:00:00Z'),
    })
    // Thirty minutes later it is Monday 30 November: a new day and week, the same month.
    expect(periodStarts(at('2026-11-29T16:00:00Z'))).toEqual({
      perDay: at('2026-11-29T16:00:00Z'),
      perWeek: at('2026-11-29T16:00:00Z'),
      perMonth: at('2026-10-31T16:00:00Z'),
    })
    // Tuesday 1 December: a new day and month, the same week.
    expect(periodStarts(at('2026-11-30T16:00:00Z'))).toEqual({
      perDay: at('2026-11-30T16:00:00Z'),
      perWeek: at('2026-11-29T16:00:00Z'),
      perMonth: at('2026-11-30T16:00:00Z'),
    })
  })

  it('counts redemptions per period, so a new week forgets last week but not the month', () => {
    const times = [at('2026-11-03T02:00:00Z'), at('2026-11-20T02:00:00Z'), at('2026-11-26T02:00:00Z')]
    expect(countByPeriod(times, at('2026-11-26T08:00:00Z'))).toEqual({ perDay: 1, perWeek: 1, perMonth: 3, ever: 3 })
    expect(countByPeriod(times, at('2026-12-01T08:00:00Z'))).toEqual({ perDay: 0, perWeek: 0, perMonth: 0, ever: 3 })
  })

  it('allows the tightest of the limits that apply', () => {
    expect(allowance({ perDay: 2, perMonth: 5 }, { perDay: 1, perWeek: 9, perMonth: 4, ever: 9 })).toBe(1)
    expect(allowance({ ever: 1 }, { perDay: 0, perWeek: 0, perMonth: 0, ever: 3 })).toBe(0)
    expect(allowance({}, { perDay: 9, perWeek: 9, perMonth: 9, ever: 9 })).toBeNull()
  })
})

describe('who may redeem', () => {
  const now = at('2026-11-20T04:00:00Z')
  const item = {
    status: 'on' as const,
    startAt: now - 1000,
    endAt: now + 1000,
    tierMin: 3 as const,
    stock: 5,
    pointsPrice: 500,
    limits: { perDay: 1 },
  }
  const member = { tier: 4 as const, spendable: 800, redeemedAt: [] as number[] }

  it('answers the first reason that stops a member, or null', () => {
    expect(redeemRefusal(item, member, now)).toBeNull()
    expect(redeemRefusal({ ...item, status: 'off' }, member, now)).toBe('OFF_SHELF')
    expect(redeemRefusal(item, member, now - 2000)).toBe('NOT_STARTED')
    expect(redeemRefusal(item, member, now + 1000)).toBe('ENDED')
    expect(redeemRefusal(item, { ...member, tier: 2 }, now)).toBe('TIER_TOO_LOW')
    expect(redeemRefusal(item, { ...member, redeemedAt: [now - 10] }, now)).toBe('LIMIT_REACHED')
    expect(redeemRefusal({ ...item, stock: 0 }, member, now)).toBe('SOLD_OUT')
    expect(redeemRefusal(item, { ...member, spendable: 499 }, now)).toBe('POINTS_SHORT')
  })
})
