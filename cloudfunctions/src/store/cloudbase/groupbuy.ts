import type { Team, TeamStatus } from '../../../../types/domain'
import type { Slice, TeamState, TeamWrite, GroupBuyStore } from '../port'
import { type DocData, MAX_GET } from './database'
import { read, withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseBase } from './base'
import { STALE, retryWhileStale, transact } from './retry'

function toTeam(doc: DocData): Team {
  const { _id, version: _version, places: _places, awaitingRefund: _awaiting, ...rest } = doc
  return { id: _id, ...rest } as Team
}

/** Group-buys: campaign documents, teams and their seats. */
export class CloudbaseGroupBuy extends CloudbaseBase implements GroupBuyStore {
  async putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    await this.db.collection('groupbuys').doc(id).set({ data: rest })
  }

  async listGroupBuys(): Promise<unknown[]> {
    const docs = await getAll(this.db.collection('groupbuys').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<unknown>(d))
  }

  async findGroupBuy(id: string): Promise<unknown | null> {
    const { data } = await this.db.collection('groupbuys').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }

  async findTeam(id: string): Promise<Team | null> {
    const { data } = await this.db.collection('teams').where({ _id: id }).limit(1).get()
    return data[0] ? toTeam(data[0]) : null
  }

  /**
   * Compare-and-set on the team's version and on the campaign's seat count in one transaction: a
   * decision made from a team or a count someone else moved is made again. The member's places are
   * counted before the transaction (queries cannot run inside one), so one member racing themselves
   * across teams could pass the per-member limit by the race's width; seats and size never can.
   */
  async updateTeam(
    teamId: string,
    wanted: { campaignId: string; memberId?: string; now: number },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null> {
    const _ = this.db.command
    return retryWhileStale(`team ${teamId}`, async () => {
      const [{ data: teamDocs }, { data: counterDocs }, memberSeatDocs] = await Promise.all([
        this.db.collection('teams').where({ _id: teamId }).limit(1).get(),
        this.db.collection('groupbuy_seats_taken').where({ _id: wanted.campaignId }).limit(1).get(),
        wanted.memberId
          ? getAll(
              this.db
                .collection('team_seats')
                .where({ memberId: wanted.memberId, campaignId: wanted.campaignId, status: _.in(['held', 'paid']) }),
            )
          : Promise.resolve([] as DocData[]),
      ])
      const version = teamDocs[0]?.version ?? 0
      const taken = counterDocs[0]?.taken ?? 0
      const counterVersion = counterDocs[0]?.version ?? 0
      const memberSeats = memberSeatDocs.filter((s) => s.status === 'paid' || s.heldUntil > wanted.now).length
      const decision = decide({ team: teamDocs[0] ? toTeam(teamDocs[0]) : null, version, taken, memberSeats })
      if (!decision) return null
      const { team, seatsDelta } = decision
      if (team.id !== teamId || team.campaignId !== wanted.campaignId) throw new Error(`team ${team.id} is not the team asked for`)
      const applied = await transact(this.db, async (tx) => {
        const current = await read(tx.collection('teams').doc(teamId))
        if ((current?.version ?? 0) !== version) return false
        const counterRef = tx.collection('groupbuy_seats_taken').doc(wanted.campaignId)
        if (seatsDelta !== 0) {
          const counter = await read(counterRef)
          if ((counter?.version ?? 0) !== counterVersion) return false
          await counterRef.set({ data: { taken: taken + seatsDelta, version: counterVersion + 1 } })
        }
        const awaitingRefund = team.status === 'failed' && team.seats.some((s) => s.status === 'paid')
        const places = team.seats.filter((s) => s.status === 'paid' || s.status === 'held').length
        await tx
          .collection('teams')
          .doc(teamId)
          .set({ data: { ...withoutId(team), places, awaitingRefund, version: version + 1 } })
        for (const seat of team.seats) {
          await tx
            .collection('team_seats')
            .doc(`${teamId}|${seat.orderId}`)
            .set({
              data: {
                teamId,
                campaignId: team.campaignId,
                memberId: seat.memberId,
                status: seat.status,
                heldUntil: seat.heldUntil,
                openedAt: team.openedAt,
              },
            })
        }
        return true
      })
      return applied ? team : STALE
    })
  }

  async listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>> {
    const condition = { campaignId: query.campaignId, status: this.db.command.in([...query.statuses]) }
    return pageOf(
      this.db.collection('teams').where(condition).orderBy('places', 'desc').orderBy('openedAt', 'asc').orderBy('_id', 'asc'),
      this.db.collection('teams').where(condition),
      { offset: query.offset, limit: query.limit },
      (data) => data.map(toTeam),
    )
  }

  async teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>> {
    const seats = await getAll(this.db.collection('team_seats').where({ memberId }).orderBy('openedAt', 'desc').orderBy('teamId', 'asc'))
    const teamIds = [...new Set(seats.map((s) => s.teamId as string))]
    const page = teamIds.slice(offset, offset + limit)
    const teams = page.length === 0 ? [] : (await getAll(this.db.collection('teams').where({ _id: this.db.command.in(page) }))).map(toTeam)
    return { items: page.map((id) => teams.find((t) => t.id === id)!).filter(Boolean), total: teamIds.length }
  }

  async teamsDue(before: number, limit: number): Promise<Team[]> {
    const { data } = await this.db
      .collection('teams')
      .where({ status: 'forming', expiresAt: this.db.command.lte(before) })
      .orderBy('expiresAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map(toTeam)
  }

  async teamsAwaitingRefund(limit: number): Promise<Team[]> {
    const { data } = await this.db
      .collection('teams')
      .where({ awaitingRefund: true })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map(toTeam)
  }

  async seatsTaken(campaignId: string): Promise<number> {
    const { data } = await this.db.collection('groupbuy_seats_taken').where({ _id: campaignId }).limit(1).get()
    return data[0]?.taken ?? 0
  }
}
