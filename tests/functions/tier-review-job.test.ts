import { describe, expect, it } from 'vitest'
import { UNBOUNDED } from '../../cloudfunctions/src/app/job-runs'
import { reviewMember, reviewTiers } from '../../cloudfunctions/src/app/tiers'
import { growthWindowStart, keepUntil } from '../../cloudfunctions/src/core/tiers'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { dataRows as books } from '../support/books'
import { T0, seededRandom } from '../support/fixtures'

const DAY = 86_400_000
const NOW = T0

/** The review job as it was before it walked members in slices: one member at a time, each in its own transaction. */
async function reviewMemberByMember(store: SqliteStore, now: number): Promise<void> {
  for (let after = ''; ; ) {
    const due = await store.tierReviewsDue(now, after, 200)
    for (const status of due) await reviewMember(store, status.memberId, now)
    if (due.length < 200) return
    after = due[due.length - 1].memberId
  }
}

/**
 * A shop of `members` members of every tier whose kept tier is due long ago, exactly now or later,
 * with rolling growth that keeps, lowers or raises their tier: purchases, check-ins and refunds,
 * some on the window's edges (the instant it opens is outside, `now` inside, after `now` outside).
 * Some were reviewed earlier today and are no longer due; a few have a member tier that disagrees.
 */
function mixedShop(members: number): SqliteStore {
  const store = new SqliteStore(':memory:')
  const next = seededRandom(20)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const member = store.db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', ?, '[\"consumer\"]', ?, ?)",
  )
  const status = store.db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, ?, ?, ?)')
  const growth = store.db.prepare('INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (?, ?, ?, ?, ?)')
  const windowStart = growthWindowStart(NOW)
  const attained = [NOW - 800 * DAY, NOW - 366 * DAY, NOW - 365 * DAY, NOW - 2 * 3_600_000]
  const growthAt = [windowStart, windowStart + 1, NOW - 100 * DAY, NOW, NOW + 1, NOW - 500 * DAY]
  store.db.transaction(() => {
    for (let m = 0; m < members; m += 1) {
      const id = `m${String(m).padStart(4, '0')}`
      const tier = 1 + Math.floor(next() * 5)
      const attainedAt = pick(attained)
      // Due long ago, due exactly now, or kept (reviewed earlier today, or attained lately).
      const keptUntil = pick([keepUntil(attainedAt), NOW, keepUntil(NOW - 3_600_000)])
      // A few members' own tier disagrees with their standing (as an older write may have left it): a move sets it.
      member.run(id, id, m % 17 === 0 ? (tier % 5) + 1 : tier, `C${m}`, attainedAt)
      status.run(id, tier, attainedAt, keptUntil)
      const entries = Math.floor(next() * 5)
      for (let g = 0; g < entries; g += 1) {
        const reason = pick(['purchase', 'purchase', 'checkin', 'post'] as const)
        const amount = reason === 'purchase' ? pick([400, 1_600, 6_000, 15_000, -900]) : pick([1, 5])
        growth.run(`growth:${id}:${g}`, id, amount, reason, pick(growthAt))
      }
    }
  })()
  return store
}

describe('tier review in slices of members', () => {
  it('leaves exactly the tables the member-by-member review leaves, at every slice size, and a second run changes nothing', async () => {
    const reference = mixedShop(400)
    const before = books(reference)
    await reviewMemberByMember(reference, NOW)
    const expected = books(reference)
    const changes = expected.tier_changes.length
    expect(changes).toBeGreaterThan(0)
    expect(expected.tier_status).not.toEqual(before.tier_status)

    for (const slice of [1, 7, 1_000]) {
      const store = mixedShop(400)
      const first = await reviewTiers(store, NOW, { ...UNBOUNDED, slice })
      expect(first.done).toBe(true)
      expect(first.changed).toBe(changes)
      expect(books(store), `slice of ${slice}`).toEqual(expected)

      expect(await reviewTiers(store, NOW, { ...UNBOUNDED, slice })).toEqual({ reviewed: 0, changed: 0, done: true })
      expect(books(store)).toEqual(expected)
    }
  })

  it('reviews on its own a member whose standing moved after the slice was read (a slice read apart from its writes)', async () => {
    const store = mixedShop(50)
    // The slice read and written in one transaction cannot see a standing move in between: this is the
    // path of a store that reads a slice and moves its members one by one (CloudBase).
    ;(store as Store).reviewTiersSlice = undefined
    const reference = mixedShop(50)
    await reviewMemberByMember(reference, NOW)
    // The slice holds a standing that is no longer the member's (an upgrade landed after the read): their compare-and-set fails.
    const due = store.tierReviewsDue.bind(store)
    let moved = false
    store.tierReviewsDue = async (before, after, limit) => {
      const page = await due(before, after, limit)
      if (!moved && page.length > 0) {
        moved = true
        page[0] = { ...page[0], attainedAt: page[0].attainedAt - 1 }
      }
      return page
    }
    expect((await reviewTiers(store, NOW)).done).toBe(true)
    expect(books(store)).toEqual(books(reference))
  })
})
