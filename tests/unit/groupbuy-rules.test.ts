import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { GroupBuyCampaign, Team } from '../../types/domain'
import {
  expireTeam,
  holdsPlace,
  openTeam,
  placesTaken,
  readGroupBuy,
  releaseSeat,
  seatPaid,
  seatRefunded,
  takeSeat,
} from '../../cloudfunctions/src/core/groupbuy'
import { T0 } from '../support/fixtures'

const HOUR = 3_600_000
const HOLD = 15 * 60_000

const campaign: GroupBuyCampaign = {
  id: 'gb1',
  title: '',
  productId: 'p1',
  skus: [{ skuId: 'p1-s1', teamPrice: 9_900 }],
  teamSize: 3,
  timeLimitMs: 24 * HOUR,
  stock: 100,
  perMemberLimit: 1,
  startAt: T0 - HOUR,
  endAt: T0 + 48 * HOUR,
  enabled: true,
  sort: 0,
}

const seat = (memberId: string) => ({ memberId, orderId: `o-${memberId}`, skuId: 'p1-s1' })

function forming(): Team {
  const opened = openTeam('t1', campaign, seat('leader'), T0 + HOLD, T0).team
  return seatPaid(opened, 'o-leader', campaign.timeLimitMs, T0 + 1).step!.team
}

describe('campaign documents', () => {
  it('refuse what a campaign cannot run without, and clamp what is out of range', () => {
    expect(readGroupBuy(null).campaign).toBeNull()
    expect(readGroupBuy({ ...campaign, skus: [] }).campaign).toBeNull()
    expect(readGroupBuy({ ...campaign, skus: [{ skuId: 'p1-s1', teamPrice: 0 }] }).campaign).toBeNull()
    expect(readGroupBuy({ ...campaign, skus: [{ skuId: 'p1-s1', teamPrice: 99.5 }] }).campaign).toBeNull()
    expect(readGroupBuy({ ...campaign, endAt: campaign.startAt }).campaign).toBeNull()
    expect(readGroupBuy({ ...campaign, productId: { $ne: 1 } }).campaign).toBeNull()
    const { campaign: c, problems } = readGroupBuy({
      ...campaign,
      teamSize: 1,
      timeLimitMs: 999 * HOUR,
      stock: -5,
      perMemberLimit: 'x',
      enabled: 'yes',
      allowJoinOwnTeam: true,
    })
    expect(c).toMatchObject({ teamSize: 2, timeLimitMs: 72 * HOUR, stock: 0, perMemberLimit: 1, enabled: false })
    expect(problems).toHaveLength(5)
  })
})

describe('a team', () => {
  it('opens waiting for its leader, and forms for the time limit from the leader’s payment', () => {
    const { team, seatsDelta } = openTeam('t1', campaign, seat('leader'), T0 + HOLD, T0)
    expect(team).toMatchObject({ status: 'opening', expiresAt: null, seats: [{ memberId: 'leader', status: 'held' }] })
    // The team takes all its seats from the campaign when it opens.
    expect(seatsDelta).toBe(campaign.teamSize)
    expect(takeSeat(team, seat('a'), T0 + HOLD, T0)).toBe('TEAM_CLOSED')
    const paid = seatPaid(team, 'o-leader', campaign.timeLimitMs, T0 + 10)
    expect(paid).toEqual({
      step: { team: expect.objectContaining({ status: 'forming', expiresAt: T0 + 10 + 24 * HOUR }), seatsDelta: 0 },
      refund: false,
    })
    expect(seatPaid(paid.step!.team, 'o-leader', campaign.timeLimitMs, T0 + 20)).toEqual({ step: null, refund: false })
  })

  it('succeeds when its last seat is paid', () => {
    let team = forming()
    for (const m of ['a', 'b']) team = (takeSeat(team, seat(m), T0 + HOLD, T0 + 2) as { team: Team }).team
    expect(takeSeat(team, seat('c'), T0 + HOLD, T0 + 2)).toBe('TEAM_FULL')
    team = seatPaid(team, 'o-a', campaign.timeLimitMs, T0 + 3).step!.team
    expect(team.status).toBe('forming')
    team = seatPaid(team, 'o-b', campaign.timeLimitMs, T0 + 4).step!.team
    expect(team).toMatchObject({ status: 'succeeded', succeededAt: T0 + 4 })
    expect(seatPaid(team, 'o-c', campaign.timeLimitMs, T0 + 5)).toEqual({ step: null, refund: true })
  })

  it('refuses the leader, a member twice, and any join once closed', () => {
    const team = forming()
    expect(takeSeat(team, seat('leader'), T0 + HOLD, T0 + 2)).toBe('OWN_TEAM')
    const once = (takeSeat(team, seat('a'), T0 + HOLD, T0 + 2) as { team: Team }).team
    expect(takeSeat(once, { ...seat('a'), orderId: 'o-a2' }, T0 + HOLD, T0 + 3)).toBe('ALREADY_IN_TEAM')
    expect(takeSeat(team, seat('a'), T0 + HOLD, team.expiresAt!)).toBe('TEAM_CLOSED')
  })

  it('gives a lapsed hold back to the next joiner, and refunds its late payment', () => {
    let team = forming()
    team = (takeSeat(team, seat('a'), T0 + HOLD, T0 + 2) as { team: Team }).team
    team = (takeSeat(team, seat('b'), T0 + HOLD, T0 + 2) as { team: Team }).team
    expect(takeSeat(team, seat('c'), T0 + 2 * HOLD, T0 + HOLD - 1)).toBe('TEAM_FULL')
    const step = takeSeat(team, seat('c'), T0 + 2 * HOLD, T0 + HOLD) as { team: Team; seatsDelta: number }
    // Joining and lapsing happen inside the team's own seats: the campaign's count does not move.
    expect(step.seatsDelta).toBe(0)
    expect(step.team.seats.filter((s) => s.status === 'released').map((s) => s.memberId)).toEqual(['a', 'b'])
    expect(seatPaid(step.team, 'o-a', campaign.timeLimitMs, T0 + HOLD)).toEqual({ step: null, refund: true })
  })

  it('fails when time runs out, releasing holds, then hands back each paid seat once', () => {
    let team = forming()
    team = (takeSeat(team, seat('a'), T0 + HOLD, T0 + 2) as { team: Team }).team
    expect(expireTeam(team, team.expiresAt! - 1)).toBeNull()
    const failed = expireTeam(team, team.expiresAt!)!
    // Only the paid seat (the leader's, still to refund) stays counted.
    expect(failed.seatsDelta).toBe(1 - campaign.teamSize)
    expect(failed.team).toMatchObject({ status: 'failed', seats: [{ status: 'paid' }, { status: 'released' }] })
    expect(expireTeam(failed.team, team.expiresAt! + 1)).toBeNull()
    const refunded = seatRefunded(failed.team, 'o-leader')!
    expect(refunded.seatsDelta).toBe(-1)
    expect(seatRefunded(refunded.team, 'o-leader')).toBeNull()
    expect(seatPaid(refunded.team, 'o-a', campaign.timeLimitMs, team.expiresAt! + 2)).toEqual({ step: null, refund: true })
  })

  it('is cancelled when its leader never pays', () => {
    const { team } = openTeam('t1', campaign, seat('leader'), T0 + HOLD, T0)
    expect(releaseSeat(team, 'o-leader', T0 + HOLD)).toEqual({
      team: expect.objectContaining({ status: 'cancelled' }),
      seatsDelta: -campaign.teamSize,
    })
    expect(releaseSeat(team, 'o-nobody', T0)).toBeNull()
  })

  it('never holds more places than its size, and its seat count always matches what it took (property)', () => {
    type Op = { kind: 'join' | 'pay' | 'release' | 'advance' | 'expire'; who: number; ms: number }
    const op = fc.record({
      kind: fc.constantFrom<Op['kind']>('join', 'join', 'pay', 'pay', 'release', 'advance', 'expire'),
      who: fc.nat({ max: 7 }),
      ms: fc.integer({ min: 1, max: 20 * 60_000 }),
    })
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.array(op, { maxLength: 60 }), (size, ops) => {
        const c = { ...campaign, teamSize: size }
        let now = T0
        let { team, seatsDelta: taken } = openTeam('t1', c, seat('leader'), now + HOLD, now)
        taken += seatPaid(team, 'o-leader', c.timeLimitMs, now).step!.seatsDelta
        team = seatPaid(team, 'o-leader', c.timeLimitMs, now).step!.team
        let joins = 0
        for (const o of ops) {
          const who = `m${o.who}`
          if (o.kind === 'advance') now += o.ms
          else if (o.kind === 'join') {
            const step = takeSeat(team, { memberId: who, orderId: `o-${who}-${(joins += 1)}`, skuId: 'p1-s1' }, now + HOLD, now)
            if (typeof step !== 'string') (team = step.team), (taken += step.seatsDelta)
          } else {
            const target = team.seats.find((s) => s.memberId === who && s.status === 'held')
            const step =
              o.kind === 'expire'
                ? expireTeam(team, now)
                : !target
                  ? null
                  : o.kind === 'pay'
                    ? target.heldUntil > now
                      ? seatPaid(team, target.orderId, c.timeLimitMs, now).step
                      : null
                    : releaseSeat(team, target.orderId, now)
            if (step) (team = step.team), (taken += step.seatsDelta)
          }
          if (placesTaken(team, now) > size) return false
          if (team.seats.filter((s) => s.status === 'paid').length > size) return false
          // The campaign's count is the whole team from its opening on; once failed, its paid seats still to refund.
          const paid = team.seats.filter((s) => s.status === 'paid').length
          if (taken !== (team.status === 'failed' ? paid : team.status === 'cancelled' ? 0 : size)) return false
          if (team.status === 'succeeded' && team.seats.filter((s) => s.status === 'paid').length !== size) return false
          if (team.seats.filter((s) => holdsPlace(s, now)).some((s, i, all) => all.findIndex((x) => x.memberId === s.memberId) !== i))
            return false
        }
        return true
      }),
      { numRuns: 2_000 },
    )
  })
})
