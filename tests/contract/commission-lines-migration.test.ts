/**
 * A local database from before commission lines kept their documents apart: migration 35 moves each
 * line's document out of its indexed row, keeps its status and settledAt on the row, and every line
 * reads back as it was stored; settling afterwards changes the rows alone.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { CommissionLine, Order } from '../../types/domain'
import { settleCommissions } from '../../cloudfunctions/src/app/commissions'
import { RULES_VERSION, freezeLine, openCommissionLines, refundLine } from '../../cloudfunctions/src/core/distribution'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { order as orderOf } from '../support/fixtures'
import { databaseAtVersion } from '../support/schema-at'

const DAY = 86_400_000
const T0 = Date.parse('2026-11-20T12:00:00+08:00')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-lines-migration-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Lines in every status, titles holding quotes, escapes and characters outside the BMP. */
function stored(): { order: Order; lines: CommissionLine[] } {
  const titles = ['明前龙井', '"特级" 碧螺春 \\ 白茶', 'tab\there\n', '🍵 抹茶 \u2028']
  const paidAt = T0 - 20 * DAY
  const base = orderOf(
    'o-1',
    { memberId: 'buyer1', status: 'received', paidAt },
    titles.map((_, i) => ({ skuId: `p${i + 1}-s1`, price: 1_000 * (i + 1), quantity: 1 })),
  )
  const order = { ...base, lines: base.lines.map((l, i) => ({ ...l, title: titles[i], distributorId: 'd1' })) }
  const [pending, frozen, settled, voided] = openCommissionLines(order, 'd1', new Map(), 1_000, paidAt)
  const received = T0 - 10 * DAY
  const lines: CommissionLine[] = [
    pending,
    freezeLine(frozen, received)!,
    { ...freezeLine(settled, received)!, status: 'available', settledAt: T0 - DAY },
    refundLine(freezeLine(voided, received)!, voided.paidAmount, T0 - 9 * DAY)!.line,
  ]
  return { order, lines }
}

describe('the commission lines migration (sqlite)', () => {
  it('keeps every line as it was, its status and settledAt on the indexed row and the rest in its document', async () => {
    const file = path.join(dir, 'shop.db')
    const db = databaseAtVersion(file, 34)
    const { order, lines } = stored()
    expect(lines.map((l) => l.status)).toEqual(['pending', 'frozen', 'available', 'void'])
    const insert = db.prepare(
      'INSERT INTO commission_lines (id, distributor_id, order_id, status, amount, created_at, available_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    for (const l of lines) insert.run(l.id, l.distributorId, l.orderId, l.status, l.amount, l.createdAt, l.availableAt, JSON.stringify(l))
    db.close()

    const store = new SqliteStore(file)
    try {
      expect(await store.findCommissionLines(lines.map((l) => l.id))).toEqual(lines)
      expect(await store.commissionLinesOfOrder('o-1')).toEqual(lines)
      const inFlight = await store.listCommissionLines({ distributorId: 'd1', status: 'frozen', offset: 0, limit: 10 })
      expect(inFlight).toEqual({ items: [lines[1]], total: 1 })
      const rows = store.db.prepare('SELECT id, order_line_id, status, settled_at FROM commission_lines ORDER BY id').all()
      expect(rows).toEqual(lines.map((l) => ({ id: l.id, order_line_id: l.orderLineId, status: l.status, settled_at: l.settledAt })))
      for (const { doc } of store.db.prepare('SELECT doc FROM commission_line_docs').all() as { doc: string }[]) {
        expect(Object.keys(JSON.parse(doc))).not.toContain('status')
        expect(Object.keys(JSON.parse(doc))).not.toContain('settledAt')
      }

      // The frozen line is due; its order and an approved distributor let it settle.
      store.db.prepare('INSERT INTO distributors (member_id, status, applied_at, doc) VALUES (?, ?, ?, ?)').run(
        'd1',
        'approved',
        T0 - 90 * DAY,
        JSON.stringify({
          memberId: 'd1',
          status: 'approved',
          code: 'D1XXXXXX',
          attestedAdult: true,
          rulesVersion: RULES_VERSION,
          appliedAt: T0 - 90 * DAY,
          decidedAt: T0 - 90 * DAY,
          note: '',
        }),
      )
      store.db
        .prepare(
          `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, after_sale, version, doc)
           VALUES ('o-1', 'buyer1', 'received', 0, 0, ?, ?, 0, 1, ?)`,
        )
        .run(T0 - 20 * DAY, T0 - 20 * DAY, JSON.stringify(order))
      const docsBefore = store.db.prepare('SELECT id, doc FROM commission_line_docs ORDER BY id').all()
      const run = await settleCommissions(store, T0)
      expect(run).toMatchObject({ settled: 1, amount: lines[1].amount })
      expect(await store.findCommissionLines([lines[1].id])).toEqual([{ ...lines[1], status: 'available', settledAt: T0 }])
      expect(store.db.prepare('SELECT id, doc FROM commission_line_docs ORDER BY id').all()).toEqual(docsBefore)
    } finally {
      await store.close()
    }
  })
})
