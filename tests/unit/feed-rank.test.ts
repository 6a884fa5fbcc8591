import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type EngagementSignals,
  FEED_HALF_LIFE_MS,
  NO_ENGAGEMENT,
  compareRanked,
  decodeFeedCursor,
  encodeFeedCursor,
  feedScore,
} from '../../cloudfunctions/src/core/feed-rank'

const T0 = Date.parse('2026-11-24T12:00:00+08:00')
const SIGNALS = ['likes', 'comments', 'favourites', 'orders'] as const
const signals = fc.record({
  likes: fc.nat(100_000),
  comments: fc.nat(100_000),
  favourites: fc.nat(100_000),
  orders: fc.nat(100_000),
})
const instant = fc.integer({ min: T0 - 5 * 365 * 86_400_000, max: T0 + 365 * 86_400_000 })

describe('the 推荐 score', () => {
  it('rises with each engagement signal', () => {
    fc.assert(
      fc.property(signals, instant, fc.constantFrom(...SIGNALS), fc.integer({ min: 1, max: 1000 }), (s, at, signal, more) => {
        const raised: EngagementSignals = { ...s, [signal]: s[signal] + more }
        expect(feedScore(raised, at)).toBeGreaterThan(feedScore(s, at))
      }),
    )
  })

  it('falls with age: the same engagement posted earlier ranks lower', () => {
    fc.assert(
      fc.property(signals, instant, fc.integer({ min: 60_000, max: 365 * 86_400_000 }), (s, at, older) => {
        expect(feedScore(s, at - older)).toBeLessThan(feedScore(s, at))
      }),
    )
  })

  it('weighs one half-life of age as much as doubling the engagement', () => {
    // One like: log2(2) = 1; three likes: log2(4) = 2. A half-life older with three likes ties a newer one with one.
    const one = { ...NO_ENGAGEMENT, likes: 1 }
    const three = { ...NO_ENGAGEMENT, likes: 3 }
    expect(feedScore(three, T0 - FEED_HALF_LIFE_MS)).toBeCloseTo(feedScore(one, T0), 5)
    // An order weighs more than a comment or a favourite, which weigh more than a like.
    const by = (signal: (typeof SIGNALS)[number]) => feedScore({ ...NO_ENGAGEMENT, [signal]: 1 }, T0)
    expect(by('orders')).toBeGreaterThan(by('comments'))
    expect(by('comments')).toBe(by('favourites'))
    expect(by('favourites')).toBeGreaterThan(by('likes'))
  })

  it('is a pure function of its inputs, kept to a millionth; negative counts count as none', () => {
    fc.assert(
      fc.property(signals, instant, (s, at) => {
        const score = feedScore(s, at)
        expect(feedScore({ ...s }, at)).toBe(score)
        expect(Math.round(score * 1e6) / 1e6).toBe(score)
      }),
    )
    expect(feedScore({ ...NO_ENGAGEMENT, likes: -5 }, T0)).toBe(feedScore(NO_ENGAGEMENT, T0))
  })

  it('orders by score, then by id, the same way whatever order the posts come in', () => {
    const posts = fc.array(fc.record({ id: fc.stringMatching(/^[a-z0-9]{1,6}$/), rank: fc.integer({ min: 0, max: 5 }) }), {
      maxLength: 30,
    })
    fc.assert(
      fc.property(posts, (list) => {
        const unique = [...new Map(list.map((p) => [p.id, p])).values()]
        const sorted = [...unique].sort(compareRanked)
        expect([...unique].reverse().sort(compareRanked)).toEqual(sorted)
        for (let i = 1; i < sorted.length; i += 1) {
          const [a, b] = [sorted[i - 1], sorted[i]]
          expect(a.rank > b.rank || (a.rank === b.rank && a.id > b.id)).toBe(true)
        }
      }),
    )
  })
})

describe('feed cursors', () => {
  it('carry the order, the key and the id there and back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('ranked' as const, 'newest' as const),
        signals,
        instant,
        fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
        (order, s, at, id) => {
          const key = order === 'ranked' ? feedScore(s, at) : at
          expect(decodeFeedCursor(encodeFeedCursor({ order, key, id }))).toEqual({ order, key, id })
        },
      ),
    )
  })

  it('refuse what the feed never gave', () => {
    for (const text of ['', 'r~p1', 'x12~p1', 'r12~', 'r12~a/b', 'r1e999~p1', 'rabc~p1', `r1~${'a'.repeat(65)}`]) {
      expect(decodeFeedCursor(text), text).toBeNull()
    }
  })
})
