import { beforeEach, describe, expect, it } from 'vitest'
import { seatRefunded, takeSeat } from '../../cloudfunctions/src/core/groupbuy'
import type { Store, TeamState, TeamWrite } from '../../cloudfunctions/src/store/port'
import type { OutboxMessage, Seat, SeatStatus, Team } from '../../types/domain'
import { T0 } from '../support/fixtures'

const DAY = 86_400_000
const HOLD = 15 * 60_000

const seat = (memberId: string, status: SeatStatus = 'paid', overrides: Partial<Seat> = {}): Seat => ({
  memberId,
  orderId: `o-${memberId}`,
  skuId: 'p1-s1',
  status,
  heldUntil: T0 + HOLD,
  joinedAt: T0,
  paidAt: status === 'paid' || status === 'refunded' ? T0 : null,
  ...overrides,
})

/** A forming team of three whose leader has paid, moved along by the overrides. */
const team = (id: string, overrides: Partial<Team> = {}): Team => ({
  id,
  campaignId: 'gb1',
  productId: 'p1',
  leaderId: `lead-${id}`,
  size: 3,
  status: 'forming',
  seats: [seat(`lead-${id}`, 'paid', { orderId: `o-lead-${id}` })],
  openedAt: T0,
  expiresAt: T0 + DAY,
  succeededAt: null,
  failedAt: null,
  ...overrides,
})

/** Writes a team as it is, taking a campaign seat for each of its held or paid seats when it is new. */
async function put(store: Store, t: Team, seatsDelta?: number): Promise<Team | null> {
  return store.updateTeam(t.id, { campaignId: t.campaignId, now: T0 }, (s) => ({
    team: t,
    seatsDelta: seatsDelta ?? (s.team ? 0 : t.seats.filter((x) => x.status === 'held' || x.status === 'paid').length),
  }))
}

/** What `decide` was shown, without changing anything. */
async function stateOf(
  store: Store,
  teamId: string,
  read: { campaignId?: string; memberId?: string; now?: number } = {},
): Promise<TeamState> {
  let seen: TeamState | null = null
  const answer = await store.updateTeam(
    teamId,
    { campaignId: read.campaignId ?? 'gb1', memberId: read.memberId, now: read.now ?? T0 },
    (s) => {
      seen = s
      return null
    },
  )
  expect(answer).toBeNull()
  return seen!
}

const ids = (items: readonly { id: string }[]) => items.map((x) => x.id)

const message = (id: string, at: number): OutboxMessage => ({
  id,
  memberId: 'v1',
  template: 'groupbuy_result',
  data: { product: '明前龙井', result: '拼团成功', note: '商家将尽快发货', size: '3人团' },
  page: 'packages/groupbuy/team/index?teamId=t1',
  at,
  sentAt: null,
})

/** The group-buy half of the store contract: campaign documents, teams and their seat count, opt-ins and the message outbox. */
export function groupBuyContract(adapter: string, open: () => Promise<Store>) {
  describe(`group-buy store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })

    it('keeps campaign documents as operators wrote them, and a rewrite replaces the whole document', async () => {
      const odd = {
        id: 'gb2',
        productId: 'p1',
        teamSize: 'three',
        skus: [{ skuId: 'p1-s1', teamPrice: -1 }],
        nested: { a: [1, { b: null }] },
      }
      const good = {
        id: 'gb1',
        title: '龙井三人团',
        productId: 'p1',
        skus: [{ skuId: 'p1-s1', teamPrice: 9_900 }],
        teamSize: 3,
        enabled: true,
        note: '临时字段',
      }
      await store.putGroupBuy(odd)
      await store.putGroupBuy(good)
      expect(await store.findGroupBuy('gb2')).toEqual(odd)
      expect(await store.findGroupBuy('nope')).toBeNull()
      const { note: _note, ...rewritten } = { ...good, teamSize: 4 }
      await store.putGroupBuy(rewritten)
      expect(await store.findGroupBuy('gb1')).toEqual(rewritten)
      const all = (await store.listGroupBuys()) as { id: string }[]
      expect([...all].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([rewritten, odd])
    })

    it('creates a team at version 0 and shows decide the team, its version and the campaign’s taken seats', async () => {
      const opened = team('t1', { status: 'opening', expiresAt: null, seats: [seat('lead-t1', 'held', { orderId: 'o-lead-t1' })] })
      let first: TeamState | null = null
      const written = await store.updateTeam('t1', { campaignId: 'gb1', memberId: 'lead-t1', now: T0 }, (s) => {
        first = s
        return { team: opened, seatsDelta: 1 }
      })
      expect(first).toEqual({ team: null, version: 0, taken: 0, memberSeats: 0 })
      expect(written).toEqual(opened)
      expect(await store.findTeam('t1')).toEqual(opened)
      expect(await store.findTeam('t2')).toBeNull()
      expect(await store.seatsTaken('gb1')).toBe(1)

      const again = await stateOf(store, 't1', { memberId: 'lead-t1' })
      expect(again).toEqual({ team: opened, version: again.version, taken: 1, memberSeats: 1 })
      expect(again.version).toBeGreaterThan(0)
      const paid = {
        ...opened,
        status: 'forming' as const,
        expiresAt: T0 + DAY,
        seats: [seat('lead-t1', 'paid', { orderId: 'o-lead-t1' })],
      }
      await store.updateTeam('t1', { campaignId: 'gb1', now: T0 }, () => ({ team: paid, seatsDelta: 0 }))
      const third = await stateOf(store, 't1')
      expect(third.team).toEqual(paid)
      expect(third.version).toBeGreaterThan(again.version)
      // Another campaign's count is its own.
      expect((await stateOf(store, 't1', { campaignId: 'gb2' })).taken).toBe(0)
    })

    it('counts the member’s places in the campaign: paid and live holds, not lapsed holds, released or refunded seats, or other campaigns', async () => {
      await put(store, team('t-paid', { seats: [seat('lead-t-paid'), seat('m', 'paid', { orderId: 'o1' })] }))
      await put(store, team('t-held', { seats: [seat('lead-t-held'), seat('m', 'held', { orderId: 'o2', heldUntil: T0 + 1 })] }))
      await put(store, team('t-lapsed', { seats: [seat('lead-t-lapsed'), seat('m', 'held', { orderId: 'o3', heldUntil: T0 })] }))
      await put(store, team('t-released', { seats: [seat('lead-t-released'), seat('m', 'released', { orderId: 'o4' })] }))
      await put(
        store,
        team('t-refunded', {
          status: 'failed',
          failedAt: T0,
          seats: [seat('lead-t-refunded', 'refunded'), seat('m', 'refunded', { orderId: 'o5' })],
        }),
      )
      await put(store, team('t-other', { campaignId: 'gb2', seats: [seat('lead-t-other'), seat('m', 'paid', { orderId: 'o6' })] }))
      expect((await stateOf(store, 'new-team', { memberId: 'm', now: T0 })).memberSeats).toBe(2)
      // One millisecond on, the live hold has lapsed too.
      expect((await stateOf(store, 'new-team', { memberId: 'm', now: T0 + 1 })).memberSeats).toBe(1)
      expect((await stateOf(store, 'new-team', { memberId: 'm', campaignId: 'gb2' })).memberSeats).toBe(1)
      expect((await stateOf(store, 'new-team', { memberId: 'nobody' })).memberSeats).toBe(0)
      expect((await stateOf(store, 'new-team')).memberSeats).toBe(0)
    })

    it('moves the campaign’s seat count by each write’s seatsDelta, together with the team', async () => {
      await put(store, team('t1'), 1)
      await put(store, team('t1', { seats: [seat('lead-t1'), seat('a', 'held'), seat('b', 'held')] }), 2)
      expect(await store.seatsTaken('gb1')).toBe(3)
      await put(store, team('t1', { seats: [seat('lead-t1'), seat('a', 'released'), seat('b', 'held')] }), -1)
      expect(await store.seatsTaken('gb1')).toBe(2)
      const before = await stateOf(store, 't1')
      await put(store, team('t1', { seats: [seat('lead-t1'), seat('a', 'released'), seat('b', 'paid')] }), 0)
      const after = await stateOf(store, 't1')
      expect(after.taken).toBe(2)
      expect(after.version).toBeGreaterThan(before.version)
      expect(after.team!.seats.map((s) => s.status)).toEqual(['paid', 'released', 'paid'])
      await put(store, team('t9', { campaignId: 'gb2' }), 1)
      expect([await store.seatsTaken('gb1'), await store.seatsTaken('gb2'), await store.seatsTaken('gb3')]).toEqual([2, 1, 0])
    })

    it('changes nothing when decide throws or answers null', async () => {
      await put(store, team('t1'))
      const before = await stateOf(store, 't1', { memberId: 'x' })
      await expect(
        store.updateTeam('t1', { campaignId: 'gb1', memberId: 'x', now: T0 }, () => {
          throw new Error('TEAM_FULL')
        }),
      ).rejects.toThrow('TEAM_FULL')
      await expect(
        store.updateTeam('t-new', { campaignId: 'gb1', now: T0 }, () => {
          throw new Error('GROUPBUY_SOLD_OUT')
        }),
      ).rejects.toThrow('GROUPBUY_SOLD_OUT')
      expect(await store.updateTeam('t1', { campaignId: 'gb1', now: T0 }, () => null)).toBeNull()
      expect(await stateOf(store, 't1', { memberId: 'x' })).toEqual(before)
      expect(await store.findTeam('t-new')).toBeNull()
      expect(await store.teamsOfMember('x', 0, 10)).toEqual({ items: [], total: 0 })
      expect(await store.seatsTaken('gb1')).toBe(1)
    })

    it('refuses a team written under another id or campaign, and writes nothing of it', async () => {
      await expect(store.updateTeam('t1', { campaignId: 'gb1', now: T0 }, () => ({ team: team('t2'), seatsDelta: 1 }))).rejects.toThrow()
      await expect(
        store.updateTeam('t1', { campaignId: 'gb1', now: T0 }, () => ({ team: team('t1', { campaignId: 'gb2' }), seatsDelta: 1 })),
      ).rejects.toThrow()
      expect(await store.findTeam('t1')).toBeNull()
      expect(await store.findTeam('t2')).toBeNull()
      expect([await store.seatsTaken('gb1'), await store.seatsTaken('gb2')]).toEqual([0, 0])
      expect(await store.teamsOfMember('lead-t2', 0, 10)).toEqual({ items: [], total: 0 })
    })

    it('of 30 concurrent seat takers in a team of 3 with one free seat and one lapsed hold, exactly 2 get a seat', async () => {
      const start = team('t1', { seats: [seat('lead-t1'), seat('late', 'held', { heldUntil: T0 - 1 })] })
      // The team holds all 3 of its campaign seats from its opening on.
      await put(store, start, 3)
      const take =
        (i: number) =>
        (s: TeamState): TeamWrite => {
          const step = takeSeat(s.team!, { memberId: `j${i}`, orderId: `o-j${i}`, skuId: 'p1-s1' }, T0 + HOLD, T0)
          if (typeof step === 'string') throw new Error(step)
          return step
        }
      const outcomes = await Promise.allSettled(
        Array.from({ length: 30 }, (_, i) => store.updateTeam('t1', { campaignId: 'gb1', memberId: `j${i}`, now: T0 }, take(i))),
      )
      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [`j${i}`] : []))
      expect(winners).toHaveLength(2)
      expect(outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as Error).message)).toEqual(
        Array(28).fill('TEAM_FULL'),
      )
      const final = (await store.findTeam('t1'))!
      expect(final.seats.map((s) => [s.memberId, s.status])).toEqual([
        ['lead-t1', 'paid'],
        ['late', 'released'],
        ...winners.map((m) => [m, 'held']),
      ])
      // The lapsed hold went back to the team as the first winner took its place; the campaign's count never moved.
      expect(await store.seatsTaken('gb1')).toBe(3)
    })

    it('of 20 teams opening at once with 10 campaign seats left, exactly 10 open and the count ends at the cap', async () => {
      await put(store, team('t-first', { seats: [seat('lead-t-first'), seat('a', 'held'), seat('b', 'held')] }), 3)
      const opening =
        (i: number) =>
        (s: TeamState): TeamWrite => {
          if (s.taken + 1 > 13) throw new Error('GROUPBUY_SOLD_OUT')
          return {
            team: team(`t${i}`, { status: 'opening', expiresAt: null, seats: [seat(`lead-t${i}`, 'held', { orderId: `o-lead-t${i}` })] }),
            seatsDelta: 1,
          }
        }
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) => store.updateTeam(`t${i}`, { campaignId: 'gb1', now: T0 }, opening(i))),
      )
      const opened = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [`t${i}`] : []))
      expect(opened).toHaveLength(10)
      expect(outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as Error).message)).toEqual(
        Array(10).fill('GROUPBUY_SOLD_OUT'),
      )
      expect(await store.seatsTaken('gb1')).toBe(13)
      const listed = await store.listTeams({ campaignId: 'gb1', statuses: ['opening'], offset: 0, limit: 30 })
      expect(ids(listed.items).sort()).toEqual([...opened].sort())
    })

    it('lists a campaign’s teams in the asked-for states, the fullest first, then the oldest, then by id, a page at a time', async () => {
      const held = (m: string) => seat(m, 'held')
      await put(store, team('t-e', { openedAt: T0 }))
      await put(store, team('t-c', { openedAt: T0 + 1, seats: [seat('lead-t-c'), held('c1')] }))
      await put(store, team('t-a', { openedAt: T0 + 2, seats: [seat('lead-t-a'), held('a1'), seat('a2')] }))
      await put(store, team('t-d', { openedAt: T0 }))
      await put(store, team('t-b', { openedAt: T0, seats: [seat('lead-t-b'), seat('b1'), seat('b2', 'released')] }))
      await put(
        store,
        team('t-f', { status: 'succeeded', succeededAt: T0 + 3, openedAt: T0 + 1, seats: [seat('lead-t-f'), seat('f1'), seat('f2')] }),
      )
      await put(store, team('t-x', { campaignId: 'gb2', seats: [seat('lead-t-x'), seat('x1'), seat('x2')] }))
      const forming = await store.listTeams({ campaignId: 'gb1', statuses: ['forming'], offset: 0, limit: 10 })
      expect(ids(forming.items)).toEqual(['t-a', 't-b', 't-c', 't-d', 't-e'])
      expect(forming.total).toBe(5)
      expect(await store.listTeams({ campaignId: 'gb1', statuses: ['forming'], offset: 1, limit: 2 })).toEqual({
        items: forming.items.slice(1, 3),
        total: 5,
      })
      expect(ids((await store.listTeams({ campaignId: 'gb1', statuses: ['forming', 'succeeded'], offset: 0, limit: 3 })).items)).toEqual([
        't-f',
        't-a',
        't-b',
      ])
      expect(await store.listTeams({ campaignId: 'gb1', statuses: ['failed', 'cancelled'], offset: 0, limit: 10 })).toEqual({
        items: [],
        total: 0,
      })
      expect(ids((await store.listTeams({ campaignId: 'gb2', statuses: ['forming'], offset: 0, limit: 10 })).items)).toEqual(['t-x'])
    })

    it('lists the teams a member has or had a seat in, newest first, each once', async () => {
      await put(store, team('t-old', { openedAt: T0, seats: [seat('lead-t-old'), seat('m', 'paid', { orderId: 'o1' })] }))
      await put(
        store,
        team('t-new', {
          openedAt: T0 + 5,
          seats: [seat('lead-t-new'), seat('m', 'released', { orderId: 'o2' }), seat('m', 'held', { orderId: 'o3' })],
        }),
      )
      await put(store, team('t-mid2', { openedAt: T0 + 2, seats: [seat('lead-t-mid2'), seat('m', 'paid', { orderId: 'o4' })] }))
      await put(store, team('t-gone', { openedAt: T0 + 3, seats: [seat('lead-t-gone'), seat('m', 'released', { orderId: 'o5' })] }))
      await put(
        store,
        team('t-mid1', { openedAt: T0 + 2, campaignId: 'gb2', seats: [seat('lead-t-mid1'), seat('m', 'paid', { orderId: 'o6' })] }),
      )
      await put(store, team('t-none', { openedAt: T0 + 9 }))
      const all = await store.teamsOfMember('m', 0, 10)
      expect(ids(all.items)).toEqual(['t-new', 't-gone', 't-mid1', 't-mid2', 't-old'])
      expect(all.total).toBe(5)
      expect(all.items[0]).toEqual(await store.findTeam('t-new'))
      expect(await store.teamsOfMember('m', 1, 2)).toEqual({ items: all.items.slice(1, 3), total: 5 })
      expect(ids((await store.teamsOfMember('lead-t-none', 0, 10)).items)).toEqual(['t-none'])
    })

    it('finds forming teams whose time ran out by an instant, the earliest first', async () => {
      await put(store, team('t1', { expiresAt: T0 + 10 }))
      await put(store, team('t2', { expiresAt: T0 + 5 }))
      await put(store, team('t0', { expiresAt: T0 + 10 }))
      await put(store, team('t3', { expiresAt: T0 + 11 }))
      await put(store, team('t4', { status: 'opening', expiresAt: null, seats: [seat('lead-t4', 'held')] }))
      await put(store, team('t5', { status: 'succeeded', expiresAt: T0, succeededAt: T0, seats: [seat('lead-t5'), seat('a'), seat('b')] }))
      await put(store, team('t6', { status: 'failed', expiresAt: T0, failedAt: T0 }))
      expect(ids(await store.teamsDue(T0 + 10, 10))).toEqual(['t2', 't0', 't1'])
      expect(ids(await store.teamsDue(T0 + 10, 2))).toEqual(['t2', 't0'])
      expect(await store.teamsDue(T0 + 4, 10)).toEqual([])
      expect((await store.teamsDue(T0 + 11, 10))[3]).toEqual(await store.findTeam('t3'))
    })

    it('finds failed teams with a paid seat still to refund, until each seat is refunded', async () => {
      const failed = (id: string, seats: Seat[]) => team(id, { status: 'failed', failedAt: T0, seats })
      await put(store, failed('f3', [seat('lead-f3'), seat('a', 'released')]))
      await put(store, failed('f1', [seat('lead-f1', 'refunded'), seat('b', 'paid')]))
      await put(store, failed('f2', [seat('lead-f2', 'refunded'), seat('c', 'released')]))
      await put(store, team('x1', { seats: [seat('lead-x1'), seat('d')] }))
      await put(store, team('x2', { status: 'cancelled', failedAt: T0, seats: [seat('lead-x2', 'released')] }))
      expect(ids(await store.teamsAwaitingRefund(10))).toEqual(['f1', 'f3'])
      expect(await store.teamsAwaitingRefund(1)).toHaveLength(1)
      const refund = (id: string, orderId: string) =>
        store.updateTeam(id, { campaignId: 'gb1', now: T0 }, (s) => seatRefunded(s.team!, orderId))
      await refund('f1', 'o-b')
      expect(ids(await store.teamsAwaitingRefund(10))).toEqual(['f3'])
      await refund('f3', 'o-lead-f3')
      expect(await store.teamsAwaitingRefund(10)).toEqual([])
    })

    it('records an opt-in once under its id and lists a topic’s opt-ins oldest first', async () => {
      expect(await store.recordOptIn({ id: 'optin:o2', memberId: 'v4', topic: 'groupbuy:t1', at: T0 + 1 })).toBe(true)
      expect(await store.recordOptIn({ id: 'optin:o1', memberId: 'v1', topic: 'groupbuy:t1', at: T0 + 1 })).toBe(true)
      expect(await store.recordOptIn({ id: 'optin:o0', memberId: 'v1', topic: 'groupbuy:t1', at: T0 })).toBe(true)
      expect(await store.recordOptIn({ id: 'optin:o3', memberId: 'v1', topic: 'groupbuy:t2', at: T0 })).toBe(true)
      expect(await store.recordOptIn({ id: 'optin:o1', memberId: 'v9', topic: 'groupbuy:t2', at: T0 + 9 })).toBe(false)
      expect(await store.optInsFor('groupbuy:t1')).toEqual([
        { id: 'optin:o0', memberId: 'v1', topic: 'groupbuy:t1', at: T0 },
        { id: 'optin:o1', memberId: 'v1', topic: 'groupbuy:t1', at: T0 + 1 },
        { id: 'optin:o2', memberId: 'v4', topic: 'groupbuy:t1', at: T0 + 1 },
      ])
      expect(ids(await store.optInsFor('groupbuy:t2'))).toEqual(['optin:o3'])
      expect(await store.optInsFor('groupbuy:t9')).toEqual([])
    })

    it('queues a message once per opt-in, lists the outbox newest first and marks a message sent once', async () => {
      expect(await store.queueMessage(message('optin:a', T0))).toBe(true)
      expect(await store.queueMessage(message('optin:c', T0 + 1))).toBe(true)
      expect(await store.queueMessage(message('optin:b', T0 + 1))).toBe(true)
      expect(await store.queueMessage({ ...message('optin:a', T0 + 5), data: { result: '拼团失败' } })).toBe(false)
      const all = await store.listMessages(0, 10)
      expect(all).toEqual({ items: [message('optin:b', T0 + 1), message('optin:c', T0 + 1), message('optin:a', T0)], total: 3 })
      expect(await store.listMessages(1, 1)).toEqual({ items: [message('optin:c', T0 + 1)], total: 3 })
      await store.markMessageSent('optin:c', T0 + 7)
      await store.markMessageSent('optin:c', T0 + 8)
      await store.markMessageSent('optin:nope', T0 + 8)
      expect((await store.listMessages(0, 10)).items.map((m) => [m.id, m.sentAt])).toEqual([
        ['optin:b', null],
        ['optin:c', T0 + 7],
        ['optin:a', null],
      ])
    })
  })
}
