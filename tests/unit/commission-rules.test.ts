import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  BINDING_WINDOW_MS,
  COMMISSION_CAP_BPS,
  bindOnTouch,
  commissionFor,
  extendOnOrder,
  labourRemunerationTax,
} from '../../cloudfunctions/src/core/commission'

describe('commission on a line', () => {
  it('is the rate of the paid amount net of refunds, floored to the fen', () => {
    expect(commissionFor(12_890, 0, 800, 500)).toEqual({ amount: 1031, bps: 800, clamped: false })
    expect(commissionFor(12_890, 2_890, null, 500)).toEqual({ amount: 500, bps: 500, clamped: false })
    expect(commissionFor(1000, 1000, 800, 500).amount).toBe(0)
  })

  it('clamps an operator rate above 30% to the cap and says so', () => {
    expect(commissionFor(10_000, 0, 9_000, 500)).toEqual({ amount: 3_000, bps: COMMISSION_CAP_BPS, clamped: true })
    expect(commissionFor(10_000, 0, -50, 500)).toMatchObject({ amount: 0, bps: 0 })
  })

  it('never exceeds 30% of the paid amount, whatever the operator typed (property)', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 10_000_000 }),
        fc.nat({ max: 10_000_000 }),
        fc.option(fc.integer({ min: -1e6, max: 1e9 }), { nil: null }),
        fc.integer({ min: -1e6, max: 1e9 }),
        (paid, refunded, rate, fallback) => {
          const { amount } = commissionFor(paid, Math.min(refunded, paid), rate, fallback)
          return amount >= 0 && amount <= Math.floor((paid - Math.min(refunded, paid)) * 0.3)
        },
      ),
      { numRuns: 2000 },
    )
  })
})

describe('individual income tax on labour remuneration (worked examples)', () => {
  it.each([
    [0, 0],
    [80_000, 0], // ¥800: nothing taxable
    [100_000, 4_000], // ¥1 000: (1000 − 800) × 20% = ¥40
    [400_000, 64_000], // ¥4 000: (4000 − 800) × 20% = ¥640
    [500_000, 80_000], // ¥5 000: 5000 × 80% × 20% = ¥800
    [2_500_000, 400_000], // ¥25 000: taxable ¥20 000 × 20% = ¥4 000
    [3_000_000, 520_000], // ¥30 000: taxable ¥24 000 × 30% − ¥2 000 = ¥5 200
    [7_000_000, 1_540_000], // ¥70 000: taxable ¥56 000 × 40% − ¥7 000 = ¥15 400
    [100_001, 4_000], // ¥1 000.01: taxable ¥200.01 × 20% = ¥40.002, rounded to the fen
  ])('income %i fen withholds %i fen', (income, tax) => {
    expect(labourRemunerationTax(income)).toBe(tax)
  })
})

describe('binding a buyer to a distributor', () => {
  const now = Date.parse('2026-11-20T04:00:00Z')
  const buyer = { id: 'b', isDistributor: false }

  it('lets the first touch win for 15 days, then the next sharer', () => {
    const first = bindOnTouch(null, 'koc1', buyer, now)
    expect(first).toEqual({ distributorId: 'koc1', boundAt: now, expiresAt: now + BINDING_WINDOW_MS })
    expect(bindOnTouch(first, 'koc2', buyer, now + BINDING_WINDOW_MS - 1)).toBe(first)
    expect(bindOnTouch(first, 'koc2', buyer, now + BINDING_WINDOW_MS)?.distributorId).toBe('koc2')
  })

  it('never binds a buyer to themselves, nor a distributor buying for themselves', () => {
    expect(bindOnTouch(null, 'b', buyer, now)).toBeNull()
    expect(bindOnTouch(null, 'koc1', { id: 'koc2', isDistributor: true }, now)).toBeNull()
  })

  it('extends a live binding by an order, and leaves an expired one alone', () => {
    const binding = bindOnTouch(null, 'koc1', buyer, now)
    expect(extendOnOrder(binding, now + 1000)?.expiresAt).toBe(now + 1000 + BINDING_WINDOW_MS)
    expect(extendOnOrder(binding, now + BINDING_WINDOW_MS)).toBe(binding)
  })
})
