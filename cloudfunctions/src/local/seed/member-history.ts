import type { Member, Tier } from '../../../../types/domain'
import { createOrder, quote } from '../../app/checkout'
import { applyOrderEventsToMembers } from '../../app/order-events'
import { completeOrders } from '../../app/order-jobs'
import { confirmReceipt, shipOrder } from '../../app/orders'
import { handlePaymentNotice } from '../../app/payments'
import { DEFAULT_ORDER_TIMINGS } from '../../core/orders'
import { DEFAULT_TIER_THRESHOLDS } from '../../core/tiers'
import type { Store } from '../../store/port'
import { LocalPayProvider } from '../pay'
import { DAY_MS } from '../../core/time'

/** The demo's gift box: what the long-standing members bought for themselves and as gifts. */
const GIFT_BOX = 'p27-s1'
const ADDRESS = { name: '演示顾客', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }

interface Purchase {
  member: Member
  at: number
  quantity: number
}

/**
 * Where each tiered demo member's standing came from: they join at V1 and, over the past months,
 * buy gift boxes through the shop's own services — checkout, payment, shipping, receipt, completion
 * — so their growth, purchase points, orders and tier changes are records that agree with each other.
 * Each member's orders are spread between when they joined and three weeks ago, sized to reach the
 * growth of the tier the demo gives them.
 */
export async function seedMemberHistory(store: Store, members: readonly (Member & { tier: Tier })[], now: number): Promise<void> {
  const unit = (await store.findSkus([GIFT_BOX]))[0]?.price
  if (!unit) return
  const purchases: Purchase[] = []
  for (const member of members.filter((m) => m.tier > 1)) {
    const target = DEFAULT_TIER_THRESHOLDS[member.tier] + 120
    // Bought at list price or less: enough units at the lowest member price reach the target.
    const units = Math.ceil((target * 100) / Math.floor(unit * 0.88)) + 1
    const orders = Math.min(8, Math.max(2, Math.ceil(units / 8)))
    const first = Math.min(330, Math.floor((now - member.createdAt) / DAY_MS) - 10)
    for (let k = 0; k < orders; k += 1) {
      const daysAgo = Math.round(first - ((first - 21) * k) / (orders - 1))
      purchases.push({ member, at: now - daysAgo * DAY_MS + k * 60_000, quantity: Math.ceil(units / orders) })
    }
  }
  purchases.sort((a, b) => a.at - b.at)

  let at = now
  const pay = new LocalPayProvider(store, { now: () => at })
  for (const [i, purchase] of purchases.entries()) {
    at = purchase.at
    const buyer = (await store.findMember(purchase.member.id))!
    const items = [{ skuId: GIFT_BOX, quantity: purchase.quantity }]
    const priced = await quote(store, buyer, { items }, at)
    const { order } = await createOrder(
      store,
      pay,
      buyer,
      { requestId: `seed-history-${String(i).padStart(3, '0')}`, items, address: ADDRESS, expectedPayable: priced.payable },
      at,
    )
    await handlePaymentNotice(store, pay, { transactionId: `seed-${order.id}`, orderId: order.id, amount: order.payable, at: at + 60_000 })
    await shipOrder(store, pay, order.id, { carrier: '顺丰速运', trackingNo: `SF${String(200_000_000_000 + i)}` }, at + DAY_MS)
    await confirmReceipt(store, buyer, order.id, at + 3 * DAY_MS)
    // The after-sale window closes: the order completes, its points become available and its growth counts.
    at += 3 * DAY_MS + DEFAULT_ORDER_TIMINGS.afterSaleMs + 60_000
    await completeOrders(store, at)
    await applyOrderEventsToMembers(store, at)
  }
  for (const member of members.filter((m) => m.tier > 1)) {
    const standing = await store.findTierStatus(member.id)
    if (standing?.tier !== member.tier) throw new Error(`seed: ${member.id} reached V${standing?.tier}, not V${member.tier}`)
  }
}
