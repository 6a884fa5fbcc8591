import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { T0, smallShop } from '../support/fixtures'

let dir: string
let dbPath: string
const ops = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cloudfunctions/src/local/ops.ts', ...args], { env: { ...process.env, SIYU_DB: dbPath }, encoding: 'utf8' })

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-ops-'))
  dbPath = path.join(dir, 'siyu.db')
  const store = new SqliteStore(dbPath)
  await smallShop(store)
  const account = { memberId: 'v1', available: 10, pending: 0, debt: 0, lastCheckInDay: null, streak: 0, postRewardDay: null, postRewardsToday: 0 }
  await store.commitPointsChange({
    memberId: 'v1',
    expectedVersion: 0,
    key: 'k1',
    account,
    lots: [{ id: 'k1', memberId: 'v1', source: 'checkin', ref: 'd', amount: 10, remaining: 10, grantedAt: T0, expiresAt: T0 + 1e10, status: 'available' }],
    entries: [{ id: 'k1', memberId: 'v1', kind: 'grant', source: 'checkin', ref: 'd', delta: 10, at: T0, note: '' }],
  })
  await store.close()
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('npm run ops', () => {
  it('prints help and refuses an unknown command', () => {
    expect(ops('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('points:reconcile') })
    const unknown = ops('points:mint')
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toContain('未知命令：points:reconcile'.replace('points:reconcile', 'points:mint'))
  })

  it('reconciles points: clean books exit 0, a tampered balance is reported and exits 1', () => {
    const clean = ops('points:reconcile')
    expect(clean.status).toBe(0)
    expect(clean.stdout).toContain('已核对 1 位会员的积分账户，差异 0 处')
    const db = new SqliteStore(dbPath)
    db.db.prepare("UPDATE points_accounts SET available = 99 WHERE member_id = 'v1'").run()
    db.db.close()
    const tampered = ops('points:reconcile')
    expect(tampered.status).toBe(1)
    expect(tampered.stdout).toContain('v1: 可用 99，批次余额 10，流水合计 10')
  })
})
