import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { T0, groupBuyDoc, order, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

let dir: string
let dbPath: string
const ops = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'cloudfunctions/src/local/ops.ts', ...args], {
    env: { ...process.env, SIYU_DB: dbPath },
    encoding: 'utf8',
  })

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-ops-'))
  dbPath = path.join(dir, 'siyu.db')
  const store = new SqliteStore(dbPath)
  await smallShop(store)
  const account = {
    memberId: 'v1',
    available: 10,
    pending: 0,
    debt: 0,
    lastCheckInDay: null,
    streak: 0,
    postRewardDay: null,
    postRewardsToday: 0,
  }
  await store.commitPointsChange({
    memberId: 'v1',
    expectedVersion: 0,
    key: 'k1',
    account,
    lots: [
      {
        id: 'k1',
        memberId: 'v1',
        source: 'checkin',
        ref: 'd',
        amount: 10,
        remaining: 10,
        grantedAt: T0,
        expiresAt: T0 + 1e10,
        status: 'available',
      },
    ],
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
    await store.putCampaign({
      id: 'double-points',
      type: 'points_multiplier',
      title: '双倍积分日',
      enabled: false,
      startAt: T0,
      endAt: T0 + 86_400_000,
      params: { multiplier: 9 },
    })
    await store.putCampaign({ id: 'broken', type: 'lottery', enabled: true, startAt: T0, endAt: T0 + 1, params: {} })
    await store.putGroupBuy(groupBuyDoc({ id: 'gb-alone', endAt: Date.parse('2099-01-01T00:00:00+08:00') }))
    await saveMember(store, { id: 'koc', nickname: '阿柚', avatar: '', tier: 3, roles: ['consumer'], shareCode: 'KOCCODE2', createdAt: T0 })
    await store.saveDistributor(
      {
        memberId: 'koc',
        status: 'pending',
        code: 'KOCCODE2',
        attestedAdult: true,
        rulesVersion: '2026-11',
        appliedAt: T0,
        decidedAt: null,
        note: '',
      },
      null,
    )
    await store.close()
  })

  it('lists campaigns with what was ignored or clamped, and schedules and toggles them with an audit entry each', async () => {
    const list = ops('campaigns:list')
    expect(list.status).toBe(0)
    expect(list.stdout).toContain('double-points')
    expect(list.stdout).toContain('multiplier = 9 超出上限，已按 5 执行')
    expect(list.stdout).toContain('活动 broken：类型 lottery 不受支持，已忽略')
    // A group-buy no campaign wraps is listed too, with its end.
    expect(list.stdout).toMatch(/gb-alone\s+\S+\s+.*→ 2099-01-01 00:00 未被活动包含/)
    expect(ops('campaigns:schedule', 'double-points', '2026-11-25 10:00', '2026-11-25 22:00')).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('2026-11-25 10:00 → 2026-11-25 22:00'),
    })
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
    expect(ops('campaigns:schedule', 'double-points', 'tomorrow', '2026-11-25 22:00')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('开始时间应为上海时间'),
    })
    expect(ops('campaigns:schedule', 'double-points', '2026-11-25 22:00', '2026-11-25 10:00')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('结束时间须晚于开始时间'),
    })
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
    expect(ops('distributors:freeze', 'koc', '核查', '推广内容')).toMatchObject({
      status: 0,
      stdout: expect.stringContaining('核查 推广内容'),
    })
    expect(ops('distributors:unfreeze', 'koc').status).toBe(0)
    const store = new SqliteStore(dbPath)
    expect((await store.findDistributor('koc'))!.status).toBe('approved')
    expect((await store.findMember('koc'))!.roles).toContain('distributor')
    await store.close()
    expect(ops('commissions:reconcile')).toMatchObject({ status: 0, stdout: expect.stringContaining('差异 0 处') })
    expect(ops('groupbuys:check')).toMatchObject({ status: 0, stdout: expect.stringContaining('均有效') })
  })
})

describe('npm run ops: report', () => {
  beforeAll(async () => {
    // One visit through post1 and the order it brought, paid on 20 Nov (Shanghai): ¥128 + ¥29.90.
    const store = new SqliteStore(dbPath)
    await store.recordTouch({
      id: 'touch:v1:report-0001',
      memberId: 'v1',
      scene: 1007,
      shareCode: null,
      postId: 'post1',
      campaignId: null,
      productId: null,
      path: '/pages/home/index',
      at: T0,
      channel: 'post:post1',
    })
    const placed = order('o-report-0001', { touch: { channel: 'post:post1', postId: 'post1', shareCode: null, campaignId: null, at: T0 } })
    await store.placeOrder(placed)
    await store.commitOrderChange({
      order: { ...placed, status: 'paid', paidAt: T0 + 60_000, transactionId: 'tx-report-0001' },
      expectedVersion: 1,
      events: [{ id: `order.paid:${placed.id}`, type: 'order.paid', orderId: placed.id, at: T0 + 60_000, payload: {} }],
    })
    await store.close()
  })

  it('prints the totals and tables, and writes the report as one HTML page with --html', () => {
    const file = path.join(dir, 'report.html')
    const run = ops('report', '--from', '2026-11-01', '--to', '2026-11-24', '--html', file)
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('经营报表 2026-11-01 至 2026-11-24')
    expect(run.stdout).toContain('合计：访问 1，访客 1，买家 1，订单 1，GMV ¥157.90')
    for (const title of ['渠道', '帖子', '话题', '打卡挑战', '分销员', '负债', '活动', '待处理问题'])
      expect(run.stdout).toContain(`\n${title}\n`)
    expect(run.stdout).toMatch(/种草内容 +1 +1 +1 +1 +¥157\.90/)
    expect(run.stdout).toMatch(/帖子post1 +1 +1 +1 +1 +¥157\.90 +0 +2 +0 +0/)
    // The balance the reconcile test above tampered with.
    expect(run.stdout).toMatch(/可用积分 +99 分/)
    expect(run.stdout).toContain('活动 broken：类型 lottery 不受支持，已忽略')
    expect(run.stdout).toContain(`已写入 ${file}`)
    const html = fs.readFileSync(file, 'utf8')
    expect(html).toContain('私域经营报表 2026-11-01 至 2026-11-24')
    expect(html).toContain('¥157.90')
    expect(html).not.toContain('<script')
  })

  it('refuses a range that ends before it starts, or a day that does not exist', () => {
    expect(ops('report', '--from', '2026-11-24', '--to', '2026-11-01')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('结束日期不能早于开始日期'),
    })
    expect(ops('report', '--from', '2026-02-30', '--to', '2026-03-01')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('不是有效的日期'),
    })
    expect(ops('report', '--from')).toMatchObject({ status: 1, stderr: expect.stringContaining('缺少--from 的值') })
  })
})

describe('npm run ops: member posts and the audit log', () => {
  beforeAll(async () => {
    const store = new SqliteStore(dbPath)
    await saveMember(store, {
      id: 'writer',
      nickname: '写手',
      avatar: '',
      tier: 1,
      roles: ['consumer'],
      shareCode: 'WRITER22',
      createdAt: T0,
    })
    for (const id of ['ugc-1', 'ugc-2']) {
      await store.putPost({
        id,
        authorId: 'writer',
        title: `种草${id}`,
        body: '好喝',
        cover: '',
        images: [],
        productIds: ['p1'],
        kind: 'ugc',
        status: 'pending',
        createdAt: T0,
      })
    }
    await store.close()
  })

  it('lists the queue, approves once with the reward, rejects with a reason, and writes each decision to the audit log', async () => {
    const queue = ops('posts:queue')
    expect(queue).toMatchObject({ status: 0, stdout: expect.stringContaining('待审核 2 篇') })
    expect(queue.stdout).toContain('写手：种草ugc-1')
    expect(ops('posts:approve', 'ugc-1').status).toBe(0)
    expect(ops('posts:approve', 'ugc-1').status).toBe(0)
    expect(ops('posts:reject', 'ugc-2')).toMatchObject({ status: 1, stderr: expect.stringContaining('缺少拒绝原因') })
    expect(ops('posts:reject', 'ugc-2', '图文不符')).toMatchObject({ status: 0, stdout: expect.stringContaining('图文不符') })
    expect(ops('posts:approve', 'ugc-2')).toMatchObject({ status: 1, stderr: expect.stringContaining('POST_STATE') })
    const store = new SqliteStore(dbPath)
    expect((await store.findPost('ugc-1'))!.status).toBe('approved')
    expect((await store.listLedger('writer', 0, 10)).items.filter((e) => e.source === 'post')).toHaveLength(1)
    const actions = (await store.listAudit(0, 50)).items.map((e) => `${e.actor} ${e.action} ${e.target}`)
    expect(actions).toEqual(
      expect.arrayContaining([
        'ops-cli post:approved ugc-1',
        'ops-cli post:rejected ugc-2',
        'ops-cli distributor:approved koc',
        'ops-cli distributor:frozen koc',
      ]),
    )
    expect(actions.filter((a) => a === 'ops-cli post:approved ugc-1')).toHaveLength(1)
    await store.close()
  })
})

describe('npm run reset', () => {
  it('removes the local database and uploads so the next start seeds afresh, and says when there was nothing', () => {
    const shopDir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-reset-'))
    const db = path.join(shopDir, 'siyu.db')
    for (const file of [db, `${db}-wal`, `${db}-shm`]) fs.writeFileSync(file, 'x')
    fs.mkdirSync(path.join(shopDir, 'uploads'))
    fs.writeFileSync(path.join(shopDir, 'uploads', 'a.png'), 'x')
    const reset = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cloudfunctions/src/local/reset.ts'], {
        env: { ...process.env, SIYU_DB: db },
        encoding: 'utf8',
      })
    const first = reset()
    expect(first.status).toBe(0)
    expect(first.stdout).toContain('已清空本地商店')
    expect(fs.readdirSync(shopDir)).toEqual([])
    expect(reset().stdout).toContain('没有本地商店数据')
    fs.rmSync(shopDir, { recursive: true, force: true })
  })
})

describe('npm run ops: staff', () => {
  it('lists staff, and makes a first owner only on a shop without one', async () => {
    const list = ops('staff:list')
    expect(list.status).toBe(0)
    expect(list.stdout).toMatch(/brand\s+\S+\s+owner/)
    const refused = ops('staff:bootstrap', 'v1')
    expect(refused.status).not.toBe(0)
    expect(refused.stderr).toContain('店铺已有店主')
    const store = new SqliteStore(dbPath)
    const brand = (await store.findMember('brand'))!
    await store.updateMemberRoles('brand', brand.roles, ['consumer'])
    await store.close()
    const made = ops('staff:bootstrap', 'v1')
    expect(made.status).toBe(0)
    expect(made.stdout).toContain('已成为店主')
    const after = new SqliteStore(dbPath)
    expect((await after.findMember('v1'))!.roles).toEqual(['consumer', 'operator', 'owner'])
    await after.close()
  })
})

describe('npm run ops: the catalog as CSV', () => {
  const file = (name: string) => path.join(dir, name)

  it('exports every product with its SKUs, and importing the export changes nothing', () => {
    const exported = ops('catalog:export', file('catalog.csv'))
    expect(exported.status, exported.stderr).toBe(0)
    expect(exported.stdout).toContain('已导出 5 件商品、6 个规格')
    const csv = fs.readFileSync(file('catalog.csv'), 'utf8')
    expect(csv.startsWith('\uFEFF商品编号,商品名称,分类')).toBe(true)
    expect(csv).toContain('p5,已下架茶饼,茗茶,')
    const dry = ops('catalog:import', file('catalog.csv'), '--dry-run')
    expect(dry.status, dry.stdout).toBe(0)
    expect(dry.stdout).toContain('共 5 件商品：可写入 5 件（新建 0，修改 5），有问题 0 处')
    expect(ops('catalog:import', file('catalog.csv')).status).toBe(0)
    expect(ops('catalog:export', file('again.csv')).status).toBe(0)
    expect(fs.readFileSync(file('again.csv'), 'utf8')).toBe(csv)
  })

  it('lists every bad row with its line before writing, writes nothing unless told to write the good ones', async () => {
    const header = fs.readFileSync(file('catalog.csv'), 'utf8').split('\r\n')[0]
    const rows = [
      header,
      ',新品白茶,茗茶,,"春茶,二〇二六",在售,否,是,,,,否,/media/products/p1-1.jpg,,,规格:50g,88.00,60.00,10',
      ',不明分类的茶,神秘分类,,,在售,否,是,,,,否,/media/products/p1-1.jpg,,,规格:50g,12.345,六十,1',
    ]
    fs.writeFileSync(file('new.csv'), `${rows.join('\r\n')}\r\n`)
    const dry = ops('catalog:import', file('new.csv'), '--dry-run')
    expect(dry.status).toBe(1)
    expect(dry.stdout).toContain('第 3 行：分类「神秘分类」不存在')
    expect(dry.stdout).toContain('第 3 行：价格「12.345」应为元，最多两位小数')
    expect(dry.stdout).toContain('第 3 行：底价「六十」应为元，最多两位小数')
    const refused = ops('catalog:import', file('new.csv'))
    expect(refused.status).toBe(1)
    expect(refused.stdout).toContain('有问题，未写入任何商品')
    const store = new SqliteStore(dbPath)
    expect((await store.listStaffProducts({ text: '新品白茶', offset: 0, limit: 5 })).total).toBe(0)
    await store.close()
    expect(ops('catalog:import', file('new.csv'), '--good-only').stdout).toContain('已写入 1/1')
    const after = new SqliteStore(dbPath)
    const [created] = (await after.listStaffProducts({ text: '新品白茶', offset: 0, limit: 5 })).items
    expect(created).toMatchObject({
      status: 'on',
      detail: '春茶,二〇二六',
      skus: [expect.objectContaining({ price: 8_800, floorPrice: 6_000, stock: 10 })],
    })
    expect((await after.listStaffProducts({ text: '不明分类', offset: 0, limit: 5 })).total).toBe(0)
    await after.close()
    // The floor goes out again as it came in.
    expect(ops('catalog:export', file('with-floor.csv')).status).toBe(0)
    expect(fs.readFileSync(file('with-floor.csv'), 'utf8')).toContain('规格:50g,88.00,60.00,10')
  })
})

describe('npm run ops: orders and points', () => {
  const file = (name: string) => path.join(dir, name)
  const orderId = 'o0123456789abcdef0123456'

  beforeAll(async () => {
    const store = new SqliteStore(dbPath)
    const placed = order(orderId)
    await store.placeOrder(placed)
    await store.commitOrderChange({
      order: { ...placed, status: 'paid', paidAt: T0 + 60_000, transactionId: 'tx-cli-0001' },
      expectedVersion: 1,
      events: [],
    })
    await store.close()
  })

  it('exports the orders waiting to ship, and ships from a CSV row by row', async () => {
    const exported = ops('orders:export', file('to-ship.csv'), '--tab', 'toShip')
    expect(exported.status, exported.stderr).toBe(0)
    expect(fs.readFileSync(file('to-ship.csv'), 'utf8')).toContain(`${orderId},`)
    fs.writeFileSync(
      file('ship.csv'),
      `订单号,快递公司,运单号\r\n${orderId},顺丰速运,SF123456789012\r\n2026010100000000000,中通快递,750000000001\r\n`,
    )
    const shipped = ops('orders:ship', file('ship.csv'))
    expect(shipped.status).toBe(1)
    expect(shipped.stdout).toContain(`[1/2] 第 1 行 ${orderId}：已发货`)
    expect(shipped.stdout).toContain('[2/2] 第 2 行 2026010100000000000：ORDER_NOT_FOUND')
    expect(shipped.stdout).toContain('已发货 1 行，未处理 1 行')
    const store = new SqliteStore(dbPath)
    expect((await store.findOrder(orderId))!.order).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运' } })
    await store.close()
  })

  it('adjusts a member’s points once per request, and refuses a bad amount', async () => {
    const first = ops('points:adjust', 'v1', '5', '客服补发', 'cli-adjust-0001')
    expect(first.status, first.stderr).toBe(0)
    const available = Number(/现有可用积分 (\d+)/.exec(first.stdout)![1])
    expect(ops('points:adjust', 'v1', '5', '客服补发', 'cli-adjust-0001').stdout).toContain(`现有可用积分 ${available}`)
    const refused = ops('points:adjust', 'v1', '20000', '太多', 'cli-adjust-0002')
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('INVALID_PAYLOAD')
  })

  it('certifies a member as 达人 and removes it, audited, and refuses a missing reason', async () => {
    expect(ops('creators:certify', 'v4')).toMatchObject({ status: 1, stderr: expect.stringContaining('INVALID_PAYLOAD') })
    const certified = ops('creators:certify', 'v4', '长期分享真实好物')
    expect(certified.status, certified.stderr).toBe(0)
    expect(certified.stdout).toContain('v4：达人（长期分享真实好物）')
    expect(ops('creators:uncertify', 'v4', '内容质量下降').stdout).toContain('v4：不是达人')
    expect(ops('creators:certify', 'nobody', '理由')).toMatchObject({ status: 1, stderr: expect.stringContaining('MEMBER_NOT_FOUND') })
    const store = new SqliteStore(dbPath)
    const actions = (await store.listAudit(0, 50)).items.map((e) => `${e.actor} ${e.action} ${e.target}`)
    expect(actions).toEqual(expect.arrayContaining(['ops-cli creator:certify v4', 'ops-cli creator:uncertify v4']))
    await store.close()
  })
})
