import type { Instant, Team, TeamStatus } from '../../../../types/domain'
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
}
