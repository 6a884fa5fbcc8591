import type { CartItem, Order, OrderStatus, PaymentNotice, Refund, RefundStatus } from '../../../../types/domain'
import { ORDER_NO } from '../../core/orders'
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
import { SqliteBase, StaleOrder } from './base'
import { type DocRow, parseDoc } from './paging'

/** Thrown inside a transaction to roll it back when a SKU lacks stock. */
class OfferTaken extends Error {}

class FlashSoldOut extends Error {
  constructor(readonly skuId: string) {
    super(`flash allotment used up: ${skuId}`)
  }
}

class LimitReached extends Error {
  constructor(readonly skuId: string) {
    super(`member limit reached: ${skuId}`)
  }
}

class OutOfStock extends Error {
  constructor(readonly skuId: string) {
    super(`out of stock: ${skuId}`)
  }
}

/** The cart and orders, with their payments and refunds. */
export class SqliteOrders extends SqliteBase implements OrderStore {
  async offerClaimed(campaignId: string, memberId: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM offer_claims WHERE campaign_id = ? AND member_id = ?').get(campaignId, memberId) !== undefined
  }

  async flashSold(campaignId: string): Promise<number> {
    return (this.sql('SELECT sold FROM flash_sold WHERE campaign_id = ?').get(campaignId) as { sold: number } | undefined)?.sold ?? 0
  }

  async listCart(memberId: string): Promise<CartItem[]> {
    const rows = this.sql(
      'SELECT member_id, sku_id, quantity, added_at FROM cart_items WHERE member_id = ? ORDER BY added_at DESC, sku_id',
    ).all(memberId) as { member_id: string; sku_id: string; quantity: number; added_at: number }[]
    return rows.map((r) => ({ memberId: r.member_id, skuId: r.sku_id, quantity: r.quantity, addedAt: r.added_at }))
  }

  async putCartItem(item: CartItem): Promise<void> {
    this.sql(
      `INSERT INTO cart_items (member_id, sku_id, quantity, added_at) VALUES (@memberId, @skuId, @quantity, @addedAt)
       ON CONFLICT (member_id, sku_id) DO UPDATE SET quantity = excluded.quantity`,
    ).run(item)
  }

  async removeCartItems(memberId: string, skuIds: readonly string[]): Promise<number> {
    return this.sql('DELETE FROM cart_items WHERE member_id = ? AND sku_id IN (SELECT value FROM json_each(?))').run(
      memberId,
      JSON.stringify(skuIds),
    ).changes
  }

  /** A placement here is one transaction: never cut short, nothing to settle. */
  async settlePlacements(): Promise<{ settled: number; returned: number; done: boolean }> {
    return { settled: 0, returned: 0, done: true }
  }

  async placeOrder(order: Order): Promise<PlaceOrderResult> {
    const take = this.sql('UPDATE skus SET stock = stock - ? WHERE id = ? AND stock >= ?')
    const place = this.db.transaction((): PlaceOrderResult => {
      if (this.sql('SELECT 1 FROM orders WHERE id = ?').get(order.id)) return { placed: false, reason: 'exists' }
      if (order.orderNo && this.sql('SELECT 1 FROM orders WHERE order_no = ?').get(order.orderNo))
        return { placed: false, reason: 'numberTaken' }
      if (this.writeOrderRow(order, 1, true) === 0) return { placed: false, reason: 'exists' }
      for (const line of order.lines) {
        if (take.run(line.quantity, line.skuId, line.quantity).changes !== 1) throw new OutOfStock(line.skuId)
        if (line.flash) {
          this.sql('INSERT INTO flash_sold (campaign_id, sold) VALUES (?, 0) ON CONFLICT (campaign_id) DO NOTHING').run(
            line.flash.campaignId,
          )
          const sold = this.sql('UPDATE flash_sold SET sold = sold + ? WHERE campaign_id = ? AND sold + ? <= ?').run(
            line.quantity,
            line.flash.campaignId,
            line.quantity,
            line.flash.allotment,
          )
          if (sold.changes !== 1) throw new FlashSoldOut(line.skuId)
        }
        if (line.memberLimit) {
          // The member's allowance of the product is taken like stock: never past the limit, whatever races.
          this.sql('INSERT INTO purchase_counts (member_id, product_id, units) VALUES (?, ?, 0) ON CONFLICT DO NOTHING').run(
            order.memberId,
            line.productId,
          )
          const held = this.sql(
            'UPDATE purchase_counts SET units = units + ? WHERE member_id = ? AND product_id = ? AND units + ? <= ?',
          ).run(line.quantity, order.memberId, line.productId, line.quantity, line.memberLimit)
          if (held.changes !== 1) throw new LimitReached(line.skuId)
        }
      }
      if (order.offer) {
        const claim = this.sql('INSERT INTO offer_claims (campaign_id, member_id, order_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(
          order.offer.campaignId,
          order.memberId,
          order.id,
        )
        if (claim.changes !== 1) throw new OfferTaken()
      }
      this.sql('DELETE FROM cart_items WHERE member_id = ? AND sku_id IN (SELECT value FROM json_each(?))').run(
        order.memberId,
        JSON.stringify(order.lines.map((l) => l.skuId)),
      )
      return { placed: true }
    })
    try {
      return place.immediate()
    } catch (error) {
      if (error instanceof OutOfStock) return { placed: false, reason: 'outOfStock', skuId: error.skuId }
      if (error instanceof FlashSoldOut) return { placed: false, reason: 'flashSoldOut', skuId: error.skuId }
      if (error instanceof OfferTaken) return { placed: false, reason: 'offerTaken' }
      if (error instanceof LimitReached) return { placed: false, reason: 'limitReached', skuId: error.skuId }
      throw error
    }
  }

  async purchasedUnits(memberId: string, productIds: readonly string[]): Promise<Record<string, number>> {
    const rows = this.sql(
      'SELECT product_id AS productId, units FROM purchase_counts WHERE member_id = ? AND product_id IN (SELECT value FROM json_each(?))',
    ).all(memberId, JSON.stringify(productIds)) as { productId: string; units: number }[]
    return Object.fromEntries(rows.map((r) => [r.productId, r.units]))
  }

  async findOrder(idOrNumber: string): Promise<VersionedOrder | null> {
    const by = ORDER_NO.test(idOrNumber) ? 'order_no' : 'id'
    const row = this.sql(`SELECT version, doc FROM orders WHERE ${by} = ?`).get(idOrNumber) as { version: number; doc: string } | undefined
    return row ? { order: JSON.parse(row.doc), version: row.version } : null
  }

  async listOrders(q: OrderListQuery): Promise<Slice<Order>> {
    const statuses = JSON.stringify(q.statuses ?? [])
    const member = q.memberId === undefined ? '' : 'member_id = ? AND '
    const range = q.createdFrom === undefined && q.createdTo === undefined ? '' : ' AND created_at >= ? AND created_at < ?'
    const phone = q.phoneTail === undefined ? '' : " AND substr(json_extract(doc, '$.address.phone'), -4) = ?"
    const filter = `${member}(json_array_length(?) = 0 OR status IN (SELECT value FROM json_each(?)))${q.afterSale ? ' AND after_sale = 1' : ''}${range}${phone}`
    const listing = {
      rows: `SELECT doc FROM orders WHERE ${filter} ORDER BY created_at DESC, id DESC`,
      count: `SELECT COUNT(*) AS n FROM orders WHERE ${filter}`,
      params: [
        ...(q.memberId === undefined ? [] : [q.memberId]),
        statuses,
        statuses,
        ...(range ? [q.createdFrom ?? 0, q.createdTo ?? Number.MAX_SAFE_INTEGER] : []),
        ...(phone ? [q.phoneTail] : []),
      ],
    }
    return this.slice<DocRow, Order>(listing, q, (rows) => rows.map(parseDoc<Order>))
  }

  async countMemberOrders(memberId: string, statuses: readonly OrderStatus[]): Promise<number[]> {
    const rows = this.sql(
      'SELECT status, COUNT(*) AS n FROM orders WHERE member_id = ? AND status IN (SELECT value FROM json_each(?)) GROUP BY status',
    ).all(memberId, JSON.stringify(statuses)) as { status: OrderStatus; n: number }[]
    return statuses.map((status) => rows.find((r) => r.status === status)?.n ?? 0)
  }

  /** A case's member is its order's: the member's orders, then their refunds that name goods. */
  async countMemberRefundCases(memberId: string, statuses: readonly RefundStatus[]): Promise<number> {
    const row = this.sql(
      `SELECT COUNT(*) AS n FROM orders o JOIN refunds r ON r.order_id = o.id
       WHERE o.member_id = ? AND r.status IN (SELECT value FROM json_each(?)) AND json_array_length(r.doc, '$.lines') > 0`,
    ).get(memberId, JSON.stringify(statuses)) as { n: number }
    return row.n
  }

  async dueOrders(q: DueOrdersQuery): Promise<Order[]> {
    const column = { created: 'pay_deadline', shipped: 'shipped_at', received: 'received_at' }[q.status]
    const rows = this.sql(
      `SELECT doc FROM orders WHERE status = @status AND ${column} < @before AND (${column} > @afterAt OR (${column} = @afterAt AND id > @afterId))
       ORDER BY ${column}, id LIMIT @limit`,
    ).all({
      status: q.status,
      before: q.before,
      afterAt: q.after ? q.after.at : Number.MIN_SAFE_INTEGER,
      afterId: q.after ? q.after.id : '',
      limit: q.limit,
    }) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Order)
  }

  async commitOrderChange(change: OrderChange): Promise<boolean> {
    try {
      return this.db.transaction(() => this.writeOrderChange(change)).immediate()
    } catch (error) {
      if (error instanceof StaleOrder) return false
      throw error
    }
  }

  /** Each refund and its order read and written in turn inside one immediate transaction: none can move in between. */
  async completeRefunds(
    refundIds: readonly string[],
    complete: (refund: Refund, order: Order) => Omit<OrderChange, 'expectedVersion'> | null,
  ): Promise<('applied' | 'nothing' | 'missing')[]> {
    const readRefund = this.sql('SELECT doc FROM refunds WHERE id = ?')
    const readOrder = this.sql('SELECT version, doc FROM orders WHERE id = ?')
    return this.db
      .transaction(() =>
        refundIds.map((id) => {
          const stored = readRefund.get(id) as { doc: string } | undefined
          if (!stored) return 'missing' as const
          const refund = JSON.parse(stored.doc) as Refund
          const row = readOrder.get(refund.orderId) as { version: number; doc: string } | undefined
          if (!row) return 'missing' as const
          const decision = complete(refund, JSON.parse(row.doc) as Order)
          if (!decision) return 'nothing' as const
          this.writeOrderChange({ ...decision, expectedVersion: row.version })
          return 'applied' as const
        }),
      )
      .immediate()
  }

  async findPayment(transactionId: string): Promise<(PaymentNotice & { outcome: 'applied' | 'refused' }) | null> {
    const row = this.sql(
      'SELECT transaction_id AS transactionId, order_id AS orderId, amount, at, outcome FROM payments WHERE transaction_id = ?',
    ).get(transactionId) as (PaymentNotice & { outcome: 'applied' | 'refused' }) | undefined
    return row ?? null
  }

  async findRefund(id: string): Promise<Refund | null> {
    const row = this.sql('SELECT doc FROM refunds WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? JSON.parse(row.doc) : null
  }

  async waitingRefunds(after: { at: number; id: string } | null, before: number, limit: number): Promise<Refund[]> {
    const rows = this.sql(
      `SELECT doc FROM refunds WHERE status = 'refunding' AND created_at < @before AND (created_at > @afterAt OR (created_at = @afterAt AND id > @afterId))
       ORDER BY created_at, id LIMIT @limit`,
    ).all({ before, afterAt: after ? after.at : Number.MIN_SAFE_INTEGER, afterId: after ? after.id : '', limit }) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Refund)
  }

  async dueRefundCases(status: RefundStatus, before: number, after: { at: number; id: string } | null, limit: number): Promise<Refund[]> {
    const rows = this.sql(
      `SELECT doc FROM refunds WHERE status = @status AND stage_at < @before AND (stage_at > @afterAt OR (stage_at = @afterAt AND id > @afterId))
       ORDER BY stage_at, id LIMIT @limit`,
    ).all({ status, before, afterAt: after ? after.at : Number.MIN_SAFE_INTEGER, afterId: after ? after.id : '', limit }) as DocRow[]
    return rows.map(parseDoc<Refund>)
  }

  async listRefundCases(q: RefundCaseQuery): Promise<Slice<Refund>> {
    const filter = 'status IN (SELECT value FROM json_each(?))'
    const listing = {
      rows: `SELECT doc FROM refunds WHERE ${filter} ORDER BY ${q.newestFirst ? 'stage_at DESC, id DESC' : 'stage_at, id'}`,
      count: `SELECT COUNT(*) AS n FROM refunds WHERE ${filter}`,
      params: [JSON.stringify(q.statuses)],
    }
    return this.slice<DocRow, Refund>(listing, q, (rows) => rows.map(parseDoc<Refund>))
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    const rows = this.sql('SELECT doc FROM refunds WHERE order_id = ? ORDER BY created_at, id').all(orderId) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Refund)
  }

  async memberOrderStats(
    memberIds: readonly string[],
    since: number,
  ): Promise<{ memberId: string; lastPaidAt: number | null; orders: number; net: number }[]> {
    if (memberIds.length === 0) return []
    const rows = this.sql(
      `SELECT member_id AS memberId, MAX(json_extract(doc, '$.paidAt')) AS lastPaidAt,
         SUM(CASE WHEN json_extract(doc, '$.paidAt') >= ? THEN 1 ELSE 0 END) AS orders,
         SUM(CASE WHEN json_extract(doc, '$.paidAt') >= ? THEN payable - refunded_amount ELSE 0 END) AS net
       FROM orders WHERE member_id IN (SELECT value FROM json_each(?)) AND json_extract(doc, '$.paidAt') IS NOT NULL GROUP BY member_id`,
    ).all(since, since, JSON.stringify(memberIds)) as { memberId: string; lastPaidAt: number | null; orders: number; net: number }[]
    return memberIds.map((memberId) => rows.find((r) => r.memberId === memberId) ?? { memberId, lastPaidAt: null, orders: 0, net: 0 })
  }

  /**
   * Orders have no paid-at column; their `order.paid` event carries the payment instant (written in
   * the same transaction as the payment, id `order.paid:<orderId>`), so the outbox's (at, id) index
   * finds a range's paid orders without reading any other order.
   */
  async ordersPaidBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<Order[]> {
    const rows = this.sql(
      `SELECT o.doc FROM outbox e JOIN orders o ON o.id = e.order_id
       WHERE e.type = 'order.paid' AND e.at >= @lower AND e.at < @to AND (e.at > @afterAt OR e.id > @afterEvent)
       ORDER BY e.at, e.id LIMIT @limit`,
    ).all({
      lower: after ? after.at : from,
      to,
      afterAt: after ? after.at : from - 1,
      afterEvent: after ? `order.paid:${after.id}` : '',
      limit,
    }) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Order)
  }
}
