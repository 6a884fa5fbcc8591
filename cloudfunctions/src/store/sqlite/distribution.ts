import type {
  BuyerBinding,
  CommissionAccount,
  CommissionEntry,
  CommissionLine,
  CommissionStatus,
  Distributor,
  DistributorStatus,
  Withdrawal,
} from '../../../../types/domain'
import { emptyAccount } from '../../core/distribution'
import type { CommissionState, CommissionTotals, CommissionWrite, DistributionStore, SettlementRule, SettlementSlice, Slice } from '../port'
import { SqliteBase } from './base'
import { LINES, LINE_COLUMNS, type LineRow, lineOf, putLine } from './commission-lines'
import { PUT_ACCOUNT, PUT_ENTRY, settleCommissionSlice } from './commission-settlement'
import { type DocRow, parseDoc } from './paging'

/** Distribution: distributors, buyer bindings, commission lines and withdrawals. */
export class SqliteDistribution extends SqliteBase implements DistributionStore {
  async findDistributor(memberId: string): Promise<Distributor | null> {
    const row = this.sql('SELECT doc FROM distributors WHERE member_id = ?').get(memberId) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Distributor) : null
  }

  async saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean> {
    const row = [next.memberId, next.status, next.appliedAt, JSON.stringify(next)]
    if (expectedStatus === null) {
      return (
        this.sql(
          'INSERT INTO distributors (member_id, status, applied_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO NOTHING',
        ).run(...row).changes === 1
      )
    }
    return (
      this.sql('UPDATE distributors SET status = ?, applied_at = ?, doc = ? WHERE member_id = ? AND status = ?').run(
        row[1],
        row[2],
        row[3],
        row[0],
        expectedStatus,
      ).changes === 1
    )
  }

  async listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>> {
    const where = query.status ? 'WHERE status = ?' : ''
    const listing = {
      rows: `SELECT doc FROM distributors ${where} ORDER BY applied_at DESC, member_id`,
      count: `SELECT COUNT(*) AS n FROM distributors ${where}`,
      params: query.status ? [query.status] : [],
    }
    return this.slice<DocRow, Distributor>(listing, query, (rows) => rows.map(parseDoc<Distributor>))
  }

  async findBinding(buyerId: string): Promise<BuyerBinding | null> {
    const row = this.sql('SELECT buyer_id, distributor_id, bound_at, expires_at FROM buyer_bindings WHERE buyer_id = ?').get(buyerId) as
      | { buyer_id: string; distributor_id: string; bound_at: number; expires_at: number }
      | undefined
    return row ? { buyerId: row.buyer_id, distributorId: row.distributor_id, boundAt: row.bound_at, expiresAt: row.expires_at } : null
  }

  async saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean> {
    if (expected === null) {
      return (
        this.sql(
          'INSERT INTO buyer_bindings (buyer_id, distributor_id, bound_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (buyer_id) DO NOTHING',
        ).run(next.buyerId, next.distributorId, next.boundAt, next.expiresAt).changes === 1
      )
    }
    return (
      this.sql(
        'UPDATE buyer_bindings SET distributor_id = ?, bound_at = ?, expires_at = ? WHERE buyer_id = ? AND distributor_id = ? AND bound_at = ? AND expires_at = ?',
      ).run(next.distributorId, next.boundAt, next.expiresAt, next.buyerId, expected.distributorId, expected.boundAt, expected.expiresAt)
        .changes === 1
    )
  }

  async findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]> {
    if (ids.length === 0) return []
    return this.linesWithIds(ids)
  }

  private linesWithIds(ids: readonly string[]): CommissionLine[] {
    const rows = this.sql(`SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE c.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids))
    return (rows as LineRow[]).map(lineOf)
  }

  async commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]> {
    const rows = this.sql(`SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE c.order_id = ? ORDER BY c.id`).all(orderId) as LineRow[]
    return rows.map(lineOf)
  }

  async listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>> {
    // Lines in flight (pending, frozen) have an index of their own; settled and void lines are found by
    // distributor and date, their status read on the row.
    const inFlight = query.status === 'pending' || query.status === 'frozen'
    const where = query.status
      ? `c.distributor_id = ? AND ${inFlight ? "c.status IN ('pending', 'frozen') AND " : ''}c.status = ?`
      : 'c.distributor_id = ?'
    const listing = {
      rows: `SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE ${where} ORDER BY c.created_at DESC, c.id`,
      count: `SELECT COUNT(*) AS n FROM commission_lines c WHERE ${where}`,
      params: query.status ? [query.distributorId, query.status] : [query.distributorId],
    }
    return this.slice<LineRow, CommissionLine>(listing, query, (rows) => rows.map(lineOf))
  }

  async listAttributedOrders(
    distributorId: string,
    offset: number,
    limit: number,
  ): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>> {
    const listing = {
      rows: 'SELECT order_id, MAX(created_at) AS at FROM commission_lines WHERE distributor_id = ? GROUP BY order_id ORDER BY at DESC, order_id DESC',
      count: 'SELECT COUNT(DISTINCT order_id) AS n FROM commission_lines WHERE distributor_id = ?',
      params: [distributorId],
    }
    return this.slice<{ order_id: string }, { orderId: string; lines: CommissionLine[] }>(listing, { offset, limit }, (orders) => {
      const lines = this.sql(
        `SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE c.distributor_id = ? AND c.order_id IN (SELECT value FROM json_each(?)) ORDER BY c.id`,
      ).all(distributorId, JSON.stringify(orders.map((o) => o.order_id))) as LineRow[]
      const parsed = lines.map(lineOf)
      return orders.map((o) => ({ orderId: o.order_id, lines: parsed.filter((l) => l.orderId === o.order_id) }))
    })
  }

  async commissionLinesPaidBetween(distributorId: string, from: number, to: number): Promise<CommissionLine[]> {
    const rows = this.sql(
      `SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE c.distributor_id = ? AND c.created_at >= ? AND c.created_at < ? AND c.status != 'void'
       ORDER BY c.created_at, c.id`,
    ).all(distributorId, from, to) as LineRow[]
    return rows.map(lineOf)
  }

  async commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }> {
    const rows = this.sql(
      "SELECT status, SUM(amount) AS total FROM commission_lines WHERE distributor_id = ? AND status IN ('pending', 'frozen') GROUP BY status",
    ).all(distributorId) as { status: 'pending' | 'frozen'; total: number }[]
    return { pending: rows.find((r) => r.status === 'pending')?.total ?? 0, frozen: rows.find((r) => r.status === 'frozen')?.total ?? 0 }
  }

  async dueCommissionLines(before: number, after: { at: number; id: string } | null, limit: number): Promise<CommissionLine[]> {
    const due = `SELECT ${LINE_COLUMNS} FROM ${LINES} WHERE c.status = 'frozen' AND c.available_at <= ?`
    const rows = (
      after
        ? this.sql(`${due} AND (c.available_at > ? OR (c.available_at = ? AND c.id > ?)) ORDER BY c.available_at, c.id LIMIT ?`).all(
            before,
            after.at,
            after.at,
            after.id,
            limit,
          )
        : this.sql(`${due} ORDER BY c.available_at, c.id LIMIT ?`).all(before, limit)
    ) as LineRow[]
    return rows.map(lineOf)
  }

  private readCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): CommissionState {
    const row = this.sql('SELECT version, doc FROM commission_accounts WHERE distributor_id = ?').get(distributorId) as
      | { version: number; doc: string }
      | undefined
    const lines = read.lineIds.length === 0 ? [] : this.linesWithIds(read.lineIds)
    const withdrawal = read.withdrawalId
      ? (this.sql('SELECT doc FROM withdrawals WHERE id = ? AND distributor_id = ?').get(read.withdrawalId, distributorId) as
          | { doc: string }
          | undefined)
      : undefined
    return {
      account: row ? (JSON.parse(row.doc) as CommissionAccount) : emptyAccount(distributorId),
      lines: lines.filter((l) => l.distributorId === distributorId),
      withdrawal: withdrawal ? (JSON.parse(withdrawal.doc) as Withdrawal) : null,
      version: row?.version ?? 0,
    }
  }

  async findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState> {
    return this.readCommissions(distributorId, read)
  }

  async updateCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'> {
    return this.db.transaction(() => (this.applyCommissions(distributorId, read, decide) ? 'applied' : 'nothing')).immediate()
  }

  /** One transaction for the whole batch: a settlement run writes once per batch, not once per distributor. */
  async updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<CommissionWrite[]> {
    return this.db
      .transaction(() =>
        changes.map((c) => this.applyCommissions(c.distributorId, c.read, c.decide)).filter((w): w is CommissionWrite => w !== null),
      )
      .immediate()
  }

  private applyCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): CommissionWrite | null {
    {
      const state = this.readCommissions(distributorId, read)
      const decision = decide(state)
      if (!decision) return null
      const a = decision.account
      this.sql(PUT_ACCOUNT).run(distributorId, a.available, a.processing, a.debt, JSON.stringify(a))
      const sql = (text: string) => this.sql(text)
      for (const l of decision.lines) {
        if (l.distributorId !== distributorId) throw new Error(`commission line ${l.id} belongs to another distributor`)
        putLine(sql, l)
      }
      const putWithdrawal = this.sql(
        `INSERT INTO withdrawals (id, distributor_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc`,
      )
      for (const w of decision.withdrawals) putWithdrawal.run(w.id, w.distributorId, w.status, w.createdAt, JSON.stringify(w))
      const putEntry = this.sql(PUT_ENTRY)
      for (const e of decision.entries) putEntry.run(e.id, e.distributorId, e.kind, e.ref, e.delta, e.at)
      return decision
    }
  }

  /** One transaction for the whole slice (see commission-settlement.ts). */
  async settleCommissionSlice(
    rule: SettlementRule,
    after: { at: number; id: string } | null,
    limit: number,
    cursor: { job: string; version: number },
  ): Promise<SettlementSlice | null> {
    return settleCommissionSlice(this.db, (text) => this.sql(text), rule, after, limit, cursor)
  }

  async findWithdrawal(id: string): Promise<Withdrawal | null> {
    const row = this.sql('SELECT doc FROM withdrawals WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Withdrawal) : null
  }

  async listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>> {
    const listing = {
      rows: 'SELECT doc FROM withdrawals WHERE distributor_id = ? ORDER BY created_at DESC, id',
      count: 'SELECT COUNT(*) AS n FROM withdrawals WHERE distributor_id = ?',
      params: [distributorId],
    }
    return this.slice<DocRow, Withdrawal>(listing, { offset, limit }, (rows) => rows.map(parseDoc<Withdrawal>))
  }

  async processingWithdrawals(before: number, after: { at: number; id: string } | null, limit: number): Promise<Withdrawal[]> {
    const rows = this.sql(
      `SELECT doc FROM withdrawals WHERE status = 'processing' AND created_at < @before AND (created_at > @afterAt OR (created_at = @afterAt AND id > @afterId))
       ORDER BY created_at, id LIMIT @limit`,
    ).all({ before, afterAt: after ? after.at : Number.MIN_SAFE_INTEGER, afterId: after ? after.id : '', limit }) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Withdrawal)
  }

  async listCommissionEntries(distributorId: string): Promise<CommissionEntry[]> {
    const rows = this.sql(
      'SELECT id, distributor_id, kind, ref, delta, at FROM commission_entries WHERE distributor_id = ? ORDER BY at, id',
    ).all(distributorId) as {
      id: string
      distributor_id: string
      kind: CommissionEntry['kind']
      ref: string
      delta: number
      at: number
    }[]
    return rows.map((r) => ({ id: r.id, distributorId: r.distributor_id, kind: r.kind, ref: r.ref, delta: r.delta, at: r.at }))
  }

  async commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]> {
    const rows = this.sql(
      `SELECT a.distributor_id AS distributorId, a.available AS available,
         COALESCE((SELECT SUM(delta) FROM commission_entries e WHERE e.distributor_id = a.distributor_id), 0) AS ledgerSum
       FROM commission_accounts a WHERE a.distributor_id > ? ORDER BY a.distributor_id LIMIT ?`,
    ).all(afterDistributorId, limit) as CommissionTotals[]
    return rows
  }
}
