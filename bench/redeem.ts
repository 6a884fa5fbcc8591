import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { changePoints, grant } from '../cloudfunctions/src/app/points'
import { redeemItem } from '../cloudfunctions/src/app/redeem'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { Member, RedeemItem } from '../types/domain'
import type { Row } from './report'
import { saveMember } from '../cloudfunctions/src/app/members'

const DAY = 86_400_000

export const BENCH_ITEM = (id: string, stock: number, now: number): RedeemItem => ({
  id,
  kind: 'coupon',
  title: '压测优惠券',
  subtitle: '',
  image: '/media/categories/c-tea.png',
  pointsPrice: 1,
  stock,
  tierMin: 1,
  limits: {},
  startAt: now - DAY,
  endAt: now + DAY,
  status: 'on',
  coupon: { amountOff: 100, minSpend: 1000, validDays: 1 },
  privilege: null,
  sort: 0,
})

/** Redemptions through the service on a temporary SQLite file, and the oversell count under a rush. */
export async function redeemBench(): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-redeem-'))
  const store = new SqliteStore(path.join(dir, 'bench.db'))
  const now = Date.parse('2026-11-20T04:00:00Z')
  const rows: Row[] = []
  try {
    const members: Member[] = Array.from({ length: 1000 }, (_, i) => ({
      id: `b${i}`,
      nickname: `b${i}`,
      avatar: '',
      tier: 1,
      roles: ['consumer'],
      shareCode: `BENCH${String(i).padStart(4, '0')}`,
      createdAt: now,
    }))
    for (const m of members) {
      await saveMember(store, m)
      await changePoints(store, m.id, `bench:${m.id}`, (state) =>
        grant(state, { id: `bench:${m.id}`, source: 'adjustment', ref: 'bench', amount: 100, at: now, note: '' }),
      )
    }
    await store.putRedeemItem(BENCH_ITEM('plenty', 1_000_000, now))
    const count = 20_000
    const start = performance.now()
    for (let i = 0; i < count; i += 1)
      await redeemItem(store, members[i % members.length], { itemId: 'plenty', idempotencyKey: `bench-${i}-key` }, now)
    rows.push({
      metric: 'redemptions per second (service, SQLite)',
      value: Math.round(count / ((performance.now() - start) / 1000)),
      unit: 'ops/s',
      section: 'Service throughput',
    })

    await store.putRedeemItem(BENCH_ITEM('rush', 100, now))
    const results = await Promise.allSettled(
      members.map((m, i) => redeemItem(store, m, { itemId: 'rush', idempotencyKey: `rush-${i}-key` }, now)),
    )
    const succeeded = results.filter((r) => r.status === 'fulfilled').length
    const stock = (await store.findRedeemItem('rush'))!.stock
    rows.push({
      metric: 'redemption oversell, 1000 buyers for 100 units',
      value: Math.max(0, succeeded - 100) + Math.max(0, -stock),
      unit: 'count',
      expected: 0,
      section: 'Concurrency correctness',
    })
    rows.push({
      metric: 'redemptions that got a unit in that rush',
      value: succeeded,
      unit: 'count',
      expected: 100,
      section: 'Concurrency correctness',
    })
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
