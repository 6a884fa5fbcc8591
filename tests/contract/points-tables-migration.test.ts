/**
 * A local database from before migration 36: points keys and accounts move to tables stored by their
 * key, the index over every lot's member and status gives way to one over pending lots, and every
 * read of the points answers as it did; a check-in afterwards writes as before.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import type { PointsLot } from '../../types/domain'
import { checkIn } from '../../cloudfunctions/src/app/check-in'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { databaseAtVersion } from '../support/schema-at'

const DAY = 86_400_000
const T0 = Date.parse('2026-11-20T12:00:00+08:00')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-points-migration-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const lot = (id: string, status: PointsLot['status'], amount: number, remaining: number, days: number): PointsLot => ({
  id,
  memberId: 'm1',
  source: 'adjustment',
  ref: id,
  amount,
  remaining,
  grantedAt: T0 - days * DAY,
  expiresAt: T0 + (365 - days) * DAY,
  status,
})

/** m1's lots in every state: pending, live, spent, void, and live ones that share an expiry. */
const LOTS: PointsLot[] = [
  lot('order:o-1', 'pending', 120, 120, 3),
  lot('checkin:m1:2026-11-01', 'available', 10, 10, 19),
  lot('checkin:m1:2026-10-01', 'available', 10, 0, 50),
  lot('order:o-0', 'void', 80, 0, 30),
  lot('adjust:"引号" \\ 🍵', 'available', 30, 12, 19),
  lot('checkin:m1:2026-09-01', 'available', 15, 15, 80),
]
const KEYS = ['order:o-1', 'checkin:m1:2026-11-01', 'checkin:m1:2026-10-01', 'adjust:"引号" \\ 🍵', 'spend:m1:\u2028']

describe('the points tables migration (sqlite)', () => {
  it('keeps every key, account and lot, and reads the live and pending lots through their own indexes', async () => {
    const file = path.join(dir, 'shop.db')
    const db = databaseAtVersion(file, 35)
    const addLot = db.prepare(
      'INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const l of LOTS) addLot.run(l.id, l.memberId, l.source, l.ref, l.amount, l.remaining, l.grantedAt, l.expiresAt, l.status)
    for (const key of KEYS) db.prepare('INSERT INTO points_keys (key) VALUES (?)').run(key)
    db.prepare(
      `INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, version, post_reward_day, post_rewards_today)
       VALUES ('m1', 37, 120, 0, '2026-11-01', 4, 9, '2026-11-02', 2), ('m2', 0, 0, 5, NULL, 0, 1, NULL, 0)`,
    ).run()
    db.prepare(
      "INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES ('e1', 'm1', 'grant', 'adjustment', 'x', 37, ?, '')",
    ).run(T0 - DAY)
    db.close()

    const store = new SqliteStore(file)
    try {
      const tables = store.db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('points_keys', 'points_accounts') ORDER BY name")
        .all() as { name: string; sql: string }[]
      expect(tables.map((t) => [t.name, /WITHOUT ROWID$/.test(t.sql)])).toEqual([
        ['points_accounts', true],
        ['points_keys', true],
      ])
      const lotIndexes = store.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'points_lots' ORDER BY name")
        .all()
      expect(lotIndexes).toEqual([
        { name: 'points_lots_expiring' },
        { name: 'points_lots_live_by_member' },
        { name: 'points_lots_pending_by_member' },
        { name: 'sqlite_autoindex_points_lots_1' },
      ])

      const sql = vi.spyOn(store as unknown as { sql: (text: string) => unknown }, 'sql')
      await store.findPoints('m1')
      const lotsRead = sql.mock.calls.map(([text]) => text).find((text) => /FROM points_lots/.test(text))!
      sql.mockRestore()
      const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${lotsRead}`).all('m1', 'm1') as { detail: string }[]).map((r) => r.detail)
      expect(plan.filter((step) => step.startsWith('SEARCH'))).toEqual([
        'SEARCH points_lots USING INDEX points_lots_pending_by_member (member_id=?)',
        'SEARCH points_lots USING INDEX points_lots_live_by_member (member_id=?)',
      ])

      for (const key of KEYS) expect(await store.hasPointsKey(key)).toBe(true)
      expect(await store.hasPointsKey('order:o-2')).toBe(false)
      const { account, lots, version } = await store.findPoints('m1')
      expect({ account, version }).toEqual({
        account: {
          memberId: 'm1',
          available: 37,
          pending: 120,
          debt: 0,
          lastCheckInDay: '2026-11-01',
          streak: 4,
          postRewardDay: '2026-11-02',
          postRewardsToday: 2,
        },
        version: 9,
      })
      // Live and pending, oldest expiry first; equal expiries by grant time, then id.
      const live = LOTS.filter((l) => l.status === 'pending' || (l.status === 'available' && l.remaining > 0))
      const byExpiry = (a: PointsLot, b: PointsLot) => a.expiresAt - b.expiresAt || a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : 1)
      expect(lots).toEqual([...live].sort(byExpiry))
      expect((await store.findPointsAccount('m2')).debt).toBe(5)
      expect((await store.findPointsOutlook('m1', T0, T0 + 400 * DAY)).pending).toEqual([LOTS[0]])
      expect(await store.pointsTotals('', 10)).toEqual([
        { memberId: 'm1', available: 37, lotRemainder: 10 + 12 + 15, ledgerSum: 37 },
        { memberId: 'm2', available: 0, lotRemainder: 0, ledgerSum: 0 },
      ])

      // A check-in afterwards credits once, however many times it is asked.
      await store.putMember(
        { id: 'm1', nickname: 'm1', avatar: '', tier: 1, roles: ['consumer'], shareCode: 'M1XXXXXX', createdAt: T0 - 90 * DAY },
        { memberId: 'm1', tier: 1, attainedAt: T0 - 90 * DAY, keepUntil: T0 + 275 * DAY },
      )
      const member = (await store.findMember('m1'))!
      const first = await checkIn(store, member, T0)
      expect(first.credited).toBeGreaterThan(0)
      expect((await checkIn(store, member, T0)).credited).toBe(0)
      const after = await store.findPoints('m1')
      expect(after.account.available).toBe(37 + first.credited)
      expect(after.version).toBe(10)
    } finally {
      await store.close()
    }
  })
})
