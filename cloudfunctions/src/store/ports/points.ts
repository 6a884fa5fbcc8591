import type { GrowthEntry, Instant, LedgerEntry, PointsAccount, PointsLot, TierStatus } from '../../../../types/domain'
import type { Slice } from './paging'

/** A member's points as one unit of change: the account, its live and pending lots, and a version. */
export interface PointsState {
  account: PointsAccount
  lots: PointsLot[]
  version: number
}

/**
 * One change to a member's points, applied atomically and only at the expected version. A change
 * whose key was applied before is a duplicate: nothing is written.
 */
export interface PointsChange {
  memberId: string
  expectedVersion: number
  account: PointsAccount
  /** Lots created or changed. */
  lots: PointsLot[]
  entries: LedgerEntry[]
  /** Growth the same event earns (a check-in, an approved post), written once with the points. */
  growth?: GrowthEntry
  /** The business event's idempotency key (`accrue:<orderId>`, `checkin:<member>:<day>` …). */
  key: string
}

export type PointsChangeResult = 'applied' | 'duplicate' | 'stale'

/** What a decision about a member's points asks to write. */
export interface PointsDecision {
  account: PointsAccount
  lots: PointsLot[]
  entries: LedgerEntry[]
  growth?: GrowthEntry
}

/** What `updatePoints` did: the decision it applied (made on the state it was applied to), or why it wrote nothing. */
export type PointsUpdate = { outcome: 'applied'; applied: PointsDecision } | { outcome: 'duplicate' | 'nothing'; applied: null }

/** A member's tier standing and their growth over a window: what a tier review reads. */
export interface StandingRead {
  status: TierStatus | null
  growth: number
}

/** One member's change in `updatePointsOfMembers`: what `updatePoints` takes. */
export interface PointsUpdateRequest {
  memberId: string
  key: string
  decide: (state: PointsState) => PointsDecision | null
}

/** Per member: the account's available balance, what its lots hold and what its ledger adds up to. */
export interface PointsTotals {
  memberId: string
  available: number
  lotRemainder: number
  ledgerSum: number
}

/**
 * What points expiry writes for a member, as `expireDueLots` decides it: every available lot whose
 * date passed (`expiresAt < now`) and still holds points gives up its remainder, with a ledger entry
 * `expire:<lotId>` (kind `expire`, the lot's source and ref, the remainder taken off, at `now`, `note`);
 * the account's available balance falls by the same amount and its version moves once; the change is
 * recorded once under `key(memberId)`, and a member whose key is on file is left alone.
 */
export interface PointsExpiryRule {
  now: Instant
  note: string
  key: (memberId: string) => string
}

/** What one slice of points expiry did. */
export interface PointsExpirySlice {
  /** The members the slice read, in id order (those left alone for their key included). */
  members: string[]
  /** Lots expired, and the points they held. */
  lots: number
  points: number
}

/** Points: accounts, lots and the ledger. */
export interface PointsStore {
  /** The member's points; a member who never had any gets an empty account at version 0. */
  findPoints(memberId: string): Promise<PointsState>
  /** The member's points account alone, as `findPoints` answers it: for a view that shows no lots. */
  findPointsAccount(memberId: string): Promise<PointsAccount>
  /**
   * Points of the member's available lots past their expiry at `at` that the expiry job has not taken
   * yet: the account still counts them, but they cannot be spent.
   */
  lapsedPoints(memberId: string, at: Instant): Promise<number>
  /**
   * What the points center shows beside the balance: the member's available lots that expire after
   * `at` and by `soonUntil`, soonest first, and their pending lots, in no set order.
   */
  findPointsOutlook(memberId: string, at: Instant, soonUntil: Instant): Promise<{ expiring: PointsLot[]; pending: PointsLot[] }>
  /** The member's lots of these ids, whatever became of them (a spent or expired lot still says what it granted), in no set order. */
  findPointsLots(memberId: string, ids: readonly string[]): Promise<PointsLot[]>
  commitPointsChange(change: PointsChange): Promise<PointsChangeResult>
  /**
   * Reads the member's points, lets `decide` (pure, no I/O) compute the change and applies it, as
   * one atomic step once per key, however many callers race: 'nothing' when `decide` answers null.
   * Answers the decision it applied, so callers count what was written. An error thrown by `decide`
   * leaves everything as it was.
   */
  updatePoints(memberId: string, key: string, decide: (state: PointsState) => PointsDecision | null): Promise<PointsUpdate>
  /**
   * `updatePoints` for a change that earns growth, answering also the member's tier standing and
   * growth over (from, to] as they are after it, for the tier review that follows. `decide` also gets
   * the standing (null for a member not registered), which the change does not move: what a change
   * worth more at a higher tier needs. SQLite reads them in the change's own transaction, so a
   * check-in is one transaction; CloudBase reads the standing before it and the growth after it.
   */
  updatePointsAndStanding(
    memberId: string,
    key: string,
    decide: (state: PointsState, standing: TierStatus | null) => PointsDecision | null,
    growthWindow: { from: Instant; to: Instant },
  ): Promise<PointsUpdate & { standing: StandingRead }>
  /**
   * `updatePoints` for many members, answered in the order asked: a batch job's slice. SQLite applies
   * the slice in one transaction; CloudBase one member per transaction, as `updatePoints` does.
   */
  updatePointsOfMembers(requests: readonly PointsUpdateRequest[]): Promise<PointsUpdate[]>
  hasPointsKey(key: string): Promise<boolean>
  listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>>
  /** Members after `afterMemberId`, in id order, with available lots that expired before `before` and still hold points. */
  membersWithExpiredLots(before: Instant, afterMemberId: string, limit: number): Promise<string[]>
  /**
   * A slice of points expiry set-based, in one transaction: the next `limit` members after
   * `afterMemberId` (in id order) with available lots that expired and still hold points, each
   * written exactly as `rule` says. Only where a whole slice is written by a few statements
   * (SQLite); absent elsewhere, where the job applies `expireDueLots` member by member.
   */
  expirePointsSlice?(rule: PointsExpiryRule, afterMemberId: string, limit: number): Promise<PointsExpirySlice>
  pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]>
  /** What the shop owes in points: available and pending over every account, and available lot remainders expiring before `expiringBefore`. */
  pointsLiability(expiringBefore: Instant): Promise<{ available: number; pending: number; expiring: number }>
}
