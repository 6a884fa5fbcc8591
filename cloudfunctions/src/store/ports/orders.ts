import type { CartItem, DomainEvent, Instant, Order, OrderStatus, PaymentNotice, Refund, RefundStatus } from '../../../../types/domain'
import type { Slice } from './paging'

/** An order with the version its next change must compare against. */
export interface VersionedOrder {
  order: Order
  version: number
}

/**
 * One change to an order and everything that must happen with it, applied atomically and only when
 * the order is still at `expectedVersion` (compare-and-set): a second, concurrent or retried change
 * computed from the same version is refused and changes nothing.
 */
export interface OrderChange {
  order: Order
  expectedVersion: number
  /** Domain events for the outbox; an event whose id is already there is not written again. */
  events: DomainEvent[]
  /** Put the order's reserved units back on the shelf (an unpaid order cancelled or expired). */
  releaseStock?: boolean
  /** A payment notification to record once under its transaction id. */
  payment?: PaymentNotice & { outcome: 'applied' | 'refused' }
  /** A refund record to write (created or updated). */
  refund?: Refund
}

export type PlaceOrderResult =
  | { placed: true }
  | { placed: false; reason: 'exists' }
  | { placed: false; reason: 'outOfStock'; skuId: string }
  /** A flash-priced line's campaign has no units left in its allotment. */
  | { placed: false; reason: 'flashSoldOut'; skuId: string }
  /** The order's new-member offer is already taken by another order of the member. */
  | { placed: false; reason: 'offerTaken' }
  /** Another order already has this order's number (two orders of the same second drew the same digits). */
  | { placed: false; reason: 'numberTaken' }
  /** A line of a product with a per-member limit would take the member past it. */
  | { placed: false; reason: 'limitReached'; skuId: string }
  /** Another attempt to place the same order is still under way (a double tap, a retry too soon). */
  | { placed: false; reason: 'busy' }

export interface OrderListQuery {
  /** One member's orders; every member's when absent (staff fulfilment lists). */
  memberId?: string
  statuses?: readonly OrderStatus[]
  /** Only orders with a line being refunded or refunded. */
  afterSale?: boolean
  /** Only orders whose address phone ends with these four digits. */
  phoneTail?: string
  /** Only orders placed in [createdFrom, createdTo). */
  createdFrom?: Instant
  createdTo?: Instant
  offset: number
  limit: number
}

/**
 * Orders a timer job looks for: in `status` with the given instant (pay deadline, shipment, receipt)
 * before `before`, by (that instant, id) after the given position.
 */
export interface DueOrdersQuery {
  status: 'created' | 'shipped' | 'received'
  before: Instant
  after?: { at: Instant; id: string } | null
  limit: number
}

/** After-sale cases in some statuses, longest waiting first (by when they entered their status). */
export interface RefundCaseQuery {
  statuses: readonly RefundStatus[]
  /** Most recent first instead (finished cases). */
  newestFirst?: boolean
  offset: number
  limit: number
}

/** The cart and orders, with their payments and refunds. */
export interface OrderStore {
  /** Whether the member's new-member offer of this campaign is held by an order (placed and not cancelled). */
  offerClaimed(campaignId: string, memberId: string): Promise<boolean>
  /** Per product, the units of it the member holds in orders not cancelled (products with a per-member limit). */
  purchasedUnits(memberId: string, productIds: readonly string[]): Promise<Record<string, number>>
  /** Units a flash campaign has sold (placed and not given back). */
  flashSold(campaignId: string): Promise<number>
  listCart(memberId: string): Promise<CartItem[]>
  /** Puts a SKU in the member's cart at this quantity (replacing the previous quantity). */
  putCartItem(item: CartItem): Promise<void>
  removeCartItems(memberId: string, skuIds: readonly string[]): Promise<number>
  /**
   * Places an order atomically: takes each line's units from stock (never below zero) and, for a
   * flash-priced line, from its campaign's allotment (never beyond it), stores the order and removes
   * its SKUs from the member's cart. Nothing changes when any SKU lacks stock, an allotment is used
   * up, the order's new-member offer is held by another order, a limited product would take the
   * member past its per-member limit, the order id is already taken (a retried create) or its number
   * is another order's. Releasing stock gives all of these back.
   */
  placeOrder(order: Order): Promise<PlaceOrderResult>
  /**
   * Finishes placements cut short before `now` (a timeout, a lost answer, a function ended): what
   * one took is given back unless its order stands. Works in slices while `more()` allows. SQLite
   * places an order in one transaction, so it never has any.
   */
  settlePlacements(now: number, more: () => boolean): Promise<{ settled: number; returned: number; done: boolean }>
  /** The order by its id or by its 19-digit number. */
  findOrder(idOrNumber: string): Promise<VersionedOrder | null>
  listOrders(query: OrderListQuery): Promise<Slice<Order>>
  /** How many of the member's orders are in each of these statuses (one figure per status, in their order). */
  countMemberOrders(memberId: string, statuses: readonly OrderStatus[]): Promise<number[]>
  /** How many of the member's after-sale cases (asked for goods, not a payment sent back by itself) are in these statuses. */
  countMemberRefundCases(memberId: string, statuses: readonly RefundStatus[]): Promise<number>
  dueOrders(query: DueOrdersQuery): Promise<Order[]>
  /** Applies an order change when the order is still at the expected version; false otherwise. */
  commitOrderChange(change: OrderChange): Promise<boolean>
  /**
   * Confirmed refunds applied to their orders in one transaction: each refund and its order read,
   * `complete` (pure; null: nothing to do) deciding the order's change, written in turn, so nothing
   * moves between a read and its write. Answered in the order given ('missing': no such refund or
   * order). Only where a batch is one transaction (SQLite); absent elsewhere.
   */
  completeRefunds?(
    refundIds: readonly string[],
    complete: (refund: Refund, order: Order) => Omit<OrderChange, 'expectedVersion'> | null,
  ): Promise<('applied' | 'nothing' | 'missing')[]>
  findPayment(transactionId: string): Promise<(PaymentNotice & { outcome: 'applied' | 'refused' }) | null>
  findRefund(id: string): Promise<Refund | null>
  listRefunds(orderId: string): Promise<Refund[]>
  listRefundCases(query: RefundCaseQuery): Promise<Slice<Refund>>
  /** Cases in `status` that entered it before `before`, by (stageAt, id) after the given position: a timer's due cases. */
  dueRefundCases(status: RefundStatus, before: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<Refund[]>
  /** Refunds still waiting for the provider's answer, created before `before`, by (createdAt, id) after the given position. */
  waitingRefunds(after: { at: Instant; id: string } | null, before: Instant, limit: number): Promise<Refund[]>
  /** Per member: their latest paid order ever, and paid orders and kept amount since `since`. */
  memberOrderStats(
    memberIds: readonly string[],
    since: Instant,
  ): Promise<{ memberId: string; lastPaidAt: Instant | null; orders: number; net: number }[]>
  /**
   * Operator report reads, one page per call so a report over any range holds one page at a time.
   * Orders paid in [from, to) (paidAt), by (paidAt, id), after the given position.
   */
  ordersPaidBetween(from: Instant, to: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<Order[]>
}
