import { describe, expect, it } from 'vitest'
import type { Distributor, Order } from '../../types/domain'
import { applyOrderEventsToCommissions, settleCommissions } from '../../cloudfunctions/src/app/commissions'
import { JobCursor, UNBOUNDED } from '../../cloudfunctions/src/app/job-runs'
import { settleLines } from '../../cloudfunctions/src/core/distribution'
import { settleable } from '../../cloudfunctions/src/core/settlement'
import type { CommissionState, Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { dataRows } from '../support/books'
import { NOW, shopWithDueWork } from '../support/due-work'

/** The settlement job as it was with slices of 200 lines, a pass ending at the first short slice. */
async function settleIn200s(store: Store, now: number): Promise<void> {
  await applyOrderEventsToCommissions(store, now)
  const cursor = await JobCursor.open<{ at: number; id: string }>(store, 'commissionSettlement')
  const distributors = new Map<string, Distributor | null>()
  for (;;) {
    const due = await store.dueCommissionLines(now, cursor.position, 200)
    if (due.length === 0) break
    const orders = new Map<string, Order | null>()
    const byDistributor = new Map<string, string[]>()
    for (const line of due) {
      if (!distributors.has(line.distributorId)) distributors.set(line.distributorId, await store.findDistributor(line.distributorId))
      if (!orders.has(line.orderId)) orders.set(line.orderId, (await store.findOrder(line.orderId))?.order ?? null)
      const orderLine = orders.get(line.orderId)?.lines.find((l) => l.id === line.orderLineId) ?? null
      if (!settleable(line, orderLine, distributors.get(line.distributorId) ?? null, now).settle) continue
      byDistributor.set(line.distributorId, [...(byDistributor.get(line.distributorId) ?? []), line.id])
    }
    await store.updateCommissionsBatch(
      [...byDistributor].map(([distributorId, lineIds]) => ({
        distributorId,
        read: { lineIds },
        decide: (state: CommissionState) => settleLines(state.account, state.lines, now),
      })),
    )
    const last = due[due.length - 1]
    await cursor.save({ at: last.availableAt ?? now, id: last.id })
    if (due.length < 200) break
  }
  await cursor.save(null)
}

/**
 * The shop's tables, the audit log aside (its ids count every staff action in the process, and the job
 * writes none). The job's cursor counts its saves, one a slice; `withVersions: false` also sets aside
 * the accounts' versions, which count the writes: once a slice for each distributor in it.
 */
function books(store: SqliteStore, withVersions = true): Record<string, unknown[]> {
  const { audit_log: _staff, ...rows } = dataRows(store)
  const unversioned = (row: string) => ({ ...JSON.parse(row), version: undefined })
  return {
    ...rows,
    job_cursors: rows.job_cursors.map(unversioned),
    commission_accounts: withVersions ? rows.commission_accounts : rows.commission_accounts.map(unversioned),
  }
}

describe('commission settlement in large slices', () => {
  it('leaves exactly the tables the job with slices of 200 leaves, at every slice size, and a second run changes nothing', async () => {
    const reference = new SqliteStore(':memory:')
    await shopWithDueWork(reference)
    const before = books(reference)
    await settleIn200s(reference, NOW)
    const expected = books(reference)
    const unversioned = books(reference, false)
    // Lines were settled, and one waits for its after-sale case.
    expect(expected.commission_entries.length).toBeGreaterThan(before.commission_entries.length)
    expect(expected.commission_lines.some((l) => String(l).includes('"frozen"'))).toBe(true)

    for (const slice of [1, 2, 5_000]) {
      const store = new SqliteStore(':memory:')
      await shopWithDueWork(store)
      expect((await settleCommissions(store, NOW, { ...UNBOUNDED, slice })).done).toBe(true)
      // Slices as large as the old ones or larger write each account as often; smaller ones more often.
      if (slice >= 200) expect(books(store), `slice of ${slice}`).toEqual(expected)
      else expect(books(store, false), `slice of ${slice}`).toEqual(unversioned)
      const again = books(store)
      expect(await settleCommissions(store, NOW, { ...UNBOUNDED, slice })).toMatchObject({ settled: 0, done: true })
      expect(books(store)).toEqual(again)
    }
  })
})
