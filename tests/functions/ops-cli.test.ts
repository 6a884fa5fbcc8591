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

describe('npm run ops: campaigns and distributors', () => {
  beforeAll(async () => {
    const store = new SqliteStore(dbPath)
    await store.putCampaign({ id: 'double-points', type: 'points_multiplier', title: '双倍积分日', enabled: false, startAt: T0, endAt: T0 + 86_400_000, params: { multiplier: 9 } })
    await store.putCampaign({ id: 'broken', type: 'lottery', enabled: true, startAt: T0, endAt: T0 + 1, params: {} })
    await store.putMember({ id: 'koc', nickname: '阿柚', avatar: '', tier: 3, roles: ['consumer'], shareCode: 'KOCCODE2', createdAt: T0 })
    await store.saveDistributor({ memberId: 'koc', status: 'pending', code: 'KOCCODE2', attestedAdult: true, rulesVersion: '2026-11', appliedAt: T0, decidedAt: null, note: '' }, null)
    await store.close()
  })

  it('lists campaigns with what was ignored or clamped, and schedules and toggles them with an audit entry each', async () => {
    const list = ops('campaigns:list')
    expect(list.status).toBe(0)
    expect(list.stdout).toContain('double-points')
    expect(list.stdout).toContain('multiplier = 9 超出上限，已按 5 执行')
    expect(list.stdout).toContain('活动 broken：类型 lottery 不受支持，已忽略')
    expect(ops('campaigns:schedule', 'double-points', '2026-11-25 10:00', '2026-11-25 22:00')).toMatchObject({ status: 0, stdout: expect.stringContaining('2026-11-25 10:00 → 2026-11-25 22:00') })
    expect(ops('campaigns:enable', 'double-points').status).toBe(0)
    expect(ops('campaigns:disable', 'double-points').status).toBe(0)
    expect(ops('campaigns:kill-switch', 'on').status).toBe(0)
    const store = new SqliteStore(dbPath)
    const doc = (await store.findCampaign('double-points')) as { startAt: number; endAt: number; enabled: boolean }
    expect(doc).toMatchObject({ startAt: Date.parse('2026-11-25T02:00:00Z'), endAt: Date.parse('2026-11-25T14:00:00Z'), enabled: false })
    const audit = await store.listAudit(0, 10)
    expect(audit.items.map((e) => [e.actor, e.action])).toEqual([
      ['ops-cli', 'killSwitch:on'],
      ['ops-cli', 'disable'],
      ['ops-cli', 'enable'],
      ['ops-cli', 'schedule'],
    ])
    await store.close()
    expect(ops('campaigns:kill-switch', 'off').status).toBe(0)
  })

  it('refuses bad arguments with a reason and changes nothing', async () => {
    expect(ops('campaigns:schedule', 'double-points', 'tomorrow', '2026-11-25 22:00')).toMatchObject({ status: 1, stderr: expect.stringContaining('开始时间应为上海时间') })
    expect(ops('campaigns:schedule', 'double-points', '2026-11-25 22:00', '2026-11-25 10:00')).toMatchObject({ status: 1, stderr: expect.stringContaining('结束时间须晚于开始时间') })
    expect(ops('campaigns:enable', 'nope')).toMatchObject({ status: 1, stderr: expect.stringContaining('CAMPAIGN_NOT_FOUND') })
    expect(ops('campaigns:kill-switch', 'maybe').status).toBe(1)
    expect(ops('distributors:reject', 'koc').status).toBe(1)
    expect(ops('distributors:list', 'vip').status).toBe(1)
    const store = new SqliteStore(dbPath)
    expect((await store.findDistributor('koc'))!.status).toBe('pending')
    await store.close()
  })

  it('approves, freezes and unfreezes a distributor, and reconciles commissions', async () => {
    expect(ops('distributors:list', 'pending').stdout).toContain('koc')
    expect(ops('distributors:approve', 'koc')).toMatchObject({ status: 0, stdout: expect.stringContaining('推广码 KOCCODE2') })
    expect(ops('distributors:freeze', 'koc', '核查', '推广内容')).toMatchObject({ status: 0, stdout: expect.stringContaining('核查 推广内容') })
    expect(ops('distributors:unfreeze', 'koc').status).toBe(0)
    const store = new SqliteStore(dbPath)
    expect((await store.findDistributor('koc'))!.status).toBe('approved')
    expect((await store.findMember('koc'))!.roles).toContain('distributor')
    await store.close()
    expect(ops('commissions:reconcile')).toMatchObject({ status: 0, stdout: expect.stringContaining('差异 0 处') })
    expect(ops('groupbuys:check')).toMatchObject({ status: 0, stdout: expect.stringContaining('均有效') })
  })
})
