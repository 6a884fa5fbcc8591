import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntryView, FunctionName, OrderView, Page, QuoteView, ShipRowResult, StaffOrderView } from '../../types/api'
import type { AuditEntry } from '../../types/domain'
import { orderIdFor, orderNumberDraw } from '../../cloudfunctions/src/app/checkout'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`fulfilment over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const order = (action: string, data: unknown, memberId: string | null = 'clerk') => call('order', action, data, memberId)
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function paidOrder(memberId: string, requestId: string): Promise<OrderView> {
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(order('quote', { items }, memberId))
      const { order: placed } = await ok<{ order: OrderView }>(
        order('create', { requestId, items, address, expectedPayable: q.payable }, memberId),
      )
      await pay.pay(placed.id, false)
      return placed
    }

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234', nickname: '客服小禾' }))
      await saveMember(store, member('buyer', 2, { shareCode: 'BUYER234', nickname: '茶客' }))
    })

    it('lists every member’s orders waiting to ship, with the buyer and full address, and finds one by number', async () => {
      const a = await paidOrder('v1', 'fulfil-00001')
      const b = await paidOrder('buyer', 'fulfil-00002')
      clock.advance(60_000)
      const waiting = await ok<Page<StaffOrderView>>(order('staffList', { tab: 'toShip' }))
      expect(waiting.total).toBe(2)
      expect(waiting.items.map((o) => [o.id, o.buyer.memberId, o.address.phone])).toEqual([
        [b.id, 'buyer', '13800000000'],
        [a.id, 'v1', '13800000000'],
      ])
      expect(waiting.items[0].buyer.nickname).toBe('茶客')
      expect((await ok<Page<StaffOrderView>>(order('staffList', { orderId: a.id }))).items.map((o) => o.id)).toEqual([a.id])
      expect((await ok<Page<StaffOrderView>>(order('staffList', { orderId: 'not-an-order' }))).total).toBe(0)
      expect((await ok<Page<StaffOrderView>>(order('staffList', { tab: 'toShip', memberId: 'buyer' }))).items.map((o) => o.id)).toEqual([
        b.id,
      ])
    })

    it('ships one order, audited, and a second time refuses it', async () => {
      const a = await paidOrder('v1', 'fulfil-00011')
      const shipped = await ok<OrderView>(order('ship', { orderId: a.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }))
      expect(shipped).toMatchObject({ status: 'shipped', shipment: { carrier: '顺丰速运', trackingNo: 'SF123456789000' } })
      const entry = (await store.listAudit(0, 5)).items[0] as AuditEntry
      expect(entry).toMatchObject({ actor: 'clerk', roles: ['service'], action: 'order:ship', target: a.id, before: { status: 'paid' } })
      // Staff reading the log see the order by its number, never its internal id.
      const logged = await ok<Page<AuditEntryView>>(call('campaign', 'audit', { kind: 'order' }, 'brand'))
      expect(logged.items[0]).toMatchObject({ actorName: '客服小禾', targetName: `订单 ${a.orderNo}` })
      expect(await order('ship', { orderId: a.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' })).toMatchObject({
        ok: false,
        code: 'ORDER_STATE',
      })
      // WeChat is told of the parcel once, by the payment's transaction.
      const { transactionId } = (await store.findOrder(a.id))!.order
      expect(pay.shippingUploads.map((u) => [u.order_key.transaction_id, u.shipping_list[0].tracking_no])).toEqual([
        [transactionId, 'SF123456789000'],
      ])
    })

    it('ships a batch row by row: good rows shipped, each bad row answered with its own reason and nothing half-done', async () => {
      const a = await paidOrder('v1', 'fulfil-00021')
      const b = await paidOrder('buyer', 'fulfil-00022')
      const unpaid = await ok<QuoteView>(order('quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))
      const { order: notPaid } = await ok<{ order: OrderView }>(
        order(
          'create',
          { requestId: 'fulfil-00023', items: [{ skuId: 'p1-s1', quantity: 1 }], address, expectedPayable: unpaid.payable },
          'v4',
        ),
      )
      const results = await ok<ShipRowResult[]>(
        order('shipBatch', {
          rows: [
            { orderId: a.id, carrier: '顺丰速运', trackingNo: 'SF100000000100' },
            { orderId: b.id, carrier: '飞鸽快递', trackingNo: 'FG1000000002' },
            { orderId: a.id, carrier: '中通快递', trackingNo: '750000000010' },
            { orderId: notPaid.id, carrier: '中通快递', trackingNo: '750000000020' },
            { orderId: `o${'0'.repeat(23)}`, carrier: '中通快递', trackingNo: '750000000030' },
            { orderId: b.id, carrier: '圆通速递', trackingNo: 'bad no' },
          ],
        }),
      )
      expect(results.map((r) => [r.row, r.ok, r.code])).toEqual([
        [1, true, null],
        [2, false, 'INVALID_PAYLOAD'],
        [3, false, 'INVALID_PAYLOAD'],
        [4, false, 'ORDER_STATE'],
        [5, false, 'ORDER_NOT_FOUND'],
        [6, false, 'INVALID_PAYLOAD'],
      ])
      expect(results[1].message).toContain('carrier')
      expect(results[2].message).toBe('与前面的行重复，本行未处理')
      expect((await store.findOrder(a.id))!.order.shipment).toEqual({ carrier: '顺丰速运', trackingNo: 'SF100000000100' })
      expect((await store.findOrder(b.id))!.order.status).toBe('paid')
      expect((await store.findOrder(notPaid.id))!.order.status).toBe('created')
    })

    it('refuses bad requests and everyone but service staff and owners, changing nothing', async () => {
      const a = await paidOrder('v1', 'fulfil-00031')
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
      const batch = { rows: [{ orderId: a.id, carrier: '顺丰速运', trackingNo: 'SF100000000900' }] }
      for (const who of ['v1', 'merch']) {
        expect(await order('shipBatch', batch, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
        expect(await order('staffList', {}, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      }
      expect(await order('shipBatch', batch, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      for (const data of [{ rows: [] }, { rows: Array.from({ length: 201 }, () => batch.rows[0]) }, { rows: [{ orderId: a.id }] }, {}]) {
        expect(await order('shipBatch', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      expect(await order('staffList', { tab: 'lost' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect((await store.findOrder(a.id))!.order.status).toBe('paid')
      expect(await ok<ShipRowResult[]>(order('shipBatch', batch, 'brand'))).toEqual([
        { row: 1, orderId: a.id, ok: true, code: null, message: null },
      ])
    })
    it('gives every order a readable 19-digit number that every order action accepts', async () => {
      const placedAt = clock.now()
      const a = await paidOrder('v1', 'fulfil-00051')
      // The Shanghai wall clock of the placement, then five digits of its own.
      const wall = new Date(placedAt + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14)
      expect(a.orderNo).toMatch(new RegExp(`^${wall}\\d{5}$`))
      expect((await ok<OrderView>(order('detail', { orderId: a.orderNo }, 'v1'))).id).toBe(a.id)
      expect((await ok<Page<StaffOrderView>>(order('staffList', { orderId: a.orderNo }))).items.map((o) => o.id)).toEqual([a.id])
      const shipped = await ok<OrderView>(order('ship', { orderId: a.orderNo, carrier: '顺丰速运', trackingNo: 'sf123456789012' }))
      expect(shipped).toMatchObject({ id: a.id, orderNo: a.orderNo, status: 'shipped', shipment: { trackingNo: 'SF123456789012' } })
      expect(await ok<OrderView>(order('confirmReceipt', { orderId: a.orderNo }, 'v1'))).toMatchObject({ status: 'received' })
      // Another member's number is not found, like any order of theirs.
      expect(await order('detail', { orderId: a.orderNo }, 'buyer')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
      expect(await order('detail', { orderId: '2026010100000000000' }, 'v1')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' })
    })

    it('draws another number when another order of the same second holds the digits drawn', async () => {
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const id = orderIdFor('buyer', 'fulfil-00062')
      const firstDraw = orderNumberDraw({ id, createdAt: clock.now() }, 0)
      // Another order already holds the number the new order draws first.
      const other = await paidOrder('v1', 'fulfil-00061')
      const held = { ...(await store.findOrder(other.id))!.order, id: 'o-holder', orderNo: firstDraw }
      expect(await store.placeOrder(held)).toEqual({ placed: true })
      const q = await ok<QuoteView>(order('quote', { items }, 'buyer'))
      const create = () => order('create', { requestId: 'fulfil-00062', items, address, expectedPayable: q.payable }, 'buyer')
      const { order: placed } = await ok<{ order: OrderView }>(create())
      expect(placed).toMatchObject({ id, orderNo: orderNumberDraw({ id, createdAt: clock.now() }, 1) })
      // A retried create answers the first placement, number and all.
      expect((await ok<{ order: OrderView }>(create())).order.orderNo).toBe(placed.orderNo)
      expect((await store.findOrder(firstDraw))!.order.id).toBe('o-holder')
    })

    it('finds orders by the last four digits of the buyer’s phone, within the stage', async () => {
      const a = await paidOrder('v1', 'fulfil-00071')
      const other = { ...address, phone: '13900004321' }
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(order('quote', { items }, 'buyer'))
      const { order: b } = await ok<{ order: OrderView }>(
        order('create', { requestId: 'fulfil-00072', items, address: other, expectedPayable: q.payable }, 'buyer'),
      )
      await pay.pay(b.id, false)
      expect((await ok<Page<StaffOrderView>>(order('staffList', { tab: 'toShip', phoneTail: '4321' }))).items.map((o) => o.id)).toEqual([
        b.id,
      ])
      expect((await ok<Page<StaffOrderView>>(order('staffList', { tab: 'toShip', phoneTail: '0000' }))).items.map((o) => o.id)).toEqual([
        a.id,
      ])
      expect((await ok<Page<StaffOrderView>>(order('staffList', { tab: 'toReceive', phoneTail: '4321' }))).total).toBe(0)
      expect(await order('staffList', { phoneTail: '432' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    })

    it('lists and exports the orders placed in a range of Shanghai days, with addresses by role', async () => {
      const early = await paidOrder('v1', 'fulfil-00041')
      clock.advance(86_400_000)
      const late = await paidOrder('buyer', 'fulfil-00042')
      const day = (at: number) => new Date(at + 8 * 3_600_000).toISOString().slice(0, 10)
      const lateDay = day(clock.now())
      const listed = await ok<Page<StaffOrderView>>(order('staffList', { from: lateDay, to: lateDay }))
      expect(listed.items.map((o) => o.id)).toEqual([late.id])
      expect(listed.total).toBe(1)

      const full = await ok<{ filename: string; csv: string; rows: number }>(order('export', { from: day(T0), to: lateDay }))
      expect(full.rows).toBe(2)
      expect(full.csv.startsWith('\uFEFF订单号,下单时间,付款时间,状态,买家,商品')).toBe(true)
      const rows = full.csv.trim().split('\r\n')
      expect(rows).toHaveLength(3)
      expect(rows[1].startsWith(`${late.orderNo},`)).toBe(true)
      expect(rows[1]).toContain('张三,13800000000,浙江省 杭州市 龙井路 1 号')
      expect(rows[2].startsWith(`${early.orderNo},`)).toBe(true)

      await saveMember(store, member('books', 1, { roles: ['operator', 'finance'], shareCode: 'BOOKS234' }))
      const masked = await ok<{ csv: string }>(order('export', {}, 'books'))
      expect(masked.csv).toContain('张*,138****0000,浙江省 杭州市,')
      expect(masked.csv).not.toContain('龙井路')
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
      expect(await order('export', {}, 'merch')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await order('export', { from: '2026-02-30' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await order('staffList', { from: 'yesterday' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    })
  })
}
