import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Lot,
  checkInDaysKnown,
  checkInKey,
  checkInPoints,
  grantAgainstDebt,
  liveLots,
  lotExpiry,
  nextStreak,
  purchasePoints,
  reverseFromLots,
  takeFromLots,
} from '../../cloudfunctions/src/core/points'

const at = (iso: string) => Date.parse(iso)
const lot = (id: string, remaining: number, grantedAt: number, expiresAt = lotExpiry(grantedAt)): Lot => ({
  id,
  amount: remaining,
  remaining,
  grantedAt,
  expiresAt,
})

describe('lot expiry', () => {
  it('is the end of the 12th month after the grant, in Shanghai', () => {
    expect(lotExpiry(at('2026-11-20T04:00:00Z'))).toBe(at('2027-11-30T16:00:00Z') - 1)
    // 2026-01-31 20:00 UTC is already February 1st in Shanghai.
    expect(lotExpiry(at('2026-01-31T20:00:00Z'))).toBe(at('2027-02-28T16:00:00Z') - 1)
  })
})

describe('spending lots', () => {
  const now = at('2026-11-20T04:00:00Z')
  const lots = [
    lot('new', 100, now - 1000),
    lot('old', 30, now - 5000),
    lot('expired', 500, now - 9000, now - 1),
    lot('empty', 0, now - 6000),
  ]

  it('takes from the lot that expires first, skipping expired and empty lots', () => {
    expect(liveLots(lots, now).map((l) => l.id)).toEqual(['old', 'new'])
    expect(takeFromLots(lots, 50, now)).toEqual([
      { lotId: 'old', points: 30 },
      { lotId: 'new', points: 20 },
    ])
  })

  it('takes nothing when the live lots hold too little', () => {
    expect(takeFromLots(lots, 131, now)).toBeNull()
    expect(takeFromLots(lots, 0, now)).toEqual([])
  })

  it('turns what a reversal cannot cover into a debt, never a negative lot', () => {
    expect(reverseFromLots(lots, 200, now)).toEqual({
      takes: [
        { lotId: 'old', points: 30 },
        { lotId: 'new', points: 100 },
      ],
      debt: 70,
    })
    expect(reverseFromLots([], 10, now)).toEqual({ takes: [], debt: 10 })
  })

  it('repays a debt from the next grant first', () => {
    expect(grantAgainstDebt(50, 70)).toEqual({ repaid: 50, remaining: 0 })
    expect(grantAgainstDebt(100, 70)).toEqual({ repaid: 70, remaining: 30 })
    expect(grantAgainstDebt(100, 0)).toEqual({ repaid: 0, remaining: 100 })
  })

  it('never takes more than asked nor more than a lot holds (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 1000 }), { maxLength: 20 }), fc.nat({ max: 30_000 }), (remainders, amount) => {
        const pile = remainders.map((r, i) => lot(`l${i}`, r, now - 1000 * (i + 1)))
        const takes = takeFromLots(pile, amount, now)
        const held = remainders.reduce((a, b) => a + b, 0)
        if (takes === null) return held < amount
        const byLot = new Map(pile.map((l) => [l.id, l.remaining]))
        return takes.reduce((a, t) => a + t.points, 0) === amount && takes.every((t) => t.points > 0 && t.points <= byLot.get(t.lotId)!)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('earning', () => {
  it('gives 1 point per whole ¥1 paid, times the tier multiplier, floored', () => {
    expect(purchasePoints(12_890, 1)).toBe(128)
    expect(purchasePoints(12_890, 1.5)).toBe(192)
    expect(purchasePoints(99, 2)).toBe(0)
    expect(purchasePoints(-500, 2)).toBe(0)
  })

  it('grows the check-in bonus with the streak and keeps the top bonus from day 7', () => {
    expect([1, 2, 3, 5, 7, 30].map((d) => checkInPoints(d, 1))).toEqual([5, 5, 7, 10, 15, 15])
    expect(checkInPoints(3, 1.5)).toBe(10)
  })

  it('continues a streak only from yesterday, by the Shanghai calendar', () => {
    const now = at('2026-11-20T17:00:00Z') // 2026-11-21 01:00 in Shanghai
    expect(nextStreak('2026-11-20', 4, now)).toBe(5)
    expect(nextStreak('2026-11-19', 4, now)).toBe(1)
    expect(nextStreak(null, 0, now)).toBe(1)
  })

  it('tells the week’s check-in days from the account a check-in found, where it can', () => {
    const week = ['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20']
    const known = (lastCheckInDay: string | null, streak: number, today = '2026-11-20') =>
      checkInDaysKnown({ lastCheckInDay, streak }, week, today)
    expect(known(null, 0)).toEqual(new Set())
    // A run of six to yesterday: the day before it lies before the week.
    expect(known('2026-11-19', 6)).toEqual(new Set(week.slice(0, 6)))
    // The last check-in before the week, or a run whose day before is the week's first.
    expect(known('2026-11-12', 3)).toEqual(new Set())
    expect(known('2026-11-16', 2)).toEqual(new Set(['2026-11-15', '2026-11-16']))
    // A day of the week before the run's day before: only lots can tell.
    expect(known('2026-11-17', 2)).toBeNull()
    expect(known('2026-11-19', 1)).toBeNull()
    // An account ahead of today (a clock set back), or one already checked in today.
    expect(known('2026-11-21', 1)).toBeNull()
    expect(known('2026-11-20', 1)).toBeNull()
  })

  it('keys a check-in by member and Shanghai day', () => {
    expect(checkInKey('m1', at('2026-11-20T15:59:59Z'))).toBe('checkin:m1:20261120')
    expect(checkInKey('m1', at('2026-11-20T16:00:00Z'))).toBe('checkin:m1:20261121')
  })
})

describe('tiers', async () => {
  const { keepUntil, reviewStanding, tierForGrowth, nextTier } = await import('../../cloudfunctions/src/core/tiers')
  const now = at('2026-11-20T04:00:00Z')

  it('maps growth to tiers at the default thresholds', () => {
    expect([0, 499, 500, 1999, 2000, 7999, 8000, 19_999, 20_000, 1e9].map((g) => tierForGrowth(g))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    expect(nextTier(2)).toEqual({ tier: 3, growth: 2000 })
    expect(nextTier(5)).toBeNull()
  })

  it('upgrades at once and keeps the new tier 12 months', () => {
    expect(reviewStanding({ tier: 1, attainedAt: 0, keepUntil: keepUntil(0) }, 2500, now)).toEqual({
      tier: 3,
      attainedAt: now,
      keepUntil: at('2027-11-20T04:00:00Z'),
    })
  })

  it('keeps the tier until the review date whatever the growth does, then follows it down or renews', () => {
    const standing = { tier: 4 as const, attainedAt: now, keepUntil: keepUntil(now) }
    expect(reviewStanding(standing, 0, keepUntil(now) - 1)).toBeNull()
    expect(reviewStanding(standing, 600, keepUntil(now))).toEqual({
      tier: 2,
      attainedAt: keepUntil(now),
      keepUntil: keepUntil(keepUntil(now)),
    })
    expect(reviewStanding(standing, 9000, keepUntil(now))).toEqual({ tier: 4, attainedAt: now, keepUntil: keepUntil(keepUntil(now)) })
  })

  it('never lowers a tier before its review date (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.nat({ max: 50_000 }), fc.nat({ max: 364 }), (tier, growth, days) => {
        const standing = { tier: tier as 1 | 2 | 3 | 4 | 5, attainedAt: now, keepUntil: keepUntil(now) }
        const next = reviewStanding(standing, growth, now + days * 86_400_000)
        return next === null || next.tier > tier
      }),
      { numRuns: 1000 },
    )
  })
})

describe('tier settings document', async () => {
  const { DEFAULT_TIER_SETTINGS, readTierSettings } = await import('../../cloudfunctions/src/core/tiers')

  it('keeps the defaults for a missing document', () => {
    expect(readTierSettings(null)).toEqual({ settings: DEFAULT_TIER_SETTINGS, problems: [] })
  })

  it('clamps out-of-range values to the hard caps and reports them', () => {
    const { settings, problems } = readTierSettings({
      benefits: { 5: { memberPricePct: 30, pointsMultiplier: 50, earlyAccessHours: -3 }, 2: { birthdayGiftPoints: 80 } },
    })
    expect(settings.benefits[5]).toMatchObject({ memberPricePct: 70, pointsMultiplier: 5, earlyAccessHours: 0 })
    expect(settings.benefits[2].birthdayGiftPoints).toBe(80)
    expect(problems).toHaveLength(3)
  })

  it('ignores malformed fields and thresholds that do not rise from V1 = 0', () => {
    const { settings, problems } = readTierSettings({ benefits: { 3: { memberPricePct: '九折' } }, thresholds: { 1: 0, 2: 900, 3: 800 } })
    expect(settings.benefits[3].memberPricePct).toBe(95)
    expect(settings.thresholds).toEqual(DEFAULT_TIER_SETTINGS.thresholds)
    expect(problems).toHaveLength(2)
    expect(readTierSettings({ thresholds: { 2: 300 } }).settings.thresholds[2]).toBe(300)
    expect(readTierSettings('V5 for everyone').problems).toEqual(['等级设置不是一个对象，已使用默认值'])
  })
})
