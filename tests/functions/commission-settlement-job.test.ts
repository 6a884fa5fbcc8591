import { describe, expect, it } from 'vitest'
import type { CommissionLine, Distributor, LineStatus, Order } from '../../types/domain'
import { applyOrderEventsToCommissions, settleCommissions } from '../../cloudfunctions/src/app/commissions'
import { JobCursor, UNBOUNDED } from '../../cloudfunctions/src/app/job-runs'
import {
  RULES_VERSION,
  emptyAccount,
  freezeLine,
  openCommissionLines,
  refundLine,
  settleLines,
} from '../../cloudfunctions/src/core/distribution'
import { inAfterSale } from '../../cloudfunctions/src/core/orders'
import { settleable } from '../../cloudfunctions/src/core/settlement'
import type { CommissionState, Store } from '../../cloudfunctions/src/store/port'
import { linePutter } from '../../cloudfunctions/src/store/sqlite/commission-lines'
import { PUT_ENTRY, settleCommissionSlice } from '../../cloudfunctions/src/store/sqlite/commission-settlement'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { dataRows } from '../support/books'
import { NOW, shopWithDueWork } from '../support/due-work'
import { order as orderOf, seededRandom } from '../support/fixtures'

const DAY = 86_400_000

/**
 * A shop of `orders` received orders of one to three lines, each line attributed to one of 12
 * distributors, in every state settlement meets: due long ago, due exactly now, not due yet, not
 * received, voided or shrunk by a refund, already available; lines whose order line is being refunded
 * (after-sale open: they wait), refunded, or whose order is gone; distributors approved, frozen or
 * unknown, some owing a debt (repaid from what settles, in the order walked), one without an account.
 * Titles hold quotes, escapes and characters outside the BMP, as documents must keep them; one
 * order's id holds characters JSON escapes.
 */
function mixedShop(orders: number): SqliteStore {
  const store = new SqliteStore(':memory:')
  const next = seededRandom(33)
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]
  const insertDistributor = store.db.prepare('INSERT INTO distributors (member_id, status, applied_at, doc) VALUES (?, ?, ?, ?)')
  const insertAccount = store.db.prepare(
    'INSERT INTO commission_accounts (distributor_id, version, available, processing, debt, doc) VALUES (?, ?, ?, 0, ?, ?)',
  )
  const insertOrder = store.db.prepare(
    `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, shipped_at, received_at, after_sale, version, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 4, ?)`,
  )
  const putLine = linePutter(store.db)
  const distributors = Array.from({ length: 12 }, (_, i) => `d${String(i).padStart(2, '0')}`)
  store.db.transaction(() => {
    for (const [i, id] of distributors.entries()) {
      // d10 never applied (no distributor); d09 was frozen.
      if (i < 10) {
        const status = i === 9 ? 'frozen' : 'approved'
        const d: Distributor = {
          memberId: id,
          status,
          code: `CODE${i}`,
          attestedAdult: true,
          rulesVersion: RULES_VERSION,
          appliedAt: NOW - 90 * DAY,
          decidedAt: NOW - 80 * DAY,
          note: '',
        }
        insertDistributor.run(id, status, d.appliedAt, JSON.stringify(d))
      }
      // d11 has no account yet; d01 and d02 owe what a clawback took.
      if (i === 11) continue
      const debt = i === 1 ? 500 : i === 2 ? 1_000_000 : 0
      insertAccount.run(id, 1 + (i % 3), 0, debt, JSON.stringify({ ...emptyAccount(id), debt }))
    }
    const receipts = [NOW - 30 * DAY, NOW - 7 * DAY - 1, NOW - 7 * DAY, NOW - 7 * DAY + 1, NOW - 2 * DAY]
    for (let o = 0; o < orders; o += 1) {
      // One order in no after-sale case has an id holding a quote and a backslash: its lines' order line
      // ids are not searched for as text, the order is parsed.
      const id = o === 16 ? 'o"\\00016' : `o${String(o).padStart(5, '0')}`
      const lineCount = 1 + Math.floor(next() * 3)
      const base = orderOf(
        id,
        { memberId: `buyer${o % 7}` },
        Array.from({ length: lineCount }, (_, l) => ({ skuId: `p${l + 1}-s1`, price: 990 + 10 * Math.floor(next() * 900), quantity: 1 })),
      )
      const receivedAt = pick(receipts)
      const received = next() < 0.9
      const lineStatus = (): LineStatus => pick(['normal', 'normal', 'normal', 'normal', 'normal', 'refunding', 'refunded'] as const)
      const lines = base.lines.map((l) => {
        const status = lineStatus()
        return {
          ...l,
          title: pick(['明前龙井', '"特级" 碧螺春', 'tab\there\n', '🍵 抹茶 \u2028']),
          distributorId: pick(distributors),
          status,
          refundedAmount: status === 'refunded' ? Math.floor(l.paidAmount / pick([1, 2])) : 0,
        }
      })
      const paidAt = receivedAt - 3 * DAY
      const order: Order = {
        ...base,
        lines,
        status: received ? 'received' : 'shipped',
        createdAt: paidAt - 60_000,
        payDeadline: paidAt,
        paidAt,
        shippedAt: paidAt + DAY,
        receivedAt: received ? receivedAt : null,
        transactionId: `tx-${id}`,
      }
      // Every 23rd order is gone (its lines cannot prove their case closed).
      if (o % 23 !== 5) {
        insertOrder.run(
          order.id,
          order.memberId,
          order.status,
          order.payable,
          order.refundedAmount,
          order.createdAt,
          order.payDeadline,
          order.shippedAt,
          order.receivedAt,
          inAfterSale(order) ? 1 : 0,
          JSON.stringify(order),
        )
      }
      for (const distributorId of new Set(lines.map((l) => l.distributorId))) {
        for (const opened of openCommissionLines(order, distributorId, new Map(), 1_000, paidAt)) {
          let line: CommissionLine = received ? (freezeLine(opened, receivedAt) ?? opened) : opened
          const orderLine = lines.find((l) => `cm-${l.id}` === line.id)!
          if (orderLine.refundedAmount > 0) line = refundLine(line, orderLine.refundedAmount, receivedAt)?.line ?? line
          // Some lines settled before this run.
          if (line.status === 'frozen' && o % 11 === 3) line = { ...line, status: 'available', settledAt: NOW - DAY }
          putLine(line)
        }
      }
    }
  })()
  return store
}

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
  it('leaves exactly the tables the job with slices of 200 leaves over lines in every state, and a second run changes nothing', async () => {
    const reference = mixedShop(700)
    const before = books(reference)
    await settleIn200s(reference, NOW)
    const expected = books(reference)
    const unversioned = books(reference, false)
    const entries = (rows: unknown[]) => rows.map(String)
    // Lines settled, debts were repaid from them, and lines wait for each reason.
    expect(entries(expected.commission_entries).some((e) => e.includes('"repay"'))).toBe(true)
    expect(expected.commission_entries.length - before.commission_entries.length).toBeGreaterThan(300)
    expect(entries(expected.commission_lines).filter((l) => l.includes('"frozen"')).length).toBeGreaterThan(30)

    for (const slice of [1, 7, 200, 50_000]) {
      const store = mixedShop(700)
      const first = await settleCommissions(store, NOW, { ...UNBOUNDED, slice })
      expect(first.done).toBe(true)
      // Slices of the old size write each account as often; others as often as they hold its lines.
      if (slice === 200) expect(books(store), `slice of ${slice}`).toEqual(expected)
      else expect(books(store, false), `slice of ${slice}`).toEqual(unversioned)
      const again = books(store)
      expect(await settleCommissions(store, NOW, { ...UNBOUNDED, slice })).toMatchObject({ settled: 0, done: true })
      expect(books(store)).toEqual(again)
    }
  })

  it('leaves the same tables when a slice writes its ledger entries after every piece it reads', async () => {
    const reference = mixedShop(700)
    await settleCommissions(reference, NOW)
    const expected = books(reference)
    const store = mixedShop(700)
    // The slice reads 1 000 lines a piece: entries held for one line are written after each piece.
    // Each write of entries counts the ledger as it finds it.
    const ledgerAtEachWrite = new Set<number>()
    const count = store.db.prepare('SELECT COUNT(*) AS n FROM commission_entries')
    const each = (text: string) => {
      if (/^INSERT (OR FAIL )?INTO commission_entries/.test(text)) ledgerAtEachWrite.add((count.get() as { n: number }).n)
      return store.db.prepare(text)
    }
    store.settleCommissionSlice = async (rule, after, limit, cursor) => settleCommissionSlice(store.db, each, rule, after, limit, cursor, 1)
    expect((await settleCommissions(store, NOW)).done).toBe(true)
    expect(books(store)).toEqual(expected)
    // Empty at the first write, then after each piece: entries were written before the slice's end.
    expect(ledgerAtEachWrite.size).toBeGreaterThanOrEqual(3)
    expect(await settleCommissions(store, NOW)).toMatchObject({ settled: 0, done: true })
  })

  it('changes nothing when a ledger entry is refused midway through a slice, and settles everything once it is cleared', async () => {
    const reference = mixedShop(700)
    await settleCommissions(reference, NOW)
    const expected = books(reference)
    const store = mixedShop(700)
    // An entry already holding the id of one the slice writes midway (entries go in distributor after
    // distributor): its statement fails after the entries before it, in it and in earlier ones, were written.
    const written = (expected.commission_entries as string[])
      .map((row) => JSON.parse(row) as { id: string; distributor_id: string })
      .filter((e) => e.id.startsWith('settle:'))
      .sort((a, b) => a.distributor_id.localeCompare(b.distributor_id))
    expect(written.length).toBeGreaterThan(300)
    const taken = written[Math.floor(written.length / 2)]
    store.db.prepare(PUT_ENTRY).run(taken.id, taken.distributor_id, 'settle', 'elsewhere', 1, NOW)
    const before = books(store)
    await expect(settleCommissions(store, NOW)).rejects.toThrow(/UNIQUE/)
    expect(books(store)).toEqual(before)
    store.db.prepare('DELETE FROM commission_entries WHERE ref = ?').run('elsewhere')
    expect((await settleCommissions(store, NOW)).done).toBe(true)
    expect(books(store)).toEqual(expected)
  })

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
