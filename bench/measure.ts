import fs from 'node:fs'
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
