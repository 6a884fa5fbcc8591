// `npm run ops` against a CloudBase environment: the CloudBase adapter over the database test double,
// through the same wx-server-sdk surface the command line initialises with an environment id and an
// API key pair. The deployed `shippingUpload` function is played by its own code over the same double.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CATALOG_COLUMNS } from '../../cloudfunctions/src/app/catalog-csv'
import { sendShippingInfo } from '../../cloudfunctions/src/app/shipping-info'
import type { ShippingUpload } from '../../cloudfunctions/src/core/shipping'
import { runOps } from '../../cloudfunctions/src/local/ops'
import { type CloudSdk, openOpsTarget } from '../../cloudfunctions/src/local/ops-target'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import type { Payments } from '../../cloudfunctions/src/wechat/ports'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { T0, order, smallShop } from '../support/fixtures'

const ENV = { SIYU_CLOUDBASE_ENV: 'siyu-prod-1a2b', TENCENTCLOUD_SECRETID: 'AKIDexample', TENCENTCLOUD_SECRETKEY: 'secret-example' }

const database = new CloudbaseDatabaseDouble()
const store = new CloudbaseStore(database)
const inits: unknown[] = []
const calls: { name: string; data: unknown }[] = []
const uploads: ShippingUpload[] = []
/** WeChat's open API as the deployed function would reach it (a double: WeChat's servers are not here). */
const openApi = { uploadShipping: async (upload: ShippingUpload) => void uploads.push(upload) } as Payments
/** Files in the environment's storage (a double of cloud storage). */
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const storage = new Map<string, Uint8Array>([
  ['cloud://siyu-prod-1a2b.7369/posts/staff/box.jpg', JPEG],
  ['cloud://siyu-prod-1a2b.7369/posts/staff/notes.jpg', new TextEncoder().encode('not a picture at all')],
])
const sdk: CloudSdk = {
  init: (options) => void inits.push(options),
  database: () => database,
  async callFunction({ name, data }) {
    calls.push({ name, data })
    if (name !== 'shippingUpload') return { result: { ok: false, code: 'UNKNOWN_FUNCTION', message: name } }
    const { transactionId } = data as { transactionId: string }
    return { result: { ok: true, data: await sendShippingInfo(store, openApi, transactionId) } }
  },
  async downloadFile({ fileID }) {
    const bytes = storage.get(fileID)
    if (!bytes) throw new Error('STORAGE_FILE_NONEXIST')
    return { fileContent: Buffer.from(bytes) }
  },
}

let out: string[] = []
let err: string[] = []
const ops = (...argv: string[]) => runOps(argv, () => openOpsTarget(ENV, sdk))
let dir: string
const file = (name: string) => path.join(dir, name)

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-ops-cb-'))
  await smallShop(store)
  const placed = order('o00000000000000000000cb1', { orderNo: '2026112012000012345' })
  await store.placeOrder(placed)
  await store.commitOrderChange({
    order: { ...placed, status: 'paid', paidAt: T0 + 60_000, transactionId: 'tx-cb-0001' },
    expectedVersion: 1,
    events: [],
    payment: { transactionId: 'tx-cb-0001', orderId: placed.id, amount: placed.payable, at: T0 + 60_000, outcome: 'applied' },
  })
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())
const capture = () => {
  out = []
  err = []
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')))
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')))
}

describe('npm run ops against a CloudBase environment', () => {
  it('initialises the SDK with the environment and the key pair, and says where it acts', async () => {
    capture()
    expect(await ops('categories:list')).toBe(0)
    expect(inits.at(-1)).toEqual({ env: 'siyu-prod-1a2b', secretId: 'AKIDexample', secretKey: 'secret-example' })
    expect(err).toContain('目标：CloudBase 环境 siyu-prod-1a2b')
    expect(out.join('\n')).toMatch(/1\s+c-tea\s+茗茶/)
  })

  it('refuses to start without the key pair, touching nothing', async () => {
    capture()
    const before = inits.length
    const code = await runOps(['staff:list'], () =>
      openOpsTarget({ SIYU_CLOUDBASE_ENV: 'siyu-prod-1a2b', TENCENTCLOUD_SECRETID: 'x' }, sdk),
    )
    expect(code).toBe(1)
    expect(err.join('\n')).toContain('TENCENTCLOUD_SECRETKEY')
    expect(inits.length).toBe(before)
  })

  it('adds a category, then imports a catalog into it with a dry run first; the export reads back the same', async () => {
    capture()
    expect(await ops('categories:add', '礼盒', '9')).toBe(0)
    expect(await ops('categories:add', '这个分类名字实在太长了')).toBe(1)
    expect(err.join('\n')).toContain('INVALID_PAYLOAD')
    const row = (cells: Partial<Record<(typeof CATALOG_COLUMNS)[number], string>>) => CATALOG_COLUMNS.map((c) => cells[c] ?? '').join(',')
    const giftBox = {
      商品名称: '春茶礼盒',
      分类: '礼盒',
      状态: '在售',
      精选: '否',
      会员价: '是',
      仅新会员: '否',
      图片: '/media/products/p1-1.jpg',
    }
    fs.writeFileSync(
      file('new.csv'),
      [
        CATALOG_COLUMNS.join(','),
        row({ ...giftBox, 规格: '规格:250g', 价格: '188.00', 库存: '30' }),
        row({ ...giftBox, 规格: '规格:500g', 价格: '358.00', 库存: '12' }),
      ].join('\r\n'),
    )
    capture()
    expect(await ops('catalog:import', file('new.csv'), '--dry-run'), out.join('\n')).toBe(0)
    expect((await store.listStaffProducts({ text: '春茶礼盒', offset: 0, limit: 5 })).total).toBe(0)
    expect(await ops('catalog:import', file('new.csv'))).toBe(0)
    expect(out.join('\n')).toContain('已写入 1/1')
    const [created] = (await store.listStaffProducts({ text: '春茶礼盒', offset: 0, limit: 5 })).items
    expect(created.skus.map((s) => [s.price, s.stock])).toEqual([
      [18_800, 30],
      [35_800, 12],
    ])
    expect(await ops('catalog:export', file('out.csv'))).toBe(0)
    expect(await ops('catalog:import', file('out.csv'))).toBe(0)
    expect(await ops('catalog:export', file('again.csv'))).toBe(0)
    expect(fs.readFileSync(file('again.csv'), 'utf8')).toBe(fs.readFileSync(file('out.csv'), 'utf8'))
  })

  it('reads every new image back from storage and lists the ones that are not pictures or not there', async () => {
    const row = (cells: Partial<Record<(typeof CATALOG_COLUMNS)[number], string>>) => CATALOG_COLUMNS.map((c) => cells[c] ?? '').join(',')
    const tea = { 分类: '礼盒', 状态: '在售', 精选: '否', 会员价: '是', 仅新会员: '否', 规格: '规格:1 盒', 价格: '99.00', 库存: '5' }
    fs.writeFileSync(
      file('images.csv'),
      [
        CATALOG_COLUMNS.join(','),
        row({ ...tea, 商品名称: '假图茶', 图片: 'cloud://siyu-prod-1a2b.7369/posts/staff/notes.jpg' }),
        row({ ...tea, 商品名称: '缺图茶', 图片: 'cloud://siyu-prod-1a2b.7369/posts/staff/gone.jpg' }),
      ].join('\r\n'),
    )
    capture()
    expect(await ops('catalog:import', file('images.csv'))).toBe(1)
    expect(out.join('\n')).toContain('第 2 行：「假图茶」第 1 张图片不是 JPEG、PNG 或 WebP 图片')
    expect(out.join('\n')).toContain('第 3 行：「缺图茶」第 1 张图片找不到，请重新上传')
    expect((await store.listStaffProducts({ text: '图茶', offset: 0, limit: 5 })).total).toBe(0)
  })

  it('ships from a CSV; the shipping information goes to WeChat through the shippingUpload function', async () => {
    capture()
    fs.writeFileSync(file('ship.csv'), '订单号,快递公司,运单号\r\n2026112012000012345,顺丰速运,SF123456789012\r\n')
    expect(await ops('orders:ship', file('ship.csv')), out.join('\n')).toBe(0)
    expect(out.join('\n')).toContain('第 1 行 2026112012000012345：已发货')
    expect(calls).toContainEqual({ name: 'shippingUpload', data: { transactionId: 'tx-cb-0001' } })
    expect(uploads.at(-1)).toMatchObject({
      order_key: { transaction_id: 'tx-cb-0001' },
      shipping_list: [{ tracking_no: 'SF123456789012', contact: { receiver_contact: '138****0000' } }],
    })
    expect((await store.findOrder('2026112012000012345'))?.order.status).toBe('shipped')
    expect(await ops('orders:export', file('shipped.csv'), '--tab', 'toReceive')).toBe(0)
    expect(fs.readFileSync(file('shipped.csv'), 'utf8')).toContain('SF123456789012')
  })

  it('adjusts points once per request id, grants and revokes staff roles, all audited', async () => {
    capture()
    expect(await ops('points:adjust', 'v1', '30', '客服补发', 'cb-adjust-0001')).toBe(0)
    expect(await ops('points:adjust', 'v1', '30', '客服补发', 'cb-adjust-0001')).toBe(0)
    expect(out.filter((l) => l.includes('现有可用积分 30'))).toHaveLength(2)
    expect(await ops('staff:grant', 'v4', 'merchandiser')).toBe(0)
    expect((await store.findMember('v4'))?.roles).toContain('merchandiser')
    expect(await ops('staff:grant', 'v4', '保洁')).toBe(1)
    expect(await ops('staff:revoke', 'brand', 'owner')).toBe(1)
    expect(err.join('\n')).toContain('STAFF_LAST_OWNER')
    expect(await ops('staff:revoke', 'v4', '商品运营')).toBe(0)
    const actions = (await store.listAudit(0, 50)).items.map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['staff:grant:merchandiser', 'staff:revoke:merchandiser']))
  })
})
