import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { RULES_VERSION, emptyAccount, freezeLine, openCommissionLines } from '../cloudfunctions/src/core/distribution'
import { linePutter } from '../cloudfunctions/src/store/sqlite/commission-lines'
import { SqliteStore } from '../cloudfunctions/src/store/sqlite/store'
import type { Distributor, Order, OrderLine } from '../types/domain'
import { batchJobInOwnProcess } from './measure'
import { batchJobRows } from './targets'
import type { Row } from './report'

const DAY = 86_400_000
const DISTRIBUTORS = 2_000
const LINES_PER_ORDER = 2
const DEFAULT_BPS = 1_000

/** A seeded generator, so every run settles the same lines. */
function random(seed: number): () => number {
  let s = seed
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0
    return s / 2 ** 32
  }
}

function distributor(memberId: string, at: number): Distributor {
  return {
    memberId,
    status: 'approved',
    code: memberId.toUpperCase().padEnd(8, 'X'),
    attestedAdult: true,
    rulesVersion: RULES_VERSION,
    appliedAt: at,
    decidedAt: at,
    note: '',
  }
}

/** A received order of attributed lines, as the order flow leaves it (placed, paid, shipped, received). */
function receivedOrder(id: string, distributorId: string, prices: number[], receivedAt: number): Order {
  const paidAt = receivedAt - 3 * DAY
  const lines: OrderLine[] = prices.map((price, i) => ({
    id: `${id}-${i + 1}`,
    lineNo: i + 1,
    productId: `p${String(i + 1).padStart(2, '0')}`,
    skuId: `p${String(i + 1).padStart(2, '0')}-s1`,
    title: `商品 ${i + 1}`,
    specs: { 规格: '标准' },
    image: `https://img.example.com/p${i + 1}.jpg`,
    unitPrice: price,
    memberUnitPrice: price,
    quantity: 1,
    goodsAmount: price,
    memberDiscount: 0,
    couponDeduction: 0,
    pointsDeduction: 0,
    paidAmount: price,
    refundedAmount: 0,
    status: 'normal',
    distributorId,
  }))
  const goods = prices.reduce((sum, p) => sum + p, 0)
  return {
    id,
    memberId: `buyer-${id}`,
    status: 'received',
    lines,
    goodsAmount: goods,
    memberDiscount: 0,
    couponId: null,
    couponDiscount: 0,
    pointsUsed: 0,
    pointsDeduction: 0,
    shipping: 0,
    payable: goods,
    refundedAmount: 0,
    address: { name: '王五', phone: '13700000000', region: '北京市 朝阳区', detail: '建国路 1 号' },
    remark: '',
    createdAt: paidAt - 60_000,
    payDeadline: paidAt - 60_000 + 30 * 60_000,
    paidAt,
    shippedAt: paidAt + DAY,
    receivedAt,
    completedAt: null,
    cancelledAt: null,
    closedAt: null,
    cancelReason: null,
    transactionId: `tx-${id}`,
    shipment: { carrier: '顺丰速运', trackingNo: `SF${id}` },
  }
}

/**
 * `lines` frozen commission lines (2 per received order) over 2 000 approved distributors, all due
 * within the 7 days before `now`, the outbox already read: written directly, shaped as the store
 * writes them (setup, never measured).
 */
export async function seedDueCommissions(store: SqliteStore, lines: number, now: number): Promise<void> {
  const next = random(20261120)
  const insertDistributor = store.db.prepare('INSERT INTO distributors (member_id, status, applied_at, doc) VALUES (?, ?, ?, ?)')
  const insertAccount = store.db.prepare(
    'INSERT INTO commission_accounts (distributor_id, version, available, processing, debt, doc) VALUES (?, 1, 0, 0, 0, ?)',
  )
  store.db.transaction(() => {
    for (let i = 0; i < DISTRIBUTORS; i += 1) {
      const d = distributor(`d${i}`, now - 90 * DAY)
      insertDistributor.run(d.memberId, d.status, d.appliedAt, JSON.stringify(d))
      insertAccount.run(d.memberId, JSON.stringify(emptyAccount(d.memberId)))
    }
  })()

  const orders = Math.ceil(lines / LINES_PER_ORDER)
  const insertOrder = store.db.prepare(
    `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, shipped_at, received_at, after_sale, version, doc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 4, ?)`,
  )
  const insertEvent = store.db.prepare('INSERT INTO outbox (id, type, order_id, at, payload) VALUES (?, ?, ?, ?, ?)')
  const putLine = linePutter(store.db)
  const noProductRates = new Map<string, number | null>()
  const seedOrders = store.db.transaction((from: number, to: number) => {
    for (let o = from; o < to; o += 1) {
      // Receipts spread evenly over the 7 days before the last week, so every line is due by `now`.
      const receivedAt = now - 14 * DAY + Math.floor((o * 7 * DAY) / orders)
      const distributorId = `d${Math.floor(next() * DISTRIBUTORS)}`
      const prices = Array.from({ length: LINES_PER_ORDER }, () => 990 + 10 * Math.floor(next() * 5_000))
      const order = receivedOrder(`o${String(o).padStart(8, '0')}`, distributorId, prices, receivedAt)
      insertOrder.run(
        order.id,
        order.memberId,
        order.status,
        order.payable,
        0,
        order.createdAt,
        order.payDeadline,
        order.shippedAt,
        receivedAt,
        JSON.stringify(order),
      )
      insertEvent.run(
        `order.paid:${order.id}`,
        'order.paid',
        order.id,
        order.paidAt,
        JSON.stringify({ payable: order.payable, memberId: order.memberId }),
      )
      insertEvent.run(`order.received:${order.id}`, 'order.received', order.id, receivedAt, '{}')
      for (const opened of openCommissionLines(order, distributorId, noProductRates, DEFAULT_BPS, order.paidAt!)) {
        putLine(freezeLine(opened, receivedAt)!)
      }
    }
  })
  for (let from = 0; from < orders; from += 100_000) seedOrders(from, Math.min(orders, from + 100_000))
  await store.saveCursor('commissions', now)
}

/**
 * The commission settlement job on a temporary SQLite file, in a process of its own: `scale` frozen
 * lines (2 per received order) over 2 000 approved distributors, all due within the past 7 days, the
 * outbox already read.
 */
export async function commissionsBench(scale: number): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-bench-'))
  const file = path.join(dir, 'bench.db')
  const rows: Row[] = []
  try {
    const now = Date.parse('2026-11-20T04:00:00Z')
    const seeding = new SqliteStore(file)
    await seedDueCommissions(seeding, scale, now)
    const lines = Math.ceil(scale / LINES_PER_ORDER) * LINES_PER_ORDER
    const { total } = seeding.db.prepare("SELECT SUM(amount) AS total FROM commission_lines WHERE status = 'frozen'").get() as {
      total: number
    }
    await seeding.close()
    const settlement = batchJobInOwnProcess<{ settled: number }>('commission settlement', file, now)
    const store = new SqliteStore(file)
    const after = store.db
      .prepare(
        "SELECT (SELECT SUM(available) FROM commission_accounts) AS balances, (SELECT COUNT(*) FROM commission_lines WHERE status = 'frozen') AS frozen",
      )
      .get() as { balances: number; frozen: number }
    await store.close()
    const job = { section: 'Batch jobs', group: 'commission settlement' } as const
    rows.push(
      ...batchJobRows('commission settlement', settlement, { over: lines, what: 'lines', target: 'commissionSettlement', rate: 'lines/s' }),
    )
    rows.push({ metric: 'commission settlement lines settled', value: settlement.result.settled, unit: 'count', expected: lines, ...job })
    // Both must be 0: every due line settled, and the balances hold exactly the lines' total.
    rows.push({ metric: 'commission settlement lines left frozen', value: after.frozen, unit: 'count', expected: 0, ...job })
    rows.push({
      metric: 'commission settlement balances minus lines total',
      value: after.balances - total,
      unit: 'fen',
      expected: 0,
      ...job,
    })
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}
