import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkIn } from '../cloudfunctions/src/app/check-in'
import { changePoints, grant } from '../cloudfunctions/src/app/points'
import { keepUntil } from '../cloudfunctions/src/core/tiers'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { Member } from '../types/domain'
import { batchJobInOwnProcess, measured } from './measure'
import { batchJobRows } from './targets'
import type { Row } from './report'

const DAY = 86_400_000

function member(id: string, now: number): Member {
  return { id, nickname: id, avatar: '', tier: 1, roles: ['consumer'], shareCode: id.toUpperCase().padEnd(8, 'X'), createdAt: now }
}

const CHECK_INS_AT_ONCE = 50
/** The check-in rate the stretch target reads against the SQLite ceiling. */
export const CHECK_INS_AT_ONCE_METRIC = `check-ins per second, ${CHECK_INS_AT_ONCE} at once (service, SQLite)`

/** `members` members holding 10 lots of 10 points each, all expired a day ago, as grants leave them. */
function seedExpiredLots(store: SqliteStore, members: number, now: number): void {
  const insertAccount = store.db.prepare(
    'INSERT INTO points_accounts (member_id, available, pending, debt, streak, version) VALUES (?, 100, 0, 0, 0, 1) ON CONFLICT (member_id) DO UPDATE SET available = available + 100',
  )
  const insertLot = store.db.prepare(
    "INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status) VALUES (?, ?, 'adjustment', 'bench', 10, 10, ?, ?, 'available')",
  )
  const insertEntry = store.db.prepare(
    "INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (?, ?, 'grant', 'adjustment', 'bench', 10, ?, '')",
  )
  const seed = store.db.transaction((from: number, to: number) => {
    for (let m = from; m < to; m += 1) {
      insertAccount.run(`lot-member-${m}`)
      for (let l = 0; l < 10; l += 1) {
        const id = `bench-lot:${m}:${l}`
        insertLot.run(id, `lot-member-${m}`, now - 400 * DAY, now - DAY)
        insertEntry.run(id, `lot-member-${m}`, now - 400 * DAY)
      }
    }
  })
  for (let from = 0; from < members; from += 10_000) seed(from, Math.min(members, from + 10_000))
}

const LOYAL_LOTS = 365

/** `members` members who checked in on each of the last 365 days: each day's lot live, its growth in the window (setup, not measured). */
function seedYearOfLots(store: SqliteStore, members: number, now: number): void {
  // A year of daily check-ins has made them V5, kept for the year ahead: the check-in's review moves nothing.
  const insertMember = store.db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 5, '[\"consumer\"]', ?, ?)",
  )
  const insertStanding = store.db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, 5, ?, ?)')
  const insertAccount = store.db.prepare(
    'INSERT INTO points_accounts (member_id, available, pending, debt, streak, version) VALUES (?, ?, 0, 0, 0, 1)',
  )
  const insertLot = store.db.prepare(
    "INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status) VALUES (?, ?, 'checkin', ?, 10, 10, ?, ?, 'available')",
  )
  const insertGrowth = store.db.prepare("INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (?, ?, 1, 'checkin', ?)")
  store.db.transaction(() => {
    for (let m = 0; m < members; m += 1) {
      const id = `loyal${m}`
      insertMember.run(id, id, `L${m}`, now - 400 * DAY)
      insertStanding.run(id, now - 30 * DAY, now + 335 * DAY)
      insertAccount.run(id, 10 * LOYAL_LOTS)
      for (let d = 1; d <= LOYAL_LOTS; d += 1) {
        insertLot.run(`checkin:${id}:${d}`, id, `day-${d}`, now - d * DAY, now + (400 - d) * DAY)
        insertGrowth.run(`growth:checkin:${id}:${d}`, id, now - d * DAY)
      }
    }
  })()
}

/** `members` V3 members whose retention ended, with growth that keeps a third of them and lowers the rest. */
function seedDueTiers(store: SqliteStore, members: number, now: number): void {
  const insertMember = store.db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 3, '[]', ?, ?)",
  )
  const insertStatus = store.db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, 3, ?, ?)')
  const insertGrowth = store.db.prepare("INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (?, ?, ?, 'purchase', ?)")
  const seed = store.db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) {
      const id = `t${i}`
      insertMember.run(id, id, `T${i}`, now - 400 * DAY)
      insertStatus.run(id, now - 400 * DAY, keepUntil(now - 400 * DAY))
      insertGrowth.run(`g${i}`, id, i % 3 === 0 ? 2500 : 100, now - 30 * DAY)
    }
  })
  for (let from = 0; from < members; from += 100_000) seed(from, Math.min(members, from + 100_000))
}

/** The batch jobs' data, written directly as the services leave it (setup, never measured). */
export const pointsJobsSeeds = { expiredLots: seedExpiredLots, dueTiers: seedDueTiers }

/** Points and tier throughput, then the points and tier batch jobs at `scale` lots and members. */
export async function pointsBench(scale: number): Promise<Row[]> {
  return [...(await pointsServiceBench()), ...(await pointsJobsBench(scale))]
}

/** Check-ins and points credits through the service, on a temporary SQLite file. */
async function pointsServiceBench(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-'))
  const store = new SqliteStore(path.join(dir, 'bench.db'))
  const rows: Row[] = []
  try {
    const now = Date.parse('2026-11-20T04:00:00Z')
    const members = 10_000
    const insertMember = store.db.prepare(
      "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 1, '[\"consumer\"]', ?, ?)",
    )
    const insertStanding = store.db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, 1, ?, ?)')
    // Members as registration leaves them: the member and their standing.
    store.db.transaction(() => {
      for (let i = 0; i < members; i += 1) {
        for (const [id, code] of [
          [`m${i}`, `C${i}`],
          [`g${i}`, `G${i}`],
        ]) {
          insertMember.run(id, id, code, now)
          insertStanding.run(id, now, now + 365 * DAY)
        }
      }
    })()

    const checkIns = await measured(async () => {
      for (let i = 0; i < members; i += 1) await checkIn(store, member(`m${i}`, now), now)
    })
    rows.push({
      metric: 'check-ins per second (service, SQLite)',
      value: Math.round(members / checkIns.seconds),
      unit: 'ops/s',
      section: 'Service throughput',
    })

    // Members checking in at the same moment, as a busy morning brings them: the group commit's case.
    const together = await measured(async () => {
      for (let i = 0; i < members; i += CHECK_INS_AT_ONCE) {
        await Promise.all(
          Array.from({ length: Math.min(CHECK_INS_AT_ONCE, members - i) }, (_, j) => checkIn(store, member(`g${i + j}`, now), now)),
        )
      }
    })
    rows.push({
      metric: CHECK_INS_AT_ONCE_METRIC,
      value: Math.round(members / together.seconds),
      unit: 'ops/s',
      section: 'Service throughput',
    })

    // Members who checked in every day for a year, as a loyal member is: a check-in grants, and reads none of those lots.
    const loyal = 1_000
    seedYearOfLots(store, loyal, now)
    const loyalCheckIns = await measured(async () => {
      for (let i = 0; i < loyal; i += 1) await checkIn(store, member(`loyal${i}`, now), now)
    })
    rows.push({
      metric: `check-ins per second, members holding ${LOYAL_LOTS} live lots (service, SQLite)`,
      value: Math.round(loyal / loyalCheckIns.seconds),
      unit: 'ops/s',
      section: 'Service throughput',
    })

    const credits = await measured(async () => {
      for (let i = 0; i < members; i += 1) {
        await changePoints(store, `m${i}`, `bench-credit:${i}`, (state) =>
          grant(state, { id: `bench-credit:${i}`, source: 'adjustment', ref: 'bench', amount: 10, at: now, note: '' }),
        )
      }
    })
    rows.push({
      metric: 'points credits per second (service, SQLite)',
      value: Math.round(members / credits.seconds),
      unit: 'ops/s',
      section: 'Service throughput',
    })
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

/**
 * Points expiry over `scale` lots and tier review over `scale` members on a temporary SQLite file, each
 * job in a process of its own: seconds, CPU time, peak memory and WAL bytes per changed row, each beside
 * its target.
 */
export async function pointsJobsBench(scale: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-'))
  const file = path.join(dir, 'bench.db')
  const rows: Row[] = []
  try {
    const now = Date.parse('2026-11-20T04:00:00Z')
    // 10 lots per member for the expiry job, written directly (setup, not measured).
    const lotMembers = Math.ceil(scale / 10)
    const seeding = new SqliteStore(file)
    seedExpiredLots(seeding, lotMembers, now)
    await seeding.close()
    const expiry = batchJobInOwnProcess<{ lots: number }>('points expiry', file, now)
    rows.push(...batchJobRows('points expiry', expiry, { over: lotMembers * 10, what: 'lots', target: 'pointsExpiry' }))
    rows.push({
      metric: 'points expiry job lots expired',
      value: expiry.result.lots,
      unit: 'count',
      expected: lotMembers * 10,
      section: 'Batch jobs',
      group: 'points expiry',
    })

    const tierMembers = scale
    const seedingTiers = new SqliteStore(file)
    seedDueTiers(seedingTiers, tierMembers, now)
    await seedingTiers.close()
    const review = batchJobInOwnProcess<{ reviewed: number; changed: number }>('tier review', file, now)
    rows.push(...batchJobRows('tier review', review, { over: tierMembers, what: 'members', target: 'tierReview' }))
    rows.push({
      metric: 'tier review members reviewed',
      value: review.result.reviewed,
      unit: 'count',
      expected: tierMembers,
      section: 'Batch jobs',
      group: 'tier review',
    })
    rows.push({
      metric: 'tier review members changed',
      value: review.result.changed,
      unit: 'count',
      section: 'Batch jobs',
      group: 'tier review',
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
