// `npm run bench`: gathers every benchmark into one report — a table on stdout, bench/results.json and
// bench/RESULTS.md. Timings are reported here, never asserted in tests.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { commissionsBench } from './commissions'
import { feedBench } from './feed'
import { flashSaleBench } from './flash-sale'
import { groupBuyBench, groupBuyExpiryBench } from './groupbuy'
import { hostBench } from './host'
import { inOwnProcess } from './measure'
import { WEAPP_JS_FILE_BUDGET, WEAPP_MAIN_BUDGET, WEAPP_MAIN_LIMIT, weappSizes } from './package-size'
import { CHECK_INS_AT_ONCE_METRIC, pointsBench, pointsJobsBench } from './points'
import { redeemBench } from './redeem'
import { requestHostBench } from './request-host'
import { requestPathBench } from './request-path'
import { type Row, type SqliteCeiling, previousResults, report } from './report'
import { sqliteCeiling } from './sqlite-ceiling'
import { weappSetDataBench } from './weapp-setdata'

// Batch jobs at 10^6 rows by default; SIYU_BENCH_SCALE makes a quicker run.
const SCALE = Number(process.env.SIYU_BENCH_SCALE ?? 1_000_000)

/**
 * Parts that can run alone (`SIYU_BENCH_ONLY=commissions npm run bench`), without the builds, the host
 * and the other jobs; their rows replace the rows of their last run in bench/results.json, and
 * bench/RESULTS.md is written again from the merged rows.
 */
const STANDALONE: Record<string, { prefix: string | string[]; run: () => Promise<{ rows: Row[]; ceiling?: SqliteCeiling }> }> = {
  commissions: { prefix: 'commission settlement', run: async () => ({ rows: await commissionsBench(SCALE) }) },
  points: { prefix: ['points expiry', 'tier review'], run: async () => ({ rows: await pointsJobsBench(SCALE) }) },
  groupbuy: { prefix: 'group-buy', run: async () => ({ rows: await groupBuyBench(SCALE) }) },
  // The group-buy timer alone, over SCALE / 10 failed teams.
  'groupbuy-expiry': { prefix: 'group-buy expiry', run: async () => ({ rows: await groupBuyExpiryBench(Math.ceil(SCALE / 10)) }) },
  hot: { prefix: 'flash sale', run: async () => ({ rows: await flashSaleBench() }) },
  // The request path's rows are many names; each replaces the row of the same name.
  'request-path': { prefix: '', run: async () => ({ rows: await requestPathBench() }) },
  'request-host': { prefix: '', run: async () => ({ rows: await requestHostBench() }) },
  h5: { prefix: 'H5 ', run: async () => ({ rows: h5FirstCardRows() }) },
  sqlite: { prefix: 'SQLite', run: sqliteCeiling },
  setdata: { prefix: 'weapp setData', run: async () => ({ rows: weappSetDataBench() }) },
  feed: { prefix: ['推荐 feed', 'newest-first feed'], run: async () => ({ rows: await feedBench() }) },
}

/** The H5 first-card bench, run in a process of its own (see h5-process.ts). */
const h5FirstCardRows = (): Row[] => inOwnProcess<Row[]>('h5-process.ts', [], 'the H5 first-card bench')

function ensureBuilt(type: 'weapp' | 'h5', marker: string): void {
  if (fs.existsSync(marker)) return
  const build = spawnSync('npx', ['taro', 'build', '--type', type], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (build.status !== 0) throw new Error(`taro build --type ${type} failed`)
}

function packageRows(): Row[] {
  const section = 'Package size' as const
  const weapp = weappSizes('dist/weapp')
  const [largestSubpackage, largestSubpackageBytes] = Object.entries(weapp.subpackages).sort((a, b) => b[1] - a[1])[0] ?? ['none', 0]
  const ofLimit = (bytes: number) => Math.round((bytes / WEAPP_MAIN_LIMIT) * 1000) / 10
  return [
    { metric: 'weapp main package', value: weapp.mainBytes, unit: 'bytes', budget: WEAPP_MAIN_BUDGET, section },
    { metric: 'weapp main package vs WeChat limit', value: ofLimit(weapp.mainBytes), unit: '%', section },
    { metric: 'weapp total', value: weapp.totalBytes, unit: 'bytes', section },
    { metric: 'weapp total vs the 2 MB package limit', value: ofLimit(weapp.totalBytes), unit: '%', section },
    { metric: `weapp largest subpackage (${largestSubpackage})`, value: largestSubpackageBytes, unit: 'bytes', section },
    { metric: `weapp largest file (${weapp.largestFile.file})`, value: weapp.largestFile.bytes, unit: 'bytes', section },
    {
      metric: `weapp largest JS (${weapp.largestJs.file})`,
      value: weapp.largestJs.bytes,
      unit: 'bytes',
      budget: WEAPP_JS_FILE_BUDGET,
      section,
    },
  ]
}

/** Issue 19's stretch: check-ins that arrive together, against the raw single-row write ceiling of the same run. */
function checkInStretch(rows: readonly Row[], ceiling: SqliteCeiling): Row[] {
  const together = rows.find((r) => r.metric === CHECK_INS_AT_ONCE_METRIC)
  if (!together) return []
  return [
    {
      metric: 'stretch: check-ins at once vs SQLite single-row write ceiling',
      value: Math.round((together.value / ceiling.writeTransactionsPerSecond) * 1000) / 10,
      unit: '%',
      atLeast: 25,
      section: 'Service throughput',
    },
  ]
}

async function main(): Promise<void> {
  const only = process.env.SIYU_BENCH_ONLY
  if (only) {
    const part = STANDALONE[only]
    if (!part) throw new Error(`SIYU_BENCH_ONLY must be one of: ${Object.keys(STANDALONE).join(', ')}`)
    const { rows, ceiling } = await part.run()
    const previous = previousResults()
    const prefixes = (typeof part.prefix === 'string' ? [part.prefix] : part.prefix).filter((p) => p !== '')
    const measured = new Set(rows.map((r) => r.metric))
    const replaced = (r: Row) => measured.has(r.metric) || prefixes.some((p) => r.metric.startsWith(p))
    const kept = [...(previous?.rows ?? []).filter((r) => !replaced(r)), ...rows]
    report(rows, kept, ceiling ?? previous?.sqliteCeiling)
    return
  }
  ensureBuilt('weapp', 'dist/weapp/app.json')
  ensureBuilt('h5', 'dist/h5/index.html')
  const rows: Row[] = packageRows()
  rows.push(...weappSetDataBench())
  rows.push(...h5FirstCardRows())
  // Measured before the host starts, so nothing else competes for the disk and the cores.
  const { ceiling, rows: ceilingRows } = await sqliteCeiling()
  rows.push(...ceilingRows)
  rows.push(...(await hostBench()))
  rows.push(...(await requestHostBench()))
  rows.push(...(await redeemBench()))
  rows.push(...(await requestPathBench()))
  rows.push(...(await feedBench()))
  rows.push(...(await pointsBench(SCALE)))
  rows.push(...(await commissionsBench(SCALE)))
  rows.push(...(await groupBuyBench(SCALE)))
  rows.push(...(await flashSaleBench()))
  rows.push(...checkInStretch(rows, ceiling))
  report(rows, rows, ceiling)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
