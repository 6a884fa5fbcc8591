import Database from 'better-sqlite3'
import type { ApiResult } from '../types/errors'
import { changePoints, grant } from '../cloudfunctions/src/app/points'
import { SessionKeys } from '../cloudfunctions/src/local/sessions'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import { startShopProcess } from '../tests/support/shop-process'
import { type HttpMeasure, measureFlow, measurePost } from './http'
import { BENCH_ITEM } from './redeem'
import type { Row } from './report'

/** Members who check in once each: more than the host can serve in the measured seconds. */
const CHECK_IN_MEMBERS = 30_000
const RUSH_BUYERS = 200
const RUSH_UNITS = 20
const RUSH_SKU = 'p05-s1'
const CHECK_IN_BURST = 20

const address = { name: '王五', phone: '13700000000', region: '北京市 朝阳区', detail: '建国路 1 号' }

const LOCAL = 'Local host throughput' as const
const CORRECTNESS = 'Concurrency correctness' as const

function httpRows(action: string, m: HttpMeasure): Row[] {
  return [
    { metric: `${action} requests/s`, value: m.requestsPerSecond, unit: 'req/s', section: LOCAL, group: action },
    { metric: `${action} p50`, value: m.p50Ms, unit: 'ms', section: LOCAL, group: action },
    { metric: `${action} p99`, value: m.p99Ms, unit: 'ms', section: LOCAL, group: action },
    { metric: `${action} failed responses`, value: m.errors + m.non2xx, unit: 'count', section: LOCAL, group: action },
  ]
}

/** Bench members written straight into the shop's database (setup, not measured), with sign-in tokens. */
function benchMembers(dbPath: string, prefix: string, count: number): string[] {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}${i}`)
  const db = new Database(dbPath)
  db.pragma('busy_timeout = 5000')
  const insert = db.prepare(
    "INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at) VALUES (?, ?, '', 1, '[\"consumer\"]', ?, ?)",
  )
  db.transaction(() => {
    for (const id of ids) insert.run(id, id, `BENCH-${id.toUpperCase()}`, Date.now())
  })()
  db.close()
  const sessions = new SessionKeys(`${dbPath}.secret`)
  return ids.map((id) => sessions.issue(id))
}

/**
 * Throughput of every action the shop serves most, through the local host on a fresh seeded
 * database, and the bursts that must neither oversell a product nor credit a check-in twice.
 */
export async function hostBench(): Promise<Row[]> {
  const rows: Row[] = []
  const shop = await startShopProcess()
  const db = new Database(shop.dbPath)
  try {
    db.pragma('busy_timeout = 5000')
    const send = async (route: string, body: unknown, token?: string): Promise<ApiResult<unknown>> => {
      const res = await fetch(new URL(route, shop.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      })
      return (await res.json()) as ApiResult<unknown>
    }
    const call = async <T>(route: string, body: unknown, token?: string): Promise<T> => {
      const answer = await send(route, body, token)
      if (!answer.ok) throw new Error(answer.code)
      return answer.data as T
    }
    /** For calls safe to send again: a pooled connection the host closed as idle just as it was reused is retried, as a client would. */
    const sendAgainIfDropped = async (route: string, body: unknown, token: string): Promise<ApiResult<unknown>> => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await send(route, body, token)
        } catch (error) {
          if (attempt === 3) throw error
        }
      }
    }

    const catalog = new URL('/api/catalog', shop.url).toString()
    rows.push(...httpRows('catalog.products', await measurePost(catalog, { action: 'products', data: { pageSize: 10, sort: 'sales' } })))
    rows.push(...httpRows('catalog.product', await measurePost(catalog, { action: 'product', data: { id: 'p01' } })))

    db.prepare('UPDATE skus SET stock = 1000000').run()
    const tokens = await Promise.all(
      ['consumer-v1', 'consumer-v4', 'koc', 'operator'].map(async (as) => (await call<{ token: string }>('/dev/login', { as })).token),
    )
    const items = [
      { skuId: 'p01-s1', quantity: 1 },
      { skuId: 'p09-s1', quantity: 2 },
    ]

    // A V4 member's quote: member prices, points and coupons worked out, nothing written.
    rows.push(
      ...httpRows(
        'order.quote',
        await measurePost(new URL('/api/order', shop.url).toString(), { action: 'quote', data: { items } }, tokens[1]),
      ),
    )

    // Checkout = quote + create + pay (through the payment callback), by signed-in members.
    const checkout = await measureFlow(async (worker, i) => {
      const token = tokens[worker % tokens.length]
      const quote = await call<{ payable: number }>('/api/order', { action: 'quote', data: { items } }, token)
      const { order } = await call<{ order: { id: string } }>(
        '/api/order',
        { action: 'create', data: { requestId: `bench-${worker}-${i}-${Date.now()}`, items, address, expectedPayable: quote.payable } },
        token,
      )
      const paid = await call<{ outcome: string }>('/dev/pay', { orderId: order.id })
      if (paid.outcome !== 'paid') throw new Error(paid.outcome)
    })
    const flow = 'checkout (quote+create+pay)'
    rows.push({ metric: `${flow} per second`, value: checkout.perSecond, unit: 'flows/s', section: LOCAL, group: flow })
    rows.push({ metric: 'checkout p50', value: checkout.p50Ms, unit: 'ms', section: LOCAL, group: flow })
    rows.push({ metric: 'checkout p99', value: checkout.p99Ms, unit: 'ms', section: LOCAL, group: flow })
    rows.push({ metric: 'checkout failures', value: checkout.failures, unit: 'count', section: LOCAL, group: flow })

    // Check-ins: a member checks in once per shop day, so every check-in is a different member's first.
    const checkInTokens = benchMembers(shop.dbPath, 'bench-checkin-', CHECK_IN_MEMBERS)
    let nextMember = 0
    const checkIns = await measureFlow(async () => {
      const token = checkInTokens[nextMember++]
      if (!token) throw new Error('ran out of members who have not checked in')
      const { credited } = await call<{ credited: number }>('/api/points', { action: 'checkIn', data: {} }, token)
      if (credited <= 0) throw new Error('the check-in credited nothing')
    })
    const checkIn = 'points.checkIn'
    rows.push({ metric: 'check-ins per second (local host)', value: checkIns.perSecond, unit: 'ops/s', section: LOCAL, group: checkIn })
    rows.push({ metric: 'check-in p50 (local host)', value: checkIns.p50Ms, unit: 'ms', section: LOCAL, group: checkIn })
    rows.push({ metric: 'check-in p99 (local host)', value: checkIns.p99Ms, unit: 'ms', section: LOCAL, group: checkIn })
    rows.push({ metric: 'check-in failures (local host)', value: checkIns.failures, unit: 'count', section: LOCAL, group: checkIn })

    // Redemptions: an operator lists an item with no limits, members redeem it.
    const shopStore = new SqliteStore(shop.dbPath)
    for (const memberId of ['consumer-v1', 'consumer-v4', 'koc']) {
      await changePoints(shopStore, memberId, `bench:${memberId}`, (state) =>
        grant(state, { id: `bench:${memberId}`, source: 'adjustment', ref: 'bench', amount: 1_000_000, at: Date.now(), note: '' }),
      )
    }
    await shopStore.close()
    const item = await call<{ id: string }>(
      '/api/redeem',
      { action: 'upsertItem', data: { ...BENCH_ITEM('bench', 1_000_000, Date.now()), id: 'bench' } },
      tokens[3],
    )
    const redeemers = tokens.slice(0, 3)
    const redemptions = await measureFlow(
      async (worker, i) => {
        await call(
          '/api/redeem',
          { action: 'redeem', data: { itemId: item.id, idempotencyKey: `bench-${worker}-${i}-${Date.now()}` } },
          redeemers[worker % redeemers.length],
        )
      },
      3,
      6,
    )
    const redeem = 'redeem.redeem'
    rows.push({ metric: 'redemptions per second (local host)', value: redemptions.perSecond, unit: 'ops/s', section: LOCAL, group: redeem })
    rows.push({ metric: 'redemption p50 (local host)', value: redemptions.p50Ms, unit: 'ms', section: LOCAL, group: redeem })
    rows.push({ metric: 'redemption p99 (local host)', value: redemptions.p99Ms, unit: 'ms', section: LOCAL, group: redeem })
    rows.push({ metric: 'redemption failures (local host)', value: redemptions.failures, unit: 'count', section: LOCAL, group: redeem })

    // The last 20 units, 200 buyers at once: every order placed is read back from the database.
    const buyers = benchMembers(shop.dbPath, 'bench-rush-', RUSH_BUYERS)
    db.prepare('UPDATE skus SET stock = ? WHERE id = ?').run(RUSH_UNITS, RUSH_SKU)
    const rushItems = [{ skuId: RUSH_SKU, quantity: 1 }]
    const { payable } = await call<{ payable: number }>('/api/order', { action: 'quote', data: { items: rushItems } }, buyers[0])
    await Promise.all(
      buyers.map((token, i) =>
        sendAgainIfDropped(
          '/api/order',
          { action: 'create', data: { requestId: `bench-rush-${i}`, items: rushItems, address, expectedPayable: payable } },
          token,
        ),
      ),
    )
    const sold = db
      .prepare(
        `SELECT COALESCE(SUM(json_extract(line.value, '$.quantity')), 0) AS units
         FROM orders, json_each(orders.doc, '$.lines') AS line
         WHERE orders.member_id LIKE 'bench-rush-%' AND json_extract(line.value, '$.skuId') = ?`,
      )
      .get(RUSH_SKU) as { units: number }
    const { stock } = db.prepare('SELECT stock FROM skus WHERE id = ?').get(RUSH_SKU) as { stock: number }
    rows.push({
      metric: `checkout oversell, ${RUSH_BUYERS} buyers for the last ${RUSH_UNITS} units (local host)`,
      value: Math.max(0, sold.units - RUSH_UNITS) + Math.max(0, -stock),
      unit: 'count',
      expected: 0,
      section: CORRECTNESS,
    })
    rows.push({
      metric: 'units ordered in that rush (local host)',
      value: sold.units,
      unit: 'count',
      expected: RUSH_UNITS,
      section: CORRECTNESS,
    })

    // One member sending the same check-in 20 times at once is credited once.
    const [eager] = benchMembers(shop.dbPath, 'bench-eager-', 1)
    await Promise.all(
      Array.from({ length: CHECK_IN_BURST }, () => sendAgainIfDropped('/api/points', { action: 'checkIn', data: {} }, eager)),
    )
    const { credits } = db
      .prepare("SELECT COUNT(*) AS credits FROM points_ledger WHERE member_id = 'bench-eager-0' AND source = 'checkin'")
      .get() as { credits: number }
    rows.push({
      metric: `check-in credits beyond one, one member sending ${CHECK_IN_BURST} at once (local host)`,
      value: Math.max(0, credits - 1),
      unit: 'count',
      expected: 0,
      section: CORRECTNESS,
    })
    rows.push({ metric: 'check-in credits of that member (local host)', value: credits, unit: 'count', expected: 1, section: CORRECTNESS })
  } finally {
    db.close()
    await shop.stop()
  }
  return rows
}
