import { describe, expect, it } from 'vitest'
import { segmentTags } from '../../cloudfunctions/src/core/segments'
import { T0 } from '../support/fixtures'

const DAY = 86_400_000
const base = { joinedAt: T0 - 400 * DAY, lastPaidAt: null, orders365: 0, net365: 0, isDistributor: false }

describe('member segments', () => {
  it('band recency, frequency and monetary at their edges', () => {
    expect(segmentTags({ ...base, lastPaidAt: T0 - 30 * DAY, orders365: 5, net365: 100_000 }, T0)).toEqual([
      'rfm:r3',
      'rfm:f3',
      'rfm:m3',
      'rfm:champion',
    ])
    expect(segmentTags({ ...base, lastPaidAt: T0 - 30 * DAY - 1, orders365: 4, net365: 99_999 }, T0)).toEqual([
      'rfm:r2',
      'rfm:f2',
      'rfm:m2',
    ])
    expect(segmentTags({ ...base, lastPaidAt: T0 - 90 * DAY - 1, orders365: 1, net365: 1 }, T0)).toEqual([
      'rfm:r1',
      'rfm:f1',
      'rfm:m1',
      'lapsing',
    ])
    expect(segmentTags({ ...base, lastPaidAt: T0 - 500 * DAY }, T0)).toEqual(['rfm:r1', 'lapsing'])
  })

  it('mark new members and distributors, and give a stranger nothing', () => {
    expect(segmentTags(base, T0)).toEqual([])
    expect(segmentTags({ ...base, joinedAt: T0 - 30 * DAY }, T0)).toEqual(['new'])
    expect(segmentTags({ ...base, joinedAt: T0 - 31 * DAY, isDistributor: true }, T0)).toEqual(['distributor'])
  })
})
