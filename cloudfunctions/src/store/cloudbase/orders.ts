import { transact } from './retry'
import type { CartItem, Order, OrderStatus, PaymentNotice, Refund, RefundStatus } from '../../../../types/domain'
import { ORDER_NO, inAfterSale } from '../../core/orders'
import type {
  DueOrdersQuery,
  OrderChange,
  OrderListQuery,
  PlaceOrderResult,
  RefundCaseQuery,
  Slice,
  VersionedOrder,
  OrderStore,
} from '../port'
import { type DocData, isDuplicateKey } from './database'
import { read, withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseCatalog } from './catalog'
import { markOf } from './marks'
import { type Hold, holdOf } from './placements'

const DUE_FIELD = { created: 'payDeadline', shipped: 'shippedAt', received: 'receivedAt' } as const

/** Thrown inside a transaction to roll it back when the order moved on since it was read. */
class StaleOrder extends Error {}

const cartDocId = (memberId: string, skuId: string) => `${memberId}|${skuId}`

function toOrder(doc: DocData): Order {
  const { _id, version: _version, afterSale: _afterSale, phoneTail: _phoneTail, ...order } = doc
  return { id: _id, ...order } as Order
}

/** The stored order: the order and what staff search it by (after-sale, the phone's last four digits), at a version. */
function orderDoc(order: Order, version: number): DocData {
  return { ...withoutId(order), afterSale: inAfterSale(order), phoneTail: order.address.phone.slice(-4), version }
}

const offerClaimId = (campaignId: string, memberId: string) => `${campaignId}|${memberId}`

/** Holds the order timer settles per read. */
const SETTLE_SLICE = 100

const purchaseCountId = (memberId: string, productId: string) => `${memberId}|${productId}`

/** The cart and orders, with their payments and refunds. Reads products through the catalog adapter. */
export class CloudbaseOrders extends CloudbaseCatalog implements OrderStore {
  /** A claim document per (campaign, member): created for the first order, or taken over once released. */
  private async claimOffer(campaignId: string, memberId: string, orderId: string): Promise<boolean> {
    const id = offerClaimId(campaignId, memberId)
    try {
      await this.db.collection('offer_claims').add({ data: { _id: id, orderId } })
      return true
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
    const { stats } = await this.db.collection('offer_claims').where({ _id: id, orderId: null }).update({ data: { orderId } })
    return stats.updated === 1
  }

  async offerClaimed(campaignId: string, memberId: string): Promise<boolean> {
    const { data } = await this.db
      .collection('offer_claims')
      .where({ _id: offerClaimId(campaignId, memberId) })
      .limit(1)
      .get()
    return typeof data[0]?.orderId === 'string'
  }

  async purchasedUnits(memberId: string, productIds: readonly string[]): Promise<Record<string, number>> {
    if (productIds.length === 0) return {}
    const docs = await getAll(this.db.collection('purchase_counts').where({ memberId, productId: this.db.command.in([...productIds]) }))
    return Object.fromEntries(docs.map((d) => [d.productId as string, d.units as number]))
  }

  async flashSold(campaignId: string): Promise<number> {
    return this.flash.sold(campaignId)
  }

  async listCart(memberId: string): Promise<CartItem[]> {
    const docs = await getAll(this.db.collection('cart_items').where({ memberId }).orderBy('addedAt', 'desc').orderBy('skuId', 'asc'))
    return docs.map(({ memberId: m, skuId, quantity, addedAt }) => ({ memberId: m, skuId, quantity, addedAt }))
  }

  async putCartItem(item: CartItem): Promise<void> {
    await transact(this.db, async (tx) => {
      const ref = tx.collection('cart_items').doc(cartDocId(item.memberId, item.skuId))
      const existing = await read(ref)
      await ref.set({ data: { ...item, addedAt: existing?.addedAt ?? item.addedAt } })
    })
  }

  async removeCartItems(memberId: string, skuIds: readonly string[]): Promise<number> {
    if (skuIds.length === 0) return 0
    const { stats } = await this.db
      .collection('cart_items')
      .where({ memberId, skuId: this.db.command.in([...skuIds]) })
      .remove()
    return stats.removed
  }

  /**
   * Stock is taken with one conditional update per SKU (`stock >= n`, then `inc(-n)`) rather than in a
   * transaction: many buyers of one hot SKU would otherwise conflict and exhaust the SDK's retries.
   * The attempt's hold names every counter before one is touched and each take marks its counter, so
   * a refusal, a failure or a cut-short attempt gives back exactly what was taken (see Placements).
   */
  async placeOrder(order: Order): Promise<PlaceOrderResult> {
    if (await this.findOrder(order.id)) return { placed: false, reason: 'exists' }
    for (const line of order.lines)
      if (line.flash && !(await this.flash.hasRoom(line.flash.campaignId, line.flash.allotment, line.quantity)))
        return { placed: false, reason: 'flashSoldOut', skuId: line.skuId }
    const held = await this.placements.acquire(order.id, holdOf(order))
    if (held === 'busy') return { placed: false, reason: 'busy' }
    if (held.previous) {
      // An earlier attempt was cut short: if it placed the order, it stands; otherwise start afresh.
      if (await this.findOrder(order.id)) return { placed: false, reason: 'exists' }
      await this.placements.undo(order.id, held.previous)
      await this.placements.record(order.id, holdOf(order))
    }
    let outcome: { result: PlaceOrderResult; taken: Hold }
    try {
      outcome = await this.takeAndPlace(order)
    } catch (error) {
      if (await this.findOrder(order.id).catch(() => null)) return { placed: true }
      // Given back now if the database answers. The hold stays either way: a write that timed out may
      // still be applied, and the order timer's undo after the lease catches it.
      await this.placements.undo(order.id, holdOf(order)).catch(() => undefined)
      throw error
    }
    if (outcome.result.placed) {
      await this.removeCartItems(
        order.memberId,
        order.lines.map((l) => l.skuId),
      )
      return outcome.result
    }
    // Only what was taken is given back: a refused buyer writes nothing to the counters they never reached.
    await this.placements.undo(order.id, outcome.taken)
    await this.placements.release(order.id)
    return outcome.result
  }

  /**
   * Takes every line's units, then writes the order. A refusal answers with the part of the hold that
   * was taken (lines in order, so each keeps its mark), for the caller to give back.
   */
  private async takeAndPlace(order: Order): Promise<{ result: PlaceOrderResult; taken: Hold }> {
    const hold = holdOf(order)
    const taken: Hold = { ...hold, orderNo: null, offerCampaignId: null, lines: [] }
    const refused = (result: PlaceOrderResult) => ({ result, taken })
    if (order.orderNo) {
      if (!(await this.claimNumber(order.orderNo, order.id))) return refused({ placed: false, reason: 'numberTaken' })
      taken.orderNo = order.orderNo
    }
    for (const [i, line] of order.lines.entries()) {
      const mark = markOf(order.id, i)
      // The allotment before the stock: a buyer who missed it has taken no stock to give back.
      if (line.flash && !(await this.flash.take(line.flash.campaignId, line.flash.allotment, line.quantity, mark)))
        return refused({ placed: false, reason: 'flashSoldOut', skuId: line.skuId })
      if (!(await this.placements.takeStock(order.id, i, line.skuId, line.quantity))) {
        if (line.flash) await this.flash.undo(line.flash.campaignId, mark)
        return refused({ placed: false, reason: 'outOfStock', skuId: line.skuId })
      }
      taken.lines.push({ ...hold.lines[i], limited: false })
      if (
        line.memberLimit &&
        !(await this.placements.takeAllowance(order.id, i, order.memberId, line.productId, line.quantity, line.memberLimit))
      )
        return refused({ placed: false, reason: 'limitReached', skuId: line.skuId })
      taken.lines[i] = hold.lines[i]
    }
    if (order.offer) {
      if (!(await this.claimOffer(order.offer.campaignId, order.memberId, order.id)))
        return refused({ placed: false, reason: 'offerTaken' })
      taken.offerCampaignId = order.offer.campaignId
    }
    try {
      await this.db.collection('orders').add({ data: { _id: order.id, ...orderDoc(order, 1) } })
    } catch (error) {
      // The hold keeps other attempts out, so an order already under this id is this attempt's, its answer lost.
      if (!isDuplicateKey(error)) throw error
    }
    return { result: { placed: true }, taken }
  }

  async settlePlacements(now: number, more: () => boolean): Promise<{ settled: number; returned: number; done: boolean }> {
    return this.placements.settle(now, SETTLE_SLICE, more)
  }

  /** An order number is held by one order: a document per number, created once (a retried placement of the same order keeps it). */
  private async claimNumber(orderNo: string, orderId: string): Promise<boolean> {
    try {
      await this.db.collection('order_numbers').add({ data: { _id: orderNo, orderId } })
      return true
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const { data } = await this.db.collection('order_numbers').where({ _id: orderNo }).limit(1).get()
      return data[0]?.orderId === orderId
    }
  }

  async findOrder(idOrNumber: string): Promise<VersionedOrder | null> {
    const condition = ORDER_NO.test(idOrNumber) ? { orderNo: idOrNumber } : { _id: idOrNumber }
    const { data } = await this.db.collection('orders').where(condition).limit(1).get()
    return data[0] ? { order: toOrder(data[0]), version: data[0].version } : null
  }

  async listOrders(q: OrderListQuery): Promise<Slice<Order>> {
    const condition: DocData = q.memberId === undefined ? {} : { memberId: q.memberId }
    if (q.statuses && q.statuses.length > 0) condition.status = this.db.command.in([...q.statuses])
    if (q.afterSale) condition.afterSale = true
    if (q.phoneTail !== undefined) condition.phoneTail = q.phoneTail
    if (q.createdFrom !== undefined || q.createdTo !== undefined) {
      condition.createdAt = this.db.command.gte(q.createdFrom ?? 0).and(this.db.command.lt(q.createdTo ?? Number.MAX_SAFE_INTEGER))
    }
    return pageOf(
      this.db.collection('orders').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'desc'),
      this.db.collection('orders').where(condition),
      { offset: q.offset, limit: q.limit },
      (data) => data.map(toOrder),
    )
  }

  async countMemberOrders(memberId: string, statuses: readonly OrderStatus[]): Promise<number[]> {
    const counts = statuses.map((status) => this.db.collection('orders').where({ memberId, status }).count())
    return (await Promise.all(counts)).map((c) => c.total)
  }

  /** A member's cases in given statuses are few: read, and those naming goods counted. */
  async countMemberRefundCases(memberId: string, statuses: readonly RefundStatus[]): Promise<number> {
    const docs = await getAll(this.db.collection('refunds').where({ memberId, status: this.db.command.in([...statuses]) }))
    return docs.filter((d) => fromDoc<Refund>(d).lines.length > 0).length
  }

  async dueOrders(q: DueOrdersQuery): Promise<Order[]> {
    const field = DUE_FIELD[q.status]
    return (await this.pageByTime('orders', field, null, q.before, q.after ?? null, q.limit, { status: q.status })).map(toOrder)
  }

  async commitOrderChange(change: OrderChange): Promise<boolean> {
    const _ = this.db.command
    const { order } = change
    try {
      return await transact(this.db, async (tx) => {
        if (change.payment) {
          const { transactionId, ...payment } = change.payment
          const ref = tx.collection('payments').doc(transactionId)
          if (await read(ref)) return false
          await ref.set({ data: payment })
        }
        const current = await read(tx.collection('orders').doc(order.id))
        if (!current || current.version !== change.expectedVersion) throw new StaleOrder()
        await tx
          .collection('orders')
          .doc(order.id)
          .set({ data: orderDoc(order, change.expectedVersion + 1) })
        if (change.releaseStock) {
          for (const line of order.lines) {
            await tx
              .collection('skus')
              .doc(line.skuId)
              .update({ data: { stock: _.inc(line.quantity) } })
            if (line.flash) await this.flash.release(tx, line.flash.campaignId, line.quantity, order.id)
            if (line.memberLimit)
              await tx
                .collection('purchase_counts')
                .doc(purchaseCountId(order.memberId, line.productId))
                .update({ data: { units: _.inc(-line.quantity) } })
          }
          if (order.offer) {
            const ref = tx.collection('offer_claims').doc(offerClaimId(order.offer.campaignId, order.memberId))
            const claim = await read(ref)
            if (claim?.orderId === order.id) await ref.set({ data: { orderId: null } })
          }
        }
        for (const event of change.events) {
          const ref = tx.collection('outbox').doc(event.id)
          if (!(await read(ref))) await ref.set({ data: withoutId(event) })
        }
        if (change.refund)
          await tx
            .collection('refunds')
            .doc(change.refund.id)
            .set({ data: withoutId(change.refund) })
        return true
      })
    } catch (error) {
      if (error instanceof StaleOrder) return false
      throw error
    }
  }

  async findPayment(transactionId: string): Promise<(PaymentNotice & { outcome: 'applied' | 'refused' }) | null> {
    const { data } = await this.db.collection('payments').where({ _id: transactionId }).limit(1).get()
    if (!data[0]) return null
    const { _id, orderId, amount, at, outcome } = data[0]
    return { transactionId: _id, orderId, amount, at, outcome }
  }

  async findRefund(id: string): Promise<Refund | null> {
    const { data } = await this.db.collection('refunds').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Refund>(data[0]) : null
  }

  async waitingRefunds(after: { at: number; id: string } | null, before: number, limit: number): Promise<Refund[]> {
    return (await this.pageByTime('refunds', 'createdAt', null, before, after, limit, { status: 'refunding' })).map((d) =>
      fromDoc<Refund>(d),
    )
  }

  async dueRefundCases(status: RefundStatus, before: number, after: { at: number; id: string } | null, limit: number): Promise<Refund[]> {
    return (await this.pageByTime('refunds', 'stageAt', null, before, after, limit, { status })).map((d) => fromDoc<Refund>(d))
  }

  async listRefundCases(q: RefundCaseQuery): Promise<Slice<Refund>> {
    const _ = this.db.command
    const condition: DocData = { status: _.in([...q.statuses]) }
    return pageOf(
      this.db
        .collection('refunds')
        .where(condition)
        .orderBy('stageAt', q.newestFirst ? 'desc' : 'asc')
        .orderBy('_id', q.newestFirst ? 'desc' : 'asc'),
      this.db.collection('refunds').where(condition),
      { offset: q.offset, limit: q.limit },
      (data) => data.map((d) => fromDoc<Refund>(d)),
    )
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    const docs = await getAll(this.db.collection('refunds').where({ orderId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<Refund>(d))
  }

  /** Paid orders carry `paidAt`; each member's are totalled where they are stored, not read. */
  async memberOrderStats(
    memberIds: readonly string[],
    since: number,
  ): Promise<{ memberId: string; lastPaidAt: number | null; orders: number; net: number }[]> {
    const _ = this.db.command
    const $ = _.aggregate
    const [ever, recent] = await Promise.all([
      this.totalsBy('orders', 'memberId', memberIds, { paidAt: _.gt(0) }, { lastPaidAt: $.max('$paidAt') }),
      this.totalsBy(
        'orders',
        'memberId',
        memberIds,
        { paidAt: _.gt(0).and(_.gte(since)) },
        { orders: $.sum(1), payable: $.sum('$payable'), refunded: $.sum('$refundedAmount') },
      ),
    ])
    return memberIds.map((memberId) => {
      const paid = recent.get(memberId)
      return {
        memberId,
        lastPaidAt: (ever.get(memberId)?.lastPaidAt as number | undefined) ?? null,
        orders: paid ? (paid.orders as number) : 0,
        net: paid ? (paid.payable as number) - (paid.refunded as number) : 0,
      }
    })
  }

  async ordersPaidBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<Order[]> {
    return (await this.pageByTime('orders', 'paidAt', from, to, after, limit)).map(toOrder)
  }
}
