import type { GroupBuyCard, GroupBuyDetail, OrderView, Page, PaymentRequest, TeamOrderRequest, TeamView } from '../../../types/api'
import type { DomainEvent, GroupBuyCampaign, Member, Order, Refund, Team } from '../../../types/domain'
import { lowestPrice, paging } from '../core/catalog'
import {
  type TeamRefusal,
  expireTeam,
  holdsPlace,
  isLive,
  openTeam,
  placesTaken,
  readGroupBuy,
  releaseSeat,
  seatPaid,
  seatRefunded,
  takeSeat,
} from '../core/groupbuy'
import { DEFAULT_ORDER_TIMINGS, refundAmounts } from '../core/orders'
import { fenToYuan } from '../core/pricing'
import type { Store } from '../store/port'
import { groupBuyAllowed } from './campaigns'
import { draftOrder, orderIdFor } from './checkout'
import { attributionFor, extendBinding } from './attribution'
import { AppError } from './errors'
import { consumeOutbox } from './outbox'
import { changeOrder, toOrderView } from './orders'
import { distributionSettings } from './settings'
import { orderTouch } from './touchpoints'
import type { PayProvider } from './pay'

const REFUSALS: Record<TeamRefusal, string> = {
  TEAM_CLOSED: '这个团已结束，去看看其他团或自己开团吧',
  TEAM_FULL: '这个团已满员，可以自己开团或参加其他团',
  OWN_TEAM: '不能参加自己开的团，分享给好友一起拼吧',
  ALREADY_IN_TEAM: '你已在这个团里',
}

/** Every valid campaign document (invalid ones are left out; `groupBuyProblems` reports them). */
async function campaigns(store: Store): Promise<GroupBuyCampaign[]> {
  const docs = await store.listGroupBuys()
  return docs
    .map((doc) => readGroupBuy(doc).campaign)
    .filter((c): c is GroupBuyCampaign => c !== null)
    .sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : 1))
}

/** What operators should fix in their group-buy documents: refused documents and clamped values. */
export async function groupBuyProblems(store: Store): Promise<string[]> {
  return (await store.listGroupBuys()).flatMap((doc) => readGroupBuy(doc).problems)
}

async function campaignById(store: Store, id: string): Promise<GroupBuyCampaign | null> {
  const doc = await store.findGroupBuy(id)
  return doc === null ? null : readGroupBuy(doc).campaign
}

async function liveCampaign(store: Store, id: string, now: number): Promise<GroupBuyCampaign> {
  const campaign = await campaignById(store, id)
  if (!campaign) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在')
  if (!(await groupBuyAllowed(store, campaign.id, now))) throw new AppError('GROUPBUY_CLOSED', '拼团活动已暂停')
  if (!isLive(campaign, now)) throw new AppError('GROUPBUY_CLOSED', now < campaign.startAt ? '拼团活动还未开始' : '拼团活动已结束')
  return campaign
}

async function card(store: Store, campaign: GroupBuyCampaign): Promise<GroupBuyCard | null> {
  const product = await store.findProduct(campaign.productId)
  if (!product || product.status !== 'on') return null
  const skus = product.skus.filter((s) => campaign.skus.some((c) => c.skuId === s.id))
  if (skus.length === 0) return null
  const [taken, open] = await Promise.all([
    store.seatsTaken(campaign.id),
    store.listTeams({ campaignId: campaign.id, statuses: ['forming'], offset: 0, limit: 1 }),
  ])
  return {
    id: campaign.id,
    title: campaign.title || product.title,
    productId: product.id,
    productTitle: product.title,
    cover: product.images[0] ?? '',
    price: lowestPrice(skus),
    teamPrice: Math.min(...campaign.skus.filter((c) => skus.some((s) => s.id === c.skuId)).map((c) => c.teamPrice)),
    teamSize: campaign.teamSize,
    timeLimitMs: campaign.timeLimitMs,
    stockLeft: Math.max(0, campaign.stock - taken),
    endAt: campaign.endAt,
    openTeams: open.total,
  }
}

export async function listGroupBuys(
  store: Store,
  req: { productId?: string; page?: number; pageSize?: number },
  now: number,
): Promise<Page<GroupBuyCard>> {
  const p = paging(req.page, req.pageSize)
  const candidates = (await campaigns(store)).filter((c) => isLive(c, now) && (!req.productId || c.productId === req.productId))
  const allowed = await Promise.all(candidates.map((c) => groupBuyAllowed(store, c.id, now)))
  const live = candidates.filter((_, i) => allowed[i])
  const cards = (await Promise.all(live.map((c) => card(store, c)))).filter((c): c is GroupBuyCard => c !== null)
  return {
    items: cards.slice(p.offset, p.offset + p.pageSize),
    page: p.page,
    pageSize: p.pageSize,
    total: cards.length,
    hasMore: p.offset + p.pageSize < cards.length,
  }
}

async function teamView(
  store: Store,
  team: Team,
  caller: Member | null,
  now: number,
  campaign?: GroupBuyCampaign | null,
): Promise<TeamView> {
  const c = campaign === undefined ? await campaignById(store, team.campaignId) : campaign
  const product = await store.findProduct(team.productId)
  const shown = team.seats.filter((s) => s.status === 'paid' || (s.status === 'held' && s.heldUntil > now) || s.status === 'refunded')
  const members = await store.findMembers(shown.map((s) => s.memberId))
  const mine = caller
    ? team.seats.find((s) => s.memberId === caller.id && s.status !== 'released' && (s.status !== 'held' || s.heldUntil > now))
    : undefined
  const refusal = (() => {
    if (!caller) return '请先登录'
    if (!c || !isLive(c, now)) return '拼团活动已结束'
    if (mine) return REFUSALS.ALREADY_IN_TEAM
    if (team.status !== 'forming' || team.expiresAt === null || team.expiresAt <= now)
      return team.status === 'opening' ? '团长支付后才能参团' : REFUSALS.TEAM_CLOSED
    if (team.leaderId === caller.id) return REFUSALS.OWN_TEAM
    if (placesTaken(team, now) >= team.size) return REFUSALS.TEAM_FULL
    return null
  })()
  return {
    id: team.id,
    campaignId: team.campaignId,
    title: c?.title || product?.title || '',
    productId: team.productId,
    productTitle: product?.title ?? '',
    cover: product?.images[0] ?? '',
    teamPrice: c ? Math.min(...c.skus.map((s) => s.teamPrice)) : 0,
    size: team.size,
    status: team.status,
    seats: shown.map((s) => {
      const m = members.find((x) => x.id === s.memberId)
      return {
        nickname: m?.nickname ?? '微信用户',
        avatar: m?.avatar ?? '',
        leader: s.memberId === team.leaderId,
        status: s.status as 'held' | 'paid' | 'refunded',
      }
    }),
    seatsLeft: Math.max(0, team.size - placesTaken(team, now)),
    openedAt: team.openedAt,
    expiresAt: team.expiresAt,
    succeededAt: team.succeededAt,
    failedAt: team.failedAt,
    viewer: {
      seat: mine ? (mine.status as 'held' | 'paid' | 'refunded') : null,
      orderId: mine?.orderId ?? null,
      canJoin: refusal === null,
      refusal,
    },
  }
}

export async function groupBuyDetail(store: Store, caller: Member | null, id: string, now: number): Promise<GroupBuyDetail> {
  const campaign = await liveCampaign(store, id, now)
  const base = await card(store, campaign)
  if (!base) throw new AppError('GROUPBUY_CLOSED', '拼团商品已下架')
  const product = (await store.findProduct(campaign.productId))!
  const teams = (await store.listTeams({ campaignId: campaign.id, statuses: ['forming'], offset: 0, limit: 20 })).items.filter(
    (t) => t.expiresAt !== null && t.expiresAt > now,
  )
  const memberSeats = caller
    ? (await store.teamsOfMember(caller.id, 0, 200)).items.filter(
        (t) => t.campaignId === campaign.id && t.seats.some((s) => s.memberId === caller.id && holdsPlace(s, now)),
      ).length
    : 0
  const refusal = !caller
    ? '请先登录'
    : base.stockLeft <= 0
      ? '拼团名额已抢完'
      : memberSeats >= campaign.perMemberLimit
        ? `每人最多参加 ${campaign.perMemberLimit} 个团`
        : null
  return {
    ...base,
    skus: campaign.skus.flatMap((c) => {
      const sku = product.skus.find((s) => s.id === c.skuId)
      return sku ? [{ skuId: sku.id, specs: sku.specs, price: sku.price, teamPrice: c.teamPrice, stock: sku.stock }] : []
    }),
    perMemberLimit: campaign.perMemberLimit,
    teams: await Promise.all(teams.slice(0, 10).map((t) => teamView(store, t, caller, now, campaign))),
    canOpen: refusal === null,
    refusal,
  }
}

export const TEAM_PAGE = 'packages/groupbuy/team/index'

/**
 * A team as anyone sees it. With `poster`, also the QR of its invite poster: the team id is the
 * mini program code's scene (at most 32 characters), so scanning opens this team.
 */
export async function teamDetail(
  store: Store,
  pay: PayProvider,
  caller: Member | null,
  req: { teamId: string; poster?: boolean },
  now: number,
): Promise<TeamView> {
  const team = await store.findTeam(req.teamId)
  if (!team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
  const view = await teamView(store, team, caller, now)
  if (!req.poster) return view
  const path = `/${TEAM_PAGE}?teamId=${team.id}&campaignId=${team.campaignId}${caller ? `&sc=${caller.shareCode}` : ''}`
  return { ...view, qr: await pay.shareQr({ scene: team.id, page: TEAM_PAGE, path }) }
}

export async function myTeams(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
  now: number,
): Promise<Page<TeamView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.teamsOfMember(member.id, p.offset, p.pageSize)
  return {
    items: await Promise.all(items.map((t) => teamView(store, t, member, now))),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

/** The team a leader's order opens: one per order, so a retried open lands on the same team. */
export const teamIdFor = (orderId: string) => `t${orderId.slice(1)}`

/**
 * Opening or joining: the seat is taken first (atomically, never beyond the size or the campaign's
 * stock), then the order is placed at the team price; if the order cannot be placed the seat goes
 * back. A retried request answers the first seat and order.
 */
async function teamOrder(
  store: Store,
  pay: PayProvider,
  member: Member,
  target: { campaignId: string; teamId: string | null },
  req: TeamOrderRequest,
  now: number,
): Promise<{ team: TeamView; order: OrderView; payment: PaymentRequest | null }> {
  const orderId = orderIdFor(member.id, req.requestId)
  const answer = async (order: Order) => {
    const team = await store.findTeam(order.team!.teamId)
    if (!team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
    const payable = order.status === 'created' && now < order.payDeadline
    return {
      team: await teamView(store, team, member, now),
      order: toOrderView(order, now),
      payment: payable ? await pay.prepay(order, now) : null,
    }
  }
  const existing = await store.findOrder(orderId)
  if (existing) {
    if (!existing.order.team) throw new AppError('INVALID_PAYLOAD', '请求编号已用于其他订单')
    return answer(existing.order)
  }

  const campaign = await liveCampaign(store, target.campaignId, now)
  const entry = campaign.skus.find((s) => s.skuId === req.skuId)
  const [sku] = await store.findSkus([req.skuId])
  const product = await store.findProduct(campaign.productId)
  if (!entry || !sku || sku.productId !== campaign.productId || !product || product.status !== 'on')
    throw new AppError('SKU_NOT_FOUND', '这个规格不参加拼团')
  if (entry.teamPrice !== req.expectedPayable)
    throw new AppError('PRICE_CHANGED', `拼团价有变化，应付金额现为 ¥${fenToYuan(entry.teamPrice)}，请确认后再提交`)
  if (sku.stock < 1) throw new AppError('OUT_OF_STOCK', `「${product.title}」已售罄`)

  const teamId = target.teamId ?? teamIdFor(orderId)
  const heldUntil = now + DEFAULT_ORDER_TIMINGS.payWindowMs
  const seat = { memberId: member.id, orderId, skuId: sku.id }
  const team = await store.updateTeam(teamId, { campaignId: campaign.id, memberId: member.id, now }, (state) => {
    if (state.memberSeats >= campaign.perMemberLimit) throw new AppError('GROUPBUY_LIMIT', `每人最多参加 ${campaign.perMemberLimit} 个团`)
    let step
    if (target.teamId === null) step = openTeam(teamId, campaign, seat, heldUntil, now)
    else {
      if (!state.team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
      if (state.team.campaignId !== campaign.id) throw new AppError('TEAM_NOT_FOUND', '这个团不属于该拼团活动')
      step = takeSeat(state.team, seat, heldUntil, now)
      if (typeof step === 'string') throw new AppError(step, REFUSALS[step])
    }
    if (step.seatsDelta > 0 && state.taken + step.seatsDelta > campaign.stock) throw new AppError('GROUPBUY_SOLD_OUT', '拼团名额已抢完')
    return step
  })

  const distributorId = await attributionFor(store, member, now)
  const line = {
    productId: product.id,
    skuId: sku.id,
    title: product.title,
    specs: sku.specs,
    image: product.images[0] ?? '',
    unitPrice: sku.price,
    memberUnitPrice: entry.teamPrice,
    quantity: 1,
    goodsAmount: sku.price,
    memberDiscount: Math.max(0, sku.price - entry.teamPrice),
    couponDeduction: 0,
    pointsDeduction: 0,
    paidAmount: entry.teamPrice,
  }
  const order = draftOrder({
    id: orderId,
    memberId: member.id,
    lines: [line],
    distributorId,
    amounts: {
      goodsAmount: sku.price,
      memberDiscount: line.memberDiscount,
      couponDiscount: 0,
      pointsUsed: 0,
      pointsDeduction: 0,
      shipping: 0,
      payable: entry.teamPrice,
    },
    couponId: null,
    address: req.address,
    remark: '',
    team: { campaignId: campaign.id, teamId },
    touch: await orderTouch(store, member.id, (await distributionSettings(store, now)).settings.bindingDays * 86_400_000, now),
    now,
  })
  const placed = await store.placeOrder(order)
  if (!placed.placed && placed.reason !== 'exists') {
    await store.updateTeam(teamId, { campaignId: campaign.id, now }, (state) => (state.team ? releaseSeat(state.team, orderId, now) : null))
    throw new AppError('OUT_OF_STOCK', `「${product.title}」库存不足`)
  }
  if (distributorId) await extendBinding(store, member.id, now)
  if (req.subscribe) await store.recordOptIn({ id: `optin:${orderId}`, memberId: member.id, topic: `groupbuy:${teamId}`, at: now })
  return {
    team: await teamView(store, team!, member, now, campaign),
    order: toOrderView(order, now),
    payment: await pay.prepay(order, now),
  }
}

export function openGroupBuy(store: Store, pay: PayProvider, member: Member, req: TeamOrderRequest & { campaignId: string }, now: number) {
  return teamOrder(store, pay, member, { campaignId: req.campaignId, teamId: null }, req, now)
}

export async function joinTeam(store: Store, pay: PayProvider, member: Member, req: TeamOrderRequest & { teamId: string }, now: number) {
  const team = await store.findTeam(req.teamId)
  if (!team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
  return teamOrder(store, pay, member, { campaignId: team.campaignId, teamId: team.id }, req, now)
}

/**
 * A team order was paid: the seat is paid (the leader's payment opens the team, the last seat
 * completes it). A payment for a seat the team no longer has is refunded at once.
 */
export async function teamOrderPaid(store: Store, pay: PayProvider, order: Order, now: number): Promise<void> {
  if (!order.team) return
  const campaign = await campaignById(store, order.team.campaignId)
  const timeLimit = campaign?.timeLimitMs ?? 24 * 3_600_000
  let refund = false
  const team = await store.updateTeam(order.team.teamId, { campaignId: order.team.campaignId, now }, (state) => {
    if (!state.team) {
      refund = true
      return null
    }
    const result = seatPaid(state.team, order.id, timeLimit, now)
    refund = result.refund
    return result.step
  })
  if (refund) await refundTeamOrder(store, pay, order.id, '拼团已结束，支付款自动退回', now)
  if (team?.status === 'succeeded') await announce(store, pay, team, now)
}

/**
 * Refunds a group-buy order in full through the order refund path, putting its units back on the
 * shelf (it never shipped). Once per order: a refund already under way is sent again (the provider
 * refunds a refund number once), never created twice.
 */
export async function refundTeamOrder(store: Store, pay: PayProvider, orderId: string, reason: string, now: number): Promise<void> {
  let refund: Refund | null = null
  const order = await changeOrder(store, orderId, (o) => {
    if (o.status !== 'paid') return null
    const normal = o.lines.filter((l) => l.status === 'normal')
    if (normal.length === 0) return null
    const plan = refundAmounts(
      o.lines,
      normal.map((l) => l.id),
      o.shipping,
      o.shippedAt !== null,
    )
    if ('error' in plan) return null
    refund = {
      id: `${o.id}R${normal.map((l) => l.lineNo).join('_')}`,
      orderId: o.id,
      memberId: o.memberId,
      lines: plan.lines,
      shipping: plan.shipping,
      amount: plan.total,
      reason,
      status: 'refunding',
      createdAt: now,
      refundedAt: null,
    }
    return {
      order: { ...o, lines: o.lines.map((l) => (l.status === 'normal' ? { ...l, status: 'refunding' as const } : l)) },
      events: [],
      refund,
      releaseStock: true,
    }
  })
  if (refund) return pay.refund(refund, order)
  for (const waiting of (await store.listRefunds(orderId)).filter((r) => r.status === 'refunding')) await pay.refund(waiting, order)
}

async function teamOrderCancelled(store: Store, order: Order, now: number): Promise<void> {
  if (!order.team) return
  await store.updateTeam(order.team.teamId, { campaignId: order.team.campaignId, now }, (state) =>
    state.team ? releaseSeat(state.team, order.id, now) : null,
  )
}

/** Tells each member who opted in how the team ended, once per opt-in (locally: into the outbox). */
async function announce(store: Store, pay: PayProvider, team: Team, now: number): Promise<void> {
  const product = await store.findProduct(team.productId)
  const succeeded = team.status === 'succeeded'
  for (const optIn of await store.optInsFor(`groupbuy:${team.id}`)) {
    const message = {
      id: optIn.id,
      memberId: optIn.memberId,
      template: 'groupbuy_result' as const,
      data: {
        product: product?.title ?? '',
        result: succeeded ? '拼团成功' : '拼团失败',
        note: succeeded ? '商家将尽快发货' : '支付款已原路退回',
        size: `${team.size}人团`,
      },
      page: `packages/groupbuy/team/index?teamId=${team.id}`,
      at: now,
      sentAt: null,
    }
    if (await store.queueMessage(message)) {
      if (await pay.sendMessage(message)) await store.markMessageSent(message.id, now)
    }
  }
}

/**
 * The group-buy timer: reads order payments and cancellations into their teams, fails teams whose
 * time ran out, and refunds every paid member of a failed team — each step once, so a second run, or
 * a run after a crash midway, finishes what is left and repeats nothing.
 */
export async function runGroupBuys(
  store: Store,
  pay: PayProvider,
  now: number,
): Promise<{ events: number; failed: number; refunded: number }> {
  const { events } = await consumeOutbox(store, 'teams', (event) => applyEvent(store, pay, event, now))
  let failed = 0
  for (;;) {
    const due = await store.teamsDue(now, 200)
    for (const team of due) {
      const after = await store.updateTeam(team.id, { campaignId: team.campaignId, now }, (state) =>
        state.team ? expireTeam(state.team, now) : null,
      )
      if (after) {
        failed += 1
        await announce(store, pay, after, now)
      }
    }
    if (due.length < 200) break
  }
  let refunded = 0
  const seen = new Set<string>()
  for (;;) {
    const awaiting = (await store.teamsAwaitingRefund(200)).filter((t) => !seen.has(t.id))
    if (awaiting.length === 0) break
    for (const team of awaiting) {
      seen.add(team.id)
      for (const seat of team.seats.filter((s) => s.status === 'paid')) {
        await refundTeamOrder(store, pay, seat.orderId, '拼团未成功，支付款自动退回', now)
        const after = await store.updateTeam(team.id, { campaignId: team.campaignId, now }, (state) =>
          state.team ? seatRefunded(state.team, seat.orderId) : null,
        )
        if (after) refunded += 1
      }
    }
  }
  return { events, failed, refunded }
}

async function applyEvent(store: Store, pay: PayProvider, event: DomainEvent, now: number): Promise<void> {
  if (event.type !== 'order.paid' && event.type !== 'order.cancelled') return
  const found = await store.findOrder(event.orderId)
  if (!found?.order.team) return
  if (event.type === 'order.paid') await teamOrderPaid(store, pay, found.order, now)
  else await teamOrderCancelled(store, found.order, now)
}
