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
