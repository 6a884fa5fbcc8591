import { onTheHour } from './hours'
import { openGroupBuy } from '../../app/groupbuy-orders'
import { handlePaymentNotice } from '../../app/payments'
import type { Store } from '../../store/port'
import { LocalPayProvider } from '../pay'
import { DAY_MS, HOUR_MS } from '../../core/time'

/** Two group-buys on the shelf, and teams other members opened and paid for, waiting for friends. */
export async function seedGroupBuys(store: Store, now: number): Promise<void> {
  const window = { startAt: onTheHour(now) - 3 * DAY_MS, endAt: onTheHour(now) + 30 * DAY_MS, enabled: true }
  await store.putGroupBuy({
    id: 'gb-longjing',
    title: '明前龙井 两人团',
    productId: 'p01',
    skus: [{ skuId: 'p01-s1', teamPrice: 9_900 }],
    teamSize: 2,
    timeLimitMs: DAY_MS,
    stock: 200,
    perMemberLimit: 3,
    sort: 1,
    ...window,
  })
  await store.putGroupBuy({
    id: 'gb-oolong',
    title: '正岩大红袍 三人团',
    productId: 'p03',
    skus: [
      { skuId: 'p03-s1', teamPrice: 7_900 },
      { skuId: 'p03-s2', teamPrice: 14_900 },
    ],
    teamSize: 3,
    timeLimitMs: DAY_MS,
    stock: 150,
    perMemberLimit: 2,
    sort: 2,
    ...window,
  })
  let at = now
  const pay = new LocalPayProvider(store, { now: () => at })
  const address = { name: '演示顾客', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }
  for (const [i, lead] of [
    { memberId: 'm03', campaignId: 'gb-longjing', skuId: 'p01-s1', teamPrice: 9_900, hoursAgo: 3 },
    { memberId: 'm05', campaignId: 'gb-oolong', skuId: 'p03-s1', teamPrice: 7_900, hoursAgo: 5 },
  ].entries()) {
    const leader = await store.findMember(lead.memberId)
    if (!leader) continue
    at = now - lead.hoursAgo * HOUR_MS
    const { order } = await openGroupBuy(
      store,
      pay,
      leader,
      { campaignId: lead.campaignId, skuId: lead.skuId, requestId: `seed-team-${i}`, address, expectedPayable: lead.teamPrice },
      at,
    )
    await handlePaymentNotice(store, pay, { transactionId: `seed-${order.id}`, orderId: order.id, amount: order.payable, at: at + 60_000 })
  }
}
