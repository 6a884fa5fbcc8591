// Shipping information sent (again) for a shipped order — what the `shippingUpload` function does for
// the operators' command line — on both adapters; and that function's entry refuses members.
import { describe, expect, it, vi } from 'vitest'
import { sendShippingInfo } from '../../cloudfunctions/src/app/shipping-info'
import type { ShippingUpload } from '../../cloudfunctions/src/core/shipping'
import type { Payments } from '../../cloudfunctions/src/wechat/ports'
import { STORE_ADAPTERS } from '../support/adapters'
import { T0, order, smallShop } from '../support/fixtures'

const wxContext = vi.hoisted(() => ({ OPENID: 'member-openid' as string | undefined }))
vi.mock('wx-server-sdk', () => ({
  default: {
    DYNAMIC_CURRENT_ENV: Symbol('current'),
    init: () => {},
    database: () => ({}),
    getWXContext: () => wxContext,
  },
}))

function recorder() {
  const uploads: ShippingUpload[] = []
  return { uploads, pay: { uploadShipping: async (u: ShippingUpload) => void uploads.push(u) } as Payments }
}

describe.each(STORE_ADAPTERS)('sendShippingInfo on %s', (_name, open) => {
  async function paidOrder(shipped: boolean) {
    const store = open()
    await smallShop(store)
    const placed = order('o00000000000000000000sh1', { orderNo: '2026112012000054321' })
    await store.placeOrder(placed)
    const paid = { ...placed, status: 'paid' as const, paidAt: T0 + 1, transactionId: 'tx-sh-1' }
    await store.commitOrderChange({
      order: paid,
      expectedVersion: 1,
      events: [],
      payment: { transactionId: 'tx-sh-1', orderId: placed.id, amount: placed.payable, at: T0 + 1, outcome: 'applied' },
    })
    if (shipped)
      await store.commitOrderChange({
        order: { ...paid, status: 'shipped', shippedAt: T0 + 7_200_000, shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890' } },
        expectedVersion: 2,
        events: [],
      })
    return store
  }

  it('sends the stored shipment at the time it shipped, named by the payment', async () => {
    const store = await paidOrder(true)
    const { uploads, pay } = recorder()
    expect(await sendShippingInfo(store, pay, 'tx-sh-1')).toEqual({ order: '2026112012000054321' })
    expect(uploads).toEqual([
      expect.objectContaining({
        order_key: { order_number_type: 2, transaction_id: 'tx-sh-1' },
        upload_time: new Date(T0 + 7_200_000).toISOString(),
        shipping_list: [expect.objectContaining({ tracking_no: 'SF1234567890' })],
      }),
    ])
  })

  it('refuses an unknown payment and an order not yet shipped, sending nothing', async () => {
    const store = await paidOrder(false)
    const { uploads, pay } = recorder()
    await expect(sendShippingInfo(store, pay, 'tx-unknown')).rejects.toMatchObject({ code: 'ORDER_NOT_FOUND' })
    await expect(sendShippingInfo(store, pay, 'tx-sh-1')).rejects.toMatchObject({ code: 'ORDER_STATE', message: '订单尚未发货' })
    expect(uploads).toEqual([])
  })
})

describe('the shippingUpload function entry', () => {
  it('refuses a member (a call with an OPENID) and a bad event; servers reach the rule', async () => {
    const { main } = await import('../../cloudfunctions/src/functions/shippingUpload/index')
    wxContext.OPENID = 'member-openid'
    expect(await main({ transactionId: 'tx-sh-1' })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    wxContext.OPENID = undefined
    expect(await main({ transactionId: '../../x' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})
