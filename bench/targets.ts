import type { BatchRun } from './measure'
import type { Row } from './report'

/** Issue 19's targets for the batch jobs on SQLite, at the sizes it names. */
export const BATCH_TARGETS = {
  /** Seconds for points expiry over 10^6 lots. */
  pointsExpiry: { seconds: 10, rows: 1_000_000 },
  /** Seconds for tier review over 10^6 members. */
  tierReview: { seconds: 20, rows: 1_000_000 },
  /** Seconds for commission settlement over 10^6 lines. */
  commissionSettlement: { seconds: 20, rows: 1_000_000 },
  /** Seconds for group-buy expiry over 10^5 teams. */
  groupBuyExpiry: { seconds: 60, rows: 100_000 },
} as const

/** Every batch job's peak resident memory. */
export const BATCH_PEAK_MIB = 256
/** Every batch job's WAL bytes per row it changes (checkpoints off). */
export const BATCH_WAL_BYTES_PER_ROW = 1024

/** A job's seconds budget over `rows` rows: its target, in proportion when the bench runs at another scale. */
export function secondsBudget(job: keyof typeof BATCH_TARGETS, rows: number): number {
  const { seconds, rows: at } = BATCH_TARGETS[job]
  return Math.round(((seconds * rows) / at) * 100) / 100
}

/**
 * A batch job's rows as measured in its own process: seconds beside its target (in proportion at
 * another scale), CPU time, rows per second, peak memory and WAL bytes per changed row beside theirs.
 */
export function batchJobRows(
  job: string,
  run: BatchRun<unknown>,
  over: { over: number; what: string; target: keyof typeof BATCH_TARGETS; rate?: string },
): Row[] {
  const group = { section: 'Batch jobs', group: job } as const
  return [
    {
      metric: `${job} job over ${over.over} ${over.what}`,
      value: run.seconds,
      unit: 's',
      budget: secondsBudget(over.target, over.over),
      over: over.over,
      ...group,
    },
    { metric: `${job} job CPU time`, value: run.cpuSeconds, unit: 'cpu s', ...group },
    ...(over.rate
      ? [{ metric: `${job} ${over.what} per second`, value: Math.round(over.over / run.seconds), unit: over.rate, ...group }]
      : []),
    { metric: `${job} job peak memory`, value: run.peakMiB, unit: 'MiB', budget: BATCH_PEAK_MIB, ...group },
    { metric: `${job} job WAL per changed row`, value: run.walBytesPerRow, unit: 'bytes', budget: BATCH_WAL_BYTES_PER_ROW, ...group },
    { metric: `${job} job rows changed`, value: run.changedRows, unit: 'count', ...group },
  ]
}
