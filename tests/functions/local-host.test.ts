import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalShop } from '../../cloudfunctions/src/local/shop'

let shop: Awaited<ReturnType<typeof startLocalShop>>
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-host-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Siyu</title>')
  fs.writeFileSync(path.join(dir, 'app.0123abcd.js'), 'console.log(1)')
  shop = await startLocalShop({ dbPath: path.join(dir, 'siyu.db'), port: 0, appDir: dir, runJobs: false })
})
afterAll(async () => {
  await shop.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function post(route: string, body: unknown, token?: string) {
  const res = await fetch(new URL(route, shop.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}
async function get(route: string) {
  const res = await fetch(new URL(route, shop.url))
  return { status: res.status, body: await res.json() }
}
/** Width and height from a JPEG's start-of-frame segment. */
function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  for (let at = 2; at + 9 < bytes.length; ) {
    const marker = bytes[at + 1]
    const length = bytes.readUInt16BE(at + 2)
    if (marker >= 0xc0 && marker <= 0xc3) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) }
    at += 2 + length
  }
  return null
}
async function login(as: string): Promise<string> {
  const { body } = await post('/dev/login', { as })
  return body.data.token
}

describe('local host: the function API', () => {
  it('answers POST /api/<function> with {ok, data}', async () => {
    const { status, body } = await post('/api/catalog', { action: 'products', data: { pageSize: 5 } })
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    expect(body.data.items).toHaveLength(5)
    expect(body.data.total).toBeGreaterThanOrEqual(24)
  })

  it('answers an unknown function or action with 404 and a code', async () => {
    expect(await post('/api/nothing', { action: 'x' })).toMatchObject({ status: 404, body: { ok: false, code: 'UNKNOWN_FUNCTION' } })
    expect(await post('/api/catalog', { action: 'drop' })).toMatchObject({ status: 404, body: { ok: false, code: 'UNKNOWN_ACTION' } })
    expect(await post('/api/constructor', { action: 'x' })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_FUNCTION' } })
  })

  it('answers malformed JSON with 400 MALFORMED_JSON, never a stack trace', async () => {
    const { status, body } = await post('/api/catalog', '{"action": "products",')
    expect(status).toBe(400)
    expect(body).toEqual({ ok: false, code: 'MALFORMED_JSON', message: '请求体不是合法的 JSON' })
  })

  it('answers bad payloads with 400 INVALID_PAYLOAD', async () => {
    expect(await post('/api/catalog', { action: 'products', data: { pageSize: -3 } })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_PAYLOAD' },
    })
    expect(await post('/api/catalog', [1, 2])).toMatchObject({ status: 400, body: { code: 'INVALID_PAYLOAD' } })
    expect(await post('/api/catalog', 'null')).toMatchObject({ status: 400, body: { code: 'INVALID_PAYLOAD' } })
  })

  it('refuses a body over 1 MB with 413', async () => {
    const { status, body } = await post('/api/catalog', { action: 'products', data: { pad: 'x'.repeat(1_100_000) } })
    expect(status).toBe(413)
    expect(body.code).toBe('PAYLOAD_TOO_LARGE')
  })
})

describe('local host: its database', () => {
  it('leaves checkpoints to a thread of their own: the connection answering requests keeps its own for a log of 10 000 pages', () => {
    expect(shop.store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000)
  })
})

describe('local host: dev sign-in and identity', () => {
  it('lists the demo people', async () => {
    const { body } = await get('/dev/people')
    const ids = body.data.map((p: { id: string }) => p.id)
    expect(ids).toEqual(expect.arrayContaining(['consumer-v1', 'consumer-v4', 'koc', 'operator', 'service']))
    const v4 = body.data.find((p: { id: string }) => p.id === 'consumer-v4')
    expect(v4.member.tier).toBe(4)
  })

  it('has the demo operator as the owner and a 客服 who may moderate but not run campaigns', async () => {
    const owner = await login('operator')
    expect((await post('/api/staff', { action: 'list', data: {} }, owner)).body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ memberId: 'operator', roles: ['owner'] }),
        expect.objectContaining({ memberId: 'service', roles: ['service'] }),
      ]),
    )
    const service = await login('service')
    expect(await post('/api/post', { action: 'queue', data: {} }, service)).toMatchObject({ status: 200 })
    // The day's work is waiting: this morning's paid orders, to pack and ship.
    const toShip = (await post('/api/order', { action: 'staffList', data: { tab: 'toShip' } }, service)).body.data
    expect(toShip.items.map((o: { buyer: { memberId: string } }) => o.buyer.memberId)).toEqual(
      expect.arrayContaining(['consumer-v4', 'm05', 'm08']),
    )
    // And a 退货退款 asked an hour ago, waiting for review, with the goods named and the shop's return address set.
    const cases = (await post('/api/order', { action: 'refundCases', data: { tab: 'reviewing' } }, service)).body.data
    expect(cases.items).toEqual([
      expect.objectContaining({
        kind: 'return',
        buyer: expect.objectContaining({ memberId: 'm05' }),
        goods: [expect.objectContaining({ title: '柴烧粗陶茶杯' })],
      }),
    ])
    expect(await post('/api/order', { action: 'approveRefund', data: { refundId: cases.items[0].id } }, service)).toMatchObject({
      status: 200,
      body: { data: { status: 'returning', returnAddress: expect.objectContaining({ name: '山野茶集售后部' }) } },
    })
    expect(await post('/api/campaign', { action: 'killSwitch', data: { on: true } }, service)).toMatchObject({
      status: 403,
      body: { code: 'FORBIDDEN' },
    })
  })

  it('signs in as a demo person; the token is the only source of identity', async () => {
    const token = await login('consumer-v4')
    const me = await post('/api/member', { action: 'profile', data: {} }, token)
    expect(me).toMatchObject({ status: 200, body: { ok: true, data: { id: 'consumer-v4', tier: 4 } } })
    const detail = await post('/api/catalog', { action: 'products', data: { pageSize: 20 } }, token)
    expect(detail.body.data.items.some((p: { memberPrice: number | null }) => p.memberPrice !== null)).toBe(true)
  })

  it('refuses an unknown person, a forged token and a member action without sign-in', async () => {
    expect(await post('/dev/login', { as: 'root' })).toMatchObject({ status: 404, body: { code: 'UNKNOWN_PERSON' } })
    const token = await login('consumer-v1')
    const forged = `${Buffer.from('operator').toString('base64url')}.${token.split('.')[1]}`
    expect(await post('/api/member', { action: 'profile' }, forged)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } })
    expect(await post('/api/member', { action: 'profile' })).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } })
  })
})

describe('local host: clock and jobs', () => {
  it('moves the host clock forward and to an instant', async () => {
    const before = (await get('/dev/clock')).body.data.nowMs
    const advanced = await post('/dev/clock', { advanceMs: 86_400_000 })
    expect(advanced.body.data.nowMs - before).toBeGreaterThanOrEqual(86_400_000)
    const set = await post('/dev/clock', { set: '2027-01-01T00:00:00.000Z' })
    expect(Math.abs(set.body.data.nowMs - Date.parse('2027-01-01T00:00:00Z'))).toBeLessThan(1000)
    expect(await post('/dev/clock', { advanceMs: 'soon' })).toMatchObject({ status: 400, body: { code: 'INVALID_PAYLOAD' } })
  })

  it('lists the timer jobs and runs one now, idempotently', async () => {
    const jobs = await get('/dev/jobs')
    expect(jobs.body.data.map((j: { name: string }) => j.name)).toContain('touchRollup')
    await post('/api/catalog', { action: 'touch', data: { entryId: 'host-entry-1', path: 'pages/home/index', scene: 1047 } })
    const first = await post('/dev/jobs/touchRollup', {})
    const again = await post('/dev/jobs/touchRollup', {})
    expect(first.body.data.result).toEqual(again.body.data.result)
    expect(first.body.data.result.rows).toBeGreaterThanOrEqual(1)
    expect(await post('/dev/jobs/nope', {})).toMatchObject({ status: 404, body: { code: 'UNKNOWN_JOB' } })
  })
})

describe('local host: the H5 app and media', () => {
  it('serves the app, hashed assets as immutable, and seed media', async () => {
    const index = await fetch(shop.url)
    expect(index.headers.get('content-type')).toContain('text/html')
    const asset = await fetch(new URL('/app.0123abcd.js', shop.url))
    expect(asset.headers.get('cache-control')).toContain('immutable')
    const products = await post('/api/catalog', { action: 'products', data: {} })
    const cover = await fetch(new URL(products.body.data.items[0].cover, shop.url))
    expect(cover.status).toBe(200)
    expect(cover.headers.get('content-type')).toMatch(/^image\//)
  })

  it('serves each mall item its own art, as large as a product image', async () => {
    const items = (await post('/api/redeem', { action: 'items', data: {} })).body.data as {
      id: string
      kind: string
      image: string
      subtitle: string
    }[]
    expect(items.length).toBeGreaterThan(0)
    // Coupons apply to the whole order, and their copy says so.
    for (const coupon of items.filter((i) => i.kind === 'coupon')) expect(coupon.subtitle).toContain('全场通用')
    expect(new Set(items.map((i) => i.image)).size).toBe(items.length)
    for (const item of items) {
      expect(item.image).toBe(`/media/redeem/${item.id}.jpg`)
      const res = await fetch(new URL(item.image, shop.url))
      expect(res.status).toBe(200)
      expect(jpegSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: 600, height: 600 })
    }
  })

  it('seeds windows on the hour around now, and copy that fits any season', async () => {
    const HOUR = 3_600_000
    const operator = await login('operator')
    const listed = (await post('/api/campaign', { action: 'list', data: {} }, operator)).body.data as {
      campaigns: { campaign: { startAt: number; endAt: number } }[]
      groupBuys: { startAt: number; endAt: number }[]
    }
    const campaigns = listed.campaigns.map((c) => c.campaign)
    const mall = (await post('/api/redeem', { action: 'items', data: {} })).body.data as { startAt: number; endAt: number }[]
    expect(campaigns.length).toBeGreaterThan(0)
    expect(listed.groupBuys.length).toBeGreaterThan(0)
    for (const w of [...campaigns, ...listed.groupBuys, ...mall]) {
      expect(w.startAt % HOUR).toBe(0)
      expect(w.endAt % HOUR).toBe(0)
    }
    // The demo's week of campaigns began a day before the shop was seeded and runs a full week after.
    for (const c of campaigns) expect(c.endAt - c.startAt).toBe(8 * 24 * HOUR)
    const products = (await post('/api/catalog', { action: 'products', data: { pageSize: 50 } })).body.data.items as { title: string }[]
    const feed = (await post('/api/catalog', { action: 'feed', data: { pageSize: 50 } })).body.data.items as { title: string }[]
    const seasonal = /中秋|月饼|端午|春节|圣诞|七夕|元宵|国庆|年货/
    expect([...products, ...feed].map((x) => x.title).filter((title) => seasonal.test(title))).toEqual([])
  })

  it('never serves files outside its folders', async () => {
    const res = await fetch(new URL('/media/..%2f..%2fpackage.json', shop.url))
    expect(res.status).toBe(404)
  })
})

describe('local host: the seeded demo people keep their tiers', () => {
  it('the V4 consumer’s standing comes from records: completed orders, the growth they gave, the tier changes they brought', async () => {
    const token = await login('consumer-v4')
    const orders = (await post('/api/order', { action: 'list', data: { pageSize: 50 } }, token)).body.data
    // Past orders completed; this morning's waits to be shipped and gives no growth yet.
    const completed = orders.items.filter((o: { status: string }) => o.status === 'completed')
    expect(completed.length).toBeGreaterThan(1)
    expect(orders.items.filter((o: { status: string }) => o.status !== 'completed').map((o: { status: string }) => o.status)).toEqual([
      'paid',
    ])
    const tier = (await post('/api/member', { action: 'tier', data: {} }, token)).body.data
    expect(tier.tier).toBe(4)
    // Growth is what the kept goods gave, yuan by yuan, order by order.
    const perOrder = completed.map((o: { lines: { paidAmount: number; refundedAmount: number }[] }) =>
      Math.floor(o.lines.reduce((s, l) => s + l.paidAmount - l.refundedAmount, 0) / 100),
    )
    expect(tier.growth).toBe(perOrder.reduce((a: number, b: number) => a + b, 0))
    const history = (await post('/api/member', { action: 'tierHistory', data: {} }, token)).body.data as {
      from: number
      to: number
      reason: string
    }[]
    expect(history.length).toBeGreaterThan(0)
    expect(history.every((c) => c.reason === 'upgrade' && c.to > c.from)).toBe(true)
    expect(Math.max(...history.map((c) => c.to))).toBe(4)
  })

  it('the V4 consumer stays V4 through a check-in and a tier review', async () => {
    const { body } = await post('/dev/login', { as: 'consumer-v4' })
    const token = body.data.token
    await post('/api/points', { action: 'checkIn', data: {} }, token)
    await post('/dev/jobs/tierReview', {})
    const tier = await post('/api/member', { action: 'tier', data: {} }, token)
    expect(tier.body.data).toMatchObject({ tier: 4 })
    expect(tier.body.data.growth).toBeGreaterThanOrEqual(8000)
    expect(tier.body.data.keepUntil).toBeGreaterThan(Date.now())
  })
})
