import { beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../cloudfunctions/src/store/port'
import type { DomainEvent, Order, RefundStatus } from '../../types/domain'
import { T0, order, smallShop } from '../support/fixtures'

const stockOf = async (store: Store, skuId: string) => (await store.findSkus([skuId]))[0]?.stock

/** The order half of the store contract: cart, placing, compare-and-set changes, payments, outbox. */
export function orderContract(adapter: string, open: () => Promise<Store>) {
  describe(`order store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
    })

    it('keeps a cart per member: putting a SKU again changes its quantity, not when it was added', async () => {
      await store.putCartItem({ memberId: 'v1', skuId: 'p1-s1', quantity: 1, addedAt: T0 })
      await store.putCartItem({ memberId: 'v1', skuId: 'p3-s1', quantity: 2, addedAt: T0 + 1 })
      await store.putCartItem({ memberId: 'v1', skuId: 'p1-s1', quantity: 3, addedAt: T0 + 2 })
      await store.putCartItem({ memberId: 'v4', skuId: 'p1-s1', quantity: 1, addedAt: T0 })
      expect(await store.listCart('v1')).toEqual([
        { memberId: 'v1', skuId: 'p3-s1', quantity: 2, addedAt: T0 + 1 },
        { memberId: 'v1', skuId: 'p1-s1', quantity: 3, addedAt: T0 },
      ])
      expect(await store.removeCartItems('v1', ['p1-s1', 'p9-s9'])).toBe(1)
      expect((await store.listCart('v1')).map((i) => i.skuId)).toEqual(['p3-s1'])
      expect(await store.listCart('v4')).toHaveLength(1)
    })

    it("answers each member's paid orders: the last payment ever, and how many and the net since an instant", async () => {
      // 101 members: more than the 20 records an aggregation answers unasked, and more than one total's 100 members.
      const ids = Array.from({ length: 101 }, (_, i) => `os${String(i).padStart(3, '0')}`)
      const paid = (id: string, memberId: string, paidAt: number, refundedAmount = 0) =>
        store.placeOrder(order(id, { memberId, status: 'paid', paidAt, refundedAmount }, [{ skuId: 'p3-s1', price: 2990, quantity: 1 }]))
      await paid('os-a1', 'os000', T0 - 100)
      await paid('os-a2', 'os000', T0, 990)
      await paid('os-a3', 'os000', T0 + 7)
      await store.placeOrder(order('os-a4', { memberId: 'os000' }, [{ skuId: 'p3-s1', price: 2990, quantity: 1 }]))
      await paid('os-b1', 'os100', T0 - 50)
      const stats = await store.memberOrderStats(ids, T0)
      expect(stats).toHaveLength(101)
      // An unpaid order counts nowhere; one paid before the instant counts only as the last payment.
      expect(stats[0]).toEqual({ memberId: 'os000', lastPaidAt: T0 + 7, orders: 2, net: 2000 + 2990 })
      expect(stats[100]).toEqual({ memberId: 'os100', lastPaidAt: T0 - 50, orders: 0, net: 0 })
      expect(stats[1]).toEqual({ memberId: 'os001', lastPaidAt: null, orders: 0, net: 0 })
      expect(await store.memberOrderStats(['nobody'], T0)).toEqual([{ memberId: 'nobody', lastPaidAt: null, orders: 0, net: 0 }])
    })

    it('finds SKUs by id', async () => {
      expect((await store.findSkus(['p3-s1', 'zz'])).map((s) => [s.id, s.productId, s.price, s.stock])).toEqual([
        ['p3-s1', 'p3', 2990, 100],
      ])
    })

    it('places an order: takes the stock, stores it at version 1 and clears those SKUs from the cart', async () => {
      await store.putCartItem({ memberId: 'v1', skuId: 'p1-s1', quantity: 1, addedAt: T0 })
      await store.putCartItem({ memberId: 'v1', skuId: 'p4-s1', quantity: 1, addedAt: T0 })
      expect(await store.placeOrder(order('o1'))).toEqual({ placed: true })
      expect(await stockOf(store, 'p1-s1')).toBe(19)
      expect(await stockOf(store, 'p3-s1')).toBe(99)
      const found = await store.findOrder('o1')
      expect(found?.version).toBe(1)
      expect(found?.order).toEqual(order('o1'))
      expect((await store.listCart('v1')).map((i) => i.skuId)).toEqual(['p4-s1'])
    })

    it('places nothing when one SKU lacks stock', async () => {
      await store.putCartItem({ memberId: 'v1', skuId: 'p1-s1', quantity: 1, addedAt: T0 })
      const result = await store.placeOrder(
        order('o1', {}, [
          { skuId: 'p1-s1', price: 12800, quantity: 2 },
          { skuId: 'p4-s1', price: 1990, quantity: 6 },
        ]),
      )
      expect(result).toEqual({ placed: false, reason: 'outOfStock', skuId: 'p4-s1' })
      expect(await stockOf(store, 'p1-s1')).toBe(20)
      expect(await stockOf(store, 'p4-s1')).toBe(5)
      expect(await store.findOrder('o1')).toBeNull()
      expect(await store.listCart('v1')).toHaveLength(1)
    })

    it('places an order id once: a retried placement takes no more stock', async () => {
      expect(await store.placeOrder(order('o1'))).toEqual({ placed: true })
      expect(await store.placeOrder(order('o1'))).toEqual({ placed: false, reason: 'exists' })
      expect(await stockOf(store, 'p1-s1')).toBe(19)
    })

    it('applies a change only at the expected version, with its events, once', async () => {
      await store.placeOrder(order('o1'))
      const paidEvent: DomainEvent = { id: 'order.paid:o1', type: 'order.paid', orderId: 'o1', at: T0 + 5, payload: { payable: 15790 } }
      const paid = { ...order('o1'), status: 'paid' as const, paidAt: T0 + 5 }
      expect(await store.commitOrderChange({ order: paid, expectedVersion: 1, events: [paidEvent] })).toBe(true)
      const cancelled = { ...order('o1'), status: 'cancelled' as const }
      expect(await store.commitOrderChange({ order: cancelled, expectedVersion: 1, events: [], releaseStock: true })).toBe(false)
      const found = await store.findOrder('o1')
      expect(found).toEqual({ order: paid, version: 2 })
      expect(await stockOf(store, 'p1-s1')).toBe(19)
      expect(await store.listEvents(0, 10)).toEqual([paidEvent])
      expect(await store.commitOrderChange({ order: paid, expectedVersion: 99, events: [] })).toBe(false)
      expect(await store.commitOrderChange({ order: { ...order('ghost') }, expectedVersion: 1, events: [] })).toBe(false)
    })

    it('puts the units back when a change releases stock', async () => {
      await store.placeOrder(order('o1'))
      const cancelled = { ...order('o1'), status: 'cancelled' as const, cancelledAt: T0 + 1 }
      expect(await store.commitOrderChange({ order: cancelled, expectedVersion: 1, events: [], releaseStock: true })).toBe(true)
      expect(await stockOf(store, 'p1-s1')).toBe(20)
      expect(await stockOf(store, 'p3-s1')).toBe(100)
    })

    it('records a payment once under its transaction id', async () => {
      await store.placeOrder(order('o1'))
      const payment = { transactionId: 'wx-1', orderId: 'o1', amount: 15790, at: T0 + 5, outcome: 'applied' as const }
      const paid = { ...order('o1'), status: 'paid' as const, transactionId: 'wx-1' }
      expect(await store.commitOrderChange({ order: paid, expectedVersion: 1, events: [], payment })).toBe(true)
      expect(await store.commitOrderChange({ order: paid, expectedVersion: 2, events: [], payment })).toBe(false)
      expect(await store.findPayment('wx-1')).toEqual(payment)
      expect(await store.findPayment('wx-2')).toBeNull()
      expect((await store.findOrder('o1'))?.version).toBe(2)
    })

    it('writes an event id to the outbox once and lists events by time', async () => {
      await store.placeOrder(order('o1'))
      const e1: DomainEvent = {
        id: 'order.line_refunded:o1-1',
        type: 'order.line_refunded',
        orderId: 'o1',
        at: T0 + 9,
        payload: { amount: 12800 },
      }
      const e0: DomainEvent = { id: 'order.paid:o1', type: 'order.paid', orderId: 'o1', at: T0 + 5, payload: {} }
      await store.commitOrderChange({ order: order('o1'), expectedVersion: 1, events: [e1, e0] })
      await store.commitOrderChange({ order: order('o1'), expectedVersion: 2, events: [{ ...e1, payload: { amount: 1 } }] })
      expect(await store.listEvents(0, 10)).toEqual([e0, e1])
      expect(await store.listEvents(T0 + 6, 10)).toEqual([e1])
    })

    it('keeps refund records', async () => {
      await store.placeOrder(order('o1'))
      const refund = {
        id: 'r1',
        orderId: 'o1',
        memberId: 'v1',
        lines: [{ id: 'o1-1', amount: 12800 }],
        shipping: 0,
        amount: 12800,
        reason: '不想要了',
        status: 'refunding' as const,
        createdAt: T0,
        refundedAt: null,
      }
      await store.commitOrderChange({ order: order('o1'), expectedVersion: 1, events: [], refund })
      await store.commitOrderChange({
        order: order('o1'),
        expectedVersion: 2,
        events: [],
        refund: { ...refund, status: 'refunded', refundedAt: T0 + 1 },
      })
      expect(await store.findRefund('r1')).toEqual({ ...refund, status: 'refunded', refundedAt: T0 + 1 })
      expect(await store.listRefunds('o1')).toHaveLength(1)
      expect(await store.findRefund('r2')).toBeNull()
    })

    it('lists a member’s orders newest first, by status, in pages', async () => {
      await store.placeOrder(order('o1', { createdAt: T0 }))
      await store.placeOrder(order('o2', { createdAt: T0 + 1 }))
      await store.placeOrder(order('o3', { createdAt: T0 + 2, memberId: 'v4' }))
      await store.commitOrderChange({ order: { ...order('o1'), status: 'paid' }, expectedVersion: 1, events: [] })
      expect((await store.listOrders({ memberId: 'v1', offset: 0, limit: 10 })).items.map((o) => o.id)).toEqual(['o2', 'o1'])
      expect(await store.listOrders({ memberId: 'v1', statuses: ['paid'], offset: 0, limit: 10 })).toMatchObject({
        total: 1,
        items: [{ id: 'o1' }],
      })
      expect(await store.listOrders({ memberId: 'v1', offset: 1, limit: 1 })).toMatchObject({ total: 2, items: [{ id: 'o1' }] })
    })

    it('lists only orders in after-sale when asked', async () => {
      await store.placeOrder(order('o1', { createdAt: T0 }))
      await store.placeOrder(order('o2', { createdAt: T0 + 1 }))
      const o1 = order('o1')
      const refunding = {
        ...o1,
        status: 'paid' as const,
        lines: o1.lines.map((l, i) => (i === 0 ? { ...l, status: 'refunding' as const } : l)),
      }
      await store.commitOrderChange({ order: refunding, expectedVersion: 1, events: [] })
      expect(await store.listOrders({ memberId: 'v1', afterSale: true, offset: 0, limit: 10 })).toMatchObject({
        total: 1,
        items: [{ id: 'o1' }],
      })
      expect((await store.listOrders({ memberId: 'v1', offset: 0, limit: 10 })).items[1]).toEqual(refunding)
    })

    it('counts a member’s orders per status, and their after-sale cases in given statuses, no one else’s', async () => {
      await store.placeOrder(order('o1'))
      await store.placeOrder(order('o2'))
      await store.placeOrder(order('o3'))
      await store.placeOrder(order('o4', { memberId: 'v4' }))
      await store.commitOrderChange({ order: { ...order('o2'), status: 'paid' }, expectedVersion: 1, events: [] })
      await store.commitOrderChange({ order: { ...order('o4', { memberId: 'v4' }), status: 'paid' }, expectedVersion: 1, events: [] })
      expect(await store.countMemberOrders('v1', ['created', 'paid', 'shipped'])).toEqual([2, 1, 0])
      expect(await store.countMemberOrders('v4', ['paid', 'created'])).toEqual([1, 0])
      expect(await store.countMemberOrders('nobody', ['created'])).toEqual([0])

      const caseOf = (id: string, o: Order, status: RefundStatus) => ({
        id,
        orderId: o.id,
        memberId: o.memberId,
        lines: [{ id: o.lines[0].id, amount: o.lines[0].paidAmount }],
        shipping: 0,
        amount: o.lines[0].paidAmount,
        reason: '不想要了',
        status,
        createdAt: T0,
        refundedAt: null,
      })
      const inAfterSale = (o: Order): Order => ({
        ...o,
        status: 'paid',
        lines: o.lines.map((l, i) => (i === 0 ? { ...l, status: 'refunding' } : l)),
      })
      const [o2, o3, o4] = [order('o2'), order('o3'), order('o4', { memberId: 'v4' })]
      await store.commitOrderChange({ order: inAfterSale(o2), expectedVersion: 2, events: [], refund: caseOf('r1', o2, 'reviewing') })
      // A rejected case gives its lines back: its order is no longer in after-sale, the case still counts as rejected.
      await store.commitOrderChange({
        order: { ...o3, status: 'paid' },
        expectedVersion: 1,
        events: [],
        refund: caseOf('r2', o3, 'rejected'),
      })
      await store.commitOrderChange({ order: inAfterSale(o4), expectedVersion: 2, events: [], refund: caseOf('r3', o4, 'refunding') })
      // A payment sent back by itself (a second payment) names no goods: not an after-sale case.
      const sentBack = { ...caseOf('Pdup', o2, 'refunding'), lines: [], amount: 500 }
      await store.commitOrderChange({ order: inAfterSale(o2), expectedVersion: 3, events: [], refund: sentBack })
      expect(await store.countMemberRefundCases('v1', ['reviewing', 'refunding'])).toBe(1)
      expect(await store.countMemberRefundCases('v1', ['reviewing', 'rejected'])).toBe(2)
      expect(await store.countMemberRefundCases('v4', ['reviewing'])).toBe(0)
      expect(await store.countMemberRefundCases('v4', ['refunding'])).toBe(1)
    })

    it('finds orders due for a timer job', async () => {
      await store.placeOrder(order('o1', { payDeadline: T0 + 10 }))
      await store.placeOrder(order('o2', { payDeadline: T0 + 20 }))
      await store.placeOrder(order('o3', { payDeadline: T0 + 5 }))
      await store.commitOrderChange({ order: { ...order('o3'), status: 'shipped', shippedAt: T0 + 1 }, expectedVersion: 1, events: [] })
      expect((await store.dueOrders({ status: 'created', before: T0 + 15, limit: 10 })).map((o) => o.id)).toEqual(['o1'])
      expect((await store.dueOrders({ status: 'shipped', before: T0 + 2, limit: 10 })).map((o) => o.id)).toEqual(['o3'])
      expect(await store.dueOrders({ status: 'received', before: T0 + 100, limit: 10 })).toEqual([])
    })

    it('pages due orders and waiting refunds by (instant, id) after a position', async () => {
      for (const id of ['o1', 'o2', 'o3', 'o4']) await store.placeOrder(order(id, { payDeadline: id === 'o4' ? T0 + 20 : T0 + 10 }))
      const ids = (orders: { id: string }[]) => orders.map((o) => o.id)
      expect(ids(await store.dueOrders({ status: 'created', before: T0 + 30, limit: 2 }))).toEqual(['o1', 'o2'])
      const after = { at: T0 + 10, id: 'o2' }
      expect(ids(await store.dueOrders({ status: 'created', before: T0 + 30, after, limit: 2 }))).toEqual(['o3', 'o4'])
      expect(ids(await store.dueOrders({ status: 'created', before: T0 + 15, after, limit: 2 }))).toEqual(['o3'])
      const refund = (id: string, orderId: string, createdAt: number) => ({
        id,
        orderId,
        memberId: 'v1',
        lines: [{ id: `${orderId}-1`, amount: 12800 }],
        shipping: 0,
        amount: 12800,
        reason: '不想要了',
        status: 'refunding' as const,
        createdAt,
        refundedAt: null,
      })
      // Refunds made at one instant are all found, however the pages fall.
      await store.commitOrderChange({ order: order('o1'), expectedVersion: 1, events: [], refund: refund('r1', 'o1', T0) })
      await store.commitOrderChange({ order: order('o2'), expectedVersion: 1, events: [], refund: refund('r2', 'o2', T0) })
      await store.commitOrderChange({ order: order('o3'), expectedVersion: 1, events: [], refund: refund('r3', 'o3', T0) })
      await store.commitOrderChange({ order: order('o4'), expectedVersion: 1, events: [], refund: refund('r4', 'o4', T0 + 5) })
      expect(ids(await store.waitingRefunds(null, T0 + 10, 2))).toEqual(['r1', 'r2'])
      expect(ids(await store.waitingRefunds({ at: T0, id: 'r2' }, T0 + 10, 2))).toEqual(['r3', 'r4'])
      expect(ids(await store.waitingRefunds({ at: T0, id: 'r2' }, T0 + 5, 2))).toEqual(['r3'])
    })

    it('never oversells: 200 concurrent orders for the last 20 units place exactly 20', async () => {
      await store.putProduct({
        ...(await store.findProduct('p3'))!,
        skus: [{ id: 'p3-s1', productId: 'p3', specs: {}, price: 2990, stock: 20 }],
      })
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, i) =>
          store.placeOrder(order(`race-${i}`, { memberId: `m${i}` }, [{ skuId: 'p3-s1', price: 2990, quantity: 1 }])),
        ),
      )
      const placed = results.filter((r) => r.status === 'fulfilled' && r.value.placed).length
      expect(placed).toBe(20)
      expect(await stockOf(store, 'p3-s1')).toBe(0)
    })
  })
}
