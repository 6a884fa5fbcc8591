import { createOrder, quote } from '../../app/checkout'
import { applyOrderEventsToCommissions, settleCommissions } from '../../app/commissions'
import { requestWithdrawal } from '../../app/withdrawals'
import { confirmReceipt, shipOrder } from '../../app/orders'
import { handlePaymentNotice } from '../../app/payments'
import { recordEntry } from '../../app/touchpoints'
import type { Store } from '../../store/port'
import { LocalPayProvider } from '../pay'
import { DAY_MS, HOUR_MS } from '../../core/time'

/** Orders the demo KOC's shares brought over the past weeks, at the stage each has reached now. */
const SALES: { buyer: string; daysAgo: number; skuId: string; quantity: number; stage: 'paid' | 'shipped' | 'received' }[] = [
  { buyer: 'm01', daysAgo: 26, skuId: 'p01-s1', quantity: 1, stage: 'received' },
  { buyer: 'm02', daysAgo: 22, skuId: 'p03-s1', quantity: 2, stage: 'received' },
  { buyer: 'm03', daysAgo: 19, skuId: 'p02-s2', quantity: 1, stage: 'received' },
  { buyer: 'm01', daysAgo: 13, skuId: 'p04-s1', quantity: 1, stage: 'received' },
  { buyer: 'm04', daysAgo: 6, skuId: 'p01-s2', quantity: 1, stage: 'received' },
  { buyer: 'm05', daysAgo: 3, skuId: 'p03-s2', quantity: 1, stage: 'shipped' },
  { buyer: 'm02', daysAgo: 1, skuId: 'p02-s1', quantity: 2, stage: 'paid' },
]

const ADDRESS = { name: '演示顾客', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }

/**
 * Plays the demo KOC's recent sales through the same services a real shop runs — binding from a
 * share, checkout, payment, shipping, receipt, the commission timers — so the distributor center
 * opens on a believable history: settled, frozen and pending commission, and one payout.
 */
export async function seedDistributionHistory(store: Store, now: number): Promise<void> {
  const koc = await store.findMember('koc')
  if (!koc) return
  let at = now
  const pay = new LocalPayProvider(store, { now: () => at })
  for (const [i, sale] of SALES.entries()) {
    const buyer = await store.findMember(sale.buyer)
    if (!buyer) continue
    at = now - sale.daysAgo * DAY_MS
    // The buyer opened the KOC's shared card (recorded as their entry, which binds them).
    await recordEntry(
      store,
      buyer,
      {
        entryId: `seed-entry-${i}-0000`,
        scene: 1007,
        shareCode: koc.shareCode,
        productId: sale.skuId.split('-')[0],
        path: '/packages/product/detail/index',
      },
      at - HOUR_MS,
    )
    const items = [{ skuId: sale.skuId, quantity: sale.quantity }]
    const priced = await quote(store, buyer, { items }, at)
    const { order } = await createOrder(
      store,
      pay,
      buyer,
      { requestId: `seed-distribution-${i}`, items, address: ADDRESS, expectedPayable: priced.payable },
      at,
    )
    await handlePaymentNotice(store, pay, { transactionId: `seed-${order.id}`, orderId: order.id, amount: order.payable, at: at + 60_000 })
    if (sale.stage === 'paid') continue
    await shipOrder(store, pay, order.id, { carrier: '顺丰速运', trackingNo: `SF${String(100_000_000_000 + i)}` }, at + DAY_MS)
    if (sale.stage === 'received') await confirmReceipt(store, buyer, order.id, at + 2 * DAY_MS)
  }
  at = now - DAY_MS
  await applyOrderEventsToCommissions(store, at)
  await settleCommissions(store, at)
  const { account } = await store.findCommissions(koc.id, { lineIds: [] })
  if (account.available >= 2_000) await requestWithdrawal(store, pay, koc, { amount: 2_000, requestId: 'seed-withdrawal-1' }, at)
  at = now
  await settleCommissions(store, now)
}
