// `npm run bench`: measures package sizes and the local host's catalog throughput, prints a table and
// writes bench/results.json. Timings are reported here, never asserted in tests.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startShopProcess } from '../tests/support/shop-process'
import Database from 'better-sqlite3'
import { changePoints, grant } from '../cloudfunctions/src/app/points'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import { commissionsBench } from './commissions'
import { groupBuyBench } from './groupbuy'
import { measureFlow, measurePost } from './http'
import { pointsBench } from './points'
import { BENCH_ITEM, redeemBench } from './redeem'
import { WEAPP_JS_FILE_BUDGET, WEAPP_MAIN_BUDGET, WEAPP_MAIN_LIMIT, h5InitialJs, weappSizes } from './package-size'

interface Row {
  metric: string
  value: number
  unit: string
  budget?: number
}

// Batch jobs at 10^6 rows by default; SIYU_BENCH_SCALE makes a quicker run.
const SCALE = Number(process.env.SIYU_BENCH_SCALE ?? 1_000_000)
const RESULTS = path.join('bench', 'results.json')

/**
 * Parts that can run alone (`SIYU_BENCH_ONLY=commissions npm run bench`), without the builds, the host
 * and the other jobs; their rows replace the rows of their last run in bench/results.json.
 */
const STANDALONE: Record<string, { prefix: string; run: () => Promise<Row[]> }> = {
  commissions: { prefix: 'commission settlement', run: () => commissionsBench(SCALE) },
  groupbuy: { prefix: 'group-buy', run: () => groupBuyBench(SCALE) },
}

function ensureBuilt(type: 'weapp' | 'h5', marker: string): void {
  if (fs.existsSync(marker)) return
  const build = spawnSync('npx', ['taro', 'build', '--type', type], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`taro build --type ${type} failed`)
}

async function main(): Promise<void> {
  const only = process.env.SIYU_BENCH_ONLY
  if (only) {
    const part = STANDALONE[only]
    if (!part) throw new Error(`SIYU_BENCH_ONLY must be one of: ${Object.keys(STANDALONE).join(', ')}`)
    const rows = await part.run()
    const previous = fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as { rows: Row[] }).rows : []
    report(rows, [...previous.filter((r) => !r.metric.startsWith(part.prefix)), ...rows])
    return
  }
  const rows: Row[] = []
  ensureBuilt('weapp', 'dist/weapp/app.json')
  ensureBuilt('h5', 'dist/h5/index.html')

  const weapp = weappSizes('dist/weapp')
  rows.push({ metric: 'weapp main package', value: weapp.mainBytes, unit: 'bytes', budget: WEAPP_MAIN_BUDGET })
  rows.push({ metric: 'weapp main package vs WeChat limit', value: Math.round((weapp.mainBytes / WEAPP_MAIN_LIMIT) * 1000) / 10, unit: '%' })
  rows.push({ metric: 'weapp total', value: weapp.totalBytes, unit: 'bytes' })
  rows.push({ metric: `weapp largest file (${weapp.largestFile.file})`, value: weapp.largestFile.bytes, unit: 'bytes' })
  rows.push({ metric: `weapp largest JS (${weapp.largestJs.file})`, value: weapp.largestJs.bytes, unit: 'bytes', budget: WEAPP_JS_FILE_BUDGET })
  const h5 = h5InitialJs('dist/h5')
  rows.push({ metric: 'H5 initial JS (gzip)', value: h5.gzipBytes, unit: 'bytes' })
  rows.push({ metric: 'H5 initial JS (raw)', value: h5.bytes, unit: 'bytes' })

  const shop = await startShopProcess()
  try {
    const api = new URL('/api/catalog', shop.url).toString()
    const list = await measurePost(api, { action: 'products', data: { pageSize: 10, sort: 'sales' } })
    const detail = await measurePost(api, { action: 'product', data: { id: 'p01' } })
    for (const [name, m] of [['catalog.products', list], ['catalog.product', detail]] as const) {
      rows.push({ metric: `${name} requests/s`, value: m.requestsPerSecond, unit: 'req/s' })
      rows.push({ metric: `${name} p50`, value: m.p50Ms, unit: 'ms' })
      rows.push({ metric: `${name} p99`, value: m.p99Ms, unit: 'ms' })
      rows.push({ metric: `${name} failed responses`, value: m.errors + m.non2xx, unit: 'count' })
    }

    // Checkout = quote + create + pay (through the payment callback), by signed-in members.
    const db = new Database(shop.dbPath)
    db.prepare('UPDATE skus SET stock = 1000000').run()
    db.close()
    const call = async (route: string, body: unknown, token?: string) => {
      const res = await fetch(new URL(route, shop.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      })
      const answer = await res.json()
      if (!answer.ok) throw new Error(answer.code)
      return answer.data
    }
    const tokens = await Promise.all(['consumer-v1', 'consumer-v4', 'koc', 'operator'].map(async (as) => (await call('/dev/login', { as })).token))
    const address = { name: '王五', phone: '13700000000', region: '北京市 朝阳区', detail: '建国路 1 号' }
    const checkout = await measureFlow(async (worker, i) => {
      const token = tokens[worker % tokens.length]
      const items = [{ skuId: 'p01-s1', quantity: 1 }, { skuId: 'p09-s1', quantity: 2 }]
      const quote = await call('/api/order', { action: 'quote', data: { items } }, token)
      const { order } = await call('/api/order', { action: 'create', data: { requestId: `bench-${worker}-${i}-${Date.now()}`, items, address, expectedPayable: quote.payable } }, token)
      const paid = await call('/dev/pay', { orderId: order.id })
      if (paid.outcome !== 'paid') throw new Error(paid.outcome)
    })
    rows.push({ metric: 'checkout (quote+create+pay) per second', value: checkout.perSecond, unit: 'flows/s' })
    rows.push({ metric: 'checkout p50', value: checkout.p50Ms, unit: 'ms' })
    rows.push({ metric: 'checkout p99', value: checkout.p99Ms, unit: 'ms' })
    rows.push({ metric: 'checkout failures', value: checkout.failures, unit: 'count' })

    // Redemptions through the local host: an operator lists an item with no limits, members redeem it.
    const shopStore = new SqliteStore(shop.dbPath)
    for (const memberId of ['consumer-v1', 'consumer-v4', 'koc']) {
      await changePoints(shopStore, memberId, `bench:${memberId}`, (state) =>
        grant(state, { id: `bench:${memberId}`, source: 'adjustment', ref: 'bench', amount: 1_000_000, at: Date.now(), note: '' }),
      )
    }
    await shopStore.close()
    const operator = tokens[3]
    const item = await call('/api/redeem', { action: 'upsertItem', data: { ...BENCH_ITEM('bench', 1_000_000, Date.now()), id: 'bench' } }, operator)
    const redeemers = tokens.slice(0, 3)
    const redemptions = await measureFlow(async (worker, i) => {
      await call('/api/redeem', { action: 'redeem', data: { itemId: item.id, idempotencyKey: `bench-${worker}-${i}-${Date.now()}` } }, redeemers[worker % redeemers.length])
    }, 3, 6)
    rows.push({ metric: 'redemptions per second (local host)', value: redemptions.perSecond, unit: 'ops/s' })
    rows.push({ metric: 'redemption p50 (local host)', value: redemptions.p50Ms, unit: 'ms' })
    rows.push({ metric: 'redemption p99 (local host)', value: redemptions.p99Ms, unit: 'ms' })
  } finally {
    await shop.stop()
  }

  rows.push(...(await redeemBench()))
  rows.push(...(await pointsBench(SCALE)))
  rows.push(...(await commissionsBench(SCALE)))
  rows.push(...(await groupBuyBench(SCALE)))
  report(rows, rows)
}

/** Prints `measured` as a table and writes `kept` to bench/results.json. */
function report(measured: Row[], kept: Row[]): void {
  const width = Math.max(...measured.map((r) => r.metric.length))
  console.log(`${'metric'.padEnd(width)}  ${'value'.padStart(12)}  unit     budget`)
  for (const r of measured) {
    console.log(`${r.metric.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit.padEnd(7)}  ${r.budget ?? ''}`)
  }
  const results = {
    generatedAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` },
    rows: kept,
  }
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n')
  console.log(`\nwritten to ${RESULTS}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
