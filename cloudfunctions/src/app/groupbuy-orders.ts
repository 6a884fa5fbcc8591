import type { OrderView, PaymentRequest, TeamOrderRequest, TeamView } from '../../../types/api'
import type { Member, Order } from '../../../types/domain'
import { type TeamStep, openTeam, releaseSeat, takeSeat } from '../core/groupbuy'
import { DEFAULT_ORDER_TIMINGS } from '../core/orders'
import { atFloor, fenToYuan } from '../core/pricing'
import type { Store } from '../store/port'
import { draftOrder, orderIdFor, placeNumbered } from './checkout'
import { attributionFor, extendBinding } from './attribution'
import { AppError } from './errors'
import { toOrderView } from './orders'
import { distributionSettings } from './settings'
import { orderTouch } from './touchpoints'
import type { Payments } from '../wechat/ports'
import { OPEN_SHORT, REFUSALS, liveCampaign, teamView } from './groupbuy'

/** The team a leader's order opens: one per order, so a retried open lands on the same team. */
export const teamIdFor = (orderId: string) => `t${orderId.slice(1)}`

/**
 * Opening or joining: the seat is taken first (atomically, never beyond the size or the campaign's
 * stock), then the order is placed at the team price; if the order cannot be placed the seat goes
 * back. A retried request answers the first seat and order.
 */
async function teamOrder(
  store: Store,
  pay: Payments,
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
  const teamPrice = atFloor(entry.teamPrice, sku)
  if (teamPrice !== req.expectedPayable)
    throw new AppError('PRICE_CHANGED', `拼团价有变化，应付金额现为 ¥${fenToYuan(teamPrice)}，请确认后再提交`)
  if (sku.stock < 1) throw new AppError('OUT_OF_STOCK', `「${product.title}」已售罄`)

  const teamId = target.teamId ?? teamIdFor(orderId)
  const heldUntil = now + DEFAULT_ORDER_TIMINGS.payWindowMs
  const seat = { memberId: member.id, orderId, skuId: sku.id }
  const team = await store.updateTeam(teamId, { campaignId: campaign.id, memberId: member.id, now }, (state) => {
    if (state.memberSeats >= campaign.perMemberLimit) throw new AppError('GROUPBUY_LIMIT', `每人最多参加 ${campaign.perMemberLimit} 个团`)
    let step: TeamStep
    if (target.teamId === null) step = openTeam(teamId, campaign, seat, heldUntil, now)
    else {
      if (!state.team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
      if (state.team.campaignId !== campaign.id) throw new AppError('TEAM_NOT_FOUND', '这个团不属于该拼团活动')
      const taken = takeSeat(state.team, seat, heldUntil, now)
      if (typeof taken === 'string') throw new AppError(taken, REFUSALS[taken])
      step = taken
    }
    if (step.seatsDelta > 0 && state.taken + step.seatsDelta > campaign.stock)
      throw new AppError('GROUPBUY_SOLD_OUT', state.taken < campaign.stock ? OPEN_SHORT : '拼团名额已抢完')
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
    memberUnitPrice: teamPrice,
    quantity: 1,
    goodsAmount: sku.price,
    memberDiscount: Math.max(0, sku.price - teamPrice),
    couponDeduction: 0,
    pointsDeduction: 0,
    paidAmount: teamPrice,
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
      payable: teamPrice,
    },
    couponId: null,
    address: req.address,
    remark: '',
    team: { campaignId: campaign.id, teamId },
    touch: await orderTouch(store, member.id, (await distributionSettings(store, now)).settings.bindingDays * 86_400_000, now),
    now,
  })
  const placed = await placeNumbered(store, order)
  // Another attempt of this join is placing the same order on the same seat: it keeps the seat.
  if (!placed.placed && placed.reason === 'busy') throw new AppError('BUSY', '正在提交，请稍候查看订单')
  if (!placed.placed && placed.reason !== 'exists') {
    await store.updateTeam(teamId, { campaignId: campaign.id, now }, (state) => (state.team ? releaseSeat(state.team, orderId, now) : null))
    if (placed.reason === 'numberTaken') throw new AppError('BUSY', '参团的人太多了，请稍后再试')
    throw new AppError('OUT_OF_STOCK', `「${product.title}」库存不足`)
  }
  // A retried join answers the order placed the first time, under its own number.
  const stored = placed.placed ? order : ((await store.findOrder(order.id))?.order ?? order)
  if (distributorId) await extendBinding(store, member.id, now)
  if (req.subscribe) await store.recordOptIn({ id: `optin:${orderId}`, memberId: member.id, topic: `groupbuy:${teamId}`, at: now })
  return {
    team: await teamView(store, team!, member, now, campaign),
    order: toOrderView(stored, now),
    payment: await pay.prepay(stored, now),
  }
}

export function openGroupBuy(store: Store, pay: Payments, member: Member, req: TeamOrderRequest & { campaignId: string }, now: number) {
  return teamOrder(store, pay, member, { campaignId: req.campaignId, teamId: null }, req, now)
}

export async function joinTeam(store: Store, pay: Payments, member: Member, req: TeamOrderRequest & { teamId: string }, now: number) {
  const team = await store.findTeam(req.teamId)
  if (!team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
  return teamOrder(store, pay, member, { campaignId: team.campaignId, teamId: team.id }, req, now)
}
