import type { MessageOptIn, Order, Refund, Team, TeamStatus } from '../../../../types/domain'
import type { GroupBuyStore, Slice, TeamExpiryRule, TeamExpirySlice, TeamRefundRule, TeamRefundSlice, TeamState, TeamWrite } from '../port'
import { SqliteBase } from './base'
import { type DocRow, parseDoc } from './paging'

/** The team columns a write may move, from the team they describe. */
function teamColumns(team: Team) {
  return {
    status: team.status,
    places: team.seats.filter((s) => s.status === 'paid' || s.status === 'held').length,
    expiresAt: team.expiresAt,
    awaitingRefund: team.status === 'failed' && team.seats.some((s) => s.status === 'paid') ? 1 : 0,
  }
}
const TEAM_COLUMNS: readonly (readonly [keyof ReturnType<typeof teamColumns>, string])[] = [
  ['status', 'status'],
  ['places', 'places'],
  ['expiresAt', 'expires_at'],
  ['awaitingRefund', 'awaiting_refund'],
]

/** Teams a slice of refunds reads at a time. */
const TEAMS_READ = 500

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
    return this.db.transaction(() => this.stepTeam(teamId, read, [decide]).team).immediate()
  }

  /**
   * Reads the team with the campaign's taken seats and the member's places, and applies `steps` one
   * after the other, each deciding on what the one before left, as that many `updateTeam`s would:
   * the team is written once, its version moved once per step applied. Inside the caller's transaction.
   */
  private stepTeam(
    teamId: string,
    read: { campaignId: string; memberId?: string; now: number },
    steps: readonly ((state: TeamState) => TeamWrite | null)[],
  ): { team: Team | null; applied: number } {
    const row = this.sql(
      'SELECT version, doc, status, places, expires_at AS expiresAt, awaiting_refund AS awaitingRefund FROM teams WHERE id = ?',
    ).get(teamId) as ({ version: number; doc: string } & ReturnType<typeof teamColumns>) | undefined
    let taken =
      (this.sql('SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?').get(read.campaignId) as { taken: number } | undefined)
        ?.taken ?? 0
    const memberSeats = read.memberId
      ? (
          this.sql(
            "SELECT COUNT(*) AS n FROM team_seats WHERE member_id = ? AND campaign_id = ? AND (status = 'paid' OR (status = 'held' AND held_until > ?))",
          ).get(read.memberId, read.campaignId, read.now) as { n: number }
        ).n
      : 0
    let team = row ? (JSON.parse(row.doc) as Team) : null
    let version = row?.version ?? 0
    let delta = 0
    let applied = 0
    for (const step of steps) {
      const decision = step({ team, version, taken, memberSeats })
      if (!decision) continue
      if (decision.team.id !== teamId || decision.team.campaignId !== read.campaignId)
        throw new Error(`team ${decision.team.id} is not the team asked for`)
      team = decision.team
      version += 1
      taken += decision.seatsDelta
      delta += decision.seatsDelta
      applied += 1
    }
    if (applied === 0 || !team) return { team: null, applied: 0 }
    const columns = teamColumns(team)
    if (!row) {
      this.sql(
        `INSERT INTO teams (id, campaign_id, status, places, opened_at, expires_at, awaiting_refund, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        team.id,
        team.campaignId,
        columns.status,
        columns.places,
        team.openedAt,
        columns.expiresAt,
        columns.awaitingRefund,
        applied,
        JSON.stringify(team),
      )
    } else {
      // Only the columns that move are set: SQLite rewrites every index over a column a statement sets.
      const set = TEAM_COLUMNS.filter(([key]) => row[key] !== columns[key]).map(([key, column]) => `${column} = @${key}, `)
      this.sql(`UPDATE teams SET ${set.join('')}version = version + @applied, doc = @doc WHERE id = @id`).run({
        ...columns,
        id: team.id,
        applied,
        doc: JSON.stringify(team),
      })
    }
    // Seats are written where they changed, so an index over what stayed (a member's seats by time) is left alone.
    const stored = new Map(
      (
        this.sql(
          'SELECT order_id AS orderId, campaign_id AS campaignId, member_id AS memberId, status, held_until AS heldUntil, opened_at AS openedAt FROM team_seats WHERE team_id = ?',
        ).all(team.id) as { orderId: string; campaignId: string; memberId: string; status: string; heldUntil: number; openedAt: number }[]
      ).map((s) => [s.orderId, s]),
    )
    const putSeat = this.sql(
      'INSERT INTO team_seats (team_id, order_id, campaign_id, member_id, status, held_until, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const dropSeat = this.sql('DELETE FROM team_seats WHERE team_id = ? AND order_id = ?')
    for (const seat of team.seats) {
      const had = stored.get(seat.orderId)
      stored.delete(seat.orderId)
      if (had && had.campaignId === team.campaignId && had.memberId === seat.memberId && had.openedAt === team.openedAt) {
        if (had.status !== seat.status)
          this.sql('UPDATE team_seats SET status = ? WHERE team_id = ? AND order_id = ?').run(seat.status, team.id, seat.orderId)
        if (had.heldUntil !== seat.heldUntil)
          this.sql('UPDATE team_seats SET held_until = ? WHERE team_id = ? AND order_id = ?').run(seat.heldUntil, team.id, seat.orderId)
        continue
      }
      if (had) dropSeat.run(team.id, seat.orderId)
      putSeat.run(team.id, seat.orderId, team.campaignId, seat.memberId, seat.status, seat.heldUntil, team.openedAt)
    }
    for (const orderId of stored.keys()) dropSeat.run(team.id, orderId)
    // The count exists before anything is given back, so a release only ever updates it.
    if (delta > 0) {
      this.sql(
        `INSERT INTO groupbuy_seats_taken (campaign_id, taken) VALUES (?, ?)
         ON CONFLICT (campaign_id) DO UPDATE SET taken = groupbuy_seats_taken.taken + excluded.taken`,
      ).run(team.campaignId, delta)
    } else if (delta < 0) {
      this.sql('UPDATE groupbuy_seats_taken SET taken = taken + ? WHERE campaign_id = ?').run(delta, team.campaignId)
    }
    return { team, applied }
  }

  /**
   * Due teams over the due index (status, expires_at, id), each failed and written once, its members'
   * messages queued in the same transaction (sent by the caller once it committed).
   */
  async expireTeamsSlice(rule: TeamExpiryRule, after: { at: number; id: string } | null, limit: number): Promise<TeamExpirySlice> {
    return this.db
      .transaction((): TeamExpirySlice => {
        const due = (
          after
            ? this.sql(
                "SELECT id, campaign_id AS campaignId, expires_at AS at FROM teams WHERE status = 'forming' AND expires_at <= ? AND (expires_at, id) > (?, ?) ORDER BY expires_at, id LIMIT ?",
              ).all(rule.now, after.at, after.id, limit)
            : this.sql(
                "SELECT id, campaign_id AS campaignId, expires_at AS at FROM teams WHERE status = 'forming' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?",
              ).all(rule.now, limit)
        ) as { id: string; campaignId: string; at: number }[]
        const slice: TeamExpirySlice = { read: due.length, last: after, failed: 0, queued: [] }
        const titles = new Map<string, string | null>()
        const optIns = this.sql('SELECT id, member_id AS memberId, topic, at FROM message_optins WHERE topic = ? ORDER BY at, id')
        const queue = this.sql(
          'INSERT INTO message_outbox (id, member_id, at, sent_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
        )
        for (const { id, campaignId, at } of due) {
          slice.last = { at, id }
          const { team } = this.stepTeam(id, { campaignId, now: rule.now }, [(state) => (state.team ? rule.expire(state.team) : null)])
          if (!team) continue
          slice.failed += 1
          const optedIn = optIns.all(`groupbuy:${team.id}`) as MessageOptIn[]
          if (optedIn.length === 0) continue
          if (!titles.has(team.productId))
            titles.set(
              team.productId,
              (this.sql('SELECT title FROM products WHERE id = ?').get(team.productId) as { title: string } | undefined)?.title ?? null,
            )
          for (const optIn of optedIn) {
            const message = rule.notice(team, optIn, titles.get(team.productId) ?? null)
            if (queue.run(message.id, message.memberId, message.at, message.sentAt, JSON.stringify(message)).changes === 1)
              slice.queued.push(message)
          }
        }
        return slice
      })
      .immediate()
  }

  /**
   * Failed teams awaiting refunds in the order they expired (the order their orders were written in,
   * near enough, so a slice's orders share pages): every paid seat's order refunded as the rule says
   * (or, refunded before, its refunds still waiting listed to send again), in one transaction.
   */
  async refundTeamsSlice(rule: TeamRefundRule, after: { at: number; id: string } | null, limit: number): Promise<TeamRefundSlice> {
    return this.db
      .transaction((): TeamRefundSlice => {
        const slice: TeamRefundSlice = { read: 0, last: after, send: [], teams: [] }
        const readOrder = this.sql('SELECT version, doc FROM orders WHERE id = ?')
        const refundsOf = this.sql('SELECT doc FROM refunds WHERE order_id = ? ORDER BY created_at, id')
        // Read a few hundred teams at a time: what a piece allocates dies young.
        while (slice.read < limit) {
          const take = Math.min(TEAMS_READ, limit - slice.read)
          const rows = (
            slice.last
              ? this.sql(
                  `SELECT expires_at AS at, id, doc FROM teams INDEXED BY teams_awaiting_refund_by_expiry
                   WHERE awaiting_refund = 1 AND (expires_at, id) > (?, ?) ORDER BY expires_at, id LIMIT ?`,
                ).all(slice.last.at, slice.last.id, take)
              : this.sql(
                  'SELECT expires_at AS at, id, doc FROM teams INDEXED BY teams_awaiting_refund_by_expiry WHERE awaiting_refund = 1 ORDER BY expires_at, id LIMIT ?',
                ).all(take)
          ) as { at: number; id: string; doc: string }[]
          for (const { at, id, doc } of rows) {
            const team = JSON.parse(doc) as Team
            const orderIds = team.seats.filter((s) => s.status === 'paid').map((s) => s.orderId)
            for (const orderId of orderIds) {
              const row = readOrder.get(orderId) as { version: number; doc: string } | undefined
              const order = row ? (JSON.parse(row.doc) as Order) : null
              const decision = rule.refund(order)
              if (decision && row) {
                this.writeOrderChange({ ...decision, expectedVersion: row.version })
                if (decision.refund) slice.send.push(decision.refund.id)
              } else if (order) {
                for (const refund of (refundsOf.all(orderId) as DocRow[]).map(parseDoc<Refund>))
                  if (refund.status === 'refunding') slice.send.push(refund.id)
              }
            }
            slice.teams.push({ id, campaignId: team.campaignId, orderIds })
            slice.last = { at, id }
          }
          slice.read += rows.length
          if (rows.length < take) break
        }
        return slice
      })
      .immediate()
  }

  async settleTeamSteps(
    teams: readonly { id: string; campaignId: string; steps: ((team: Team) => TeamWrite | null)[] }[],
    now: number,
  ): Promise<number> {
    return this.db
      .transaction(() =>
        teams.reduce(
          (applied, { id, campaignId, steps }) =>
            applied +
            this.stepTeam(
              id,
              { campaignId, now },
              steps.map((step) => (state: TeamState) => (state.team ? step(state.team) : null)),
            ).applied,
          0,
        ),
      )
      .immediate()
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
