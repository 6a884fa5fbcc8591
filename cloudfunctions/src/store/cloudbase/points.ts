import type { Instant, LedgerEntry, PointsAccount, PointsLot, TierStatus } from '../../../../types/domain'
import { EMPTY_ACCOUNT } from '../../core/points'
import type {
  PointsChange,
  PointsChangeResult,
  PointsDecision,
  PointsState,
  PointsTotals,
  PointsUpdate,
  PointsUpdateRequest,
  Slice,
  PointsStore,
  StandingRead,
} from '../port'
import { MAX_GET, type Transaction } from './database'
import { read, withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseBase } from './base'
import { STALE, retryWhileStale, transact } from './retry'

/** Lots in the order spending takes them: soonest expiry first. */
const soonestFirst = (a: PointsLot, b: PointsLot) => a.expiresAt - b.expiresAt || a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : 1)

/** What a decision's first look at the lots meets when only the account was read for it. */
const LOTS_UNREAD = new Error('the lots were not read for this decision')

/** Points: accounts, lots and the ledger. */
export class CloudbasePoints extends CloudbaseBase implements PointsStore {
  async findPoints(memberId: string): Promise<PointsState> {
    const [{ account, version }, lots] = await Promise.all([this.readPointsAccount(memberId), this.readLiveLots(memberId)])
    return { account, lots, version }
  }

  /** A member's live lots, oldest expiry first: what spending takes from. */
  private async readLiveLots(memberId: string): Promise<PointsLot[]> {
    const docs = await getAll(this.db.collection('points_lots').where({ memberId, status: this.db.command.in(['pending', 'available']) }))
    return docs
      .map((d) => fromDoc<PointsLot>(d))
      .filter((l) => l.status === 'pending' || l.remaining > 0)
      .sort(soonestFirst)
  }

  /**
   * The state a decision is made on, and the decision. The account is read first and the decision
   * tried on it alone: a grant never looks at the lots, and a member who checks in daily holds a
   * year of them, hundreds of documents a read. A decision that looks is made again (decisions are
   * pure, and may run more than once) once the lots are read.
   */
  private async decideOnPoints(
    memberId: string,
    decide: (state: PointsState) => PointsDecision | null,
  ): Promise<{ state: PointsState; decision: PointsDecision | null }> {
    const { account, version } = await this.readPointsAccount(memberId)
    const accountAlone: PointsState = {
      account,
      version,
      get lots(): PointsLot[] {
        throw LOTS_UNREAD
      },
    }
    try {
      return { state: accountAlone, decision: decide(accountAlone) }
    } catch (error) {
      if (error !== LOTS_UNREAD) throw error
    }
    const state = { account, version, lots: await this.readLiveLots(memberId) }
    return { state, decision: decide(state) }
  }

  async findPointsAccount(memberId: string): Promise<PointsAccount> {
    return (await this.readPointsAccount(memberId)).account
  }

  /** The member's points account and its version; a member who never had points gets an empty one at 0. */
  private async readPointsAccount(memberId: string): Promise<{ account: PointsAccount; version: number }> {
    const { data } = await this.db.collection('points_accounts').where({ _id: memberId }).limit(1).get()
    const doc = data[0]
    if (!doc) return { account: EMPTY_ACCOUNT(memberId), version: 0 }
    const account: PointsAccount = {
      memberId,
      available: doc.available,
      pending: doc.pending,
      debt: doc.debt,
      lastCheckInDay: doc.lastCheckInDay,
      streak: doc.streak,
      postRewardDay: doc.postRewardDay ?? null,
      postRewardsToday: doc.postRewardsToday ?? 0,
    }
    return { account, version: doc.version ?? 0 }
  }

  async lapsedPoints(memberId: string, at: number): Promise<number> {
    const _ = this.db.command
    const docs = await getAll(
      this.db.collection('points_lots').where({ memberId, status: 'available', remaining: _.gt(0), expiresAt: _.lte(at) }),
    )
    return docs.reduce((sum, d) => sum + d.remaining, 0)
  }

  async findPointsOutlook(memberId: string, at: number, soonUntil: number): Promise<{ expiring: PointsLot[]; pending: PointsLot[] }> {
    const _ = this.db.command
    const lots = this.db.collection('points_lots')
    const [expiring, pending] = await Promise.all([
      getAll(lots.where({ memberId, status: 'available', remaining: _.gt(0), expiresAt: _.gt(at).and(_.lte(soonUntil)) })),
      getAll(lots.where({ memberId, status: 'pending' })),
    ])
    return {
      expiring: expiring.map((d) => fromDoc<PointsLot>(d)).sort(soonestFirst),
      pending: pending.map((d) => fromDoc<PointsLot>(d)),
    }
  }

  async findPointsLots(memberId: string, ids: readonly string[]): Promise<PointsLot[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('points_lots').where({ _id: this.db.command.in([...ids]), memberId }))
    return docs.map((d) => fromDoc<PointsLot>(d))
  }

  async commitPointsChange(change: PointsChange): Promise<PointsChangeResult> {
    return this.commitPointsWith(change)
  }

  /** A points change, with `also` written in the same transaction (a record that must stand exactly when the points move). */
  protected async commitPointsWith(change: PointsChange, also?: (tx: Transaction) => Promise<void>): Promise<PointsChangeResult> {
    return transact(this.db, async (tx): Promise<PointsChangeResult> => {
      if (await read(tx.collection('points_keys').doc(change.key))) return 'duplicate'
      const current = await read(tx.collection('points_accounts').doc(change.memberId))
      if ((current?.version ?? 0) !== change.expectedVersion) return 'stale'
      const { memberId: _memberId, ...account } = change.account
      await tx
        .collection('points_accounts')
        .doc(change.memberId)
        .set({ data: { ...account, version: change.expectedVersion + 1 } })
      for (const lot of change.lots)
        await tx
          .collection('points_lots')
          .doc(lot.id)
          .set({ data: withoutId(lot) })
      for (const entry of change.entries)
        await tx
          .collection('points_ledger')
          .doc(entry.id)
          .set({ data: withoutId(entry) })
      if (change.growth && !(await read(tx.collection('growth_entries').doc(change.growth.id))))
        await tx
          .collection('growth_entries')
          .doc(change.growth.id)
          .set({ data: withoutId(change.growth) })
      await tx
        .collection('points_keys')
        .doc(change.key)
        .set({ data: { memberId: change.memberId } })
      if (also) await also(tx)
      return 'applied'
    })
  }

  /**
   * Compare-and-set in a loop: a change computed from a version another caller already moved is
   * recomputed. Many callers on one member back off by a random few milliseconds between tries.
   */
  async updatePoints(memberId: string, key: string, decide: (state: PointsState) => PointsDecision | null): Promise<PointsUpdate> {
    return this.updatePointsWith(memberId, key, decide)
  }

  async updatePointsAndStanding(
    memberId: string,
    key: string,
    decide: (state: PointsState, standing: TierStatus | null) => PointsDecision | null,
    growthWindow: { from: Instant; to: Instant },
  ): Promise<PointsUpdate & { standing: StandingRead }> {
    // The standing before the change (which does not move it), the growth after it: the two reads a tier review makes.
    const status = await this.readTierStatus(memberId)
    const update = await this.updatePointsWith(memberId, key, (state) => decide(state, status))
    return { ...update, standing: { status, growth: await this.readGrowth(memberId, growthWindow.from, growthWindow.to) } }
  }

  /** One transaction per member: CloudBase transactions are kept small (each document written is a round trip). */
  async updatePointsOfMembers(requests: readonly PointsUpdateRequest[]): Promise<PointsUpdate[]> {
    const updates: PointsUpdate[] = []
    for (const { memberId, key, decide } of requests) updates.push(await this.updatePoints(memberId, key, decide))
    return updates
  }

  /** `updatePoints`, writing `also(tx, decision)` in the transaction that applies the decision. */
  protected async updatePointsWith(
    memberId: string,
    key: string,
    decide: (state: PointsState) => PointsDecision | null,
    also?: (tx: Transaction, decision: PointsDecision) => Promise<void>,
  ): Promise<PointsUpdate> {
    return retryWhileStale(`points of ${memberId}`, async (): Promise<PointsUpdate | typeof STALE> => {
      if (await this.hasPointsKey(key)) return { outcome: 'duplicate', applied: null }
      const { state, decision } = await this.decideOnPoints(memberId, decide)
      if (!decision) return { outcome: 'nothing', applied: null }
      const write = also && ((tx: Transaction) => also(tx, decision))
      const result = await this.commitPointsWith({ memberId, key, expectedVersion: state.version, ...decision }, write)
      if (result === 'stale') return STALE
      return result === 'applied' ? { outcome: 'applied', applied: decision } : { outcome: 'duplicate', applied: null }
    })
  }

  async hasPointsKey(key: string): Promise<boolean> {
    const { data } = await this.db.collection('points_keys').where({ _id: key }).limit(1).get()
    return data.length > 0
  }

  async listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>> {
    return pageOf(
      this.db.collection('points_ledger').where({ memberId }).orderBy('at', 'desc').orderBy('_id', 'desc'),
      this.db.collection('points_ledger').where({ memberId }),
      { offset, limit },
      (data) => data.map((d) => fromDoc<LedgerEntry>(d)),
    )
  }

  async membersWithExpiredLots(before: number, afterMemberId: string, limit: number): Promise<string[]> {
    const _ = this.db.command
    const members: string[] = []
    for (let skip = 0; members.length < limit; skip += MAX_GET) {
      const { data } = await this.db
        .collection('points_lots')
        .where({ status: 'available', expiresAt: _.lt(before), remaining: _.gt(0), memberId: _.gt(afterMemberId) })
        .orderBy('memberId', 'asc')
        .skip(skip)
        .limit(MAX_GET)
        .get()
      for (const doc of data) if (!members.includes(doc.memberId)) members.push(doc.memberId)
      if (data.length < MAX_GET) break
    }
    return members.slice(0, limit)
  }

  async pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]> {
    const { data } = await this.db
      .collection('points_accounts')
      .where({ _id: this.db.command.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    const ids = data.map((account) => account._id as string)
    const sum = this.db.command.aggregate.sum
    const [lots, ledger] = await Promise.all([
      this.totalsBy('points_lots', 'memberId', ids, { status: 'available' }, { remainder: sum('$remaining') }),
      this.totalsBy('points_ledger', 'memberId', ids, {}, { delta: sum('$delta') }),
    ])
    return data.map((account) => ({
      memberId: account._id,
      available: account.available,
      lotRemainder: lots.get(account._id)?.remainder ?? 0,
      ledgerSum: ledger.get(account._id)?.delta ?? 0,
    }))
  }

  /** Summed where they are stored: one aggregation for the accounts, one for the lots about to expire. */
  async pointsLiability(expiringBefore: number): Promise<{ available: number; pending: number; expiring: number }> {
    const _ = this.db.command
    const { sum } = _.aggregate
    const [accounts, expiring] = await Promise.all([
      this.totalOf('points_accounts', {}, { available: sum('$available'), pending: sum('$pending') }),
      this.totalOf(
        'points_lots',
        { status: 'available', expiresAt: _.lt(expiringBefore), remaining: _.gt(0) },
        { remaining: sum('$remaining') },
      ),
    ])
    return {
      available: accounts?.available ?? 0,
      pending: accounts?.pending ?? 0,
      expiring: expiring?.remaining ?? 0,
    }
  }
}
