import type Database from 'better-sqlite3'
import type { CommissionAccount, CommissionLine, Distributor, Order, OrderLine } from '../../../../types/domain'
import { emptyAccount } from '../../core/distribution'
import type { SettlementRule, SettlementSlice } from '../port'
import type { DocRow } from './paging'

/** A distributor's account, inserted or moved to its next version. */
export const PUT_ACCOUNT = `INSERT INTO commission_accounts (distributor_id, version, available, processing, debt, doc) VALUES (?, 1, ?, ?, ?, ?)
  ON CONFLICT (distributor_id) DO UPDATE SET version = commission_accounts.version + 1, available = excluded.available,
    processing = excluded.processing, debt = excluded.debt, doc = excluded.doc`

/** A commission line, inserted or rewritten. */
export const PUT_LINE = `INSERT INTO commission_lines (id, distributor_id, order_id, status, amount, created_at, available_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, amount = excluded.amount, available_at = excluded.available_at, doc = excluded.doc`

export const PUT_ENTRY = 'INSERT INTO commission_entries (id, distributor_id, kind, ref, delta, at) VALUES (?, ?, ?, ?, ?, ?)'

/** Due lines a settlement slice reads at a time, so a large slice never holds all its lines in memory. */
const SETTLE_READ = 1_000

/** An order line of an order in no after-sale case, as settlement reads it: every such line is normal. */
const NORMAL_LINE = { status: 'normal' } as const

/**
 * One transaction for the whole slice, read in pieces of 1 000 lines over the due index (small
 * pieces keep what a piece allocates short-lived). Each line is read with its order's after-sale
 * flag: an order in no after-sale case has every line normal, so its document is only searched for
 * the line's id (`"id":"<order line id>"`, a key and value only that order line has) instead of
 * being parsed; an order with a case open is parsed. Each line is written by rowid; a distributor's
 * account is read once and written once for the slice, and the pass's place is saved with it.
 */
export function settleCommissionSlice(
  db: Database.Database,
  sql: (text: string) => Database.Statement,
  rule: SettlementRule,
  after: { at: number; id: string } | null,
  limit: number,
  cursor: { job: string; version: number },
): SettlementSlice | null {
  return db
    .transaction((): SettlementSlice | null => {
      const saved = sql('SELECT version FROM job_cursors WHERE job = ?').get(cursor.job) as { version: number } | undefined
      if ((saved?.version ?? 0) !== cursor.version) return null
      const slice: SettlementSlice = { read: 0, last: after, settled: 0, amount: 0, waiting: 0, cursorVersion: cursor.version }
      const accounts = new Map<string, { account: CommissionAccount; moved: boolean }>()
      const setLine = sql('UPDATE commission_lines SET status = ?, amount = ?, available_at = ?, doc = ? WHERE rowid = ?')
      const putLine = sql(PUT_LINE)
      const putEntry = sql(PUT_ENTRY)
      const orderDoc = sql('SELECT doc FROM orders WHERE id = ?')
      // The order line of commission line `cm-<order line id>`, searched for in the order's text.
      const columns = `SELECT c.rowid AS row, c.doc AS doc, o.after_sale AS afterSale,
            CASE WHEN o.after_sale = 0 THEN instr(o.doc, '"id":"' || substr(c.id, 4) || '"') > 0 END AS found
          FROM commission_lines c INDEXED BY commission_lines_due LEFT JOIN orders o ON o.id = c.order_id`
      while (slice.read < limit) {
        const take = Math.min(SETTLE_READ, limit - slice.read)
        const rows = (
          slice.last
            ? sql(
                `${columns} WHERE c.status = 'frozen' AND c.available_at <= ? AND (c.available_at, c.id) > (?, ?) ORDER BY c.available_at, c.id LIMIT ?`,
              ).all(rule.now, slice.last.at, slice.last.id, take)
            : sql(`${columns} WHERE c.status = 'frozen' AND c.available_at <= ? ORDER BY c.available_at, c.id LIMIT ?`).all(rule.now, take)
        ) as { row: number; doc: string; afterSale: number | null; found: number | null }[]
        if (rows.length === 0) break
        const parsed = new Map<string, Order | null>()
        const byDistributor = new Map<string, { line: CommissionLine; row: number }[]>()
        for (const { row, doc, afterSale, found } of rows) {
          const line = JSON.parse(doc) as CommissionLine
          slice.read += 1
          slice.last = { at: line.availableAt ?? rule.now, id: line.id }
          let orderLine: Pick<OrderLine, 'status'> | null = null
          if (afterSale === 0 && line.id === `cm-${line.orderLineId}` && JSON.stringify(line.orderLineId) === `"${line.orderLineId}"`) {
            orderLine = found === 1 ? NORMAL_LINE : null
          } else if (afterSale !== null) {
            let order = parsed.get(line.orderId)
            if (order === undefined) {
              const text = orderDoc.get(line.orderId) as DocRow | undefined
              order = text ? (JSON.parse(text.doc) as Order) : null
              parsed.set(line.orderId, order)
            }
            orderLine = order?.lines.find((l) => l.id === line.orderLineId) ?? null
          }
          let distributor = rule.distributors.get(line.distributorId)
          if (distributor === undefined) {
            const found = sql('SELECT doc FROM distributors WHERE member_id = ?').get(line.distributorId) as DocRow | undefined
            distributor = found ? (JSON.parse(found.doc) as Distributor) : null
            rule.distributors.set(line.distributorId, distributor)
          }
          if (!rule.settles(line, orderLine, distributor)) {
            slice.waiting += 1
            continue
          }
          const due = byDistributor.get(line.distributorId)
          if (due) due.push({ line, row })
          else byDistributor.set(line.distributorId, [{ line, row }])
        }
        for (const [distributorId, due] of byDistributor) {
          let held = accounts.get(distributorId)
          if (!held) {
            const row = sql('SELECT doc FROM commission_accounts WHERE distributor_id = ?').get(distributorId) as DocRow | undefined
            held = { account: row ? (JSON.parse(row.doc) as CommissionAccount) : emptyAccount(distributorId), moved: false }
            accounts.set(distributorId, held)
          }
          const decision = rule.settle(
            held.account,
            due.map((d) => d.line),
          )
          if (!decision) continue
          if (decision.withdrawals.length > 0) throw new Error('a settlement writes no withdrawals')
          held.account = decision.account
          held.moved = true
          const read = new Map(due.map((d) => [d.line.id, d]))
          for (const l of decision.lines) {
            if (l.distributorId !== distributorId) throw new Error(`commission line ${l.id} belongs to another distributor`)
            const was = read.get(l.id)
            if (was) setLine.run(l.status, l.amount, l.availableAt, JSON.stringify(l), was.row)
            else putLine.run(l.id, l.distributorId, l.orderId, l.status, l.amount, l.createdAt, l.availableAt, JSON.stringify(l))
            slice.settled += 1
            slice.amount += l.amount
          }
          for (const e of decision.entries) putEntry.run(e.id, e.distributorId, e.kind, e.ref, e.delta, e.at)
        }
      }
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
