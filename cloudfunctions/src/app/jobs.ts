import type { Store } from '../store/port'
import { rollupVisits } from './touchpoints'

/** A timer job: a timer-trigger function in CloudBase, an interval in the local host. */
export interface JobDef {
  name: string
  description: string
  everyMs: number
  /** CloudBase timer trigger (7-field cron, UTC+8). */
  cron: string
  run(store: Store, now: number): Promise<unknown>
}

export const JOBS: readonly JobDef[] = [
  {
    name: 'touchRollup',
    description: '把入口触点按渠道汇总为每日访问报表（今天和昨天）',
    everyMs: 10 * 60_000,
    cron: '0 */10 * * * * *',
    run: rollupVisits,
  },
]
