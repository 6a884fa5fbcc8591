import type Database from 'better-sqlite3'
import type { CommissionLine, CommissionStatus } from '../../../../types/domain'

/**
 * A commission line is kept in two rows. `commission_lines` holds what its indexes and the settlement
 * job need, including the two fields settling changes (status and settledAt); `commission_line_docs`
 * holds the line without those two, which settling never touches. Settling a million lines then
 * rewrites only the narrow rows, not a ~450-byte document each (a page of the log for every ~7 lines).
 */
export const LINES = 'commission_lines c JOIN commission_line_docs d ON d.id = c.id'

/** The columns `lineOf` reads, from `LINES`. */
export const LINE_COLUMNS = 'c.status, c.settled_at, d.doc'

export interface LineRow {
  status: CommissionStatus
  settled_at: number | null
  doc: string
}

/** A line from its two rows: the document with the status and settledAt of the indexed row. */
export const lineOf = (row: LineRow): CommissionLine => ({ ...JSON.parse(row.doc), status: row.status, settledAt: row.settled_at })

/** A commission line's indexed row, inserted or rewritten (its distributor, order, order line and creation never change). */
const PUT_LINE_ROW = `INSERT INTO commission_lines (id, distributor_id, order_id, order_line_id, status, amount, created_at, available_at, settled_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (id) DO UPDATE SET status = excluded.status, amount = excluded.amount, available_at = excluded.available_at,
    settled_at = excluded.settled_at`

/** A commission line's document, inserted or rewritten. */
const PUT_LINE_DOC = 'INSERT INTO commission_line_docs (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc'

type Sql = (text: string) => Database.Statement

/** Writes a line's two rows (in the caller's transaction). */
export function putLine(sql: Sql, l: CommissionLine): void {
  sql(PUT_LINE_ROW).run(l.id, l.distributorId, l.orderId, l.orderLineId, l.status, l.amount, l.createdAt, l.availableAt, l.settledAt)
  sql(PUT_LINE_DOC).run(l.id, JSON.stringify({ ...l, status: undefined, settledAt: undefined }))
}

/** `putLine` with its statements prepared once, for lines written straight into a database (seeding a shop). */
export function linePutter(db: Database.Database): (line: CommissionLine) => void {
  const statements = new Map<string, Database.Statement>()
  const sql = (text: string) => {
    let statement = statements.get(text)
    if (!statement) {
      statement = db.prepare(text)
      statements.set(text, statement)
    }
    return statement
  }
  return (line) => putLine(sql, line)
}
