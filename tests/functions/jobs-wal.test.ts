import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { seedDueCommissions } from '../../bench/commissions'
import { seedExpiredTeams } from '../../bench/groupbuy'
import { walBytesPerChangedRow } from '../../bench/measure'
import { pointsJobsSeeds } from '../../bench/points'
import { BATCH_WAL_BYTES_PER_ROW } from '../../bench/targets'
import { settleCommissions } from '../../cloudfunctions/src/app/commissions'
import { runGroupBuys } from '../../cloudfunctions/src/app/groupbuy-outcomes'
import { expirePoints } from '../../cloudfunctions/src/app/points-jobs'
import { reviewTiers } from '../../cloudfunctions/src/app/tiers'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { T0 } from '../support/fixtures'

// WAL bytes are counted with checkpoints off: every page a job commits stays in the log, so the figure
// depends on the data and the statements only, and is the same on every machine. The shops are the
// bench's, smaller: each job still writes several of its transactions.
describe('batch jobs write at most 1 KB of WAL per row they change', () => {
  const dirs: string[] = []
  const fileStore = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-wal-'))
    dirs.push(dir)
    const file = path.join(dir, 'shop.db')
    return { store: new SqliteStore(file), file }
  }
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('points expiry, over 3 000 members of 10 expired lots each', async () => {
    const { store, file } = fileStore()
    pointsJobsSeeds.expiredLots(store, 3_000, T0)
    const { result, changedRows, perRow } = await walBytesPerChangedRow(store.db, file, () => expirePoints(store, T0))
    await store.close()
    expect(result.lots).toBe(30_000)
    // Per member: the account, 10 lots, 10 ledger entries and the change's key.
    expect(changedRows).toBe(3_000 * 22)
    expect(perRow).toBeLessThanOrEqual(BATCH_WAL_BYTES_PER_ROW)
  })

  it('tier review, over 10 000 members due', async () => {
    const { store, file } = fileStore()
    pointsJobsSeeds.dueTiers(store, 10_000, T0)
    const { result, changedRows, perRow } = await walBytesPerChangedRow(store.db, file, () => reviewTiers(store, T0))
    await store.close()
    expect(result.reviewed).toBe(10_000)
    // Per member: the standing; per change of tier, the member's tier and the change's record.
    expect(changedRows).toBe(10_000 + 2 * result.changed)
    expect(perRow).toBeLessThanOrEqual(BATCH_WAL_BYTES_PER_ROW)
  })

  it('commission settlement, over 120 000 lines of 2 000 distributors', async () => {
    const { store, file } = fileStore()
    await seedDueCommissions(store, 120_000, T0)
    const { result, changedRows, perRow } = await walBytesPerChangedRow(store.db, file, () => settleCommissions(store, T0))
    await store.close()
    expect(result).toMatchObject({ settled: 120_000, waiting: 0, done: true })
    // Per line: the line and its entry; per slice and distributor in it, the account; per slice, the cursor.
    expect(changedRows).toBeGreaterThan(2 * 120_000)
    expect(perRow).toBeLessThanOrEqual(BATCH_WAL_BYTES_PER_ROW)
  }, 120_000)

  it('group-buy expiry, over 12 000 failed teams of 2 paid seats', async () => {
    const { store, file } = fileStore()
    await seedExpiredTeams(store, 12_000, T0)
    const pay = new LocalPayProvider(store, { now: () => T0 })
    const { result, changedRows, perRow } = await walBytesPerChangedRow(store.db, file, () => runGroupBuys(store, pay, T0))
    const taken = store.db.prepare('SELECT SUM(taken) AS n FROM groupbuy_seats_taken').get() as { n: number }
    await store.close()
    expect(result).toMatchObject({ failed: 12_000, refunded: 24_000, done: true })
    expect(taken.n).toBe(0)
    // Per team: failed, then its seats refunded; per seat, the order twice, its refund twice, an event, the stock.
    expect(changedRows).toBeGreaterThan(12_000 * 14)
    expect(perRow).toBeLessThanOrEqual(BATCH_WAL_BYTES_PER_ROW)
  }, 120_000)
})
