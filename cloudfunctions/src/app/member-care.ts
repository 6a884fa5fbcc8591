import type { MemberCareView, MemberFound } from '../../../types/api'
import type { LedgerEntry, Member } from '../../../types/domain'
import { ORDER_NO } from '../core/orders'
import { takeFromLots } from '../core/points'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { distributorStatus } from './distributors'
import { AppError } from './errors'
import { toMemberView } from './members'
import { toOrderView } from './orders'
import { changePoints, grant } from './points'
import { creatorStanding } from './creators'
import { pointsBalance } from './points-views'
import { tierView } from './tiers'

const FOUND_LIMIT = 20
const RECENT = 10

const found = (m: Member, matchedBy: MemberFound['matchedBy']): MemberFound => ({ ...toMemberView(m), createdAt: m.createdAt, matchedBy })

/**
 * Finds members the way a 客服 is told about them: an order number (its buyer), a share code, a
 * member id, or a fragment of the nickname. Every kind of match is looked for; each member once.
 */
export async function findMembers(store: Store, query: string): Promise<MemberFound[]> {
  const q = query.trim()
  const hits: MemberFound[] = []
  const add = (m: Member | null, matchedBy: MemberFound['matchedBy']) => {
    if (m && !hits.some((h) => h.id === m.id)) hits.push(found(m, matchedBy))
  }
  if (ORDER_NO.test(q) || /^o[0-9a-f]{23}$/.test(q)) {
    const order = (await store.findOrder(q))?.order
    if (order) add(await store.findMember(order.memberId), 'order')
  }
  if (/^[A-Z2-9]{4,16}$/.test(q)) add(await store.findMemberByShareCode(q), 'shareCode')
  if (/^[A-Za-z0-9_-]{1,64}$/.test(q)) add(await store.findMember(q), 'id')
  for (const m of await store.searchMembersByNickname(q, FOUND_LIMIT)) add(m, 'nickname')
  return hits.slice(0, FOUND_LIMIT)
}

/** Everything a 客服 needs to help a member: standing, points with lots and ledger, recent orders and redemptions, distributor and creator standing. */
export async function memberCare(store: Store, memberId: string, now: number): Promise<MemberCareView> {
  const member = await store.findMember(memberId)
  if (!member) throw new AppError('MEMBER_NOT_FOUND', '会员不存在')
  const [tier, balance, points, ledger, orders, redemptions, distributor, creator] = await Promise.all([
    tierView(store, member, now),
    pointsBalance(store, member, now),
    store.findPoints(member.id),
    store.listLedger(member.id, 0, RECENT * 2),
    store.listOrders({ memberId: member.id, offset: 0, limit: RECENT }),
    store.listRedemptions(member.id, 0, RECENT),
    distributorStatus(store, member, now),
    creatorStanding(store, member.id),
  ])
  return {
    member: { ...toMemberView(member), createdAt: member.createdAt },
    tier,
    points: {
      balance,
      lots: [...points.lots].sort((a, b) => b.grantedAt - a.grantedAt || (a.id < b.id ? 1 : -1)).slice(0, RECENT * 2),
      ledger: ledger.items,
      ledgerTotal: ledger.total,
    },
    orders: { items: orders.items.map((o) => toOrderView(o, now)), total: orders.total },
    redemptions: { items: redemptions.items, total: redemptions.total },
    distributor: distributor.status === null ? null : distributor,
    creator,
  }
}

/** The most one adjustment may move. */
export const MAX_ADJUSTMENT = 10_000

/**
 * A 客服 adjusts a member's points with a reason: a credit is a new lot; a debit takes from the
 * member's available lots, oldest first, and is refused when they do not hold that much (never debt).
 * Once per request id, audited.
 */
export async function adjustPoints(
  store: Store,
  actor: string,
  req: { memberId: string; amount: number; reason: string; requestId: string },
  now: number,
): Promise<MemberCareView> {
  if (!(await store.findMember(req.memberId))) throw new AppError('MEMBER_NOT_FOUND', '会员不存在')
  const key = `adjust:${req.memberId}:${req.requestId}`
  const note = `客服调整：${req.reason}`
  let before = 0
  const result = await changePoints(store, req.memberId, key, (state) => {
    before = state.account.available
    if (req.amount > 0) return grant(state, { id: key, source: 'adjustment', ref: actor, amount: req.amount, at: now, note })
    const take = -req.amount
    const takes = takeFromLots(
      state.lots.filter((l) => l.status === 'available'),
      take,
      now,
    )
    if (!takes) throw new AppError('POINTS_SHORT', `会员可用积分不足 ${take}，不能扣减（可扣 ${state.account.available}）`)
    const lots = takes.map(({ lotId, points }) => {
      const lot = state.lots.find((l) => l.id === lotId)!
      return { ...lot, remaining: lot.remaining - points }
    })
    const entry: LedgerEntry = {
      id: key,
      memberId: req.memberId,
      kind: 'spend',
      source: 'adjustment',
      ref: actor,
      delta: req.amount,
      at: now,
      note,
    }
    return { account: { ...state.account, available: state.account.available - take }, lots, entries: [entry] }
  })
  if (result === 'applied') {
    await recordAudit(
      store,
      actor,
      'points:adjust',
      req.memberId,
      { available: before },
      { delta: req.amount, reason: req.reason, requestId: req.requestId },
      now,
    )
  }
  return memberCare(store, req.memberId, now)
}
