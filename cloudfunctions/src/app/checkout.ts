import { createHash } from 'node:crypto'
import type { AddressInput, OrderItemRequest, OrderView, PaymentRequest, QuoteView } from '../../../types/api'
import type { Member, Order } from '../../../types/domain'
import { DEFAULT_SHIPPING, type PricedLine, type Quote, maxPointsUsable, priceOrder, pricedLine } from '../core/checkout'
import { DEFAULT_ORDER_TIMINGS, orderNumber } from '../core/orders'
import { pointsRuleOf } from '../core/points-settings'
import { fenToYuan } from '../core/pricing'
import type { PlaceOrderResult, Store } from '../store/port'
import { attributionFor, extendBinding } from './attribution'
import { AppError } from './errors'
import { flashOffers, newMemberOffer } from './campaigns'
import { distributionSettings, pointsSettings, tierSettings } from './settings'
import { orderTouch } from './touchpoints'
import { assertWithinLimits } from './purchase-limits'
import { cancellation, changeOrder, isPayable, toOrderView } from './orders'
import { spendablePoints } from './points'
import { spendOnOrder } from './points-orders'
import type { Payments } from '../wechat/ports'

interface PriceExtras {
  pointsBalance: number
  freeShippingOver: number
  coupons: QuoteView['coupons']
  freeShippingUntil: number | null
  offer: QuoteView['offer']
}

/**
 * Prices the items for the member from the catalog, their coupons and privileges as they are now;
 * the client's figures play no part.
 */
async function priceItems(
  store: Store,
  member: Member,
  items: readonly OrderItemRequest[],
  choice: { usePoints?: number; couponId?: string },
  now: number,
): Promise<Quote & PriceExtras> {
  const { settings } = await tierSettings(store, now)
  if (items.length === 0) throw new AppError('EMPTY_ORDER', '请先选择商品')
  if (new Set(items.map((i) => i.skuId)).size !== items.length) throw new AppError('INVALID_PAYLOAD', '同一规格请合并为一行')
  const skus = await store.findSkus(items.map((i) => i.skuId))
  const products = await store.findProducts([...new Set(skus.map((s) => s.productId))])
  const offers = await flashOffers(store, member, new Map(skus.map((s) => [s.id, s])), now)
  const lines = items.map((item): PricedLine => {
    const sku = skus.find((s) => s.id === item.skuId)
    const product = sku && products.find((p) => p.id === sku.productId)
    if (!sku || !product || product.status !== 'on') throw new AppError('SKU_NOT_FOUND', '有商品不存在或已下架，请返回购物车查看')
    if (item.quantity > sku.stock) {
      throw new AppError('OUT_OF_STOCK', sku.stock === 0 ? `「${product.title}」已售罄` : `「${product.title}」库存仅剩 ${sku.stock} 件`)
    }
    const line = pricedLine(sku, product, item.quantity, member.tier, settings.benefits)
    // A flash price applies to the whole line when its campaign still has the units, and only when lower.
    const offer = offers.get(sku.id)
    if (offer && offer.left >= item.quantity && offer.price < line.memberUnitPrice) {
      return { ...line, memberUnitPrice: offer.price, flash: { campaignId: offer.campaignId, allotment: offer.allotment } }
    }
    return line
  })
  await assertWithinLimits(store, member, lines, products, now)
  const [pointsBalance, credits] = await Promise.all([spendablePoints(store, member.id, now), store.listCredits(member.id)])
  const coupons = credits.filter(
    (c) => c.kind === 'coupon' && c.coupon && c.usedByOrder === null && c.expiresAt !== null && c.expiresAt > now,
  )
  const freeShippingUntil =
    Math.max(0, ...credits.filter((c) => c.kind === 'privilege' && c.expiresAt !== null && c.expiresAt > now).map((c) => c.expiresAt!)) ||
    null
  const shipping = { freeOver: settings.benefits[member.tier].freeShippingOver, fee: DEFAULT_SHIPPING.fee }
  const discounted = lines.reduce((sum, l) => sum + l.memberUnitPrice * l.quantity, 0)
  let coupon: { amountOff: number; minSpend: number } | null = null
  if (choice.couponId !== undefined) {
    const chosen = coupons.find((c) => c.id === choice.couponId)
    if (!chosen) throw new AppError('COUPON_INVALID', '优惠券不可用（不存在、已使用或已过期）')
    if (discounted < chosen.coupon!.minSpend)
      throw new AppError('COUPON_INVALID', `未达到优惠券使用门槛 ¥${fenToYuan(chosen.coupon!.minSpend)}`)
    coupon = chosen.coupon
  }
  // Without a chosen coupon, a new member's offer takes its place (the best one they qualify for).
  const offer = coupon === null ? await newMemberOffer(store, member, discounted, now) : null
  if (offer) coupon = { amountOff: offer.amountOff, minSpend: offer.minSpend }
  const pointsRule = pointsRuleOf((await pointsSettings(store, now)).settings)
  const priced = priceOrder(lines, {
    points: pointsRule,
    pointsRequested: choice.usePoints ?? 0,
    pointsBalance,
    shipping,
    coupon,
    freeShipping: freeShippingUntil !== null,
  })
  return {
    ...priced,
    pointsBalance,
    freeShippingOver: shipping.freeOver,
    freeShippingUntil,
    offer,
    coupons: coupons.map((c) => ({
      id: c.id,
      title: c.title,
      amountOff: c.coupon!.amountOff,
      minSpend: c.coupon!.minSpend,
      expiresAt: c.expiresAt!,
      usable: discounted >= c.coupon!.minSpend,
    })),
  }
}

export async function quote(
  store: Store,
  member: Member,
  req: { items: OrderItemRequest[]; usePoints?: number; couponId?: string },
  now: number,
): Promise<QuoteView> {
  const { pointsBalance, ...q } = await priceItems(store, member, req.items, req, now)
  const rule = pointsRuleOf((await pointsSettings(store, now)).settings)
  return {
    ...q,
    viewerTier: member.tier,
    points: {
      balance: pointsBalance,
      maxUsable: maxPointsUsable(q.goodsAmount - q.memberDiscount - q.couponDiscount, pointsBalance, rule),
    },
  }
}

/**
 * A new unpaid order from priced lines: every line starts normal and unrefunded, attributed to the
 * distributor given, and the order waits for payment for the payment window.
 */
export function draftOrder(d: {
  id: string
  memberId: string
  lines: QuoteView['lines']
  distributorId: string | null
  amounts: Pick<Order, 'goodsAmount' | 'memberDiscount' | 'couponDiscount' | 'pointsUsed' | 'pointsDeduction' | 'shipping' | 'payable'>
  couponId: string | null
  address: AddressInput
  remark: string
  team: Order['team']
  touch: Order['touch']
  now: number
}): Order {
  const { amounts: a, now } = d
  return {
    id: d.id,
    memberId: d.memberId,
    status: 'created',
    lines: d.lines.map((line, i) => ({
      ...line,
      id: `${d.id}-${i + 1}`,
      lineNo: i + 1,
      refundedAmount: 0,
      status: 'normal',
      distributorId: d.distributorId,
    })),
    goodsAmount: a.goodsAmount,
    memberDiscount: a.memberDiscount,
    couponId: d.couponId,
    couponDiscount: a.couponDiscount,
    pointsUsed: a.pointsUsed,
    pointsDeduction: a.pointsDeduction,
    shipping: a.shipping,
    payable: a.payable,
    refundedAmount: 0,
    address: d.address,
    remark: d.remark,
    createdAt: now,
    payDeadline: now + DEFAULT_ORDER_TIMINGS.payWindowMs,
    paidAt: null,
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    closedAt: null,
    cancelReason: null,
    transactionId: null,
    shipment: null,
    team: d.team,
    touch: d.touch,
  }
}

/** The order id for a member's create request: a retried request lands on the same order. */
export function orderIdFor(memberId: string, requestId: string): string {
  return `o${createHash('sha256').update(`${memberId}\u0000${requestId}`).digest('hex').slice(0, 23)}`
}

export interface CreateOrderRequest {
  requestId: string
  items: OrderItemRequest[]
  address: AddressInput
  remark?: string
  usePoints?: number
  couponId?: string
  expectedPayable: number
}

export async function createOrder(
  store: Store,
  pay: Payments,
  member: Member,
  req: CreateOrderRequest,
  now: number,
): Promise<{ order: OrderView; payment: PaymentRequest | null }> {
  const id = orderIdFor(member.id, req.requestId)
  const answer = async (order: Order) => ({
    order: toOrderView(order, now),
    payment: isPayable(order, now) ? await pay.prepay(order, now) : null,
  })
  const existing = await store.findOrder(id)
  if (existing) return answer(existing.order)

  const q = await priceItems(store, member, req.items, req, now)
  if (q.payable !== req.expectedPayable) {
    throw new AppError('PRICE_CHANGED', `价格有变化，应付金额现为 ¥${fenToYuan(q.payable)}，请确认后再提交`)
  }
  // The distributor who brought the buyer is fixed on each line now; later bindings change nothing.
  const distributorId = await attributionFor(store, member, now)
  const touch = await orderTouch(store, member.id, (await distributionSettings(store, now)).settings.bindingDays * 86_400_000, now)
  const order = draftOrder({
    id,
    memberId: member.id,
    lines: q.lines,
    distributorId,
    amounts: q,
    couponId: req.couponId ?? null,
    address: req.address,
    remark: req.remark ?? '',
    team: null,
    touch,
    now,
  })
  if (q.offer) order.offer = { campaignId: q.offer.campaignId, amountOff: q.couponDiscount }
  const placed = await placeNumbered(store, order)
  if (placed.placed) {
    try {
      await spendOnOrder(store, order, now)
      if (order.couponId && !(await store.useCoupon(order.couponId, order.id)))
        throw new AppError('COUPON_INVALID', '优惠券已被使用，请重新确认订单')
    } catch (error) {
      // The points or the coupon moved since the quote: the order must not stand without them.
      // Its cancellation event gives back what was taken.
      await changeOrder(store, order.id, (o) => (o.status === 'created' ? cancellation(o, now, '积分或优惠券已变化') : null))
      throw error
    }
    if (distributorId) await extendBinding(store, member.id, now)
    return answer(order)
  }
  if (placed.reason === 'exists') return answer((await store.findOrder(id))!.order)
  if (placed.reason === 'flashSoldOut') throw new AppError('PRICE_CHANGED', '限时价名额刚刚抢完，价格已恢复，请确认后再提交')
  if (placed.reason === 'offerTaken') throw new AppError('PRICE_CHANGED', '新人礼已用于你的另一笔订单，价格已变化，请确认后再提交')
  if (placed.reason === 'numberTaken') throw new AppError('BUSY', '下单的人太多了，请稍后再试')
  if (placed.reason === 'busy') throw new AppError('BUSY', '订单正在提交，请稍候查看订单')
  if (placed.reason === 'limitReached') {
    // Another order of the member's took the allowance between the check above and this one.
    const line = order.lines.find((l) => l.skuId === placed.skuId)
    throw new AppError('LIMIT_REACHED', `「${line?.title ?? '商品'}」每人限购 ${line?.memberLimit ?? ''} 件，你已购买过`)
  }
  const line = order.lines.find((l) => l.skuId === placed.skuId)
  throw new AppError('OUT_OF_STOCK', `「${line?.title ?? '商品'}」库存不足，请减少数量或稍后再试`)
}

const NUMBER_ATTEMPTS = 5

/**
 * Places the order under a readable number: the second it was placed and five digits drawn from its
 * id, drawn again when another order of that second holds them. Answers the last placement's result.
 */
export async function placeNumbered(store: Store, order: Order): Promise<PlaceOrderResult> {
  let placed: PlaceOrderResult = { placed: false, reason: 'numberTaken' }
  for (let attempt = 0; attempt < NUMBER_ATTEMPTS && !placed.placed && placed.reason === 'numberTaken'; attempt += 1) {
    order.orderNo = orderNumberDraw(order, attempt)
    placed = await store.placeOrder(order)
  }
  return placed
}

/** The number an order is offered on its nth try: the same for the same order and try, so a retried placement draws alike. */
export function orderNumberDraw(order: Pick<Order, 'id' | 'createdAt'>, attempt: number): string {
  const serial = Number.parseInt(createHash('sha256').update(`${order.id}\u0000${attempt}`).digest('hex').slice(0, 8), 16)
  return orderNumber(order.createdAt, serial)
}

/** Payment parameters for an unpaid order of the member's, to pay (again) from the order page. */
export async function payAgain(store: Store, pay: Payments, member: Member, orderId: string, now: number): Promise<PaymentRequest> {
  const found = await store.findOrder(orderId)
  if (!found || found.order.memberId !== member.id) throw new AppError('ORDER_NOT_FOUND', '订单不存在')
  if (!isPayable(found.order, now)) throw new AppError('ORDER_STATE', '订单已不能支付')
  return pay.prepay(found.order, now)
}
