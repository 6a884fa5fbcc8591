import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

/** How often the checkpointer copies the log into the database: about the default 1 000 pages of log at the host's peak write rate. */
const CHECKPOINT_EVERY_MS = 20

/**
 * Log pages after which the shop's own connection checkpoints after all: ten times SQLite's default.
 * It ends each run of log the checkpointer could not finish under steady writes, by then mostly copied.
 */
const FALLBACK_AUTOCHECKPOINT = 10_000

// Plain JavaScript, run as a worker thread of its own: the driver is required by its resolved path.
// A checkpoint that throws ends the thread (its connection closes with it).
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /** Stops the thread and closes its connection (before the shop's own connection closes and cleans up the log). */
  stop(): Promise<void>
}

/**
 * Checkpoints a WAL database from a thread of its own, so the thread answering requests seldom does.
 * A checkpoint copies the log into the database and syncs both files; done by the committing
 * connection every 1 000 pages (SQLite's default), it stalls every caller of that group commit. A
 * passive checkpoint from a second connection takes no lock a writer waits for. Under steady writes
 * the log starts over only after a checkpoint that copied all of it, which the shop's connection
 * still makes at 10 000 pages, by then with little left to copy.
 */
export function checkpointInBackground(db: Database.Database, file: string): Checkpointer {
  const own = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT}`)
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file, everyMs: CHECKPOINT_EVERY_MS } })
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  const ownCheckpoints = () => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${own}`)
  }
  worker.once('error', (error) => {
    console.error('[checkpoints] the checkpoint thread failed:', error)
    ownCheckpoints()
  })
  return {
    async stop() {
      worker.postMessage('stop')
      await exited
      ownCheckpoints()
    },
  }
}
