import type { Team, TeamStatus } from '../../../../types/domain'
import type { Slice, TeamState, TeamWrite, GroupBuyStore } from '../port'
import { SqliteBase } from './base'
import { type DocRow, parseDoc } from './paging'

/** Group-buys: campaign documents, teams and their seats. */
export class SqliteGroupBuy extends SqliteBase implements GroupBuyStore {
  async putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void> {
    this.sql('INSERT INTO groupbuys (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
      doc.id,
      JSON.stringify(doc),
    )
  }

  async listGroupBuys(): Promise<unknown[]> {
    return (this.sql('SELECT doc FROM groupbuys ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown)
  }

  async findGroupBuy(id: string): Promise<unknown | null> {
    const row = this.sql('SELECT doc FROM groupbuys WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }

  async findTeam(id: string): Promise<Team | null> {
    const row = this.sql('SELECT doc FROM teams WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Team) : null
  }

  async updateTeam(
    teamId: string,
    read: { campaignId: string; memberId?: string; now: number },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null> {
    const run = this.db.transaction((): Team | null => {
      const row = this.sql('SELECT version, doc FROM teams WHERE id = ?').get(teamId) as { version: number; doc: string } | undefined
      const taken =
        (this.sql('SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?').get(read.campaignId) as { taken: number } | undefined)
          ?.taken ?? 0
      const memberSeats = read.memberId
        ? (
            this.sql(
              "SELECT COUNT(*) AS n FROM team_seats WHERE member_id = ? AND campaign_id = ? AND (status = 'paid' OR (status = 'held' AND held_until > ?))",
            ).get(read.memberId, read.campaignId, read.now) as { n: number }
          ).n
        : 0
      const decision = decide({ team: row ? (JSON.parse(row.doc) as Team) : null, version: row?.version ?? 0, taken, memberSeats })
      if (!decision) return null
      const { team, seatsDelta } = decision
      if (team.id !== teamId || team.campaignId !== read.campaignId) throw new Error(`team ${team.id} is not the team asked for`)
      const places = team.seats.filter((s) => s.status === 'paid' || s.status === 'held').length
      const awaitingRefund = team.status === 'failed' && team.seats.some((s) => s.status === 'paid') ? 1 : 0
      this.sql(
        `INSERT INTO teams (id, campaign_id, status, places, opened_at, expires_at, awaiting_refund, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, places = excluded.places, expires_at = excluded.expires_at,
           awaiting_refund = excluded.awaiting_refund, version = teams.version + 1, doc = excluded.doc`,
      ).run(team.id, team.campaignId, team.status, places, team.openedAt, team.expiresAt, awaitingRefund, JSON.stringify(team))
      this.sql('DELETE FROM team_seats WHERE team_id = ?').run(team.id)
      const putSeat = this.sql(
        'INSERT INTO team_seats (team_id, order_id, campaign_id, member_id, status, held_until, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      for (const seat of team.seats)
        putSeat.run(team.id, seat.orderId, team.campaignId, seat.memberId, seat.status, seat.heldUntil, team.openedAt)
      // The count exists before anything is given back, so a release only ever updates it.
      if (seatsDelta > 0) {
        this.sql(
          `INSERT INTO groupbuy_seats_taken (campaign_id, taken) VALUES (?, ?)
           ON CONFLICT (campaign_id) DO UPDATE SET taken = groupbuy_seats_taken.taken + excluded.taken`,
        ).run(team.campaignId, seatsDelta)
      } else if (seatsDelta < 0) {
        this.sql('UPDATE groupbuy_seats_taken SET taken = taken + ? WHERE campaign_id = ?').run(seatsDelta, team.campaignId)
      }
      return team
    })
    return run.immediate()
  }

  async listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>> {
    const where = 'campaign_id = ? AND status IN (SELECT value FROM json_each(?))'
    const listing = {
      rows: `SELECT doc FROM teams WHERE ${where} ORDER BY places DESC, opened_at, id`,
      count: `SELECT COUNT(*) AS n FROM teams WHERE ${where}`,
      params: [query.campaignId, JSON.stringify(query.statuses)],
    }
    return this.slice<DocRow, Team>(listing, query, (rows) => rows.map(parseDoc<Team>))
  }

  async teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>> {
    const listing = {
      rows: 'SELECT t.doc FROM teams t WHERE t.id IN (SELECT team_id FROM team_seats WHERE member_id = ?) ORDER BY t.opened_at DESC, t.id',
      count: 'SELECT COUNT(DISTINCT team_id) AS n FROM team_seats WHERE member_id = ?',
      params: [memberId],
    }
    return this.slice<DocRow, Team>(listing, { offset, limit }, (rows) => rows.map(parseDoc<Team>))
  }

  async teamsDue(before: number, limit: number): Promise<Team[]> {
    const rows = this.sql("SELECT doc FROM teams WHERE status = 'forming' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?").all(
      before,
      limit,
    ) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Team)
  }

  async teamsAwaitingRefund(limit: number): Promise<Team[]> {
    const rows = this.sql('SELECT doc FROM teams WHERE awaiting_refund = 1 ORDER BY id LIMIT ?').all(limit) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Team)
  }

  async seatsTaken(campaignId: string): Promise<number> {
    return (
      (this.sql('SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?').get(campaignId) as { taken: number } | undefined)?.taken ??
      0
    )
  }
}
