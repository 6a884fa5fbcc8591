import type { ProductSort } from '../../../../types/api'
import type {
  AuditEntry,
  BuyerBinding,
  CartItem,
  CommissionAccount,
  CommissionEntry,
  CommissionLine,
  CommissionStatus,
  Distributor,
  DistributorStatus,
  MessageOptIn,
  OutboxMessage,
  Team,
  TeamStatus,
  Withdrawal,
  Category,
  GrowthEntry,
  ChannelDay,
  DomainEvent,
  LedgerEntry,
  Member,
  Order,
  OrderLine,
  PaymentNotice,
  PointsAccount,
  PointsLot,
  Post,
  RedeemItem,
  Redemption,
  Product,
  Refund,
  Sku,
  TierChange,
  TierStatus,
} from '../../../../types/domain'
import { lowestPrice } from '../../core/catalog'
import { inAfterSale } from '../../core/orders'
import { emptyAccount } from '../../core/distribution'
import { EMPTY_ACCOUNT } from '../../core/points'
import type {
  CommissionState,
  CommissionTotals,
  CommissionWrite,
  DueOrdersQuery,
  ErasedRecord,
  Erasure,
  OrderChange,
  OrderListQuery,
  PlaceOrderResult,
  PointsChange,
  PointsChangeResult,
  PointsDecision,
  PointsState,
  PointsTotals,
  ProductQuery,
  Slice,
  Store,
  StoredTouch,
  TeamState,
  TeamWrite,
  VersionedOrder,
} from '../port'
import { type CloudDatabase, type DocData, type DocRef, MAX_GET, type Query, isDuplicateKey } from './database'

const PRODUCT_ORDER: Record<ProductSort, [string, 'asc' | 'desc'][]> = {
  default: [
    ['sort', 'asc'],
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  sales: [
    ['sales', 'desc'],
    ['_id', 'asc'],
  ],
  newest: [
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  priceAsc: [
    ['minPrice', 'asc'],
    ['_id', 'asc'],
  ],
  priceDesc: [
    ['minPrice', 'desc'],
    ['_id', 'asc'],
  ],
}

/** Collections this adapter keeps (README lists them with their indexes). */
export const COLLECTIONS = [
  'categories',
  'products',
  'skus',
  'posts',
  'post_authors',
  'members',
  'touchpoints',
  'channel_days',
  'cart_items',
  'orders',
  'payments',
  'refunds',
  'outbox',
  'points_accounts',
  'points_lots',
  'points_ledger',
  'points_keys',
  'consumer_cursors',
  'growth_entries',
  'tier_status',
  'tier_changes',
  'settings',
  'member_birthdays',
  'redeem_items',
  'redemptions',
  'distributors',
  'buyer_bindings',
  'commission_lines',
  'attributed_orders',
  'commission_accounts',
  'commission_entries',
  'withdrawals',
  'groupbuys',
  'groupbuy_seats_taken',
  'teams',
  'team_seats',
  'message_optins',
  'message_outbox',
  'campaigns',
  'audit_log',
  'member_tags',
  'member_preferences',
  'flash_sold',
  'offer_claims',
] as const

/** How often a points change is recomputed when other changes of the same member keep winning. */
const POINTS_ATTEMPTS = 200

const DUE_FIELD = { created: 'payDeadline', shipped: 'shippedAt', received: 'receivedAt' } as const

/** Thrown inside a transaction to roll it back when the order moved on since it was read. */
class StaleOrder extends Error {}

/** A document's data, or null when it does not exist (the SDK rejects `get` of a missing document). */
async function read(ref: DocRef): Promise<DocData | null> {
  return ref.get().then(
    (r) => r.data,
    () => null,
  )
}

const cartDocId = (memberId: string, skuId: string) => `${memberId}|${skuId}`

function toOrder(doc: DocData): Order {
  const { _id, version: _version, afterSale: _afterSale, ...order } = doc
  return { id: _id, ...order } as Order
}

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value
  return rest
}

function toDistributor(doc: DocData): Distributor {
  const { _id, ...rest } = doc
  return { ...rest, memberId: _id } as Distributor
}

const offerClaimId = (campaignId: string, memberId: string) => `${campaignId}|${memberId}`

/** How many of the newest posts a personalised feed ranks (beyond them the feed is newest first). */
const FEED_RANKED = 200

function toTeam(doc: DocData): Team {
  const { _id, version: _version, places: _places, awaitingRefund: _awaiting, ...rest } = doc
  return { id: _id, ...rest } as Team
}

function fromDoc<T>(doc: DocData): T {
  const { _id, ...rest } = doc
  return { id: _id, ...rest } as T
}

/** Reads every document of a query, page by page (the SDK answers at most 1000 per get). */
async function getAll(query: Query): Promise<DocData[]> {
  const all: DocData[] = []
  for (;;) {
    const { data } = await query.skip(all.length).limit(MAX_GET).get()
    all.push(...data)
    if (data.length < MAX_GET) return all
  }
}

/**
 * The CloudBase adapter of the store port over wx-server-sdk's database. Multi-document writes run
 * in `runTransaction` with document operations only, and are safe to repeat (the SDK may retry).
 */
export class CloudbaseStore implements Store {
  constructor(private readonly db: CloudDatabase) {}

  private async skusOf(productIds: string[]): Promise<Map<string, Sku[]>> {
    const byProduct = new Map<string, Sku[]>()
    if (productIds.length === 0) return byProduct
    const docs = await getAll(
      this.db
        .collection('skus')
        .where({ productId: this.db.command.in(productIds) })
        .orderBy('position', 'asc'),
    )
    for (const doc of docs) {
      const { position: _position, ...sku } = fromDoc<Sku & { position: number }>(doc)
      const list = byProduct.get(sku.productId) ?? []
      list.push(sku)
      byProduct.set(sku.productId, list)
    }
    return byProduct
  }

  private async assemble(docs: DocData[]): Promise<Product[]> {
    const skus = await this.skusOf(docs.map((d) => d._id))
    return docs.map((doc) => {
      const { minPrice: _minPrice, ...product } = fromDoc<Product & { minPrice: number }>(doc)
      return { ...product, skus: skus.get(product.id) ?? [] }
    })
  }

  async putCategory(c: Category): Promise<void> {
    await this.db
      .collection('categories')
      .doc(c.id)
      .set({ data: withoutId(c) })
  }

  async putProduct(p: Product): Promise<void> {
    const { skus, ...product } = p
    await this.db.runTransaction(async (tx) => {
      for (const sku of skus) {
        const existing = await tx
          .collection('skus')
          .doc(sku.id)
          .get()
          .then(
            (r) => r.data,
            () => null,
          )
        if (existing && existing.productId !== p.id) throw new Error(`SKU ${sku.id} belongs to another product`)
      }
      await tx
        .collection('products')
        .doc(p.id)
        .set({ data: { ...withoutId(product), minPrice: lowestPrice(skus) } })
      for (const [position, sku] of skus.entries()) {
        await tx
          .collection('skus')
          .doc(sku.id)
          .set({ data: { ...withoutId(sku), productId: p.id, position } })
      }
    })
  }

  async putPost(post: Post): Promise<void> {
    await this.db
      .collection('posts')
      .doc(post.id)
      .set({ data: withoutId(post) })
  }

  async putMember(m: Member, tier: TierStatus): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      await tx
        .collection('members')
        .doc(m.id)
        .set({ data: withoutId(m) })
      const ref = tx.collection('tier_status').doc(m.id)
      const status = await read(ref)
      await ref.set({
        data: { tier: m.tier, attainedAt: status?.attainedAt ?? tier.attainedAt, keepUntil: status?.keepUntil ?? tier.keepUntil },
      })
    })
  }

  async listCategories(): Promise<Category[]> {
    const docs = await getAll(this.db.collection('categories').orderBy('sort', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<Category>(d))
  }

  async listProducts(q: ProductQuery): Promise<Slice<Product>> {
    const condition: DocData = { status: 'on' }
    if (q.categoryId !== undefined) condition.categoryId = q.categoryId
    if (q.featured !== undefined) condition.featured = q.featured
    let query = this.db.collection('products').where(condition)
    for (const [field, direction] of PRODUCT_ORDER[q.sort]) query = query.orderBy(field, direction)
    const [{ data }, { total }] = await Promise.all([
      query.skip(q.offset).limit(q.limit).get(),
      this.db.collection('products').where(condition).count(),
    ])
    return { items: await this.assemble(data), total }
  }

  async findProduct(id: string): Promise<Product | null> {
    return (await this.findProducts([id]))[0] ?? null
  }

  async findProducts(ids: readonly string[]): Promise<Product[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('products').where({ _id: this.db.command.in([...ids]) }))
    const found = await this.assemble(docs)
    return ids.flatMap((id) => found.filter((p) => p.id === id))
  }

  /**
   * With preferred categories the newest approved posts (up to FEED_RANKED) are ranked here — a query
   * cannot look into linked products — and the rest follow newest first.
   */
  async listFeed(offset: number, limit: number, preferCategories: readonly string[] = []): Promise<Slice<Post>> {
    const approved = { status: 'approved' }
    if (preferCategories.length > 0 && offset < FEED_RANKED) {
      const [{ data }, { total }] = await Promise.all([
        this.db.collection('posts').where(approved).orderBy('createdAt', 'desc').orderBy('_id', 'asc').limit(FEED_RANKED).get(),
        this.db.collection('posts').where(approved).count(),
      ])
      const posts = data.map((d) => fromDoc<Post>(d))
      const products = await this.findProducts([...new Set(posts.flatMap((p) => p.productIds))])
      const preferred = new Set(products.filter((p) => preferCategories.includes(p.categoryId)).map((p) => p.id))
      const ranked = [
        ...posts.filter((p) => p.productIds.some((id) => preferred.has(id))),
        ...posts.filter((p) => !p.productIds.some((id) => preferred.has(id))),
      ]
      const page = ranked.slice(offset, offset + limit)
      if (page.length < limit && offset + limit > FEED_RANKED) {
        const { data: rest } = await this.db
          .collection('posts')
          .where(approved)
          .orderBy('createdAt', 'desc')
          .orderBy('_id', 'asc')
          .skip(FEED_RANKED)
          .limit(offset + limit - FEED_RANKED)
          .get()
        page.push(...rest.map((d) => fromDoc<Post>(d)))
      }
      return { items: page, total }
    }
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('posts').where(approved).orderBy('createdAt', 'desc').orderBy('_id', 'asc').skip(offset).limit(limit).get(),
      this.db.collection('posts').where(approved).count(),
    ])
    return { items: data.map((d) => fromDoc<Post>(d)), total }
  }

  async findMember(id: string): Promise<Member | null> {
    const { data } = await this.db.collection('members').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Member>(data[0]) : null
  }

  async findMembers(ids: readonly string[]): Promise<Member[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('members').where({ _id: this.db.command.in([...ids]) }))
    return docs.map((d) => fromDoc<Member>(d))
  }

  async findMemberByShareCode(code: string): Promise<Member | null> {
    const { data } = await this.db.collection('members').where({ shareCode: code }).limit(1).get()
    return data[0] ? fromDoc<Member>(data[0]) : null
  }

  async findPost(id: string): Promise<Post | null> {
    const { data } = await this.db.collection('posts').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Post>(data[0]) : null
  }

  async registerMember(m: Member, tier: TierStatus): Promise<Member> {
    try {
      await this.db.collection('members').add({ data: { _id: m.id, ...withoutId(m) } })
      await this.db
        .collection('tier_status')
        .doc(m.id)
        .set({ data: { tier: tier.tier, attainedAt: tier.attainedAt, keepUntil: tier.keepUntil } })
      return m
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
      const existing = await this.findMember(m.id)
      if (!existing) throw error
      return existing
    }
  }

  async isEmpty(): Promise<boolean> {
    return (await this.db.collection('categories').count()).total === 0
  }

  async recordTouch(t: StoredTouch): Promise<boolean> {
    try {
      await this.db.collection('touchpoints').add({ data: { _id: t.id, ...withoutId(t) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

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

  async purchasedCategories(memberId: string, since: number): Promise<string[]> {
    const orders = await getAll(this.db.collection('orders').where({ memberId, paidAt: this.db.command.gte(since) }))
    const productIds = [...new Set(orders.flatMap((o) => (o.lines as { productId: string }[]).map((l) => l.productId)))]
    const products = productIds.length === 0 ? [] : await this.findProducts(productIds)
    return [...new Set(products.map((p) => p.categoryId))].sort()
  }

  async offerClaimed(campaignId: string, memberId: string): Promise<boolean> {
    const { data } = await this.db
      .collection('offer_claims')
      .where({ _id: offerClaimId(campaignId, memberId) })
      .limit(1)
      .get()
    return typeof data[0]?.orderId === 'string'
  }

  async flashSold(campaignId: string): Promise<number> {
    const { data } = await this.db.collection('flash_sold').where({ _id: campaignId }).limit(1).get()
    return data[0]?.sold ?? 0
  }

  async lastTouch(memberId: string, since: number): Promise<StoredTouch | null> {
    const { data } = await this.db
      .collection('touchpoints')
      .where({ memberId, at: this.db.command.gte(since) })
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(1)
      .get()
    return data[0] ? fromDoc<StoredTouch>(data[0]) : null
  }

  async countVisitsByChannel(from: number, to: number): Promise<{ channel: string; visits: number; visitors: number }[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('touchpoints')
        .where({ at: _.gte(from).and(_.lt(to)) })
        .orderBy('_id', 'asc'),
    )
    const byChannel = new Map<string, { visits: number; visitors: Set<string> }>()
    for (const doc of docs) {
      const row = byChannel.get(doc.channel) ?? { visits: 0, visitors: new Set<string>() }
      row.visits += 1
      row.visitors.add(doc.memberId ?? doc._id)
      byChannel.set(doc.channel, row)
    }
    return [...byChannel]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([channel, row]) => ({ channel, visits: row.visits, visitors: row.visitors.size }))
  }

  async replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void> {
    const keep = new Set(rows.map((r) => `${day}|${r.channel}`))
    for (const row of rows) {
      await this.db
        .collection('channel_days')
        .doc(`${day}|${row.channel}`)
        .set({ data: { ...row, day } })
    }
    const stale = (await getAll(this.db.collection('channel_days').where({ day }))).filter((d) => !keep.has(d._id))
    for (const doc of stale) await this.db.collection('channel_days').doc(doc._id).remove()
  }

  async listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('channel_days')
        .where({ day: _.gte(fromDay).and(_.lte(toDay)) })
        .orderBy('day', 'asc')
        .orderBy('channel', 'asc'),
    )
    return docs.map(({ day, channel, visits, visitors }) => ({ day, channel, visits, visitors }))
  }

  async findSkus(ids: readonly string[]): Promise<Sku[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('skus').where({ _id: this.db.command.in([...ids]) }))
    return docs.map((doc) => {
      const { position: _position, ...sku } = fromDoc<Sku & { position: number }>(doc)
      return sku
    })
  }

  async listCart(memberId: string): Promise<CartItem[]> {
    const docs = await getAll(this.db.collection('cart_items').where({ memberId }).orderBy('addedAt', 'desc').orderBy('skuId', 'asc'))
    return docs.map(({ memberId: m, skuId, quantity, addedAt }) => ({ memberId: m, skuId, quantity, addedAt }))
  }

  async putCartItem(item: CartItem): Promise<void> {
    await this.db.runTransaction(async (tx) => {
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
   * A failed step gives back what the earlier steps took.
   */
  async placeOrder(order: Order): Promise<PlaceOrderResult> {
    const _ = this.db.command
    if (await this.findOrder(order.id)) return { placed: false, reason: 'exists' }
    const taken: OrderLine[] = []
    const flashTaken: OrderLine[] = []
    const giveBack = async () => {
      for (const line of taken)
        await this.db
          .collection('skus')
          .doc(line.skuId)
          .update({ data: { stock: _.inc(line.quantity) } })
      for (const line of flashTaken)
        await this.db
          .collection('flash_sold')
          .doc(line.flash!.campaignId)
          .update({ data: { sold: _.inc(-line.quantity) } })
    }
    for (const line of order.lines) {
      const { stats } = await this.db
        .collection('skus')
        .where({ _id: line.skuId, stock: _.gte(line.quantity) })
        .update({ data: { stock: _.inc(-line.quantity) } })
      if (stats.updated !== 1) {
        await giveBack()
        return { placed: false, reason: 'outOfStock', skuId: line.skuId }
      }
      taken.push(line)
      if (line.flash) {
        // The allotment is taken like stock: one conditional increment, never past the cap.
        await this.db
          .collection('flash_sold')
          .add({ data: { _id: line.flash.campaignId, sold: 0 } })
          .catch((error: unknown) => {
            if (!isDuplicateKey(error)) throw error
          })
        const flash = await this.db
          .collection('flash_sold')
          .where({ _id: line.flash.campaignId, sold: _.lte(line.flash.allotment - line.quantity) })
          .update({ data: { sold: _.inc(line.quantity) } })
        if (flash.stats.updated !== 1) {
          await giveBack()
          return { placed: false, reason: 'flashSoldOut', skuId: line.skuId }
        }
        flashTaken.push(line)
      }
    }
    if (order.offer && !(await this.claimOffer(order.offer.campaignId, order.memberId, order.id))) {
      await giveBack()
      return { placed: false, reason: 'offerTaken' }
    }
    try {
      await this.db.collection('orders').add({ data: { _id: order.id, ...withoutId(order), afterSale: inAfterSale(order), version: 1 } })
    } catch (error) {
      await giveBack()
      if (order.offer)
        await this.db
          .collection('offer_claims')
          .where({ _id: offerClaimId(order.offer.campaignId, order.memberId), orderId: order.id })
          .update({ data: { orderId: null } })
      if (isDuplicateKey(error)) return { placed: false, reason: 'exists' }
      throw error
    }
    await this.removeCartItems(
      order.memberId,
      order.lines.map((l) => l.skuId),
    )
    return { placed: true }
  }

  async findOrder(id: string): Promise<VersionedOrder | null> {
    const { data } = await this.db.collection('orders').where({ _id: id }).limit(1).get()
    return data[0] ? { order: toOrder(data[0]), version: data[0].version } : null
  }

  async listOrders(q: OrderListQuery): Promise<Slice<Order>> {
    const condition: DocData = { memberId: q.memberId }
    if (q.statuses && q.statuses.length > 0) condition.status = this.db.command.in([...q.statuses])
    if (q.afterSale) condition.afterSale = true
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('orders').where(condition).orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(q.offset).limit(q.limit).get(),
      this.db.collection('orders').where(condition).count(),
    ])
    return { items: data.map(toOrder), total }
  }

  async dueOrders(q: DueOrdersQuery): Promise<Order[]> {
    const field = DUE_FIELD[q.status]
    const { data } = await this.db
      .collection('orders')
      .where({ status: q.status, [field]: this.db.command.lt(q.before) })
      .orderBy(field, 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(q.limit, MAX_GET))
      .get()
    return data.map(toOrder)
  }

  async commitOrderChange(change: OrderChange): Promise<boolean> {
    const _ = this.db.command
    const { order } = change
    try {
      return await this.db.runTransaction(async (tx) => {
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
          .set({ data: { ...withoutId(order), afterSale: inAfterSale(order), version: change.expectedVersion + 1 } })
        if (change.releaseStock) {
          for (const line of order.lines) {
            await tx
              .collection('skus')
              .doc(line.skuId)
              .update({ data: { stock: _.inc(line.quantity) } })
            if (line.flash)
              await tx
                .collection('flash_sold')
                .doc(line.flash.campaignId)
                .update({ data: { sold: _.inc(-line.quantity) } })
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

  async waitingRefunds(after: number, before: number, limit: number): Promise<Refund[]> {
    const _ = this.db.command
    const { data } = await this.db
      .collection('refunds')
      .where({ status: 'refunding', createdAt: _.gt(after).and(_.lt(before)) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => fromDoc<Refund>(d))
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    const docs = await getAll(this.db.collection('refunds').where({ orderId }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<Refund>(d))
  }

  async listEvents(fromAt: number, limit: number): Promise<DomainEvent[]> {
    const { data } = await this.db
      .collection('outbox')
      .where({ at: this.db.command.gte(fromAt) })
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => fromDoc<DomainEvent>(d))
  }

  async findPoints(memberId: string): Promise<PointsState> {
    const [{ data }, lotDocs] = await Promise.all([
      this.db.collection('points_accounts').where({ _id: memberId }).limit(1).get(),
      getAll(this.db.collection('points_lots').where({ memberId, status: this.db.command.in(['pending', 'available']) })),
    ])
    const lots = lotDocs
      .map((d) => fromDoc<PointsLot>(d))
      .filter((l) => l.status === 'pending' || l.remaining > 0)
      .sort((a, b) => a.expiresAt - b.expiresAt || a.grantedAt - b.grantedAt || (a.id < b.id ? -1 : 1))
    const doc = data[0]
    const account: PointsAccount = doc
      ? {
          memberId,
          available: doc.available,
          pending: doc.pending,
          debt: doc.debt,
          lastCheckInDay: doc.lastCheckInDay,
          streak: doc.streak,
          postRewardDay: doc.postRewardDay ?? null,
          postRewardsToday: doc.postRewardsToday ?? 0,
        }
      : EMPTY_ACCOUNT(memberId)
    return { account, lots, version: doc?.version ?? 0 }
  }

  async commitPointsChange(change: PointsChange): Promise<PointsChangeResult> {
    return this.db.runTransaction(async (tx): Promise<PointsChangeResult> => {
      if (await read(tx.collection('points_keys').doc(change.key))) return 'duplicate'
      const current = await read(tx.collection('points_accounts').doc(change.memberId))
      if ((current?.version ?? 0) !== change.expectedVersion) return 'stale'
      const { memberId: _memberId, ...account } = change.account
      await tx
        .collection('points_accounts')
        .doc(change.memberId)
        .set({ data: { ...account, version: change.expectedVersion + 1 } })
      for (const lot of change.lots)
        await tx
          .collection('points_lots')
          .doc(lot.id)
          .set({ data: withoutId(lot) })
      for (const entry of change.entries)
        await tx
          .collection('points_ledger')
          .doc(entry.id)
          .set({ data: withoutId(entry) })
      await tx
        .collection('points_keys')
        .doc(change.key)
        .set({ data: { memberId: change.memberId } })
      return 'applied'
    })
  }

  /**
   * Compare-and-set in a loop: a change computed from a version another caller already moved is
   * recomputed. Many callers on one member back off by a random few milliseconds between tries.
   */
  async updatePoints(
    memberId: string,
    key: string,
    decide: (state: PointsState) => PointsDecision | null,
  ): Promise<'applied' | 'duplicate' | 'nothing'> {
    for (let attempt = 0; attempt < POINTS_ATTEMPTS; attempt += 1) {
      if (await this.hasPointsKey(key)) return 'duplicate'
      const state = await this.findPoints(memberId)
      const decision = decide(state)
      if (!decision) return 'nothing'
      const result = await this.commitPointsChange({ memberId, key, expectedVersion: state.version, ...decision })
      if (result !== 'stale') return result
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))
    }
    throw new Error(`points of ${memberId}: too many concurrent changes`)
  }

  async hasPointsKey(key: string): Promise<boolean> {
    const { data } = await this.db.collection('points_keys').where({ _id: key }).limit(1).get()
    return data.length > 0
  }

  async listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>> {
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('points_ledger').where({ memberId }).orderBy('at', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit).get(),
      this.db.collection('points_ledger').where({ memberId }).count(),
    ])
    return { items: data.map((d) => fromDoc<LedgerEntry>(d)), total }
  }

  async membersWithExpiredLots(before: number, limit: number): Promise<string[]> {
    const _ = this.db.command
    const members: string[] = []
    for (let skip = 0; members.length < limit; skip += MAX_GET) {
      const { data } = await this.db
        .collection('points_lots')
        .where({ status: 'available', expiresAt: _.lt(before), remaining: _.gt(0) })
        .orderBy('memberId', 'asc')
        .skip(skip)
        .limit(MAX_GET)
        .get()
      for (const doc of data) if (!members.includes(doc.memberId)) members.push(doc.memberId)
      if (data.length < MAX_GET) break
    }
    return members.slice(0, limit)
  }

  async pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]> {
    const { data } = await this.db
      .collection('points_accounts')
      .where({ _id: this.db.command.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return Promise.all(
      data.map(async (account) => {
        const [lots, entries] = await Promise.all([
          getAll(this.db.collection('points_lots').where({ memberId: account._id, status: 'available' })),
          getAll(this.db.collection('points_ledger').where({ memberId: account._id })),
        ])
        return {
          memberId: account._id,
          available: account.available,
          lotRemainder: lots.reduce((sum, l) => sum + l.remaining, 0),
          ledgerSum: entries.reduce((sum, e) => sum + e.delta, 0),
        }
      }),
    )
  }

  async addGrowth(entry: GrowthEntry): Promise<boolean> {
    try {
      await this.db.collection('growth_entries').add({ data: { _id: entry.id, ...withoutId(entry) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async growthBetween(memberId: string, from: number, to: number): Promise<number> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('growth_entries')
        .where({ memberId, at: _.gt(from).and(_.lte(to)) })
        .orderBy('_id', 'asc'),
    )
    return docs.reduce((sum, d) => sum + d.amount, 0)
  }

  async findTierStatus(memberId: string): Promise<TierStatus | null> {
    const { data } = await this.db.collection('tier_status').where({ _id: memberId }).limit(1).get()
    return data[0] ? { memberId, tier: data[0].tier, attainedAt: data[0].attainedAt, keepUntil: data[0].keepUntil } : null
  }

  async setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean> {
    return this.db.runTransaction(async (tx) => {
      const current = await read(tx.collection('tier_status').doc(expected.memberId))
      if (
        !current ||
        current.tier !== expected.tier ||
        current.attainedAt !== expected.attainedAt ||
        current.keepUntil !== expected.keepUntil
      )
        return false
      await tx
        .collection('tier_status')
        .doc(expected.memberId)
        .set({ data: { tier: next.tier, attainedAt: next.attainedAt, keepUntil: next.keepUntil } })
      await tx
        .collection('members')
        .doc(expected.memberId)
        .update({ data: { tier: next.tier } })
      if (change)
        await tx
          .collection('tier_changes')
          .doc(change.id)
          .set({ data: withoutId(change) })
      return true
    })
  }

  async listTierChanges(memberId: string): Promise<TierChange[]> {
    const docs = await getAll(this.db.collection('tier_changes').where({ memberId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<TierChange>(d))
  }

  async tierReviewsDue(before: number, afterMemberId: string, limit: number): Promise<TierStatus[]> {
    const _ = this.db.command
    const { data } = await this.db
      .collection('tier_status')
      .where({ keepUntil: _.lte(before), _id: _.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => ({ memberId: d._id, tier: d.tier, attainedAt: d.attainedAt, keepUntil: d.keepUntil }))
  }

  async putRedeemItem(item: RedeemItem): Promise<void> {
    await this.db
      .collection('redeem_items')
      .doc(item.id)
      .set({ data: withoutId(item) })
  }

  async listRedeemItems(): Promise<RedeemItem[]> {
    const docs = await getAll(this.db.collection('redeem_items').orderBy('sort', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<RedeemItem>(d))
  }

  async findRedeemItem(id: string): Promise<RedeemItem | null> {
    const { data } = await this.db.collection('redeem_items').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<RedeemItem>(data[0]) : null
  }

  async redemptionTimes(memberId: string, itemId: string): Promise<number[]> {
    const docs = await getAll(
      this.db
        .collection('redemptions')
        .where({ memberId, itemId, status: this.db.command.in(['placed', 'fulfilled']) })
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => d.createdAt as number).sort((a, b) => a - b)
  }

  async findRedemption(id: string): Promise<Redemption | null> {
    const { data } = await this.db.collection('redemptions').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Redemption>(data[0]) : null
  }

  async listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>> {
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('redemptions')
        .where({ memberId })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'desc')
        .skip(offset)
        .limit(limit)
        .get(),
      this.db.collection('redemptions').where({ memberId }).count(),
    ])
    return { items: data.map((d) => fromDoc<Redemption>(d)), total }
  }

  /**
   * The unit is taken with a conditional decrement first (a hot item must not exhaust transaction
   * retries), then the points change applies once under its key, then the record is kept; a refused
   * step gives back what the earlier ones took. The member's points changes are serialised by their
   * account version, so the balance is never spent twice.
   */
  async redeem(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: (context: { item: RedeemItem; redeemedAt: number[]; points: PointsState }) => {
      redemption: Redemption
      points: PointsDecision
    },
  ): Promise<{ redemption: Redemption; duplicate: boolean }> {
    const existing = await this.findRedemption(target.id)
    if (existing) return { redemption: existing, duplicate: true }
    const [item, redeemedAt, points] = await Promise.all([
      this.findRedeemItem(target.itemId),
      this.redemptionTimes(target.memberId, target.itemId),
      this.findPoints(target.memberId),
    ])
    if (!item) throw new Error(`no redeem item ${target.itemId}`)
    decide({ item, redeemedAt, points })
    const _ = this.db.command
    const { stats } = await this.db
      .collection('redeem_items')
      .where({ _id: target.itemId, stock: _.gte(1) })
      .update({ data: { stock: _.inc(-1) } })
    const giveBack = () =>
      this.db
        .collection('redeem_items')
        .doc(target.itemId)
        .update({ data: { stock: _.inc(1) } })
    if (stats.updated !== 1) {
      decide({ item: { ...item, stock: 0 }, redeemedAt, points })
      throw new Error(`redeem item ${target.itemId} is sold out`)
    }
    let decided: Redemption | null = null
    let result: 'applied' | 'duplicate' | 'nothing'
    try {
      result = await this.updatePoints(target.memberId, target.key, (state) => {
        const decision = decide({ item, redeemedAt, points: state })
        decided = decision.redemption
        return decision.points
      })
    } catch (error) {
      await giveBack()
      throw error
    }
    if (result !== 'applied' || !decided) {
      await giveBack()
      const first = await this.findRedemption(target.id)
      if (first) return { redemption: first, duplicate: true }
      throw new Error(`redemption ${target.id}: points key used without a record`)
    }
    const redemption: Redemption = decided
    await this.db.collection('redemptions').add({ data: { _id: redemption.id, ...withoutId(redemption) } })
    return { redemption, duplicate: false }
  }

  async cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null> {
    const placed = await this.findRedemption(id)
    if (!placed || placed.status !== 'placed') return null
    let cancelled: Redemption | null = null
    const result = await this.updatePoints(placed.memberId, key, (state) => {
      const decision = decide({ redemption: placed, points: state })
      cancelled = decision.redemption
      return decision.points
    })
    if (result !== 'applied' || !cancelled) return null
    const done: Redemption = cancelled
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: id, status: 'placed' })
      .update({ data: { status: 'cancelled', cancelledAt: done.cancelledAt } })
    if (stats.updated === 1)
      await this.db
        .collection('redeem_items')
        .doc(placed.itemId)
        .update({ data: { stock: this.db.command.inc(1) } })
    return done
  }

  async listCredits(memberId: string): Promise<Redemption[]> {
    const docs = await getAll(
      this.db
        .collection('redemptions')
        .where({ memberId, status: 'fulfilled', kind: this.db.command.in(['coupon', 'privilege']) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => fromDoc<Redemption>(d))
  }

  async useCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: redemptionId, status: 'fulfilled', usedByOrder: null })
      .update({ data: { usedByOrder: orderId } })
    return stats.updated === 1
  }

  async releaseCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: redemptionId, usedByOrder: orderId })
      .update({ data: { usedByOrder: null } })
    return stats.updated === 1
  }

  async fulfilRedemption(id: string, at: number): Promise<Redemption | null> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: id, status: 'placed' })
      .update({ data: { status: 'fulfilled', fulfilledAt: at } })
    return stats.updated === 1 ? this.findRedemption(id) : null
  }

  async listMemberIds(afterId: string, limit: number): Promise<string[]> {
    const { data } = await this.db
      .collection('members')
      .where({ _id: this.db.command.gt(afterId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => d._id as string)
  }

  /** Paid orders carry `paidAt`; a member's orders are few enough to read and add up here. */
  async memberOrderStats(
    memberIds: readonly string[],
    since: number,
  ): Promise<{ memberId: string; lastPaidAt: number | null; orders: number; net: number }[]> {
    const stats = []
    for (const memberId of memberIds) {
      const docs = await getAll(this.db.collection('orders').where({ memberId, paidAt: this.db.command.gt(0) }))
      const recent = docs.filter((d) => d.paidAt >= since)
      stats.push({
        memberId,
        lastPaidAt: docs.length === 0 ? null : Math.max(...docs.map((d) => d.paidAt as number)),
        orders: recent.length,
        net: recent.reduce((sum, d) => sum + (d.payable as number) - (d.refundedAmount as number), 0),
      })
    }
    return stats
  }

  async putMemberTags(memberId: string, tags: readonly string[], at: number): Promise<void> {
    await this.db
      .collection('member_tags')
      .doc(memberId)
      .set({ data: { tags: [...tags], computedAt: at } })
  }

  async findMemberTags(memberId: string): Promise<string[]> {
    const { data } = await this.db.collection('member_tags').where({ _id: memberId }).limit(1).get()
    return (data[0]?.tags as string[] | undefined) ?? []
  }

  async findPreferences(memberId: string): Promise<unknown> {
    const { data } = await this.db.collection('member_preferences').where({ _id: memberId }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }

  async putPreferences(memberId: string, doc: unknown): Promise<void> {
    await this.db
      .collection('member_preferences')
      .doc(memberId)
      .set({ data: doc as DocData })
  }

  /** One collection at a time; every step can be repeated, so a deletion cut short is finished by asking again. */
  async erasePersonalData({ member, addressPlaceholder, covers }: Erasure): Promise<void> {
    const id = member.id
    const erase: Record<ErasedRecord, () => Promise<unknown>> = {
      birthday: () => this.db.collection('member_birthdays').where({ _id: id }).remove(),
      tags: () => this.db.collection('member_tags').where({ _id: id }).remove(),
      preferences: () => this.db.collection('member_preferences').where({ _id: id }).remove(),
      bindings: () => this.db.collection('buyer_bindings').where({ _id: id }).remove(),
      cart: () => this.db.collection('cart_items').where({ memberId: id }).remove(),
      messageOptIns: () => this.db.collection('message_optins').where({ memberId: id }).remove(),
      orderAddresses: () =>
        this.db
          .collection('orders')
          .where({ memberId: id })
          .update({ data: { address: addressPlaceholder, remark: '' } }),
      redemptionAddresses: () =>
        this.db
          .collection('redemptions')
          .where({ memberId: id, kind: 'goods' })
          .update({ data: { address: addressPlaceholder } }),
    }
    await this.db
      .collection('members')
      .doc(id)
      .update({ data: { nickname: member.nickname, avatar: member.avatar } })
    for (const record of covers) await erase[record]()
  }

  async setBirthday(memberId: string, birthday: string): Promise<boolean> {
    try {
      await this.db.collection('member_birthdays').add({ data: { _id: memberId, birthday } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async findBirthday(memberId: string): Promise<string | null> {
    const { data } = await this.db.collection('member_birthdays').where({ _id: memberId }).limit(1).get()
    return data[0]?.birthday ?? null
  }

  async membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]> {
    const { data } = await this.db
      .collection('member_birthdays')
      .where({ birthday, _id: this.db.command.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => d._id)
  }

  async findSettings(name: string): Promise<unknown> {
    const { data } = await this.db.collection('settings').where({ _id: name }).limit(1).get()
    if (!data[0]) return null
    const { _id, ...doc } = data[0]
    return doc
  }

  async putSettings(name: string, doc: unknown): Promise<void> {
    await this.db
      .collection('settings')
      .doc(name)
      .set({ data: doc as DocData })
  }

  async findDistributor(memberId: string): Promise<Distributor | null> {
    const { data } = await this.db.collection('distributors').where({ _id: memberId }).limit(1).get()
    return data[0] ? toDistributor(data[0]) : null
  }

  async saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean> {
    const { memberId, ...doc } = next
    if (expectedStatus === null) {
      try {
        await this.db.collection('distributors').add({ data: { _id: memberId, ...doc } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { stats } = await this.db.collection('distributors').where({ _id: memberId, status: expectedStatus }).update({ data: doc })
    return stats.updated === 1
  }

  async listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>> {
    const condition: DocData = query.status ? { status: query.status } : {}
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('distributors')
        .where(condition)
        .orderBy('appliedAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(query.offset)
        .limit(query.limit)
        .get(),
      this.db.collection('distributors').where(condition).count(),
    ])
    return { items: data.map(toDistributor), total }
  }

  async findBinding(buyerId: string): Promise<BuyerBinding | null> {
    const { data } = await this.db.collection('buyer_bindings').where({ _id: buyerId }).limit(1).get()
    return data[0] ? { buyerId, distributorId: data[0].distributorId, boundAt: data[0].boundAt, expiresAt: data[0].expiresAt } : null
  }

  async saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean> {
    const { buyerId, ...doc } = next
    if (expected === null) {
      try {
        await this.db.collection('buyer_bindings').add({ data: { _id: buyerId, ...doc } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const { stats } = await this.db
      .collection('buyer_bindings')
      .where({ _id: buyerId, distributorId: expected.distributorId, boundAt: expected.boundAt, expiresAt: expected.expiresAt })
      .update({ data: doc })
    return stats.updated === 1
  }

  async findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]> {
    if (ids.length === 0) return []
    const docs = await getAll(this.db.collection('commission_lines').where({ _id: this.db.command.in([...ids]) }))
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]> {
    const docs = await getAll(this.db.collection('commission_lines').where({ orderId }).orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>> {
    const condition: DocData = query.status
      ? { distributorId: query.distributorId, status: query.status }
      : { distributorId: query.distributorId }
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('commission_lines')
        .where(condition)
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(query.offset)
        .limit(query.limit)
        .get(),
      this.db.collection('commission_lines').where(condition).count(),
    ])
    return { items: data.map((d) => fromDoc<CommissionLine>(d)), total }
  }

  /** Orders are listed from `attributed_orders`, one document per (distributor, order) kept with its lines. */
  async listAttributedOrders(
    distributorId: string,
    offset: number,
    limit: number,
  ): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>> {
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('attributed_orders')
        .where({ distributorId })
        .orderBy('paidAt', 'desc')
        .orderBy('orderId', 'desc')
        .skip(offset)
        .limit(limit)
        .get(),
      this.db.collection('attributed_orders').where({ distributorId }).count(),
    ])
    const orderIds = data.map((d) => d.orderId as string)
    const lines =
      orderIds.length === 0
        ? []
        : await getAll(this.db.collection('commission_lines').where({ distributorId, orderId: this.db.command.in(orderIds) }))
    const parsed = lines.map((d) => fromDoc<CommissionLine>(d)).sort((a, b) => (a.id < b.id ? -1 : 1))
    return { items: orderIds.map((orderId) => ({ orderId, lines: parsed.filter((l) => l.orderId === orderId) })), total }
  }

  async commissionLinesPaidBetween(distributorId: string, from: number, to: number): Promise<CommissionLine[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('commission_lines')
        .where({ distributorId, createdAt: _.gte(from).and(_.lt(to)), status: _.in(['pending', 'frozen', 'available']) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => fromDoc<CommissionLine>(d))
  }

  async commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }> {
    const docs = await getAll(
      this.db.collection('commission_lines').where({ distributorId, status: this.db.command.in(['pending', 'frozen']) }),
    )
    const sum = (status: string) => docs.filter((d) => d.status === status).reduce((total, d) => total + (d.amount as number), 0)
    return { pending: sum('pending'), frozen: sum('frozen') }
  }

  /** Two plain queries rather than an `or`: the rest of the cursor's instant, then later instants. */
  async dueCommissionLines(before: number, after: { at: number; id: string } | null, limit: number): Promise<CommissionLine[]> {
    const _ = this.db.command
    const lines = this.db.collection('commission_lines')
    const found: DocData[] = []
    if (after) {
      const { data } = await lines
        .where({ status: 'frozen', availableAt: after.at, _id: _.gt(after.id) })
        .orderBy('_id', 'asc')
        .limit(Math.min(limit, MAX_GET))
        .get()
      found.push(...data)
    }
    if (found.length < limit) {
      const { data } = await lines
        .where({ status: 'frozen', availableAt: after ? _.gt(after.at).and(_.lte(before)) : _.lte(before) })
        .orderBy('availableAt', 'asc')
        .orderBy('_id', 'asc')
        .limit(Math.min(limit - found.length, MAX_GET))
        .get()
      found.push(...data)
    }
    return found.filter((d) => d.availableAt <= before).map((d) => fromDoc<CommissionLine>(d))
  }

  async findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState> {
    const [{ data }, lines, withdrawal] = await Promise.all([
      this.db.collection('commission_accounts').where({ _id: distributorId }).limit(1).get(),
      this.findCommissionLines(read.lineIds),
      read.withdrawalId ? this.findWithdrawal(read.withdrawalId) : Promise.resolve(null),
    ])
    const doc = data[0]
    const account: CommissionAccount = doc
      ? (({ _id, version: _version, ...rest }) => ({ ...rest, distributorId: _id }) as CommissionAccount)(doc)
      : emptyAccount(distributorId)
    return {
      account,
      lines: lines.filter((l) => l.distributorId === distributorId),
      withdrawal: withdrawal && withdrawal.distributorId === distributorId ? withdrawal : null,
      version: doc?.version ?? 0,
    }
  }

  /**
   * Compare-and-set on the account's version in a loop, like points: the account document is the
   * one place a distributor's money changes, so its version orders every change to their lines too.
   */
  async updateCommissions(
    distributorId: string,
    wanted: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'> {
    for (let attempt = 0; attempt < POINTS_ATTEMPTS; attempt += 1) {
      const state = await this.findCommissions(distributorId, wanted)
      const decision = decide(state)
      if (!decision) return 'nothing'
      for (const line of decision.lines) {
        if (line.distributorId !== distributorId) throw new Error(`commission line ${line.id} belongs to another distributor`)
      }
      const applied = await this.db.runTransaction(async (tx) => {
        const current = await read(tx.collection('commission_accounts').doc(distributorId))
        if ((current?.version ?? 0) !== state.version) return false
        const { distributorId: _id, ...account } = decision.account
        await tx
          .collection('commission_accounts')
          .doc(distributorId)
          .set({ data: { ...account, version: state.version + 1 } })
        for (const line of decision.lines) {
          await tx
            .collection('commission_lines')
            .doc(line.id)
            .set({ data: withoutId(line) })
          await tx
            .collection('attributed_orders')
            .doc(`${distributorId}|${line.orderId}`)
            .set({ data: { distributorId, orderId: line.orderId, paidAt: line.createdAt } })
        }
        for (const withdrawal of decision.withdrawals)
          await tx
            .collection('withdrawals')
            .doc(withdrawal.id)
            .set({ data: withoutId(withdrawal) })
        for (const entry of decision.entries) {
          // The ledger is append-only: a rewritten entry would part the balance from its ledger.
          if (await read(tx.collection('commission_entries').doc(entry.id)))
            throw new Error(`commission entry ${entry.id} is already in the ledger`)
          await tx
            .collection('commission_entries')
            .doc(entry.id)
            .set({ data: withoutId(entry) })
        }
        return true
      })
      if (applied) return 'applied'
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))
    }
    throw new Error(`commissions of ${distributorId}: too many concurrent changes`)
  }

  /** One distributor at a time: a transaction per account keeps each one small. */
  async updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<number> {
    let applied = 0
    for (const c of changes) if ((await this.updateCommissions(c.distributorId, c.read, c.decide)) === 'applied') applied += 1
    return applied
  }

  async findWithdrawal(id: string): Promise<Withdrawal | null> {
    const { data } = await this.db.collection('withdrawals').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Withdrawal>(data[0]) : null
  }

  async listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>> {
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('withdrawals')
        .where({ distributorId })
        .orderBy('createdAt', 'desc')
        .orderBy('_id', 'asc')
        .skip(offset)
        .limit(limit)
        .get(),
      this.db.collection('withdrawals').where({ distributorId }).count(),
    ])
    return { items: data.map((d) => fromDoc<Withdrawal>(d)), total }
  }

  async processingWithdrawals(before: number, limit: number): Promise<Withdrawal[]> {
    const { data } = await this.db
      .collection('withdrawals')
      .where({ status: 'processing', createdAt: this.db.command.lt(before) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => fromDoc<Withdrawal>(d))
  }

  async listCommissionEntries(distributorId: string): Promise<CommissionEntry[]> {
    const docs = await getAll(this.db.collection('commission_entries').where({ distributorId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<CommissionEntry>(d))
  }

  async commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]> {
    const { data } = await this.db
      .collection('commission_accounts')
      .where({ _id: this.db.command.gt(afterDistributorId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    const totals: CommissionTotals[] = []
    for (const doc of data) {
      const entries = await this.listCommissionEntries(doc._id)
      totals.push({ distributorId: doc._id, available: doc.available, ledgerSum: entries.reduce((sum, e) => sum + e.delta, 0) })
    }
    return totals
  }

  async putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    await this.db.collection('groupbuys').doc(id).set({ data: rest })
  }

  async listGroupBuys(): Promise<unknown[]> {
    const docs = await getAll(this.db.collection('groupbuys').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<unknown>(d))
  }

  async findGroupBuy(id: string): Promise<unknown | null> {
    const { data } = await this.db.collection('groupbuys').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }

  async findTeam(id: string): Promise<Team | null> {
    const { data } = await this.db.collection('teams').where({ _id: id }).limit(1).get()
    return data[0] ? toTeam(data[0]) : null
  }

  /**
   * Compare-and-set on the team's version and on the campaign's seat count in one transaction: a
   * decision made from a team or a count someone else moved is made again. The member's places are
   * counted before the transaction (queries cannot run inside one), so one member racing themselves
   * across teams could pass the per-member limit by the race's width; seats and size never can.
   */
  async updateTeam(
    teamId: string,
    wanted: { campaignId: string; memberId?: string; now: number },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null> {
    const _ = this.db.command
    for (let attempt = 0; attempt < POINTS_ATTEMPTS; attempt += 1) {
      const [{ data: teamDocs }, { data: counterDocs }, memberSeatDocs] = await Promise.all([
        this.db.collection('teams').where({ _id: teamId }).limit(1).get(),
        this.db.collection('groupbuy_seats_taken').where({ _id: wanted.campaignId }).limit(1).get(),
        wanted.memberId
          ? getAll(
              this.db
                .collection('team_seats')
                .where({ memberId: wanted.memberId, campaignId: wanted.campaignId, status: _.in(['held', 'paid']) }),
            )
          : Promise.resolve([] as DocData[]),
      ])
      const version = teamDocs[0]?.version ?? 0
      const taken = counterDocs[0]?.taken ?? 0
      const counterVersion = counterDocs[0]?.version ?? 0
      const memberSeats = memberSeatDocs.filter((s) => s.status === 'paid' || s.heldUntil > wanted.now).length
      const decision = decide({ team: teamDocs[0] ? toTeam(teamDocs[0]) : null, version, taken, memberSeats })
      if (!decision) return null
      const { team, seatsDelta } = decision
      if (team.id !== teamId || team.campaignId !== wanted.campaignId) throw new Error(`team ${team.id} is not the team asked for`)
      const applied = await this.db.runTransaction(async (tx) => {
        const current = await read(tx.collection('teams').doc(teamId))
        if ((current?.version ?? 0) !== version) return false
        const counterRef = tx.collection('groupbuy_seats_taken').doc(wanted.campaignId)
        if (seatsDelta !== 0) {
          const counter = await read(counterRef)
          if ((counter?.version ?? 0) !== counterVersion) return false
          await counterRef.set({ data: { taken: taken + seatsDelta, version: counterVersion + 1 } })
        }
        const awaitingRefund = team.status === 'failed' && team.seats.some((s) => s.status === 'paid')
        const places = team.seats.filter((s) => s.status === 'paid' || s.status === 'held').length
        await tx
          .collection('teams')
          .doc(teamId)
          .set({ data: { ...withoutId(team), places, awaitingRefund, version: version + 1 } })
        for (const seat of team.seats) {
          await tx
            .collection('team_seats')
            .doc(`${teamId}|${seat.orderId}`)
            .set({
              data: {
                teamId,
                campaignId: team.campaignId,
                memberId: seat.memberId,
                status: seat.status,
                heldUntil: seat.heldUntil,
                openedAt: team.openedAt,
              },
            })
        }
        return true
      })
      if (applied) return team
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))
    }
    throw new Error(`team ${teamId}: too many concurrent changes`)
  }

  async listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>> {
    const condition = { campaignId: query.campaignId, status: this.db.command.in([...query.statuses]) }
    const [{ data }, { total }] = await Promise.all([
      this.db
        .collection('teams')
        .where(condition)
        .orderBy('places', 'desc')
        .orderBy('openedAt', 'asc')
        .orderBy('_id', 'asc')
        .skip(query.offset)
        .limit(query.limit)
        .get(),
      this.db.collection('teams').where(condition).count(),
    ])
    return { items: data.map(toTeam), total }
  }

  async teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>> {
    const seats = await getAll(this.db.collection('team_seats').where({ memberId }).orderBy('openedAt', 'desc').orderBy('teamId', 'asc'))
    const teamIds = [...new Set(seats.map((s) => s.teamId as string))]
    const page = teamIds.slice(offset, offset + limit)
    const teams = page.length === 0 ? [] : (await getAll(this.db.collection('teams').where({ _id: this.db.command.in(page) }))).map(toTeam)
    return { items: page.map((id) => teams.find((t) => t.id === id)!).filter(Boolean), total: teamIds.length }
  }

  async teamsDue(before: number, limit: number): Promise<Team[]> {
    const { data } = await this.db
      .collection('teams')
      .where({ status: 'forming', expiresAt: this.db.command.lte(before) })
      .orderBy('expiresAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map(toTeam)
  }

  async teamsAwaitingRefund(limit: number): Promise<Team[]> {
    const { data } = await this.db
      .collection('teams')
      .where({ awaitingRefund: true })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map(toTeam)
  }

  async seatsTaken(campaignId: string): Promise<number> {
    const { data } = await this.db.collection('groupbuy_seats_taken').where({ _id: campaignId }).limit(1).get()
    return data[0]?.taken ?? 0
  }

  async recordOptIn(optIn: MessageOptIn): Promise<boolean> {
    try {
      await this.db.collection('message_optins').add({ data: { _id: optIn.id, ...withoutId(optIn) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async optInsFor(topic: string): Promise<MessageOptIn[]> {
    const docs = await getAll(this.db.collection('message_optins').where({ topic }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<MessageOptIn>(d))
  }

  async queueMessage(message: OutboxMessage): Promise<boolean> {
    try {
      await this.db.collection('message_outbox').add({ data: { _id: message.id, ...withoutId(message) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>> {
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('message_outbox').orderBy('at', 'desc').orderBy('_id', 'asc').skip(offset).limit(limit).get(),
      this.db.collection('message_outbox').count(),
    ])
    return { items: data.map((d) => fromDoc<OutboxMessage>(d)), total }
  }

  async markMessageSent(id: string, at: number): Promise<void> {
    await this.db
      .collection('message_outbox')
      .where({ _id: id, sentAt: null })
      .update({ data: { sentAt: at } })
  }

  /**
   * One page by (field, _id) after a position, as two index range reads (the SDK has no tuple
   * comparison): the rest of the position's instant, then the instants after it.
   */
  private async pageByTime(
    collection: string,
    field: string,
    from: number,
    to: number,
    after: { at: number; id: string } | null,
    limit: number,
  ): Promise<DocData[]> {
    const _ = this.db.command
    const found: DocData[] = []
    const size = Math.min(limit, MAX_GET)
    if (after) {
      const { data } = await this.db
        .collection(collection)
        .where({ [field]: after.at, _id: _.gt(after.id) })
        .orderBy('_id', 'asc')
        .limit(size)
        .get()
      found.push(...data)
    }
    if (found.length < size) {
      const { data } = await this.db
        .collection(collection)
        .where({ [field]: after ? _.gt(after.at).and(_.lt(to)) : _.gte(from).and(_.lt(to)) })
        .orderBy(field, 'asc')
        .orderBy('_id', 'asc')
        .limit(size - found.length)
        .get()
      found.push(...data)
    }
    return found
  }

  async ordersPaidBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<Order[]> {
    return (await this.pageByTime('orders', 'paidAt', from, to, after, limit)).map(toOrder)
  }

  async touchesBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<StoredTouch[]> {
    return (await this.pageByTime('touchpoints', 'at', from, to, after, limit)).map((d) => fromDoc<StoredTouch>(d))
  }

  /** Sums page by page (by _id), so no read holds more than one page. */
  async pointsLiability(expiringBefore: number): Promise<{ available: number; pending: number; expiring: number }> {
    const _ = this.db.command
    const sum = async (collection: string, condition: DocData, add: (doc: DocData) => void) => {
      for (let last = ''; ; ) {
        const { data } = await this.db
          .collection(collection)
          .where({ ...condition, _id: _.gt(last) })
          .orderBy('_id', 'asc')
          .limit(MAX_GET)
          .get()
        data.forEach(add)
        if (data.length < MAX_GET) return
        last = data[data.length - 1]._id
      }
    }
    const totals = { available: 0, pending: 0, expiring: 0 }
    await sum('points_accounts', {}, (a) => {
      totals.available += a.available
      totals.pending += a.pending
    })
    await sum('points_lots', { status: 'available', expiresAt: _.lt(expiringBefore), remaining: _.gt(0) }, (l) => {
      totals.expiring += l.remaining
    })
    return totals
  }

  /**
   * The author's `post_authors` document carries a version that every new post of theirs moves: the
   * pending count is read after the version, so a create that raced another one of the same author
   * sees the version moved and counts again.
   */
  async createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'> {
    for (let attempt = 0; attempt < POINTS_ATTEMPTS; attempt += 1) {
      const { data: authorDocs } = await this.db.collection('post_authors').where({ _id: post.authorId }).limit(1).get()
      const version: number = authorDocs[0]?.version ?? 0
      const { total: pending } = await this.db
        .collection('posts')
        .where({ authorId: post.authorId, status: 'pending', kind: 'ugc' })
        .count()
      const outcome = await this.db.runTransaction(async (tx) => {
        const postRef = tx.collection('posts').doc(post.id)
        if (await read(postRef)) return 'exists' as const
        const authorRef = tx.collection('post_authors').doc(post.authorId)
        if (((await read(authorRef))?.version ?? 0) !== version) return 'stale' as const
        if (pending >= maxPending) return 'limit' as const
        await authorRef.set({ data: { version: version + 1 } })
        await postRef.set({ data: withoutId(post) })
        return 'created' as const
      })
      if (outcome !== 'stale') return outcome
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)))
    }
    throw new Error(`posts of ${post.authorId}: too many concurrent changes`)
  }

  async listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>> {
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('posts').where({ authorId }).orderBy('createdAt', 'desc').orderBy('_id', 'asc').skip(offset).limit(limit).get(),
      this.db.collection('posts').where({ authorId }).count(),
    ])
    return { items: data.map((d) => fromDoc<Post>(d)), total }
  }

  async listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>> {
    const condition = { status, kind: 'ugc' }
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('posts').where(condition).orderBy('createdAt', 'asc').orderBy('_id', 'asc').skip(offset).limit(limit).get(),
      this.db.collection('posts').where(condition).count(),
    ])
    return { items: data.map((d) => fromDoc<Post>(d)), total }
  }

  async reviewPost(next: Post, expected: 'pending'): Promise<boolean> {
    const { stats } = await this.db
      .collection('posts')
      .where({ _id: next.id, status: expected })
      .update({ data: { status: next.status, reviewedAt: next.reviewedAt ?? null, rejectReason: next.rejectReason ?? null } })
    return stats.updated === 1
  }

  async putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    await this.db.collection('campaigns').doc(id).set({ data: rest })
  }

  async listCampaigns(): Promise<unknown[]> {
    return (await getAll(this.db.collection('campaigns').orderBy('_id', 'asc'))).map((d) => fromDoc<unknown>(d))
  }

  async findCampaign(id: string): Promise<unknown | null> {
    const { data } = await this.db.collection('campaigns').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.collection('audit_log').add({ data: { _id: entry.id, ...withoutId(entry) } })
  }

  async listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>> {
    const [{ data }, { total }] = await Promise.all([
      this.db.collection('audit_log').orderBy('at', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit).get(),
      this.db.collection('audit_log').count(),
    ])
    return { items: data.map((d) => fromDoc<AuditEntry>(d)), total }
  }

  async readCursor(name: string): Promise<number> {
    const { data } = await this.db.collection('consumer_cursors').where({ _id: name }).limit(1).get()
    return data[0]?.at ?? 0
  }

  async saveCursor(name: string, at: number): Promise<void> {
    await this.db.collection('consumer_cursors').doc(name).set({ data: { at } })
  }

  async close(): Promise<void> {}
}
