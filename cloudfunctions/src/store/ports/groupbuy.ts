import type { Instant, MessageOptIn, Order, OutboxMessage, Team, TeamStatus } from '../../../../types/domain'
import type { OrderChange } from './orders'
import type { Slice } from './paging'

/** A team as one unit of change, with what its rules look at: the campaign's seats and the member's. */
export interface TeamState {
  /** Null when the team does not exist yet (opening it). */
  team: Team | null
  version: number
  /** Seats the campaign has given out (held or paid, not yet given back). */
  taken: number
  /** The asking member's places (paid, or held and not lapsed) in teams of this campaign. */
  memberSeats: number
}

/** A team change and how many campaign seats it takes (+) or gives back (−). */
export interface TeamWrite {
  team: Team
  seatsDelta: number
}

/**
 * How the group-buy timer ends teams whose time ran out, for an adapter that ends a slice of them in
 * one transaction: `expire` is the team's step (null when it does not fail), `notice` the message to
 * one member who opted in to hear how the team ended (`groupbuy:<team id>`).
 */
export interface TeamExpiryRule {
  now: Instant
  expire: (team: Team) => TeamWrite | null
  notice: (team: Team, optIn: MessageOptIn, productTitle: string | null) => OutboxMessage
}

/** What a slice of team expiry did: teams read (and the last), teams failed, messages queued to send. */
export interface TeamExpirySlice {
  read: number
  last: { at: Instant; id: string } | null
  failed: number
  queued: OutboxMessage[]
}

/**
 * How the group-buy timer refunds a failed team's paid seats, for an adapter that handles a slice of
 * teams in one transaction: `refund` is the change a paid seat's order takes (null when there is
 * nothing more to refund; it throws when the order cannot be found).
 */
export interface TeamRefundRule {
  now: Instant
  refund: (order: Order | null) => Omit<OrderChange, 'expectedVersion'> | null
}

/** A slice of failed teams' refunds: the refunds to send and, per team, the seats whose refund is under way. */
export interface TeamRefundSlice {
  read: number
  last: { at: Instant; id: string } | null
  /** Refunds to send to the provider (their numbers): created now, or created earlier and still waiting. */
  send: string[]
  teams: { id: string; campaignId: string; orderIds: string[] }[]
}

/** Group-buys: campaign documents, teams and their seats. */
export interface GroupBuyStore {
  /** Group-buy campaign documents as operators wrote them (validated by the caller on read). */
  putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void>
  listGroupBuys(): Promise<unknown[]>
  findGroupBuy(id: string): Promise<unknown | null>
  findTeam(id: string): Promise<Team | null>
  /**
   * Reads the team (null when new) with the campaign's taken seats and the member's places, lets
   * `decide` (pure) compute the change and applies team and seat count as one atomic step at the
   * version read; a change computed from a moved version is decided again. Answers the team as
   * written, or null when `decide` answered null. An error `decide` throws changes nothing.
   */
  updateTeam(
    teamId: string,
    read: { campaignId: string; memberId?: string; now: Instant },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null>
  /** Teams of a campaign in the given states, the fullest (most seats) first, then the oldest. */
  listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>>
  /** Teams the member has or had a seat in, newest first. */
  teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>>
  /** Forming teams whose time ran out by `before`. */
  teamsDue(before: Instant, limit: number): Promise<Team[]>
  /** Failed teams with a paid seat still to refund. */
  teamsAwaitingRefund(limit: number): Promise<Team[]>
  seatsTaken(campaignId: string): Promise<number>
  /**
   * The group-buy timer a slice at a time (SQLite; absent elsewhere, where the timer goes team by
   * team). `expireTeamsSlice`: up to `limit` forming teams whose time ran out by `rule.now`, after
   * `after` in (expiresAt, id) order, each failed as `rule.expire` says with its members' messages
   * queued, in one transaction. `refundTeamsSlice`: up to `limit` failed teams awaiting refunds
   * after `after` in (expiresAt, id) order, every paid seat's order refunded as `rule.refund` says, in one
   * transaction. `settleTeamSteps`: each team moved by its steps in order (as many `updateTeam`s,
   * one after the other), in one transaction; answers how many steps applied.
   */
  expireTeamsSlice?(rule: TeamExpiryRule, after: { at: Instant; id: string } | null, limit: number): Promise<TeamExpirySlice>
  refundTeamsSlice?(rule: TeamRefundRule, after: { at: Instant; id: string } | null, limit: number): Promise<TeamRefundSlice>
  settleTeamSteps?(
    teams: readonly { id: string; campaignId: string; steps: ((team: Team) => TeamWrite | null)[] }[],
    now: Instant,
  ): Promise<number>
}
