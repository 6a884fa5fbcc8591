import { HOUR_MS } from './time'
import type { GroupBuyCampaign, Instant, Seat, Team } from '../../../types/domain'

/** Hard limits on what an operator's campaign document may say. */
export const TEAM_SIZE: [number, number] = [2, 10]
export const TIME_LIMIT_MS: [number, number] = [HOUR_MS, 72 * HOUR_MS]
export const PER_MEMBER_LIMIT: [number, number] = [1, 100]

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)
const ID = /^[A-Za-z0-9_-]{1,64}$/

/**
 * A campaign document as the rules may use it: a document missing what a campaign needs (its id,
 * product, SKUs with positive integer team prices, window) is refused whole; a number out of range
 * (team size, time limit, per-member limit, a negative stock) is clamped; both are reported.
 */
export function readGroupBuy(doc: unknown): { campaign: GroupBuyCampaign | null; problems: string[] } {
  const root = record(doc)
  const name = typeof root?.id === 'string' ? root.id : '(无编号)'
  const refuse = (why: string) => ({ campaign: null, problems: [`拼团 ${name}：${why}，已忽略`] })
  if (!root) return refuse('不是一个对象')
  if (typeof root.id !== 'string' || !ID.test(root.id)) return refuse('编号无效')
  if (typeof root.productId !== 'string' || !ID.test(root.productId)) return refuse('商品编号无效')
  const skus = Array.isArray(root.skus) ? root.skus.map(record) : []
  if (
    skus.length === 0 ||
    skus.some((s) => !s || typeof s.skuId !== 'string' || !ID.test(s.skuId) || !isInt(s.teamPrice) || s.teamPrice <= 0)
  ) {
    return refuse('规格或拼团价无效（拼团价须为正整数，单位分）')
  }
  if (!isInt(root.startAt) || !isInt(root.endAt) || root.endAt <= root.startAt) return refuse('起止时间无效')
  const problems: string[] = []
  const clamp = (field: string, value: unknown, [min, max]: [number, number], fallback: number) => {
    if (!isInt(value)) {
      problems.push(`拼团 ${name}：${field} 不是整数，已按 ${fallback} 执行`)
      return fallback
    }
    const clamped = Math.min(max, Math.max(min, value))
    if (clamped !== value) problems.push(`拼团 ${name}：${field} = ${value} 超出范围，已按 ${clamped} 执行`)
    return clamped
  }
  const campaign: GroupBuyCampaign = {
    id: root.id,
    title: typeof root.title === 'string' ? root.title.slice(0, 40) : '',
    productId: root.productId,
    skus: skus.map((s) => ({ skuId: s!.skuId as string, teamPrice: s!.teamPrice as number })),
    teamSize: clamp('teamSize', root.teamSize, TEAM_SIZE, 2),
    timeLimitMs: clamp('timeLimitMs', root.timeLimitMs, TIME_LIMIT_MS, 24 * HOUR_MS),
    stock: clamp('stock', root.stock, [0, 10_000_000], 0),
    perMemberLimit: clamp('perMemberLimit', root.perMemberLimit, PER_MEMBER_LIMIT, 1),
    startAt: root.startAt,
    endAt: root.endAt,
    enabled: root.enabled === true,
    sort: isInt(root.sort) ? root.sort : 0,
  }
  if (root.allowJoinOwnTeam === true) problems.push(`拼团 ${name}：不允许参加自己的团，allowJoinOwnTeam 已忽略`)
  return { campaign, problems }
}

export const isLive = (c: GroupBuyCampaign, now: Instant) => c.enabled && c.startAt <= now && now < c.endAt

/** A seat that counts against the team's size: paid, or held and not lapsed. */
export const holdsPlace = (seat: Seat, now: Instant) => seat.status === 'paid' || (seat.status === 'held' && seat.heldUntil > now)

export const placesTaken = (team: Team, now: Instant) => team.seats.filter((s) => holdsPlace(s, now)).length

export type TeamRefusal = 'TEAM_CLOSED' | 'TEAM_FULL' | 'OWN_TEAM' | 'ALREADY_IN_TEAM'

/**
 * The campaign seats a team holds. A team takes all its seats when it opens, so joining, paying or
 * leaving it never touches the campaign's count (the one document every team would otherwise
 * contend for in a sale); a team that succeeds keeps them, one that fails keeps only the paid seats
 * still to refund, one cancelled before it formed keeps none.
 */
export function seatsReserved(team: Team | null): number {
  if (!team) return 0
  if (team.status === 'cancelled') return 0
  if (team.status === 'failed') return team.seats.filter((s) => s.status === 'paid').length
  return team.size
}

/** A team change as its campaign's count sees it. */
const stepFrom = (before: Team | null, team: Team): TeamStep => ({ team, seatsDelta: seatsReserved(team) - seatsReserved(before) })

/** A team change and how many campaign seats it takes (+) or gives back (−). */
export interface TeamStep {
  team: Team
  seatsDelta: number
}

/** Lapsed holds give their place back (their orders are past the payment window and cannot be paid). */
function withoutLapsed(team: Team, now: Instant): Seat[] {
  return team.seats.map((s) => (s.status !== 'held' || s.heldUntil > now ? s : { ...s, status: 'released' as const }))
}

/** The leader's team, waiting for the leader's payment before anyone can join. */
export function openTeam(
  id: string,
  campaign: GroupBuyCampaign,
  leader: { memberId: string; orderId: string; skuId: string },
  heldUntil: Instant,
  now: Instant,
): TeamStep {
  return stepFrom(null, {
    id,
    campaignId: campaign.id,
    productId: campaign.productId,
    leaderId: leader.memberId,
    size: campaign.teamSize,
    status: 'opening',
    seats: [{ ...leader, status: 'held', heldUntil, joinedAt: now, paidAt: null }],
    openedAt: now,
    expiresAt: null,
    succeededAt: null,
    failedAt: null,
  })
}

/**
 * A member takes a seat for their order's payment window. Never more places than the size: a full
 * team refuses, whatever else is racing for it.
 */
export function takeSeat(
  team: Team,
  member: { memberId: string; orderId: string; skuId: string },
  heldUntil: Instant,
  now: Instant,
): TeamStep | TeamRefusal {
  if (team.status !== 'forming' || team.expiresAt === null || team.expiresAt <= now) return 'TEAM_CLOSED'
  if (team.leaderId === member.memberId) return 'OWN_TEAM'
  if (team.seats.some((s) => s.memberId === member.memberId && holdsPlace(s, now))) return 'ALREADY_IN_TEAM'
  const seats = withoutLapsed(team, now)
  if (seats.filter((s) => holdsPlace(s, now)).length >= team.size) return 'TEAM_FULL'
  const seat: Seat = { ...member, status: 'held', heldUntil, joinedAt: now, paidAt: null }
  return stepFrom(team, { ...team, seats: [...seats, seat] })
}

/**
 * A seat's order was paid. The leader's payment opens the team for `timeLimitMs`; the last seat paid
 * completes it. `refund` says the payment came for a seat the team no longer has (it failed, was
 * cancelled, or the hold lapsed and was given away): that order must be refunded.
 */
export function seatPaid(team: Team, orderId: string, timeLimitMs: number, now: Instant): { step: TeamStep | null; refund: boolean } {
  const seat = team.seats.find((s) => s.orderId === orderId)
  if (!seat || seat.status === 'released' || seat.status === 'refunded') return { step: null, refund: true }
  if (seat.status === 'paid') return { step: null, refund: false }
  if (team.status === 'failed' || team.status === 'cancelled' || team.status === 'succeeded') return { step: null, refund: true }
  const seats = team.seats.map((s) => (s.orderId === orderId ? { ...s, status: 'paid' as const, paidAt: now } : s))
  let next: Team = { ...team, seats }
  if (team.status === 'opening' && seat.memberId === team.leaderId) next = { ...next, status: 'forming', expiresAt: now + timeLimitMs }
  if (next.status === 'forming' && seats.filter((s) => s.status === 'paid').length === team.size) {
    // The paid seats fill the team; a hold still on record has lapsed and is released.
    next = {
      ...next,
      status: 'succeeded',
      succeededAt: now,
      seats: seats.map((s) => (s.status === 'held' ? { ...s, status: 'released' as const } : s)),
    }
  }
  return { step: stepFrom(team, next), refund: false }
}

/** A seat's order was cancelled unpaid: the place goes back; a leader who never paid cancels the team. */
export function releaseSeat(team: Team, orderId: string, now: Instant): TeamStep | null {
  const seat = team.seats.find((s) => s.orderId === orderId)
  if (seat?.status !== 'held') return null
  const seats = team.seats.map((s) => (s.orderId === orderId ? { ...s, status: 'released' as const } : s))
  const cancelled = team.status === 'opening' && seat.memberId === team.leaderId
  return stepFrom(team, { ...team, seats, status: cancelled ? 'cancelled' : team.status, failedAt: cancelled ? now : team.failedAt })
}

/** Time ran out before the last seat was paid: the team fails; holds are released, paid seats await their refunds. */
export function expireTeam(team: Team, now: Instant): TeamStep | null {
  if (team.status !== 'forming' || team.expiresAt === null || team.expiresAt > now) return null
  return stepFrom(team, {
    ...team,
    status: 'failed',
    failedAt: now,
    seats: team.seats.map((s) => (s.status === 'held' ? { ...s, status: 'released' as const } : s)),
  })
}

/** A failed team's paid seat was refunded (its refund is under way): the place goes back to the campaign. */
export function seatRefunded(team: Team, orderId: string): TeamStep | null {
  const seat = team.seats.find((s) => s.orderId === orderId)
  if (team.status !== 'failed' || !seat || seat.status !== 'paid') return null
  return stepFrom(team, { ...team, seats: team.seats.map((s) => (s.orderId === orderId ? { ...s, status: 'refunded' as const } : s)) })
}
