// One batch job over a seeded SQLite file, in a process of its own (`node --import tsx bench/batch-job.ts
// <job> <file> <now>`), so its peak memory is the job's and not what earlier parts of the bench left
// behind. Answers one line of JSON on stdout: the job's answer, its seconds, CPU seconds, peak resident
// memory and WAL bytes per changed row (checkpoints off).
import fs from 'node:fs'
import { settleCommissions } from '../cloudfunctions/src/app/commissions'
import { runGroupBuys } from '../cloudfunctions/src/app/groupbuy-outcomes'
import { expirePoints } from '../cloudfunctions/src/app/points-jobs'
import { reviewTiers } from '../cloudfunctions/src/app/tiers'
import { LocalPayProvider } from '../cloudfunctions/src/local/pay'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import { type BatchJob, type BatchRun, measured, walBytesPerChangedRow } from './measure'

const JOBS: Record<BatchJob, (store: SqliteStore, now: number) => Promise<unknown>> = {
  'points expiry': (store, now) => expirePoints(store, now),
  'tier review': (store, now) => reviewTiers(store, now),
  'commission settlement': (store, now) => settleCommissions(store, now),
  'group-buy expiry': (store, now) => runGroupBuys(store, new LocalPayProvider(store, { now: () => now }), now),
}

/** The process's peak resident memory so far (Linux), in MiB; 0 where /proc is not there. */
function highWaterMiB(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1]
    return kb ? Math.round(Number(kb) / 1024) : 0
  } catch {
    return 0
  }
}

async function main(): Promise<void> {
  const [job, file, at] = process.argv.slice(2)
  const run = JOBS[job as BatchJob]
  if (!run || !file || !at) throw new Error(`usage: batch-job.ts <${Object.keys(JOBS).join(' | ')}> <file> <now>`)
  const store = new SqliteStore(file)
  try {
    const timed = await measured(() => walBytesPerChangedRow(store.db, file, () => run(store, Number(at))))
    const answer: BatchRun<unknown> = {
      result: timed.result.result,
      seconds: timed.seconds,
      cpuSeconds: timed.cpuSeconds,
      // The sampler cannot see inside a synchronous transaction; the kernel's high-water mark can.
      peakMiB: Math.max(timed.peakMiB, highWaterMiB()),
      walBytes: timed.result.walBytes,
      changedRows: timed.result.changedRows,
      walBytesPerRow: timed.result.perRow,
    }
    process.stdout.write(`${JSON.stringify(answer)}\n`)
  } finally {
    await store.close()
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
