import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { walBytesPerChangedRow } from '../../bench/measure'
import { pointsJobsSeeds } from '../../bench/points'
import { BATCH_WAL_BYTES_PER_ROW } from '../../bench/targets'
import { expirePoints } from '../../cloudfunctions/src/app/points-jobs'
import { reviewTiers } from '../../cloudfunctions/src/app/tiers'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { T0 } from '../support/fixtures'

// WAL bytes are counted with checkpoints off: every page a job commits stays in the log, so the figure
// depends on the data and the statements only, and is the same on every machine.
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
    // Per member: the standing and the member's tier; per change of tier, its record.
    expect(changedRows).toBe(2 * 10_000 + result.changed)
    expect(perRow).toBeLessThanOrEqual(BATCH_WAL_BYTES_PER_ROW)
  })
})
