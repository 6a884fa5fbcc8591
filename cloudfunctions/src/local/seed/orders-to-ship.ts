import { createOrder, quote } from '../../app/checkout'
import { handlePaymentNotice } from '../../app/payments'
import type { Store } from '../../store/port'
import { LocalPayProvider } from '../pay'

const HOUR = 3_600_000
const ADDRESS = { name: '演示顾客', phone: '13800000000', region: '浙江省杭州市西湖区', detail: '龙井路 1 号' }

/** This morning's paid orders, for the 客服 to pack and ship: the day's work the console opens on. */
const TO_SHIP: { buyer: string; hoursAgo: number; items: { skuId: string; quantity: number }[] }[] = [
  { buyer: 'consumer-v4', hoursAgo: 5, items: [{ skuId: 'p02-s1', quantity: 1 }] },
  { buyer: 'm05', hoursAgo: 3, items: [{ skuId: 'p05-s1', quantity: 2 }] },
  { buyer: 'm08', hoursAgo: 1, items: [{ skuId: 'p27-s1', quantity: 1 }] },
]

/** Plays those orders through checkout and payment, the way the shop takes them. */
export async function seedOrdersToShip(store: Store, now: number): Promise<void> {
  let at = now
  const pay = new LocalPayProvider(store, { now: () => at })
  for (const [i, sale] of TO_SHIP.entries()) {
    const buyer = await store.findMember(sale.buyer)
    if (!buyer) continue
    at = now - sale.hoursAgo * HOUR
    const priced = await quote(store, buyer, { items: sale.items }, at)
    const { order } = await createOrder(
      store,
      pay,
      buyer,
      { requestId: `seed-to-ship-${i}`, items: sale.items, address: ADDRESS, expectedPayable: priced.payable },
      at,
    )
    await handlePaymentNotice(store, pay, { transactionId: `seed-${order.id}`, orderId: order.id, amount: order.payable, at: at + 60_000 })
  }
}
