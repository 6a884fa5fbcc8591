import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type Database from 'better-sqlite3'

/**
 * Samples the process's resident memory while `work` runs; answers its duration, the CPU time it took
 * (less swayed than the duration when other work shares the machine) and the peak.
 */
export async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; cpuSeconds: number; peakMiB: number }> {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
  const start = performance.now()
  const cpu = process.cpuUsage()
  try {
    const result = await work()
    const { user, system } = process.cpuUsage(cpu)
    return {
      result,
      seconds: Math.round((performance.now() - start) / 10) / 100,
      cpuSeconds: Math.round((user + system) / 10_000) / 100,
      peakMiB: Math.round(Math.max(peak, process.memoryUsage().rss) / 2 ** 20),
    }
  } finally {
    clearInterval(timer)
  }
}

/**
 * WAL bytes `work` writes to a file database per row it changes, with checkpoints off so every page it
 * commits stays in the log: a figure that depends only on the data and the statements, not the machine.
 */
export async function walBytesPerChangedRow<T>(
  db: Database.Database,
  file: string,
  work: () => Promise<T>,
): Promise<{ result: T; walBytes: number; changedRows: number; perRow: number }> {
  db.pragma('wal_checkpoint(TRUNCATE)')
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true })
  db.pragma('wal_autocheckpoint = 0')
  const changes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n
  const before = { bytes: fs.statSync(`${file}-wal`).size, rows: changes() }
  try {
    const result = await work()
    const walBytes = fs.statSync(`${file}-wal`).size - before.bytes
    const changedRows = changes() - before.rows
    return { result, walBytes, changedRows, perRow: changedRows === 0 ? 0 : Math.round(walBytes / changedRows) }
  } finally {
    db.pragma(`wal_autocheckpoint = ${Number(autocheckpoint)}`)
  }
}

/** The batch jobs the bench runs in a process of their own (bench/batch-job.ts). */
export type BatchJob = 'points expiry' | 'tier review' | 'commission settlement' | 'group-buy expiry'

/** What a batch job's own process measured. */
export interface BatchRun<T> {
  /** The job's answer. */
  result: T
  seconds: number
  cpuSeconds: number
  /** The process's peak resident memory: the job, with nothing else the bench did before it. */
  peakMiB: number
  walBytes: number
  changedRows: number
  walBytesPerRow: number
}

/**
 * Runs a bench script (`bench/<script>`) in a fresh Node process and answers the JSON it printed on
 * the last line of its output; `what` names it when the process fails.
 */
export function inOwnProcess<T>(script: string, args: readonly string[], what: string): T {
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.resolve('bench', script), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 2 ** 20,
  })
  if (child.status !== 0) throw new Error(`${what}: its process ended with ${child.status ?? child.signal}`)
  const lines = child.stdout.trim().split('\n')
  return JSON.parse(lines[lines.length - 1]) as T
}

/**
 * Runs `job` at `now` over the SQLite file `file` (which no connection of this process holds open)
 * in a fresh Node process, with the WAL counted as `walBytesPerChangedRow` counts it.
 */
export function batchJobInOwnProcess<T>(job: BatchJob, file: string, now: number): BatchRun<T> {
  return inOwnProcess<BatchRun<T>>('batch-job.ts', [job, file, String(now)], job)
}
