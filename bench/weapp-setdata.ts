import { spawnSync } from 'node:child_process'
import { SETDATA_BUDGET } from '../tests/weapp/harness'
import { CONSUMER } from '../tests/weapp/page-queries'
import type { Row } from './report'

/** The people every page is rendered for, as in tests/weapp/pages-*.test.ts. */
const PEOPLE: [who: string, openid: string][] = [
  ['a visitor', 'weapp-visitor'],
  ['the V4 consumer', CONSUMER],
  ['the owner', 'operator'],
]

/** The largest setData payload of each page for `openid`, measured in a harness render of dist/weapp. */
function largestFor(openid: string): Record<string, number> {
  const run = spawnSync('npx', ['tsx', 'bench/weapp-setdata-render.ts', openid], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const line = run.stdout.split('\n').find((text) => text.startsWith('SETDATA '))
  if (run.status !== 0 || !line) throw new Error(`rendering the mini program for ${openid} failed:\n${run.stderr}`)
  return JSON.parse(line.slice('SETDATA '.length)) as Record<string, number>
}

/**
 * The largest single setData payload (bytes of its JSON) of every page of the built mini program,
 * over a visitor, the seeded V4 consumer and the owner, largest first, against SETDATA_BUDGET.
 */
export function weappSetDataBench(): Row[] {
  const largest = new Map<string, { bytes: number; who: string }>()
  for (const [who, openid] of PEOPLE) {
    for (const [route, bytes] of Object.entries(largestFor(openid))) {
      if (bytes >= (largest.get(route)?.bytes ?? 0)) largest.set(route, { bytes, who })
    }
  }
  return [...largest]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .map(([route, { bytes, who }]) => ({
      metric: `weapp setData largest payload: ${route} (${who})`,
      value: bytes,
      unit: 'bytes',
      budget: SETDATA_BUDGET,
      section: 'Mini program setData' as const,
    }))
}
