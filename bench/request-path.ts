import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { checkIn } from '../cloudfunctions/src/app/check-in'
import { changePoints, grant } from '../cloudfunctions/src/app/points'
import { redeemItem } from '../cloudfunctions/src/app/redeem'
import { points } from '../cloudfunctions/src/functions/points/actions'
import { redeem } from '../cloudfunctions/src/functions/redeem/actions'
import { dispatch } from '../cloudfunctions/src/functions/runtime'
import { HostClock } from '../cloudfunctions/src/local/clock'
import { LocalPayProvider } from '../cloudfunctions/src/local/pay'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { Member } from '../types/domain'
import { BENCH_ITEM } from './redeem'
import type { Row } from './report'
import { rawCheckIn, rawRedemption } from './request-path-raw'

/**
 * Interleaved rounds, so a noisy neighbour slows every variant alike: short rounds (about 0.1 s
 * each), because this machine's speed drifts over seconds, and the variants take turns going first,
 * so none always pays the checkpoint its predecessor's writes made due.
 */
const ROUNDS = 20
const CHECK_INS_PER_ROUND = 300
const REDEMPTIONS_PER_ROUND = 300
const REDEEMERS = 300

const SERVICE = 'Service throughput' as const

type Variant = 'raw SQL' | 'service' | 'dispatched action'
const VARIANTS: readonly Variant[] = ['raw SQL', 'service', 'dispatched action']
/**
 * Each variant's members are told apart by one letter, so their ids, and every key, row and index
 * entry built on them, are the same length in every variant: a member id 18 characters longer makes
 * a check-in take about 7 % longer, which ids spelling out the variants' names charged to the
 * service and the action alone.
 */
const VARIANT_TAG: Record<Variant, string> = { 'raw SQL': 'r', service: 's', 'dispatched action': 'd' }

function member(id: string, now: number): Member {
  return { id, nickname: id, avatar: '', tier: 1, roles: ['consumer'], shareCode: `B${id.toUpperCase()}`.padEnd(8, 'X'), createdAt: now }
}

/** Members as registration leaves them (the member row and their tier standing), written directly: setup, not measured. */
function seedMembers(store: SqliteStore, ids: readonly string[], now: number): void {
  const insertMember = store.db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 1, '[\"consumer\"]', ?, ?)",
  )
  const insertStanding = store.db.prepare('INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, 1, ?, ?)')
  store.db.transaction(() => {
    for (const id of ids) {
      insertMember.run(id, id, `B${id.toUpperCase()}`, now)
      insertStanding.run(id, now, now + 365 * 86_400_000)
    }
  })()
}

/**
 * Runs each variant's rounds in turn, round by round, after one unmeasured round each (operations
 * 0 to perRound - 1); answers operations per second per variant over the measured rounds.
 */
async function interleaved(perRound: number, run: Record<Variant, (i: number) => Promise<void> | void>): Promise<Record<Variant, number>> {
  // A round each to warm up first: until V8 has compiled their hot paths, the first 300 check-ins
  // took 24 % longer than a measured round through the service and 40 % through the action, while
  // the hand-written transaction's took less (its tables were still small).
  for (const variant of VARIANTS) for (let i = 0; i < perRound; i += 1) await run[variant](i)
  const spent: Record<Variant, number> = { 'raw SQL': 0, service: 0, 'dispatched action': 0 }
  for (let round = 1; round <= ROUNDS; round += 1) {
    const order = [...VARIANTS.slice(round % VARIANTS.length), ...VARIANTS.slice(0, round % VARIANTS.length)]
    for (const variant of order) {
      const start = performance.now()
      for (let i = round * perRound; i < (round + 1) * perRound; i += 1) await run[variant](i)
      spent[variant] += performance.now() - start
    }
  }
  const total = ROUNDS * perRound
  return {
    'raw SQL': Math.round(total / (spent['raw SQL'] / 1000)),
    service: Math.round(total / (spent.service / 1000)),
    'dispatched action': Math.round(total / (spent['dispatched action'] / 1000)),
  }
}

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10

function rows(what: string, rates: Record<Variant, number>): Row[] {
  return [
    { metric: `${what} per second (raw SQL equivalent, SQLite)`, value: rates['raw SQL'], unit: 'ops/s', section: SERVICE },
    { metric: `${what} per second (service, SQLite)`, value: rates.service, unit: 'ops/s', section: SERVICE },
    { metric: `${what} per second (dispatched action, SQLite)`, value: rates['dispatched action'], unit: 'ops/s', section: SERVICE },
    {
      metric: `${what}: service vs raw SQL equivalent`,
      value: percent(rates.service, rates['raw SQL']),
      unit: '%',
      atLeast: 85,
      section: SERVICE,
    },
    {
      metric: `${what}: dispatched action vs raw SQL equivalent`,
      value: percent(rates['dispatched action'], rates['raw SQL']),
      unit: '%',
      atLeast: 70,
      section: SERVICE,
    },
  ]
}

/**
 * The request path against the writes it makes: check-in and redemption through the service and
 * through the dispatched action, each beside a hand-written SQL transaction making the same writes,
 * in the same process on the same database file.
 */
export async function requestPathBench(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-request-'))
  const store = new SqliteStore(path.join(dir, 'bench.db'))
  const now = Date.parse('2026-11-20T04:00:00Z')
  const clock = new HostClock()
  clock.set(now)
  const pay = new LocalPayProvider(store, clock)
  try {
    // Every check-in is its member's first of the day, the warm-up round's too.
    const total = (ROUNDS + 1) * CHECK_INS_PER_ROUND
    const ids = (variant: Variant) => Array.from({ length: total }, (_, i) => `ci-${VARIANT_TAG[variant]}-${i}`)
    const [rawIds, serviceIds, dispatchedIds] = [ids('raw SQL'), ids('service'), ids('dispatched action')]
    seedMembers(store, [...rawIds, ...serviceIds, ...dispatchedIds], now)
    const checkInRaw = rawCheckIn(store.db, now)
    const checkIns = await interleaved(CHECK_INS_PER_ROUND, {
      'raw SQL': (i) => checkInRaw(rawIds[i]),
      service: async (i) => {
        await checkIn(store, member(serviceIds[i], now), now)
      },
      'dispatched action': async (i) => {
        const answer = await dispatch(points, { action: 'checkIn', data: {} }, { store, pay, now, memberId: dispatchedIds[i] })
        if (!answer.ok) throw new Error(answer.code)
      },
    })

    const redeemers = (variant: Variant) => Array.from({ length: REDEEMERS }, (_, i) => `rd-${VARIANT_TAG[variant]}-${i}`)
    const [rawRedeemers, serviceRedeemers, dispatchedRedeemers] = [
      redeemers('raw SQL'),
      redeemers('service'),
      redeemers('dispatched action'),
    ]
    seedMembers(store, [...rawRedeemers, ...serviceRedeemers, ...dispatchedRedeemers], now)
    for (const id of [...rawRedeemers, ...serviceRedeemers, ...dispatchedRedeemers]) {
      await changePoints(store, id, `bench:${id}`, (state) =>
        grant(state, { id: `bench:${id}`, source: 'adjustment', ref: 'bench', amount: 1_000_000, at: now, note: '' }),
      )
    }
    await store.putRedeemItem(BENCH_ITEM('plenty', 10_000_000, now))
    const redeemRaw = rawRedemption(store.db, now)
    const redemptions = await interleaved(REDEMPTIONS_PER_ROUND, {
      'raw SQL': (i) => redeemRaw(rawRedeemers[i % REDEEMERS], 'plenty', `bench-${i}-key`),
      service: async (i) => {
        await redeemItem(store, member(serviceRedeemers[i % REDEEMERS], now), { itemId: 'plenty', idempotencyKey: `bench-${i}-key` }, now)
      },
      'dispatched action': async (i) => {
        const event = { action: 'redeem', data: { itemId: 'plenty', idempotencyKey: `bench-${i}-key` } }
        const answer = await dispatch(redeem, event, { store, pay, now, memberId: dispatchedRedeemers[i % REDEEMERS] })
        if (!answer.ok) throw new Error(answer.code)
      },
    })
    return [...rows('check-ins', checkIns), ...rows('redemptions', redemptions)]
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
