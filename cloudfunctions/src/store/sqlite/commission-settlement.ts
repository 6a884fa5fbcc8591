import type Database from 'better-sqlite3'
import type { CommissionAccount, CommissionLine, Distributor, Order, OrderLine } from '../../../../types/domain'
import { emptyAccount } from '../../core/distribution'
import type { DueLine, SettlementRule, SettlementSlice } from '../port'
import type { DocRow } from './paging'

/** A distributor's account, inserted or moved to its next version. */
export const PUT_ACCOUNT = `INSERT INTO commission_accounts (distributor_id, version, available, processing, debt, doc) VALUES (?, 1, ?, ?, ?, ?)
  ON CONFLICT (distributor_id) DO UPDATE SET version = commission_accounts.version + 1, available = excluded.available,
    processing = excluded.processing, debt = excluded.debt, doc = excluded.doc`

const INTO_ENTRIES = 'INTO commission_entries (id, distributor_id, kind, ref, delta, at) VALUES'
const ENTRY_VALUES = '(?, ?, ?, ?, ?, ?)'

export const PUT_ENTRY = `INSERT ${INTO_ENTRIES} ${ENTRY_VALUES}`

/** Ledger entries one statement inserts. */
const ENTRIES_AT_ONCE = 100

/** Due lines a settlement slice reads at a time, so a large slice never holds all its lines in memory. */
const SETTLE_READ = 1_000

/**
 * Lines read between two writes of the ledger entries they earned (at least: pieces are read whole).
 * Held longer, each distributor's end of the ledger index is touched once for more entries; held
 * shorter, the entries weigh less on the job's memory (at 50 000 the job's peak is what a 50 000-line
 * slice's was).
 */
const ENTRIES_HELD = 50_000

/** An order line of an order in no after-sale case, as settlement reads it: every such line is normal. */
const NORMAL_LINE = { status: 'normal' } as const

/** Characters JSON writes escaped (and surrogates, which it may). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what JSON escapes
const ESCAPED_IN_JSON = /["\\\u0000-\u001f\ud800-\udfff]/

/** An order line id with nothing JSON escapes: SQL can search an order's text for it as it is. */
const plainId = (id: string) => !ESCAPED_IN_JSON.test(id)

/** A due line as the slice keeps it: its columns and where it is stored. */
interface DueRow extends DueLine {
  row: number
}

/**
 * A due line's columns as read (arrays, not objects: a million objects made by the driver cost more
 * than the reading), its order's after-sale flag (null: no such order) and whether its order line's
 * id was found in the order's text (asked only of an order in no after-sale case).
 */
type DueColumns = [
  row: number,
  id: string,
  distributorId: string,
  orderId: string,
  orderLineId: string,
  status: CommissionLine['status'],
  amount: number,
  availableAt: number | null,
  afterSale: number | null,
  found: number | null,
]

// A line's order line is searched for in its order's text; the line's document is not read.
const DUE_COLUMNS = `SELECT c.rowid, c.id, c.distributor_id, c.order_id, c.order_line_id, c.status, c.amount, c.available_at, o.after_sale,
    CASE WHEN o.after_sale = 0 THEN instr(o.doc, '"id":"' || c.order_line_id || '"') > 0 END
  FROM commission_lines c INDEXED BY commission_lines_due LEFT JOIN orders o ON o.id = c.order_id`

/** The next due lines after `last`, in the pass's order. */
function readDue(sql: Sql, now: number, last: { at: number; id: string } | null, take: number): DueColumns[] {
  const due = last
    ? sql(
        `${DUE_COLUMNS} WHERE c.status = 'frozen' AND c.available_at <= ? AND (c.available_at, c.id) > (?, ?) ORDER BY c.available_at, c.id LIMIT ?`,
      )
        .raw(true)
        .all(now, last.at, last.id, take)
    : sql(`${DUE_COLUMNS} WHERE c.status = 'frozen' AND c.available_at <= ? ORDER BY c.available_at, c.id LIMIT ?`).raw(true).all(now, take)
  return due as DueColumns[]
}

type Sql = (text: string) => Database.Statement

/**
 * One transaction for the whole slice, read in pieces of 1 000 lines over the due index (small
 * pieces keep what a piece allocates short-lived), as columns: the rule needs nothing of a line's
 * document. An order in no after-sale case has every line normal, so its text is only searched for
 * the line's order line id (`"id":"<order line id>"`, a key and value only that order line has);
 * an order with a case open is parsed.
 *
 * Settling changes a line's status and settledAt only, which its indexed row holds (the document is
 * kept apart, see commission-lines.ts), so each piece's lines are changed in one statement. The
 * ledger entries are inserted every `ENTRIES_HELD` lines and at the slice's end, distributor after
 * distributor (each distributor's end of the ledger index is touched once for all their entries
 * since the last insert), 100 a statement. A distributor's account is read once and written once
 * for the slice, and the pass's place is saved with it.
 */
export function settleCommissionSlice(
  db: Database.Database,
  sql: Sql,
  rule: SettlementRule,
  after: { at: number; id: string } | null,
  limit: number,
  cursor: { job: string; version: number },
  entriesHeld = ENTRIES_HELD,
): SettlementSlice | null {
  return db
    .transaction((): SettlementSlice | null => {
      const saved = sql('SELECT version FROM job_cursors WHERE job = ?').get(cursor.job) as { version: number } | undefined
      if ((saved?.version ?? 0) !== cursor.version) return null
      const slice: SettlementSlice = { read: 0, last: after, settled: 0, amount: 0, waiting: 0, cursorVersion: cursor.version }
      const accounts = new Map<string, { account: CommissionAccount; moved: boolean }>()
      const entriesOf = new Map<string, (string | number)[]>()
      const setLines = sql(
        `UPDATE commission_lines SET status = 'available', settled_at = ? WHERE rowid IN (SELECT value FROM json_each(?))`,
      )
      let linesSinceEntries = 0
      while (slice.read < limit) {
        const rows = readDue(sql, rule.now, slice.last, Math.min(SETTLE_READ, limit - slice.read))
        if (rows.length === 0) break
        // The piece's settled lines by when they settled (one instant, the run's).
        const settledAt = new Map<number, number[]>()
        for (const [distributorId, due] of dueByDistributor(sql, rule, rows, slice)) {
          let held = accounts.get(distributorId)
          if (!held) {
            const row = sql('SELECT doc FROM commission_accounts WHERE distributor_id = ?').get(distributorId) as DocRow | undefined
            held = { account: row ? (JSON.parse(row.doc) as CommissionAccount) : emptyAccount(distributorId), moved: false }
            accounts.set(distributorId, held)
          }
          const decision = rule.settle(held.account, due)
          if (!decision) continue
          if (decision.withdrawals.length > 0) throw new Error('a settlement writes no withdrawals')
          held.account = decision.account
          held.moved = true
          for (const l of decision.lines) {
            const rows = settledAt.get(l.settledAt) ?? []
            settledAt.set(l.settledAt, rows)
            rows.push(l.row)
            slice.settled += 1
            slice.amount += l.amount
          }
          const entries = entriesOf.get(distributorId) ?? []
          entriesOf.set(distributorId, entries)
          for (const e of decision.entries) entries.push(e.id, e.distributorId, e.kind, e.ref, e.delta, e.at)
        }
        for (const [at, rows] of settledAt) setLines.run(at, JSON.stringify(rows))
        linesSinceEntries += rows.length
        if (linesSinceEntries >= entriesHeld) {
          insertEntries(sql, entriesOf)
          entriesOf.clear()
          linesSinceEntries = 0
        }
      }
      insertEntries(sql, entriesOf)
      const putAccount = sql(PUT_ACCOUNT)
      for (const [distributorId, { account: a, moved }] of accounts)
        if (moved) putAccount.run(distributorId, a.available, a.processing, a.debt, JSON.stringify(a))
      if (slice.read > 0) {
        const position = JSON.stringify(slice.last)
        const savedAt =
          cursor.version === 0
            ? sql('INSERT INTO job_cursors (job, version, position) VALUES (?, 1, ?)').run(cursor.job, position)
            : sql('UPDATE job_cursors SET version = version + 1, position = ? WHERE job = ? AND version = ?').run(
                position,
                cursor.job,
                cursor.version,
              )
        if (savedAt.changes !== 1) throw new Error(`job cursor ${cursor.job} moved within a transaction`)
        slice.cursorVersion = cursor.version + 1
      }
      return slice
    })
    .immediate()
}

/** The piece's lines that settle now, by distributor in the order walked; counts what was read and what waits. */
function dueByDistributor(sql: Sql, rule: SettlementRule, rows: readonly DueColumns[], slice: SettlementSlice): Map<string, DueRow[]> {
  const parsed = new Map<string, Order | null>()
  const byDistributor = new Map<string, DueRow[]>()
  for (const [row, id, distributorId, orderId, orderLineId, status, amount, availableAt, afterSale, found] of rows) {
    const line: DueRow = { row, id, distributorId, orderId, status, amount, availableAt }
    slice.read += 1
    slice.last = { at: availableAt ?? rule.now, id }
    let orderLine: Pick<OrderLine, 'status'> | null = null
    if (afterSale === 0 && plainId(orderLineId)) {
      orderLine = found === 1 ? NORMAL_LINE : null
    } else if (afterSale !== null) {
      let order = parsed.get(orderId)
      if (order === undefined) {
        const text = sql('SELECT doc FROM orders WHERE id = ?').get(orderId) as DocRow | undefined
        order = text ? (JSON.parse(text.doc) as Order) : null
        parsed.set(orderId, order)
      }
      orderLine = order?.lines.find((l) => l.id === orderLineId) ?? null
    }
    let distributor = rule.distributors.get(distributorId)
    if (distributor === undefined) {
      const stored = sql('SELECT doc FROM distributors WHERE member_id = ?').get(distributorId) as DocRow | undefined
      distributor = stored ? (JSON.parse(stored.doc) as Distributor) : null
      rule.distributors.set(distributorId, distributor)
    }
    if (!rule.settles(line, orderLine, distributor)) {
      slice.waiting += 1
      continue
    }
    const due = byDistributor.get(distributorId)
    if (due) due.push(line)
    else byDistributor.set(distributorId, [line])
  }
  return byDistributor
}

/**
 * The slice's ledger entries (six values each), distributor after distributor, `ENTRIES_AT_ONCE` a
 * statement. `OR FAIL`: an entry refused fails the slice's whole transaction anyway, so the statement
 * need not keep a journal to undo its own earlier rows (keeping one made inserting about 1.5× as slow).
 */
function insertEntries(sql: Sql, entriesOf: ReadonlyMap<string, readonly (string | number)[]>): void {
  const many = sql(`INSERT OR FAIL ${INTO_ENTRIES} ${Array(ENTRIES_AT_ONCE).fill(ENTRY_VALUES).join(', ')}`)
  const batch: (string | number)[] = []
  for (const distributorId of [...entriesOf.keys()].sort())
    for (const value of entriesOf.get(distributorId) ?? []) {
      batch.push(value)
      if (batch.length === 6 * ENTRIES_AT_ONCE) {
        many.run(batch)
        batch.length = 0
      }
    }
  const one = sql(PUT_ENTRY)
  for (let i = 0; i < batch.length; i += 6) one.run(batch.slice(i, i + 6))
}
