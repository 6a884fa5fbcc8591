import type {
  BuyerBinding,
  CommissionAccount,
  CommissionEntry,
  CommissionLine,
  CommissionStatus,
  Distributor,
  DistributorStatus,
  Instant,
  OrderLine,
  Withdrawal,
} from '../../../../types/domain'
import type { Settlement, SettlingLine } from '../../core/distribution'
import type { Slice } from './paging'

/** A distributor's money as one unit of change: the account, the lines and withdrawal asked for, and a version. */
export interface CommissionState {
  account: CommissionAccount
  /** The asked-for lines that exist. */
  lines: CommissionLine[]
  /** The asked-for withdrawal, when it exists. */
  withdrawal: Withdrawal | null
  version: number
}

/** What a decision about a distributor's money writes (lines and withdrawals created or changed). */
export interface CommissionWrite {
  account: CommissionAccount
  lines: CommissionLine[]
  withdrawals: Withdrawal[]
  entries: CommissionEntry[]
}

/** Per distributor: the balance and what its ledger adds up to. */
export interface CommissionTotals {
  distributorId: string
  available: number
  ledgerSum: number
}

/** A due commission line as a settlement slice reads it: its columns, without its document. */
export type DueLine = SettlingLine & Pick<CommissionLine, 'distributorId' | 'orderId'>

/**
 * How settlement decides, for an adapter that settles a slice of due lines at once: `settles` says
 * whether a due line settles now (its order line's status, null when it cannot be found, and its distributor,
 * null when there is none); `settle` what settling some of one distributor's lines writes, those
 * lines given in the order walked and answered as given, made available (settling changes a line's
 * status and settledAt only, so the adapter writes those two where it stores them).
 * `distributors` keeps each distributor as the run first read them.
 */
export interface SettlementRule {
  now: Instant
  settles: (line: DueLine, orderLine: Pick<OrderLine, 'status'> | null, distributor: Distributor | null) => boolean
  settle: <L extends DueLine>(account: CommissionAccount, lines: readonly L[]) => Settlement<L> | null
  distributors: Map<string, Distributor | null>
}

/** What one slice of settlement did: lines read and where the last one is, what settled, what waits. */
export interface SettlementSlice {
  read: number
  last: { at: Instant; id: string } | null
  settled: number
  amount: number
  waiting: number
  /** The job cursor's version after the slice saved its place there. */
  cursorVersion: number
}

/** Distribution: distributors, buyer bindings, commission lines and withdrawals. */
export interface DistributionStore {
  findDistributor(memberId: string): Promise<Distributor | null>
  /**
   * Writes a distributor's standing when it is still `expectedStatus` (null: the member never
   * applied), compare-and-set; false when someone moved it first.
   */
  saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean>
  listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>>
  findBinding(buyerId: string): Promise<BuyerBinding | null>
  /** Writes the buyer's binding when the stored one is still `expected` (null: none), compare-and-set. */
  saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean>
  findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]>
  commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]>
  listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>>
  /** The distributor's attributed orders, newest payment first, each with its commission lines. */
  listAttributedOrders(distributorId: string, offset: number, limit: number): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>>
  /** Commission lines paid in [from, to) that are not void, for the earnings chart and this month's figures. */
  commissionLinesPaidBetween(distributorId: string, from: Instant, to: Instant): Promise<CommissionLine[]>
  /** The pending and frozen amounts (what is not in the account yet). */
  commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }>
  /** Frozen lines due by `before`, by (availableAt, id) after the given position. */
  dueCommissionLines(before: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<CommissionLine[]>
  findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState>
  /**
   * Reads the distributor's account with the asked-for lines and withdrawal, lets `decide` (pure)
   * compute the change and applies it as one atomic step at the version read; a change computed from
   * a version someone else moved is decided again. 'nothing' when `decide` answers null; an error it
   * throws leaves everything as it was.
   */
  updateCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'>
  /**
   * Several `updateCommissions`, each atomic for its distributor; an adapter may commit them together
   * (SQLite: one transaction). Answers the writes that applied, each as its decision was made on the
   * state it was applied to, so job totals count what happened. For batch jobs, whose decisions do not throw.
   */
  updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<CommissionWrite[]>
  /**
   * A slice of the settlement pass in one transaction: up to `limit` frozen lines due by `rule.now`
   * after `after` in (availableAt, id) order, each settled as `rule` decides (a distributor's lines
   * of the slice together, their account written once), and the pass's place saved in
   * `job_cursors/<cursor.job>` when it is still at `cursor.version` (compare-and-set) — null when
   * another run moved it, and then nothing is written. Only where a slice is one transaction
   * (SQLite); absent elsewhere, where the job settles distributor by distributor.
   */
  settleCommissionSlice?(
    rule: SettlementRule,
    after: { at: Instant; id: string } | null,
    limit: number,
    cursor: { job: string; version: number },
  ): Promise<SettlementSlice | null>
  findWithdrawal(id: string): Promise<Withdrawal | null>
  listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>>
  /** Withdrawals still processing that were made before `before`, by (createdAt, id) after the given position. */
  processingWithdrawals(before: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<Withdrawal[]>
  listCommissionEntries(distributorId: string): Promise<CommissionEntry[]>
  commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]>
}
