import { describe, expect, it, vi } from 'vitest'
import type { PointsDecision, PointsState, Store } from '../../cloudfunctions/src/store/port'
import { spendablePoints } from '../../cloudfunctions/src/app/points'
import { EMPTY_ACCOUNT } from '../../cloudfunctions/src/core/points'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import type { PointsLot } from '../../types/domain'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { STORE_ADAPTERS } from '../support/adapters'
import { T0 } from '../support/fixtures'

const DAY = 86_400_000

/** A lot of 10 points granted `daysAgo` days ago, as a daily check-in leaves one. */
const dailyLot = (daysAgo: number): PointsLot => ({
  id: `checkin:m1:${daysAgo}`,
  memberId: 'm1',
  source: 'checkin',
  ref: String(daysAgo),
  amount: 10,
  remaining: 10,
  grantedAt: T0 - daysAgo * DAY,
  expiresAt: T0 + (365 - daysAgo) * DAY,
  status: 'available',
})

/** A member who checked in every day for a year. */
async function yearOfCheckIns(store: Store): Promise<void> {
  const lots = Array.from({ length: 365 }, (_, d) => dailyLot(d + 1))
  const account = { ...EMPTY_ACCOUNT('m1'), available: 3650 }
  await store.commitPointsChange({ memberId: 'm1', expectedVersion: 0, key: 'seed', account, lots, entries: [] })
}

const grantToday = (state: PointsState): PointsDecision => ({
  account: { ...state.account, available: state.account.available + 10 },
  lots: [{ ...dailyLot(0), id: 'checkin:m1:today' }],
  entries: [],
})

const spendFive = (state: PointsState): PointsDecision => ({
  account: { ...state.account, available: state.account.available - 5 },
  lots: [{ ...state.lots[0], remaining: state.lots[0].remaining - 5 }],
  entries: [],
})

// A grant decides on the account alone; reading a year of lots for it is what made a daily check-in slow.
describe('points reads for a decision', () => {
  it('reads no lots for a grant on SQLite, and the live lots for a spend', async () => {
    const store = new SqliteStore(':memory:')
    await yearOfCheckIns(store)
    const sql = vi.spyOn(store as unknown as { sql: (text: string) => unknown }, 'sql')
    const lotReads = () => sql.mock.calls.filter(([text]) => /^SELECT[\s\S]*FROM points_lots/.test(text)).length
    expect((await store.updatePoints('m1', 'grant', grantToday)).outcome).toBe('applied')
    expect(lotReads()).toBe(0)
    expect((await store.updatePoints('m1', 'spend', spendFive)).outcome).toBe('applied')
    expect(lotReads()).toBe(1)
    const { lots } = await store.findPoints('m1')
    expect(lots).toHaveLength(366)
    expect(lots[0]).toMatchObject({ id: 'checkin:m1:365', remaining: 5 })
    await store.close()
  })

  it('reads no lots for a grant on CloudBase, and the live lots for a spend', async () => {
    const db = new CloudbaseDatabaseDouble()
    const store = new CloudbaseStore(db)
    await yearOfCheckIns(store)
    const collection = vi.spyOn(db, 'collection')
    const lotQueries = () => collection.mock.calls.filter(([name]) => name === 'points_lots').length
    expect((await store.updatePoints('m1', 'grant', grantToday)).outcome).toBe('applied')
    expect(lotQueries()).toBe(0)
    expect((await store.updatePoints('m1', 'spend', spendFive)).outcome).toBe('applied')
    expect(lotQueries()).toBeGreaterThan(0)
    const { lots } = await store.findPoints('m1')
    expect(lots).toHaveLength(366)
    expect(lots[0]).toMatchObject({ id: 'checkin:m1:365', remaining: 5 })
  })

  it('sums the growth a change earns from the index alone on SQLite, however many entries a member has', async () => {
    const store = new SqliteStore(':memory:')
    await yearOfCheckIns(store)
    const sql = vi.spyOn(store as unknown as { sql: (text: string) => unknown }, 'sql')
    await store.updatePointsAndStanding('m1', 'grant', grantToday, { from: T0 - 365 * DAY, to: T0 })
    const growthReads = sql.mock.calls.map(([text]) => text).filter((text) => /FROM growth_entries/.test(text))
    expect(growthReads).toHaveLength(1)
    const steps = (store.db.prepare(`EXPLAIN QUERY PLAN ${growthReads[0]}`).all('m1', 0, 1) as { detail: string }[]).map((r) => r.detail)
    expect(steps).toEqual(['SEARCH growth_entries USING COVERING INDEX growth_by_member (member_id=? AND at>? AND at<?)'])
    await store.close()
  })

  it('looks up the check-in card’s week by lot id on SQLite, not through every lot of the member', async () => {
    const store = new SqliteStore(':memory:')
    await yearOfCheckIns(store)
    const sql = vi.spyOn(store as unknown as { sql: (text: string) => unknown }, 'sql')
    const week = ['1', '2', '3', '400'].map((d) => `checkin:m1:${d}`)
    expect((await store.findPointsLots('m1', week)).map((l) => l.id)).toEqual(week.slice(0, 3))
    expect(await store.findPointsLots('m2', week)).toEqual([])
    const [text] = sql.mock.calls.map(([t]) => t)
    const steps = (store.db.prepare(`EXPLAIN QUERY PLAN ${text}`).all('[]', 'm1') as { detail: string }[]).map((r) => r.detail)
    expect(steps[0]).toBe('SEARCH points_lots USING INDEX sqlite_autoindex_points_lots_1 (id=?)')
    await store.close()
  })

  for (const [adapter, open] of STORE_ADAPTERS) {
    it(`answers the spendable points of a year of lots, some lapsed, as the lots add up (${adapter})`, async () => {
      const store = open()
      await yearOfCheckIns(store)
      // A lot granted d days ago expires at T0 + (365 - d) days: at T0 + 300 days, the 64 newest are spendable and the rest lapsed, unswept.
      const at = T0 + 300 * DAY
      const { lots } = await store.findPoints('m1')
      const unexpired = lots.filter((l) => l.status === 'available' && l.expiresAt > at).reduce((sum, l) => sum + l.remaining, 0)
      expect(await spendablePoints(store, 'm1', at)).toBe(unexpired)
      expect(await spendablePoints(store, 'm1', at)).toBe(10 * 64)
      expect(await spendablePoints(store, 'm1', T0 - DAY)).toBe(3650)
    })
  }
})
