import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLocalShop } from '../../cloudfunctions/src/local/shop'

let shop: Awaited<ReturnType<typeof startLocalShop>>
let dir: string
const tokens: string[] = []
const address = { name: '李四', phone: '13900000000', region: '上海市 徐汇区', detail: '漕溪北路 1 号' }

async function post(route: string, body: unknown, token?: string) {
  const res = await fetch(new URL(route, shop.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-race-'))
  shop = await startLocalShop({ dbPath: path.join(dir, 'siyu.db'), port: 0, appDir: null, runJobs: false })
  for (const as of ['consumer-v1', 'consumer-v4', 'koc', 'operator']) tokens.push((await post('/dev/login', { as })).body.data.token)
  // The last 20 units of one SKU.
  const product = (await shop.store.findProduct('p04'))!
  await shop.store.putProduct({ ...product, skus: product.skus.map((s, i) => ({ ...s, stock: i === 0 ? 20 : 0 })) })
})
afterAll(async () => {
  await shop.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('checkout under concurrency, through the local host', () => {
  it('200 concurrent orders for the last 20 units: exactly 20 succeed and the stock ends at 0; payments apply once', async () => {
    const rushStart = Date.now()
    const skuId = (await shop.store.findProduct('p04'))!.skus[0].id
    const items = [{ skuId, quantity: 1 }]
    const quotes = await Promise.all(tokens.map((t) => post('/api/order', { action: 'quote', data: { items } }, t)))
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const member = i % tokens.length
        const data = { requestId: `race-request-${i}`, items, address, expectedPayable: quotes[member].body.data.payable }
        return post('/api/order', { action: 'create', data }, tokens[member])
      }),
    )
    const placed = results.filter((r) => r.status === 200)
    expect(placed).toHaveLength(20)
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'OUT_OF_STOCK')).toBe(true)
    expect(results.filter((r) => r.status !== 200 && r.status !== 409)).toEqual([])
    expect((await shop.store.findSkus([skuId]))[0].stock).toBe(0)

    // Every order paid twice over (a payment and a duplicated notification), all at once.
    const orderIds: string[] = placed.map((r) => r.body.data.order.id)
    const payments = await Promise.all(orderIds.map((orderId) => post('/dev/pay', { orderId })))
    expect(payments.map((p) => p.body.data.outcome)).toEqual(orderIds.map(() => 'paid'))
    const duplicates = await Promise.all(orderIds.map((orderId) => post('/dev/pay', { orderId, duplicate: true })))
    expect(duplicates.map((p) => p.body.data.outcome)).toEqual(orderIds.map(() => 'duplicate'))
    // The demo shop's seeded history has paid orders from days past; the rush's are the only ones since it began.
    const events = await shop.store.listEvents(0, 1000)
    const paid = events.filter((e) => e.type === 'order.paid')
    const placedAt = await Promise.all(paid.map(async (e) => (await shop.store.findOrder(e.orderId))!.order.createdAt))
    const rushPaid = paid.filter((_, i) => placedAt[i] >= rushStart)
    expect(rushPaid.map((e) => e.orderId).sort()).toEqual([...orderIds].sort())
    expect((await shop.store.findSkus([skuId]))[0].stock).toBe(0)
  })
})
