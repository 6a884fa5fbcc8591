import { describe, expect, it } from 'vitest'
import { UNBOUNDED } from '../../cloudfunctions/src/app/job-runs'
import { applyPoints } from '../../cloudfunctions/src/app/points'
import { expireDueLots, expirePoints } from '../../cloudfunctions/src/app/points-jobs'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { dataRows as books } from '../support/books'
import { T0, seededRandom } from '../support/fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const NOW = T0

/**
 * The expiry job as it was before it walked members in slices: members found a page at a time over
 * the expiring lots, one transaction per member. The tables it leaves are the rule's.
 */
async function expireMemberByMember(store: SqliteStore, now: number): Promise<void> {
  const page = store.db.prepare(
    `SELECT DISTINCT member_id FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ? ORDER BY member_id LIMIT 200`,
  )
  for (;;) {
    const members = (page.all(now) as { member_id: string }[]).map((r) => r.member_id)
    let changed = 0
    for (const memberId of members) {
      const { applied } = await applyPoints(store, memberId, `expire:${memberId}:${now}`, (state) => expireDueLots(state, now))
      if (applied) changed += 1
    }
    if (members.length === 0 || changed === 0) return
  }
}

/**
 * A shop of `members` members whose lots are of every kind the job meets: available, pending and
 * void; whole, partly spent and spent; expired long ago, a millisecond ago, exactly now and later;
 * members with a debt. Balances and ledgers agree with the lots, as the points service leaves them.
 */
function mixedShop(members: number): SqliteStore {
  const store = new SqliteStore(':memory:')
  const next = seededRandom(19)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const account = store.db.prepare(
    'INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, version) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  const lot = store.db.prepare(
    'INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const entry = store.db.prepare(
    "INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
  )
  const expiries = [NOW - 400 * DAY, NOW - 2 * HOUR, NOW - 30 * 60_000, NOW - 1, NOW, NOW + 1, NOW + 30 * DAY]
  store.db.transaction(() => {
    for (let m = 0; m < members; m += 1) {
      const memberId = `m${String(m).padStart(4, '0')}`
      let available = 0
      let pending = 0
      const lots = Math.floor(next() * 6)
      for (let l = 0; l < lots; l += 1) {
        const id = `grant:${memberId}:${l}`
        const amount = 1 + Math.floor(next() * 500)
        const status = pick(['available', 'available', 'available', 'pending', 'void'] as const)
        const remaining = status === 'void' ? 0 : pick([amount, amount, Math.floor(amount / 3), 0])
        const source = pick(['purchase', 'checkin', 'adjustment'])
        const grantedAt = NOW - 500 * DAY + l
        lot.run(id, memberId, source, `ref-${l}`, amount, remaining, grantedAt, pick(expiries), status)
        if (status === 'pending') {
          pending += amount
          continue
        }
        if (status === 'void') continue
        available += remaining
        entry.run(id, memberId, 'grant', source, `ref-${l}`, amount, grantedAt)
        if (remaining < amount) entry.run(`spend:${id}`, memberId, 'spend', source, `ref-${l}`, remaining - amount, grantedAt + 1)
      }
      const debt = m % 11 === 0 ? 30 : 0
      account.run(memberId, available, pending, debt, m % 2 ? '2026-11-19' : null, m % 4, 1 + (m % 5))
    }
  })()
  return store
}

describe('points expiry in slices of members', () => {
  it('leaves exactly the tables the member-by-member job leaves, at every slice size, and a second run changes nothing', async () => {
    const reference = mixedShop(300)
    // Some members were expired an hour ago already (their earlier key is on file), and one member's key
    // for this very run is on file: the run must not touch them twice.
    await expireMemberByMember(reference, NOW - HOUR)
    reference.db.prepare('INSERT INTO points_keys (key) VALUES (?)').run(`expire:m0007:${NOW}`)
    const before = books(reference)
    await expireMemberByMember(reference, NOW)
    const expected = books(reference)
    expect(expected.points_ledger.length).toBeGreaterThan(before.points_ledger.length)

    for (const slice of [1, 7, 1_000]) {
      const store = mixedShop(300)
      await expireMemberByMember(store, NOW - HOUR)
      store.db.prepare('INSERT INTO points_keys (key) VALUES (?)').run(`expire:m0007:${NOW}`)
      const first = await expirePoints(store, NOW, { ...UNBOUNDED, slice })
      expect(first.done).toBe(true)
      expect(books(store), `slice of ${slice}`).toEqual(expected)
      expect(first.lots).toBe(expected.points_ledger.length - before.points_ledger.length)

      expect(await expirePoints(store, NOW, { ...UNBOUNDED, slice })).toEqual({ lots: 0, points: 0, done: true })
      expect(books(store)).toEqual(expected)
    }
  })

  it('counts the points it took off, and keeps every balance equal to its lots and its ledger', async () => {
    const store = mixedShop(120)
    const { points } = await expirePoints(store, NOW)
    const { expired } = store.db.prepare("SELECT -SUM(delta) AS expired FROM points_ledger WHERE kind = 'expire'").get() as {
      expired: number
    }
    expect(points).toBe(expired)
    const mismatched = store.db
      .prepare(
        `SELECT a.member_id FROM points_accounts a WHERE a.available <>
           (SELECT COALESCE(SUM(remaining), 0) FROM points_lots l WHERE l.member_id = a.member_id AND l.status = 'available')
           OR a.available <> (SELECT COALESCE(SUM(delta), 0) FROM points_ledger g WHERE g.member_id = a.member_id)`,
      )
      .all()
    expect(mismatched).toEqual([])
    const { left } = store.db
      .prepare("SELECT COUNT(*) AS left FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ?")
      .get(NOW) as { left: number }
    expect(left).toBe(0)
  })
})
