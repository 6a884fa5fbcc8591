/**
 * Staff shipping in the built mini program: the seeded owner opens the staff console (packages/ops),
 * finds a paid order by its number under 订单, picks the carrier, types the tracking number and taps
 * 发货 — the order is shipped in the store, the parcel goes to WeChat's shipping management, and the
 * change is audited.
 */
import { describe, expect, it } from 'vitest'
import type { OrderView } from '../../types/api'
import { CONSUMER } from './pages'
import { journeyOf, textOf, toasts } from './journey'

const OWNER = 'operator'
const TRACKING_NO = '73100012345678'

describe('weapp journey: the owner ships an order', () => {
  const session = journeyOf(OWNER)

  it('订单 → 查找 by number → 中通快递, 运单号 → 发货 ships it in the store', async () => {
    const { host, double } = session
    const { items } = (await double.call('order', 'list', {}, CONSUMER)) as { items: OrderView[] }
    const paid = items.find((order) => order.status === 'paid')
    if (!paid?.orderNo) throw new Error('the seeded consumer has no paid order to ship')

    const desk = await host.render('packages/ops/console/index')
    expect(textOf(desk)).not.toContain('仅运营人员可用')
    await desk.tap('订单')
    await desk.type('订单号 / 手机后 4 位 / 会员编号', paid.orderNo)
    await desk.tapButton('查找')
    expect(textOf(desk)).toContain(`订单 ${paid.orderNo}`)
    expect(textOf(desk).match(/订单 \d{19}/g), 'the one order found').toEqual([`订单 ${paid.orderNo}`])
    await desk.tap('中通快递')
    await desk.type('运单号', TRACKING_NO)
    await desk.tapButton('发货')
    expect(desk.errors).toEqual([])
    expect(double.refusals).toEqual([])
    expect(toasts(double)).toContain('已发货')
    expect(textOf(desk)).toContain(`已发货：中通快递 ${TRACKING_NO}`)

    const order = (await double.store.findOrder(paid.id))?.order
    expect(order?.status).toBe('shipped')
    expect(order?.shipment).toMatchObject({ carrier: '中通快递', trackingNo: TRACKING_NO })
    const upload = double.pay.shippingUploads.find((u) => u.order_key.transaction_id === order?.transactionId)
    expect(upload?.shipping_list.map((parcel) => parcel.tracking_no)).toEqual([TRACKING_NO])
    expect(upload?.payer.openid).toBe(CONSUMER)
    const { items: audit } = await double.store.listAudit(0, 20)
    expect(audit.find((entry) => entry.target.includes(paid.id))).toMatchObject({ actor: OWNER })
  })
})
