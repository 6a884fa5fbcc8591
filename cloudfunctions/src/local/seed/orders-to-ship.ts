import { HOUR_MS } from '../../core/time'
import { createOrder, quote } from '../../app/checkout'
import { shipOrder } from '../../app/orders'
import { handlePaymentNotice } from '../../app/payments'
import { requestRefund } from '../../app/refunds'
import type { Store } from '../../store/port'
import { LocalPayProvider } from '../pay'

const ADDRESS = { name: '演示顾客', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }

/** This morning's paid orders, for the 客服 to pack and ship: the day's work the console opens on. */
const TO_SHIP: { buyer: string; hoursAgo: number; items: { skuId: string; quantity: number }[] }[] = [
  { buyer: 'consumer-v4', hoursAgo: 5, items: [{ skuId: 'p02-s1', quantity: 1 }] },
  { buyer: 'm05', hoursAgo: 3, items: [{ skuId: 'p05-s1', quantity: 2 }] },
  { buyer: 'm08', hoursAgo: 1, items: [{ skuId: 'p27-s1', quantity: 1 }] },
]

/** Where the demo shop takes returns back (the after-sale settings document). */
export const DEMO_RETURN_ADDRESS = {
  name: '山野茶集售后部',
  phone: '057188886666',
  region: '浙江省杭州市西湖区',
  detail: '龙井路 88 号 仓库 2 号门',
}

/**
 * Plays those orders through checkout and payment, the way the shop takes them; then one more,
 * shipped two days ago, whose buyer asked an hour ago to send a cracked cup back (退货退款): the
 * case the 客服 reviews in 售后.
 */
export async function seedOrdersToShip(store: Store, now: number): Promise<void> {
  let at = now
  const pay = new LocalPayProvider(store, { now: () => at })
  const paidOrder = async (buyerId: string, requestId: string, items: { skuId: string; quantity: number }[], hoursAgo: number) => {
    const buyer = await store.findMember(buyerId)
    if (!buyer) return null
    at = now - hoursAgo * HOUR_MS
    const priced = await quote(store, buyer, { items }, at)
    const { order } = await createOrder(store, pay, buyer, { requestId, items, address: ADDRESS, expectedPayable: priced.payable }, at)
    await handlePaymentNotice(store, pay, { transactionId: `seed-${order.id}`, orderId: order.id, amount: order.payable, at: at + 60_000 })
    return { buyer, order }
  }
  for (const [i, sale] of TO_SHIP.entries()) await paidOrder(sale.buyer, `seed-to-ship-${i}`, sale.items, sale.hoursAgo)

  await store.putSettings('afterSale', { returnAddress: DEMO_RETURN_ADDRESS })
  const returned = await paidOrder('m05', 'seed-return-0', [{ skuId: 'p24-s1', quantity: 1 }], 60)
  if (!returned) return
  at = now - 48 * HOUR_MS
  await shipOrder(store, pay, returned.order.id, { carrier: '顺丰速运', trackingNo: 'SF1432000018866' }, at)
  at = now - HOUR_MS
  await requestRefund(
    store,
    pay,
    returned.buyer,
    { orderId: returned.order.id, reason: '收到的商品有破损：杯口有一道裂纹', kind: 'return' },
    at,
  )
}
