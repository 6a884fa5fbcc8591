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
import type { CommissionState, CommissionTotals, CommissionWrite, Slice, DistributionStore } from '../port'
import { type DocData, MAX_GET, isDuplicateKey } from './database'
import { read, withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseBase } from './base'
import { STALE, retryWhileStale, transact } from './retry'

function toDistributor(doc: DocData): Distributor {
  const { _id, ...rest } = doc
  return { ...rest, memberId: _id } as Distributor
}

/** Distribution: distributors, buyer bindings, commission lines and withdrawals. */
export class CloudbaseDistribution extends CloudbaseBase implements DistributionStore {
  async findDistributor(memberId: string): Promise<Distributor | null> {
    const { data } = await this.db.collection('distributors').where({ _id: memberId }).limit(1).get()
    return data[0] ? toDistributor(data[0]) : null
  }

  async saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean> {
    const { memberId, ...doc } = next
    if (expectedStatus === null) {
      try {
        await this.db.collection('distributors').add({ data: { _id: memberId, ...doc } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { stats } = await this.db.collection('distributors').where({ _id: memberId, status: expectedStatus }).update({ data: doc })
    return stats.updated === 1
  }

  async listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>> {
    const condition: DocData = query.status ? { status: query.status } : {}
    return pageOf(
      this.db.collection('distributors').where(condition).orderBy('appliedAt', 'desc').orderBy('_id', 'asc'),
      this.db.collection('distributors').where(condition),
      { offset: query.offset, limit: query.limit },
      (data) => data.map(toDistributor),
    )
  }

  async findBinding(buyerId: string): Promise<BuyerBinding | null> {
    const { data } = await this.db.collection('buyer_bindings').where({ _id: buyerId }).limit(1).get()
    return data[0] ? { buyerId, distributorId: data[0].distributorId, boundAt: data[0].boundAt, expiresAt: data[0].expiresAt } : null
  }

  async saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean> {
    const { buyerId, ...doc } = next
    if (expected === null) {
      try {
        await this.db.collection('buyer_bindings').add({ data: { _id: buyerId, ...doc } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { stats } = await this.db
      .collection('buyer_bindings')
      .where({ _id: buyerId, distributorId: expected.distributorId, boundAt: expected.boundAt, expiresAt: expected.expiresAt })
      .update({ data: doc })
    return stats.updated === 1
  }

  async findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('commission_lines').where({ _id: this.db.command.in([...ids]) }))
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]> {
    const docs = await getAll(this.db.collection('commission_lines').where({ orderId }).orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>> {
    const condition: DocData = query.status
      ? { distributorId: query.distributorId, status: query.status }
      : { distributorId: query.distributorId }
    return pageOf(
      this.db.collection('commission_lines').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'asc'),
      this.db.collection('commission_lines').where(condition),
      { offset: query.offset, limit: query.limit },
      (data) => data.map((d) => fromDoc<CommissionLine>(d)),
    )
  }

  /** Orders are listed from `attributed_orders`, one document per (distributor, order) kept with its lines. */
  async listAttributedOrders(
    distributorId: string,
    offset: number,
    limit: number,
  ): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>> {
    const newestPaidFirst = this.db
      .collection('attributed_orders')
      .where({ distributorId })
      .orderBy('paidAt', 'desc')
      .orderBy('orderId', 'desc')
    return pageOf(newestPaidFirst, this.db.collection('attributed_orders').where({ distributorId }), { offset, limit }, async (data) => {
      const orderIds = data.map((d) => d.orderId as string)
      const lines =
        orderIds.length === 0
          ? []
          : await getAll(this.db.collection('commission_lines').where({ distributorId, orderId: this.db.command.in(orderIds) }))
      const parsed = lines.map((d) => fromDoc<CommissionLine>(d)).sort((a, b) => (a.id < b.id ? -1 : 1))
      return orderIds.map((orderId) => ({ orderId, lines: parsed.filter((l) => l.orderId === orderId) }))
    })
  }

  async commissionLinesPaidBetween(distributorId: string, from: number, to: number): Promise<CommissionLine[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('commission_lines')
        .where({ distributorId, createdAt: _.gte(from).and(_.lt(to)), status: _.in(['pending', 'frozen', 'available']) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }> {
    const docs = await getAll(
      this.db.collection('commission_lines').where({ distributorId, status: this.db.command.in(['pending', 'frozen']) }),
    )
    const sum = (status: string) => docs.filter((d) => d.status === status).reduce((total, d) => total + (d.amount as number), 0)
    return { pending: sum('pending'), frozen: sum('frozen') }
  }

  /** Two plain queries rather than an `or`: the rest of the cursor's instant, then later instants. */
  async dueCommissionLines(before: number, after: { at: number; id: string } | null, limit: number): Promise<CommissionLine[]> {
    const _ = this.db.command
    const lines = this.db.collection('commission_lines')
    const found: DocData[] = []
    if (after) {
      const { data } = await lines
        .where({ status: 'frozen', availableAt: after.at, _id: _.gt(after.id) })
        .orderBy('_id', 'asc')
        .limit(Math.min(limit, MAX_GET))
        .get()
      found.push(...data)
    }
    if (found.length < limit) {
      const { data } = await lines
        .where({ status: 'frozen', availableAt: after ? _.gt(after.at).and(_.lte(before)) : _.lte(before) })
        .orderBy('availableAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(Math.min(limit - found.length, MAX_GET))
        .get()
      found.push(...data)
    }
    return found.filter((d) => d.availableAt <= before).map((d) => fromDoc<CommissionLine>(d))
  }

  async findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState> {
    const [{ data }, lines, withdrawal] = await Promise.all([
      this.db.collection('commission_accounts').where({ _id: distributorId }).limit(1).get(),
      this.findCommissionLines(read.lineIds),
      read.withdrawalId ? this.findWithdrawal(read.withdrawalId) : Promise.resolve(null),
    ])
    const doc = data[0]
    const account: CommissionAccount = doc
      ? (({ _id, version: _version, ...rest }) => ({ ...rest, distributorId: _id }) as CommissionAccount)(doc)
      : emptyAccount(distributorId)
    return {
      account,
      lines: lines.filter((l) => l.distributorId === distributorId),
      withdrawal: withdrawal && withdrawal.distributorId === distributorId ? withdrawal : null,
      version: doc?.version ?? 0,
    }
  }

  /**
   * Compare-and-set on the account's version in a loop, like points: the account document is the
   * one place a distributor's money changes, so its version orders every change to their lines too.
   */
  async updateCommissions(
    distributorId: string,
    wanted: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'> {
    return (await this.applyCommissions(distributorId, wanted, decide)) ? 'applied' : 'nothing'
  }

  /** Compare-and-set on the account's version; answers the write that applied, or null when `decide` had nothing. */
  private async applyCommissions(
    distributorId: string,
    wanted: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<CommissionWrite | null> {
    return retryWhileStale(`commissions of ${distributorId}`, async () => {
      const state = await this.findCommissions(distributorId, wanted)
      const decision = decide(state)
      if (!decision) return null
      for (const line of decision.lines) {
        if (line.distributorId !== distributorId) throw new Error(`commission line ${line.id} belongs to another distributor`)
      }
      const applied = await transact(this.db, async (tx) => {
        const current = await read(tx.collection('commission_accounts').doc(distributorId))
        if ((current?.version ?? 0) !== state.version) return false
        const { distributorId: _id, ...account } = decision.account
        await tx
          .collection('commission_accounts')
          .doc(distributorId)
          .set({ data: { ...account, version: state.version + 1 } })
        for (const line of decision.lines) {
          await tx
            .collection('commission_lines')
            .doc(line.id)
            .set({ data: withoutId(line) })
          await tx
            .collection('attributed_orders')
            .doc(`${distributorId}|${line.orderId}`)
            .set({ data: { distributorId, orderId: line.orderId, paidAt: line.createdAt } })
        }
        for (const withdrawal of decision.withdrawals)
          await tx
            .collection('withdrawals')
            .doc(withdrawal.id)
            .set({ data: withoutId(withdrawal) })
        for (const entry of decision.entries) {
          // The ledger is append-only: a rewritten entry would part the balance from its ledger.
          if (await read(tx.collection('commission_entries').doc(entry.id)))
            throw new Error(`commission entry ${entry.id} is already in the ledger`)
          await tx
            .collection('commission_entries')
            .doc(entry.id)
            .set({ data: withoutId(entry) })
        }
        return true
      })
      return applied ? decision : STALE
    })
  }

  /** One distributor at a time: a transaction per account keeps each one small. */
  async updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<CommissionWrite[]> {
    const applied: CommissionWrite[] = []
    for (const c of changes) {
      const write = await this.applyCommissions(c.distributorId, c.read, c.decide)
      if (write) applied.push(write)
    }
    return applied
  }

  async findWithdrawal(id: string): Promise<Withdrawal | null> {
    const { data } = await this.db.collection('withdrawals').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Withdrawal>(data[0]) : null
  }

  async listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>> {
    const newestFirst = this.db.collection('withdrawals').where({ distributorId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc')
    return pageOf(newestFirst, this.db.collection('withdrawals').where({ distributorId }), { offset, limit }, (data) =>
      data.map((d) => fromDoc<Withdrawal>(d)),
    )
  }

  async processingWithdrawals(before: number, after: { at: number; id: string } | null, limit: number): Promise<Withdrawal[]> {
    return (await this.pageByTime('withdrawals', 'createdAt', null, before, after, limit, { status: 'processing' })).map((d) =>
      fromDoc<Withdrawal>(d),
    )
  }

  async listCommissionEntries(distributorId: string): Promise<CommissionEntry[]> {
    const docs = await getAll(this.db.collection('commission_entries').where({ distributorId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<CommissionEntry>(d))
  }

  async commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]> {
    const { data } = await this.db
      .collection('commission_accounts')
      .where({ _id: this.db.command.gt(afterDistributorId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    const ids = data.map((doc) => doc._id as string)
    const ledger = await this.totalsBy('commission_entries', 'distributorId', ids, {}, { delta: this.db.command.aggregate.sum('$delta') })
    return data.map(
      (doc): CommissionTotals => ({ distributorId: doc._id, available: doc.available, ledgerSum: ledger.get(doc._id)?.delta ?? 0 }),
    )
  }
}
