import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { ProductSort } from '../../../../types/api'
import type {
  AuditEntry,
  BuyerBinding,
  CartItem,
  Category,
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
  GrowthEntry,
  ChannelDay,
  DomainEvent,
  LedgerEntry,
  Member,
  Order,
  PaymentNotice,
  PointsAccount,
  PointsLot,
  Post,
  RedeemItem,
  Redemption,
  Product,
  Refund,
  Sku,
  Tier,
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
import { migrate } from './migrations'

/** Where the local database lives unless SIYU_DB says otherwise. */
export const DEFAULT_DB_PATH = path.join('.data', 'siyu.db')

const PRODUCT_ORDER: Record<ProductSort, string> = {
  default: 'p.sort ASC, p.created_at DESC, p.id ASC',
  sales: 'p.sales DESC, p.id ASC',
  newest: 'p.created_at DESC, p.id ASC',
  priceAsc: 'p.min_price ASC, p.id ASC',
  priceDesc: 'p.min_price DESC, p.id ASC',
}

interface ProductRow {
  id: string
  category_id: string
  title: string
  subtitle: string
  images: string
  detail: string
  tags: string
  sales: number
  status: 'on' | 'off'
  featured: number
  commission_bps: number | null
  sort: number
  created_at: number
}
interface SkuRow {
  id: string
  product_id: string
  specs: string
  price: number
  stock: number
}
interface MemberRow {
  id: string
  nickname: string
  avatar: string
  tier: number
  roles: string
  share_code: string
  created_at: number
}
interface PostRow {
  id: string
  author_id: string
  title: string
  body: string
  cover: string
  images: string
  product_ids: string
  kind: 'pgc' | 'ugc'
  status: 'pending' | 'approved' | 'rejected'
  likes: number
  created_at: number
  reviewed_at: number | null
  reject_reason: string | null
}

const toMember = (r: MemberRow): Member => ({
  id: r.id,
  nickname: r.nickname,
  avatar: r.avatar,
  tier: r.tier as Tier,
  roles: JSON.parse(r.roles),
  shareCode: r.share_code,
  createdAt: r.created_at,
})

const toPost = (r: PostRow): Post => ({
  id: r.id,
  authorId: r.author_id,
  title: r.title,
  body: r.body,
  cover: r.cover,
  images: JSON.parse(r.images),
  productIds: JSON.parse(r.product_ids),
  kind: r.kind,
  status: r.status,
  likes: r.likes,
  createdAt: r.created_at,
  reviewedAt: r.reviewed_at,
  rejectReason: r.reject_reason,
})

const postParams = (p: Post) => ({
  ...p,
  images: JSON.stringify(p.images),
  productIds: JSON.stringify(p.productIds),
  reviewedAt: p.reviewedAt ?? null,
  rejectReason: p.rejectReason ?? null,
})

const toSku = (r: SkuRow): Sku => ({ id: r.id, productId: r.product_id, specs: JSON.parse(r.specs), price: r.price, stock: r.stock })

/** Thrown inside a transaction to roll it back when a SKU lacks stock. */
class OfferTaken extends Error {}

class FlashSoldOut extends Error {
  constructor(readonly skuId: string) {
    super(`flash allotment used up: ${skuId}`)
  }
}

class OutOfStock extends Error {
  constructor(readonly skuId: string) {
    super(`out of stock: ${skuId}`)
  }
}

/** Thrown inside a transaction to roll it back when the order moved on since it was read. */
class StaleOrder extends Error {}

/** The SQLite adapter of the store port: one file, WAL, each port call one synchronous transaction. */
export class SqliteStore implements Store {
  readonly db: Database.Database

  private readonly statements = new Map<string, Database.Statement>()

  /** Prepared statements are compiled once per SQL text and reused. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text)
    if (!statement) {
      statement = this.db.prepare(text)
      this.statements.set(text, statement)
    }
    return statement
  }

  constructor(file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
    this.db = new Database(file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma('synchronous = NORMAL')
    this.db.pragma('foreign_keys = ON')
    this.db.pragma('busy_timeout = 5000')
    migrate(this.db)
  }

  private withSkus(rows: ProductRow[]): Product[] {
    if (rows.length === 0) return []
    const skuRows = this.sql(`SELECT * FROM skus WHERE product_id IN (SELECT value FROM json_each(?)) ORDER BY product_id, position`).all(
      JSON.stringify(rows.map((r) => r.id)),
    ) as SkuRow[]
    const byProduct = new Map<string, Sku[]>()
    for (const row of skuRows) {
      const list = byProduct.get(row.product_id) ?? []
      list.push(toSku(row))
      byProduct.set(row.product_id, list)
    }
    return rows.map((r) => ({
      id: r.id,
      categoryId: r.category_id,
      title: r.title,
      subtitle: r.subtitle,
      images: JSON.parse(r.images),
      detail: r.detail,
      tags: JSON.parse(r.tags),
      sales: r.sales,
      status: r.status,
      featured: r.featured === 1,
      commissionBps: r.commission_bps,
      sort: r.sort,
      createdAt: r.created_at,
      skus: byProduct.get(r.id) ?? [],
    }))
  }

  async putCategory(c: Category): Promise<void> {
    this.sql(
      `INSERT INTO categories (id, name, icon, sort) VALUES (@id, @name, @icon, @sort)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, icon = excluded.icon, sort = excluded.sort`,
    ).run(c)
  }

  async putProduct(p: Product): Promise<void> {
    const upsertProduct = this.sql(
      `INSERT INTO products (id, category_id, title, subtitle, images, detail, tags, sales, status, featured, commission_bps, sort, created_at, min_price)
       VALUES (@id, @categoryId, @title, @subtitle, @images, @detail, @tags, @sales, @status, @featured, @commissionBps, @sort, @createdAt, @minPrice)
       ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, title = excluded.title, subtitle = excluded.subtitle,
         images = excluded.images, detail = excluded.detail, tags = excluded.tags, sales = excluded.sales, status = excluded.status,
         featured = excluded.featured, commission_bps = excluded.commission_bps, sort = excluded.sort, min_price = excluded.min_price`,
    )
    const upsertSku = this.sql(
      `INSERT INTO skus (id, product_id, position, specs, price, stock) VALUES (@id, @productId, @position, @specs, @price, @stock)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, specs = excluded.specs, price = excluded.price, stock = excluded.stock
       WHERE skus.product_id = excluded.product_id`,
    )
    this.db.transaction(() => {
      upsertProduct.run({
        ...p,
        images: JSON.stringify(p.images),
        tags: JSON.stringify(p.tags),
        featured: p.featured ? 1 : 0,
        minPrice: lowestPrice(p.skus),
      })
      p.skus.forEach((sku, position) => {
        const result = upsertSku.run({ ...sku, productId: p.id, position, specs: JSON.stringify(sku.specs) })
        if (result.changes !== 1) throw new Error(`SKU ${sku.id} belongs to another product`)
      })
    })()
  }

  async putPost(p: Post): Promise<void> {
    this.sql(
      `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at, reviewed_at, reject_reason)
       VALUES (@id, @authorId, @title, @body, @cover, @images, @productIds, @kind, @status, @likes, @createdAt, @reviewedAt, @rejectReason)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, cover = excluded.cover, images = excluded.images,
         product_ids = excluded.product_ids, status = excluded.status, likes = excluded.likes,
         reviewed_at = excluded.reviewed_at, reject_reason = excluded.reject_reason`,
    ).run(postParams(p))
  }

  async putMember(m: Member, tier: TierStatus): Promise<void> {
    this.db.transaction(() => {
      this.sql(
        `INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at)
       VALUES (@id, @nickname, @avatar, @tier, @roles, @shareCode, @createdAt)
       ON CONFLICT (id) DO UPDATE SET nickname = excluded.nickname, avatar = excluded.avatar, tier = excluded.tier, roles = excluded.roles`,
      ).run({ ...m, roles: JSON.stringify(m.roles) })
      this.sql(
        `INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, ?, ?, ?)
         ON CONFLICT (member_id) DO UPDATE SET tier = excluded.tier`,
      ).run(m.id, m.tier, tier.attainedAt, tier.keepUntil)
    })()
  }

  async listCategories(): Promise<Category[]> {
    return this.sql('SELECT id, name, icon, sort FROM categories ORDER BY sort, id').all() as Category[]
  }

  async listProducts(q: ProductQuery): Promise<Slice<Product>> {
    const where = ["p.status = 'on'"]
    const params: Record<string, unknown> = { limit: q.limit, offset: q.offset }
    if (q.categoryId !== undefined) {
      where.push('p.category_id = @categoryId')
      params.categoryId = q.categoryId
    }
    if (q.featured !== undefined) {
      where.push('p.featured = @featured')
      params.featured = q.featured ? 1 : 0
    }
    const clause = where.join(' AND ')
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT p.* FROM products p WHERE ${clause} ORDER BY ${PRODUCT_ORDER[q.sort]} LIMIT @limit OFFSET @offset`).all(
        params,
      ) as ProductRow[]
      const { total } = this.sql(`SELECT COUNT(*) AS total FROM products p WHERE ${clause}`).get(params) as { total: number }
      return { items: this.withSkus(rows), total }
    })()
  }

  async findProduct(id: string): Promise<Product | null> {
    return (await this.findProducts([id]))[0] ?? null
  }

  async findProducts(ids: readonly string[]): Promise<Product[]> {
    const rows = this.sql('SELECT * FROM products WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as ProductRow[]
    const found = this.withSkus(rows)
    return ids.flatMap((id) => found.filter((p) => p.id === id))
  }

  async listFeed(offset: number, limit: number, preferCategories: readonly string[] = []): Promise<Slice<Post>> {
    return this.db.transaction(() => {
      const rows = (
        preferCategories.length === 0
          ? this.sql(`SELECT * FROM posts WHERE status = 'approved' ORDER BY created_at DESC, id ASC LIMIT ? OFFSET ?`).all(limit, offset)
          : this.sql(
              `SELECT p.* FROM posts p WHERE p.status = 'approved'
               ORDER BY EXISTS (SELECT 1 FROM json_each(p.product_ids) j JOIN products pr ON pr.id = j.value
                                WHERE pr.category_id IN (SELECT value FROM json_each(?))) DESC, p.created_at DESC, p.id ASC
               LIMIT ? OFFSET ?`,
            ).all(JSON.stringify(preferCategories), limit, offset)
      ) as PostRow[]
      const { total } = this.sql(`SELECT COUNT(*) AS total FROM posts WHERE status = 'approved'`).get() as { total: number }
      return { items: rows.map(toPost), total }
    })()
  }

  async findMember(id: string): Promise<Member | null> {
    const row = this.sql('SELECT * FROM members WHERE id = ?').get(id) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async findMembers(ids: readonly string[]): Promise<Member[]> {
    const rows = this.sql('SELECT * FROM members WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as MemberRow[]
    return rows.map(toMember)
  }

  async findMemberByShareCode(code: string): Promise<Member | null> {
    const row = this.sql('SELECT * FROM members WHERE share_code = ?').get(code) as MemberRow | undefined
    return row ? toMember(row) : null
  }

  async findPost(id: string): Promise<Post | null> {
    const row = this.sql('SELECT * FROM posts WHERE id = ?').get(id) as PostRow | undefined
    return row ? toPost(row) : null
  }

  async registerMember(m: Member, tier: TierStatus): Promise<Member> {
    return this.db.transaction(() => {
      this.sql(
        `INSERT INTO members (id, nickname, avatar, tier, roles, share_code, created_at)
         VALUES (@id, @nickname, @avatar, @tier, @roles, @shareCode, @createdAt) ON CONFLICT (id) DO NOTHING`,
      ).run({ ...m, roles: JSON.stringify(m.roles) })
      this.sql(
        'INSERT INTO tier_status (member_id, tier, attained_at, keep_until) VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO NOTHING',
      ).run(m.id, tier.tier, tier.attainedAt, tier.keepUntil)
      return toMember(this.sql('SELECT * FROM members WHERE id = ?').get(m.id) as MemberRow)
    })()
  }

  async isEmpty(): Promise<boolean> {
    return (this.sql('SELECT COUNT(*) AS n FROM categories').get() as { n: number }).n === 0
  }

  async recordTouch(t: StoredTouch): Promise<boolean> {
    const result = this.sql(
      `INSERT INTO touchpoints (id, member_id, scene, share_code, post_id, campaign_id, product_id, path, at, channel)
       VALUES (@id, @memberId, @scene, @shareCode, @postId, @campaignId, @productId, @path, @at, @channel) ON CONFLICT (id) DO NOTHING`,
    ).run(t)
    return result.changes === 1
  }

  async purchasedCategories(memberId: string, since: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT DISTINCT pr.category_id AS categoryId FROM orders o, json_each(o.doc, '$.lines') l JOIN products pr ON pr.id = json_extract(l.value, '$.productId')
       WHERE o.member_id = ? AND json_extract(o.doc, '$.paidAt') >= ? ORDER BY pr.category_id`,
    ).all(memberId, since) as { categoryId: string }[]
    return rows.map((r) => r.categoryId)
  }

  async offerClaimed(campaignId: string, memberId: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM offer_claims WHERE campaign_id = ? AND member_id = ?').get(campaignId, memberId) !== undefined
  }

  async flashSold(campaignId: string): Promise<number> {
    return (this.sql('SELECT sold FROM flash_sold WHERE campaign_id = ?').get(campaignId) as { sold: number } | undefined)?.sold ?? 0
  }

  async lastTouch(memberId: string, since: number): Promise<StoredTouch | null> {
    const row = this.sql(
      'SELECT id, member_id, scene, share_code, post_id, campaign_id, product_id, path, at, channel FROM touchpoints WHERE member_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1',
    ).get(memberId, since) as
      | {
          id: string
          member_id: string
          scene: number
          share_code: string | null
          post_id: string | null
          campaign_id: string | null
          product_id: string | null
          path: string
          at: number
          channel: string
        }
      | undefined
    if (!row) return null
    return {
      id: row.id,
      memberId: row.member_id,
      scene: row.scene,
      shareCode: row.share_code,
      postId: row.post_id,
      campaignId: row.campaign_id,
      productId: row.product_id,
      path: row.path,
      at: row.at,
      channel: row.channel,
    }
  }

  async countVisitsByChannel(from: number, to: number): Promise<{ channel: string; visits: number; visitors: number }[]> {
    // A visitor is a member, or for signed-out visits each entry on its own.
    return this.sql(
      `SELECT channel, COUNT(*) AS visits, COUNT(DISTINCT COALESCE(member_id, id)) AS visitors
       FROM touchpoints WHERE at >= ? AND at < ? GROUP BY channel ORDER BY channel`,
    ).all(from, to) as { channel: string; visits: number; visitors: number }[]
  }

  async replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void> {
    const insert = this.sql('INSERT INTO channel_days (day, channel, visits, visitors) VALUES (@day, @channel, @visits, @visitors)')
    this.db.transaction(() => {
      this.sql('DELETE FROM channel_days WHERE day = ?').run(day)
      for (const row of rows) insert.run(row)
    })()
  }

  async listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]> {
    return this.sql('SELECT day, channel, visits, visitors FROM channel_days WHERE day >= ? AND day <= ? ORDER BY day, channel').all(
      fromDay,
      toDay,
    ) as ChannelDay[]
  }

  async findSkus(ids: readonly string[]): Promise<Sku[]> {
    const rows = this.sql('SELECT * FROM skus WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as SkuRow[]
    return rows.map(toSku)
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

  private writeOrderRow(order: Order, version: number, insert: boolean): number {
    const row = {
      id: order.id,
      memberId: order.memberId,
      status: order.status,
      payable: order.payable,
      refundedAmount: order.refundedAmount,
      createdAt: order.createdAt,
      payDeadline: order.payDeadline,
      shippedAt: order.shippedAt,
      receivedAt: order.receivedAt,
      afterSale: inAfterSale(order) ? 1 : 0,
      version,
      doc: JSON.stringify(order),
    }
    const sql = insert
      ? `INSERT INTO orders (id, member_id, status, payable, refunded_amount, created_at, pay_deadline, shipped_at, received_at, after_sale, version, doc)
         VALUES (@id, @memberId, @status, @payable, @refundedAmount, @createdAt, @payDeadline, @shippedAt, @receivedAt, @afterSale, 1, @doc) ON CONFLICT (id) DO NOTHING`
      : `UPDATE orders SET status = @status, refunded_amount = @refundedAmount, shipped_at = @shippedAt, received_at = @receivedAt,
           after_sale = @afterSale, version = version + 1, doc = @doc WHERE id = @id AND version = @version`
    return this.sql(sql).run(row).changes
  }

  async placeOrder(order: Order): Promise<PlaceOrderResult> {
    const take = this.sql('UPDATE skus SET stock = stock - ? WHERE id = ? AND stock >= ?')
    const place = this.db.transaction((): PlaceOrderResult => {
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
      throw error
    }
  }

  async findOrder(id: string): Promise<VersionedOrder | null> {
    const row = this.sql('SELECT version, doc FROM orders WHERE id = ?').get(id) as { version: number; doc: string } | undefined
    return row ? { order: JSON.parse(row.doc), version: row.version } : null
  }

  async listOrders(q: OrderListQuery): Promise<Slice<Order>> {
    const statuses = JSON.stringify(q.statuses ?? [])
    const filter = `member_id = ? AND (json_array_length(?) = 0 OR status IN (SELECT value FROM json_each(?)))${q.afterSale ? ' AND after_sale = 1' : ''}`
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT doc FROM orders WHERE ${filter} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`).all(
        q.memberId,
        statuses,
        statuses,
        q.limit,
        q.offset,
      ) as { doc: string }[]
      const { total } = this.sql(`SELECT COUNT(*) AS total FROM orders WHERE ${filter}`).get(q.memberId, statuses, statuses) as {
        total: number
      }
      return { items: rows.map((r) => JSON.parse(r.doc) as Order), total }
    })()
  }

  async dueOrders(q: DueOrdersQuery): Promise<Order[]> {
    const column = { created: 'pay_deadline', shipped: 'shipped_at', received: 'received_at' }[q.status]
    const rows = this.sql(`SELECT doc FROM orders WHERE status = ? AND ${column} < ? ORDER BY ${column}, id LIMIT ?`).all(
      q.status,
      q.before,
      q.limit,
    ) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Order)
  }

  async commitOrderChange(change: OrderChange): Promise<boolean> {
    const give = this.sql('UPDATE skus SET stock = stock + ? WHERE id = ?')
    const addEvent = this.sql(
      'INSERT INTO outbox (id, type, order_id, at, payload) VALUES (@id, @type, @orderId, @at, @payload) ON CONFLICT (id) DO NOTHING',
    )
    const commit = this.db.transaction((): boolean => {
      if (change.payment) {
        const inserted = this.sql(
          'INSERT INTO payments (transaction_id, order_id, amount, at, outcome) VALUES (@transactionId, @orderId, @amount, @at, @outcome) ON CONFLICT DO NOTHING',
        ).run(change.payment).changes
        if (inserted === 0) return false
      }
      if (this.writeOrderRow(change.order, change.expectedVersion, false) === 0) throw new StaleOrder()
      if (change.releaseStock) {
        for (const line of change.order.lines) {
          give.run(line.quantity, line.skuId)
          if (line.flash)
            this.sql('UPDATE flash_sold SET sold = MAX(0, sold - ?) WHERE campaign_id = ?').run(line.quantity, line.flash.campaignId)
        }
        if (change.order.offer) {
          this.sql('DELETE FROM offer_claims WHERE campaign_id = ? AND member_id = ? AND order_id = ?').run(
            change.order.offer.campaignId,
            change.order.memberId,
            change.order.id,
          )
        }
      }
      for (const event of change.events) addEvent.run({ ...event, payload: JSON.stringify(event.payload) })
      if (change.refund) {
        this.sql(
          `INSERT INTO refunds (id, order_id, status, amount, created_at, doc) VALUES (@id, @orderId, @status, @amount, @createdAt, @doc)
             ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc`,
        ).run({ ...change.refund, doc: JSON.stringify(change.refund) })
      }
      return true
    })
    try {
      return commit.immediate()
    } catch (error) {
      if (error instanceof StaleOrder) return false
      throw error
    }
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

  async waitingRefunds(after: number, before: number, limit: number): Promise<Refund[]> {
    const rows = this.sql(
      "SELECT doc FROM refunds WHERE status = 'refunding' AND created_at > ? AND created_at < ? ORDER BY created_at, id LIMIT ?",
    ).all(after, before, limit) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Refund)
  }

  async listRefunds(orderId: string): Promise<Refund[]> {
    const rows = this.sql('SELECT doc FROM refunds WHERE order_id = ? ORDER BY created_at, id').all(orderId) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Refund)
  }

  async listEvents(fromAt: number, limit: number): Promise<DomainEvent[]> {
    const rows = this.sql('SELECT id, type, order_id AS orderId, at, payload FROM outbox WHERE at >= ? ORDER BY at, id LIMIT ?').all(
      fromAt,
      limit,
    ) as (Omit<DomainEvent, 'payload'> & { payload: string })[]
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }))
  }

  async findPoints(memberId: string): Promise<PointsState> {
    return this.db.transaction(() => this.readPoints(memberId))()
  }

  private readPoints(memberId: string): PointsState {
    {
      const row = this.sql('SELECT * FROM points_accounts WHERE member_id = ?').get(memberId) as
        | {
            available: number
            pending: number
            debt: number
            last_checkin_day: string | null
            streak: number
            post_reward_day: string | null
            post_rewards_today: number
            version: number
          }
        | undefined
      const lots = this.sql(
        `SELECT id, member_id AS memberId, source, ref, amount, remaining, granted_at AS grantedAt, expires_at AS expiresAt, status
         FROM points_lots WHERE member_id = ? AND (status = 'pending' OR (status = 'available' AND remaining > 0)) ORDER BY expires_at, granted_at, id`,
      ).all(memberId) as PointsLot[]
      const account: PointsAccount = row
        ? {
            memberId,
            available: row.available,
            pending: row.pending,
            debt: row.debt,
            lastCheckInDay: row.last_checkin_day,
            streak: row.streak,
            postRewardDay: row.post_reward_day,
            postRewardsToday: row.post_rewards_today,
          }
        : EMPTY_ACCOUNT(memberId)
      return { account, lots, version: row?.version ?? 0 }
    }
  }

  /** One immediate transaction: nothing can change between the read, the decision and the write. */
  async updatePoints(
    memberId: string,
    key: string,
    decide: (state: PointsState) => PointsDecision | null,
  ): Promise<'applied' | 'duplicate' | 'nothing'> {
    const update = this.db.transaction((): 'applied' | 'duplicate' | 'nothing' => {
      if (this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(key)) return 'duplicate'
      const state = this.readPoints(memberId)
      const decision = decide(state)
      if (!decision) return 'nothing'
      const result = this.writePoints({ memberId, key, expectedVersion: state.version, ...decision })
      if (result !== 'applied') throw new Error(`points of ${memberId} changed inside a transaction`)
      return result
    })
    return update.immediate()
  }

  async commitPointsChange(change: PointsChange): Promise<PointsChangeResult> {
    return this.db.transaction(() => this.writePoints(change)).immediate()
  }

  private writePoints(change: PointsChange): PointsChangeResult {
    {
      if (this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(change.key)) return 'duplicate'
      const current = this.sql('SELECT version FROM points_accounts WHERE member_id = ?').get(change.memberId) as
        | { version: number }
        | undefined
      if ((current?.version ?? 0) !== change.expectedVersion) return 'stale'
      const a = change.account
      this.sql(
        `INSERT INTO points_accounts (member_id, available, pending, debt, last_checkin_day, streak, post_reward_day, post_rewards_today, version)
         VALUES (@memberId, @available, @pending, @debt, @lastCheckInDay, @streak, @postRewardDay, @postRewardsToday, 1)
         ON CONFLICT (member_id) DO UPDATE SET available = excluded.available, pending = excluded.pending, debt = excluded.debt,
           last_checkin_day = excluded.last_checkin_day, streak = excluded.streak, post_reward_day = excluded.post_reward_day,
           post_rewards_today = excluded.post_rewards_today, version = points_accounts.version + 1`,
      ).run(a)
      const putLot = this.sql(
        `INSERT INTO points_lots (id, member_id, source, ref, amount, remaining, granted_at, expires_at, status)
         VALUES (@id, @memberId, @source, @ref, @amount, @remaining, @grantedAt, @expiresAt, @status)
         ON CONFLICT (id) DO UPDATE SET amount = excluded.amount, remaining = excluded.remaining, status = excluded.status,
           granted_at = excluded.granted_at, expires_at = excluded.expires_at`,
      )
      for (const lot of change.lots) putLot.run(lot)
      const addEntry = this.sql(
        'INSERT INTO points_ledger (id, member_id, kind, source, ref, delta, at, note) VALUES (@id, @memberId, @kind, @source, @ref, @delta, @at, @note)',
      )
      for (const entry of change.entries) addEntry.run(entry)
      this.sql('INSERT INTO points_keys (key) VALUES (?)').run(change.key)
      return 'applied'
    }
  }

  async hasPointsKey(key: string): Promise<boolean> {
    return this.sql('SELECT 1 FROM points_keys WHERE key = ?').get(key) !== undefined
  }

  async listLedger(memberId: string, offset: number, limit: number): Promise<Slice<LedgerEntry>> {
    return this.db.transaction(() => {
      const items = this.sql(
        'SELECT id, member_id AS memberId, kind, source, ref, delta, at, note FROM points_ledger WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ? OFFSET ?',
      ).all(memberId, limit, offset) as LedgerEntry[]
      const { total } = this.sql('SELECT COUNT(*) AS total FROM points_ledger WHERE member_id = ?').get(memberId) as { total: number }
      return { items, total }
    })()
  }

  async membersWithExpiredLots(before: number, limit: number): Promise<string[]> {
    const rows = this.sql(
      `SELECT DISTINCT member_id FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ? ORDER BY member_id LIMIT ?`,
    ).all(before, limit) as { member_id: string }[]
    return rows.map((r) => r.member_id)
  }

  async pointsTotals(afterMemberId: string, limit: number): Promise<PointsTotals[]> {
    return this.sql(
      `SELECT a.member_id AS memberId, a.available AS available,
         COALESCE((SELECT SUM(remaining) FROM points_lots l WHERE l.member_id = a.member_id AND l.status = 'available'), 0) AS lotRemainder,
         COALESCE((SELECT SUM(delta) FROM points_ledger g WHERE g.member_id = a.member_id), 0) AS ledgerSum
       FROM points_accounts a WHERE a.member_id > ? ORDER BY a.member_id LIMIT ?`,
    ).all(afterMemberId, limit) as PointsTotals[]
  }

  async addGrowth(entry: GrowthEntry): Promise<boolean> {
    return (
      this.sql(
        'INSERT INTO growth_entries (id, member_id, amount, reason, at) VALUES (@id, @memberId, @amount, @reason, @at) ON CONFLICT (id) DO NOTHING',
      ).run(entry).changes === 1
    )
  }

  async growthBetween(memberId: string, from: number, to: number): Promise<number> {
    return (
      this.sql('SELECT COALESCE(SUM(amount), 0) AS g FROM growth_entries WHERE member_id = ? AND at > ? AND at <= ?').get(
        memberId,
        from,
        to,
      ) as { g: number }
    ).g
  }

  async findTierStatus(memberId: string): Promise<TierStatus | null> {
    const row = this.sql(
      'SELECT member_id AS memberId, tier, attained_at AS attainedAt, keep_until AS keepUntil FROM tier_status WHERE member_id = ?',
    ).get(memberId) as TierStatus | undefined
    return row ?? null
  }

  async setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean> {
    return this.db.transaction((): boolean => {
      const moved = this.sql(
        'UPDATE tier_status SET tier = ?, attained_at = ?, keep_until = ? WHERE member_id = ? AND tier = ? AND attained_at = ? AND keep_until = ?',
      ).run(next.tier, next.attainedAt, next.keepUntil, expected.memberId, expected.tier, expected.attainedAt, expected.keepUntil).changes
      if (moved !== 1) return false
      this.sql('UPDATE members SET tier = ? WHERE id = ?').run(next.tier, expected.memberId)
      if (change) {
        this.sql(
          'INSERT INTO tier_changes (id, member_id, from_tier, to_tier, reason, growth, at) VALUES (@id, @memberId, @from, @to, @reason, @growth, @at)',
        ).run(change)
      }
      return true
    })()
  }

  async listTierChanges(memberId: string): Promise<TierChange[]> {
    return this.sql(
      'SELECT id, member_id AS memberId, from_tier AS "from", to_tier AS "to", reason, growth, at FROM tier_changes WHERE member_id = ? ORDER BY at, id',
    ).all(memberId) as TierChange[]
  }

  async tierReviewsDue(before: number, afterMemberId: string, limit: number): Promise<TierStatus[]> {
    return this.sql(
      `SELECT member_id AS memberId, tier, attained_at AS attainedAt, keep_until AS keepUntil FROM tier_status
       WHERE keep_until <= ? AND member_id > ? ORDER BY member_id LIMIT ?`,
    ).all(before, afterMemberId, limit) as TierStatus[]
  }

  async putRedeemItem(item: RedeemItem): Promise<void> {
    this.sql(
      `INSERT INTO redeem_items (id, stock, sort, doc) VALUES (@id, @stock, @sort, @doc)
       ON CONFLICT (id) DO UPDATE SET stock = excluded.stock, sort = excluded.sort, doc = excluded.doc`,
    ).run({ id: item.id, stock: item.stock, sort: item.sort, doc: JSON.stringify(item) })
  }

  private toItem(row: { stock: number; doc: string }): RedeemItem {
    return { ...(JSON.parse(row.doc) as RedeemItem), stock: row.stock }
  }

  async listRedeemItems(): Promise<RedeemItem[]> {
    return (this.sql('SELECT stock, doc FROM redeem_items ORDER BY sort, id').all() as { stock: number; doc: string }[]).map((r) =>
      this.toItem(r),
    )
  }

  async findRedeemItem(id: string): Promise<RedeemItem | null> {
    const row = this.sql('SELECT stock, doc FROM redeem_items WHERE id = ?').get(id) as { stock: number; doc: string } | undefined
    return row ? this.toItem(row) : null
  }

  async redemptionTimes(memberId: string, itemId: string): Promise<number[]> {
    const rows = this.sql(
      "SELECT created_at FROM redemptions WHERE member_id = ? AND item_id = ? AND status != 'cancelled' ORDER BY created_at",
    ).all(memberId, itemId) as {
      created_at: number
    }[]
    return rows.map((r) => r.created_at)
  }

  async findRedemption(id: string): Promise<Redemption | null> {
    const row = this.sql('SELECT doc FROM redemptions WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? JSON.parse(row.doc) : null
  }

  async listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>> {
    return this.db.transaction(() => {
      const rows = this.sql('SELECT doc FROM redemptions WHERE member_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?').all(
        memberId,
        limit,
        offset,
      ) as { doc: string }[]
      const { total } = this.sql('SELECT COUNT(*) AS total FROM redemptions WHERE member_id = ?').get(memberId) as { total: number }
      return { items: rows.map((r) => JSON.parse(r.doc) as Redemption), total }
    })()
  }

  private writeRedemption(r: Redemption, insert: boolean): void {
    const row = { id: r.id, memberId: r.memberId, itemId: r.itemId, status: r.status, createdAt: r.createdAt, doc: JSON.stringify(r) }
    if (insert) {
      this.sql(
        'INSERT INTO redemptions (id, member_id, item_id, status, created_at, doc) VALUES (@id, @memberId, @itemId, @status, @createdAt, @doc)',
      ).run(row)
    } else {
      this.sql('UPDATE redemptions SET status = @status, doc = @doc WHERE id = @id').run(row)
    }
  }

  /** One immediate transaction: limits, points, stock and the record cannot drift apart. */
  async redeem(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: (context: { item: RedeemItem; redeemedAt: number[]; points: PointsState }) => {
      redemption: Redemption
      points: PointsDecision
    },
  ): Promise<{ redemption: Redemption; duplicate: boolean }> {
    const run = this.db.transaction(() => {
      const existing = this.sql('SELECT doc FROM redemptions WHERE id = ?').get(target.id) as { doc: string } | undefined
      if (existing) return { redemption: JSON.parse(existing.doc) as Redemption, duplicate: true }
      const itemRow = this.sql('SELECT stock, doc FROM redeem_items WHERE id = ?').get(target.itemId) as
        | { stock: number; doc: string }
        | undefined
      if (!itemRow) throw new Error(`no redeem item ${target.itemId}`)
      const redeemedAt = (
        this.sql("SELECT created_at FROM redemptions WHERE member_id = ? AND item_id = ? AND status != 'cancelled'").all(
          target.memberId,
          target.itemId,
        ) as { created_at: number }[]
      ).map((r) => r.created_at)
      const points = this.readPoints(target.memberId)
      const decision = decide({ item: this.toItem(itemRow), redeemedAt, points })
      if (this.sql('UPDATE redeem_items SET stock = stock - 1 WHERE id = ? AND stock >= 1').run(target.itemId).changes !== 1) {
        throw new Error(`redeem item ${target.itemId} ran out inside a transaction`)
      }
      if (
        this.writePoints({ memberId: target.memberId, key: target.key, expectedVersion: points.version, ...decision.points }) !== 'applied'
      ) {
        throw new Error(`points key ${target.key} was used before`)
      }
      this.writeRedemption(decision.redemption, true)
      return { redemption: decision.redemption, duplicate: false }
    })
    return run.immediate()
  }

  async cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null> {
    const run = this.db.transaction((): Redemption | null => {
      const row = this.sql("SELECT doc FROM redemptions WHERE id = ? AND status = 'placed'").get(id) as { doc: string } | undefined
      if (!row) return null
      const redemption = JSON.parse(row.doc) as Redemption
      const points = this.readPoints(redemption.memberId)
      const decision = decide({ redemption, points })
      if (this.writePoints({ memberId: redemption.memberId, key, expectedVersion: points.version, ...decision.points }) !== 'applied')
        return null
      this.sql('UPDATE redeem_items SET stock = stock + 1 WHERE id = ?').run(redemption.itemId)
      this.writeRedemption(decision.redemption, false)
      return decision.redemption
    })
    return run.immediate()
  }

  async listCredits(memberId: string): Promise<Redemption[]> {
    const rows = this.sql(
      `SELECT doc FROM redemptions WHERE member_id = ? AND status = 'fulfilled' AND json_extract(doc, '$.kind') IN ('coupon', 'privilege') ORDER BY created_at, id`,
    ).all(memberId) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Redemption)
  }

  async useCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE redemptions SET doc = json_set(doc, '$.usedByOrder', ?) WHERE id = ? AND status = 'fulfilled' AND json_extract(doc, '$.usedByOrder') IS NULL`,
      ).run(orderId, redemptionId).changes === 1
    )
  }

  async releaseCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE redemptions SET doc = json_set(doc, '$.usedByOrder', json('null')) WHERE id = ? AND json_extract(doc, '$.usedByOrder') = ?`,
      ).run(redemptionId, orderId).changes === 1
    )
  }

  async fulfilRedemption(id: string, at: number): Promise<Redemption | null> {
    const run = this.db.transaction((): Redemption | null => {
      const row = this.sql("SELECT doc FROM redemptions WHERE id = ? AND status = 'placed'").get(id) as { doc: string } | undefined
      if (!row) return null
      const fulfilled: Redemption = { ...(JSON.parse(row.doc) as Redemption), status: 'fulfilled', fulfilledAt: at }
      this.writeRedemption(fulfilled, false)
      return fulfilled
    })
    return run.immediate()
  }

  async listMemberIds(afterId: string, limit: number): Promise<string[]> {
    return (this.sql('SELECT id FROM members WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as { id: string }[]).map((r) => r.id)
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

  async putMemberTags(memberId: string, tags: readonly string[], at: number): Promise<void> {
    this.sql(
      'INSERT INTO member_tags (member_id, tags, computed_at) VALUES (?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET tags = excluded.tags, computed_at = excluded.computed_at',
    ).run(memberId, JSON.stringify(tags), at)
  }

  async findMemberTags(memberId: string): Promise<string[]> {
    const row = this.sql('SELECT tags FROM member_tags WHERE member_id = ?').get(memberId) as { tags: string } | undefined
    return row ? (JSON.parse(row.tags) as string[]) : []
  }

  async findPreferences(memberId: string): Promise<unknown> {
    const row = this.sql('SELECT doc FROM member_preferences WHERE member_id = ?').get(memberId) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }

  async putPreferences(memberId: string, doc: unknown): Promise<void> {
    this.sql('INSERT INTO member_preferences (member_id, doc) VALUES (?, ?) ON CONFLICT (member_id) DO UPDATE SET doc = excluded.doc').run(
      memberId,
      JSON.stringify(doc),
    )
  }

  async erasePersonalData({ member, addressPlaceholder, covers }: Erasure): Promise<void> {
    const id = member.id
    const placeholder = JSON.stringify(addressPlaceholder)
    const erase: Record<ErasedRecord, () => void> = {
      birthday: () => this.sql('DELETE FROM member_birthdays WHERE member_id = ?').run(id),
      tags: () => this.sql('DELETE FROM member_tags WHERE member_id = ?').run(id),
      preferences: () => this.sql('DELETE FROM member_preferences WHERE member_id = ?').run(id),
      cart: () => this.sql('DELETE FROM cart_items WHERE member_id = ?').run(id),
      bindings: () => this.sql('DELETE FROM buyer_bindings WHERE buyer_id = ?').run(id),
      messageOptIns: () => this.sql('DELETE FROM message_optins WHERE member_id = ?').run(id),
      orderAddresses: () =>
        this.sql("UPDATE orders SET doc = json_set(doc, '$.address', json(?), '$.remark', '') WHERE member_id = ?").run(placeholder, id),
      redemptionAddresses: () =>
        this.sql(
          "UPDATE redemptions SET doc = json_set(doc, '$.address', json(?)) WHERE member_id = ? AND json_extract(doc, '$.address') IS NOT NULL",
        ).run(placeholder, id),
    }
    this.db.transaction(() => {
      this.sql('UPDATE members SET nickname = ?, avatar = ? WHERE id = ?').run(member.nickname, member.avatar, id)
      for (const record of covers) erase[record]()
    })()
  }

  async setBirthday(memberId: string, birthday: string): Promise<boolean> {
    return (
      this.sql('INSERT INTO member_birthdays (member_id, birthday) VALUES (?, ?) ON CONFLICT (member_id) DO NOTHING').run(
        memberId,
        birthday,
      ).changes === 1
    )
  }

  async findBirthday(memberId: string): Promise<string | null> {
    return (
      (this.sql('SELECT birthday FROM member_birthdays WHERE member_id = ?').get(memberId) as { birthday: string } | undefined)?.birthday ??
      null
    )
  }

  async membersBornOn(birthday: string, afterMemberId: string, limit: number): Promise<string[]> {
    const rows = this.sql('SELECT member_id FROM member_birthdays WHERE birthday = ? AND member_id > ? ORDER BY member_id LIMIT ?').all(
      birthday,
      afterMemberId,
      limit,
    ) as {
      member_id: string
    }[]
    return rows.map((r) => r.member_id)
  }

  async findSettings(name: string): Promise<unknown> {
    const row = this.sql('SELECT doc FROM settings WHERE name = ?').get(name) as { doc: string } | undefined
    return row ? JSON.parse(row.doc) : null
  }

  async putSettings(name: string, doc: unknown): Promise<void> {
    this.sql('INSERT INTO settings (name, doc) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET doc = excluded.doc').run(
      name,
      JSON.stringify(doc),
    )
  }

  async readCursor(name: string): Promise<number> {
    return (this.sql('SELECT at FROM consumer_cursors WHERE name = ?').get(name) as { at: number } | undefined)?.at ?? 0
  }

  async saveCursor(name: string, at: number): Promise<void> {
    this.sql('INSERT INTO consumer_cursors (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at').run(name, at)
  }

  async findDistributor(memberId: string): Promise<Distributor | null> {
    const row = this.sql('SELECT doc FROM distributors WHERE member_id = ?').get(memberId) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Distributor) : null
  }

  async saveDistributor(next: Distributor, expectedStatus: DistributorStatus | null): Promise<boolean> {
    const row = [next.memberId, next.status, next.appliedAt, JSON.stringify(next)]
    if (expectedStatus === null) {
      return (
        this.sql(
          'INSERT INTO distributors (member_id, status, applied_at, doc) VALUES (?, ?, ?, ?) ON CONFLICT (member_id) DO NOTHING',
        ).run(...row).changes === 1
      )
    }
    return (
      this.sql('UPDATE distributors SET status = ?, applied_at = ?, doc = ? WHERE member_id = ? AND status = ?').run(
        row[1],
        row[2],
        row[3],
        row[0],
        expectedStatus,
      ).changes === 1
    )
  }

  async listDistributors(query: { status?: DistributorStatus; offset: number; limit: number }): Promise<Slice<Distributor>> {
    const where = query.status ? 'WHERE status = ?' : ''
    const args = query.status ? [query.status] : []
    const rows = this.sql(`SELECT doc FROM distributors ${where} ORDER BY applied_at DESC, member_id LIMIT ? OFFSET ?`).all(
      ...args,
      query.limit,
      query.offset,
    ) as { doc: string }[]
    const { n } = this.sql(`SELECT COUNT(*) AS n FROM distributors ${where}`).get(...args) as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as Distributor), total: n }
  }

  async findBinding(buyerId: string): Promise<BuyerBinding | null> {
    const row = this.sql('SELECT buyer_id, distributor_id, bound_at, expires_at FROM buyer_bindings WHERE buyer_id = ?').get(buyerId) as
      | { buyer_id: string; distributor_id: string; bound_at: number; expires_at: number }
      | undefined
    return row ? { buyerId: row.buyer_id, distributorId: row.distributor_id, boundAt: row.bound_at, expiresAt: row.expires_at } : null
  }

  async saveBinding(expected: BuyerBinding | null, next: BuyerBinding): Promise<boolean> {
    if (expected === null) {
      return (
        this.sql(
          'INSERT INTO buyer_bindings (buyer_id, distributor_id, bound_at, expires_at) VALUES (?, ?, ?, ?) ON CONFLICT (buyer_id) DO NOTHING',
        ).run(next.buyerId, next.distributorId, next.boundAt, next.expiresAt).changes === 1
      )
    }
    return (
      this.sql(
        'UPDATE buyer_bindings SET distributor_id = ?, bound_at = ?, expires_at = ? WHERE buyer_id = ? AND distributor_id = ? AND bound_at = ? AND expires_at = ?',
      ).run(next.distributorId, next.boundAt, next.expiresAt, next.buyerId, expected.distributorId, expected.boundAt, expected.expiresAt)
        .changes === 1
    )
  }

  async findCommissionLines(ids: readonly string[]): Promise<CommissionLine[]> {
    if (ids.length === 0) return []
    const rows = this.sql('SELECT doc FROM commission_lines WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(ids)) as {
      doc: string
    }[]
    return rows.map((r) => JSON.parse(r.doc) as CommissionLine)
  }

  async commissionLinesOfOrder(orderId: string): Promise<CommissionLine[]> {
    const rows = this.sql('SELECT doc FROM commission_lines WHERE order_id = ? ORDER BY id').all(orderId) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as CommissionLine)
  }

  async listCommissionLines(query: {
    distributorId: string
    status?: CommissionStatus
    offset: number
    limit: number
  }): Promise<Slice<CommissionLine>> {
    const where = query.status ? 'distributor_id = ? AND status = ?' : 'distributor_id = ?'
    const args = query.status ? [query.distributorId, query.status] : [query.distributorId]
    const rows = this.sql(`SELECT doc FROM commission_lines WHERE ${where} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`).all(
      ...args,
      query.limit,
      query.offset,
    ) as { doc: string }[]
    const { n } = this.sql(`SELECT COUNT(*) AS n FROM commission_lines WHERE ${where}`).get(...args) as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as CommissionLine), total: n }
  }

  async listAttributedOrders(
    distributorId: string,
    offset: number,
    limit: number,
  ): Promise<Slice<{ orderId: string; lines: CommissionLine[] }>> {
    const orders = this.sql(
      'SELECT order_id, MAX(created_at) AS at FROM commission_lines WHERE distributor_id = ? GROUP BY order_id ORDER BY at DESC, order_id DESC LIMIT ? OFFSET ?',
    ).all(distributorId, limit, offset) as { order_id: string }[]
    const { n } = this.sql('SELECT COUNT(DISTINCT order_id) AS n FROM commission_lines WHERE distributor_id = ?').get(distributorId) as {
      n: number
    }
    const lines = this.sql(
      'SELECT doc FROM commission_lines WHERE distributor_id = ? AND order_id IN (SELECT value FROM json_each(?)) ORDER BY id',
    ).all(distributorId, JSON.stringify(orders.map((o) => o.order_id))) as { doc: string }[]
    const parsed = lines.map((r) => JSON.parse(r.doc) as CommissionLine)
    return { items: orders.map((o) => ({ orderId: o.order_id, lines: parsed.filter((l) => l.orderId === o.order_id) })), total: n }
  }

  async commissionLinesPaidBetween(distributorId: string, from: number, to: number): Promise<CommissionLine[]> {
    const rows = this.sql(
      "SELECT doc FROM commission_lines WHERE distributor_id = ? AND created_at >= ? AND created_at < ? AND status != 'void' ORDER BY created_at, id",
    ).all(distributorId, from, to) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as CommissionLine)
  }

  async commissionInFlight(distributorId: string): Promise<{ pending: number; frozen: number }> {
    const rows = this.sql(
      "SELECT status, SUM(amount) AS total FROM commission_lines WHERE distributor_id = ? AND status IN ('pending', 'frozen') GROUP BY status",
    ).all(distributorId) as { status: 'pending' | 'frozen'; total: number }[]
    return { pending: rows.find((r) => r.status === 'pending')?.total ?? 0, frozen: rows.find((r) => r.status === 'frozen')?.total ?? 0 }
  }

  async dueCommissionLines(before: number, after: { at: number; id: string } | null, limit: number): Promise<CommissionLine[]> {
    const rows = (
      after
        ? this.sql(
            "SELECT doc FROM commission_lines WHERE status = 'frozen' AND available_at <= ? AND (available_at > ? OR (available_at = ? AND id > ?)) ORDER BY available_at, id LIMIT ?",
          ).all(before, after.at, after.at, after.id, limit)
        : this.sql("SELECT doc FROM commission_lines WHERE status = 'frozen' AND available_at <= ? ORDER BY available_at, id LIMIT ?").all(
            before,
            limit,
          )
    ) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as CommissionLine)
  }

  private readCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): CommissionState {
    const row = this.sql('SELECT version, doc FROM commission_accounts WHERE distributor_id = ?').get(distributorId) as
      | { version: number; doc: string }
      | undefined
    const lines =
      read.lineIds.length === 0
        ? []
        : (
            this.sql('SELECT doc FROM commission_lines WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(read.lineIds)) as {
              doc: string
            }[]
          ).map((r) => JSON.parse(r.doc) as CommissionLine)
    const withdrawal = read.withdrawalId
      ? (this.sql('SELECT doc FROM withdrawals WHERE id = ? AND distributor_id = ?').get(read.withdrawalId, distributorId) as
          | { doc: string }
          | undefined)
      : undefined
    return {
      account: row ? (JSON.parse(row.doc) as CommissionAccount) : emptyAccount(distributorId),
      lines: lines.filter((l) => l.distributorId === distributorId),
      withdrawal: withdrawal ? (JSON.parse(withdrawal.doc) as Withdrawal) : null,
      version: row?.version ?? 0,
    }
  }

  async findCommissions(distributorId: string, read: { lineIds: readonly string[]; withdrawalId?: string }): Promise<CommissionState> {
    return this.readCommissions(distributorId, read)
  }

  async updateCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): Promise<'applied' | 'nothing'> {
    return this.db.transaction(() => this.applyCommissions(distributorId, read, decide)).immediate()
  }

  /** One transaction for the whole batch: a settlement run writes once per batch, not once per distributor. */
  async updateCommissionsBatch(
    changes: readonly {
      distributorId: string
      read: { lineIds: readonly string[]; withdrawalId?: string }
      decide: (state: CommissionState) => CommissionWrite | null
    }[],
  ): Promise<number> {
    return this.db
      .transaction(() => changes.filter((c) => this.applyCommissions(c.distributorId, c.read, c.decide) === 'applied').length)
      .immediate()
  }

  private applyCommissions(
    distributorId: string,
    read: { lineIds: readonly string[]; withdrawalId?: string },
    decide: (state: CommissionState) => CommissionWrite | null,
  ): 'applied' | 'nothing' {
    {
      const state = this.readCommissions(distributorId, read)
      const decision = decide(state)
      if (!decision) return 'nothing'
      const a = decision.account
      this.sql(
        `INSERT INTO commission_accounts (distributor_id, version, available, processing, debt, doc) VALUES (?, 1, ?, ?, ?, ?)
         ON CONFLICT (distributor_id) DO UPDATE SET version = commission_accounts.version + 1, available = excluded.available,
           processing = excluded.processing, debt = excluded.debt, doc = excluded.doc`,
      ).run(distributorId, a.available, a.processing, a.debt, JSON.stringify(a))
      const putLine = this.sql(
        `INSERT INTO commission_lines (id, distributor_id, order_id, status, amount, created_at, available_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, amount = excluded.amount, available_at = excluded.available_at, doc = excluded.doc`,
      )
      for (const l of decision.lines) {
        if (l.distributorId !== distributorId) throw new Error(`commission line ${l.id} belongs to another distributor`)
        putLine.run(l.id, l.distributorId, l.orderId, l.status, l.amount, l.createdAt, l.availableAt, JSON.stringify(l))
      }
      const putWithdrawal = this.sql(
        `INSERT INTO withdrawals (id, distributor_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc`,
      )
      for (const w of decision.withdrawals) putWithdrawal.run(w.id, w.distributorId, w.status, w.createdAt, JSON.stringify(w))
      const putEntry = this.sql('INSERT INTO commission_entries (id, distributor_id, kind, ref, delta, at) VALUES (?, ?, ?, ?, ?, ?)')
      for (const e of decision.entries) putEntry.run(e.id, e.distributorId, e.kind, e.ref, e.delta, e.at)
      return 'applied'
    }
  }

  async findWithdrawal(id: string): Promise<Withdrawal | null> {
    const row = this.sql('SELECT doc FROM withdrawals WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Withdrawal) : null
  }

  async listWithdrawals(distributorId: string, offset: number, limit: number): Promise<Slice<Withdrawal>> {
    const rows = this.sql('SELECT doc FROM withdrawals WHERE distributor_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?').all(
      distributorId,
      limit,
      offset,
    ) as { doc: string }[]
    const { n } = this.sql('SELECT COUNT(*) AS n FROM withdrawals WHERE distributor_id = ?').get(distributorId) as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as Withdrawal), total: n }
  }

  async processingWithdrawals(before: number, limit: number): Promise<Withdrawal[]> {
    const rows = this.sql("SELECT doc FROM withdrawals WHERE status = 'processing' AND created_at < ? ORDER BY created_at, id LIMIT ?").all(
      before,
      limit,
    ) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Withdrawal)
  }

  async listCommissionEntries(distributorId: string): Promise<CommissionEntry[]> {
    const rows = this.sql(
      'SELECT id, distributor_id, kind, ref, delta, at FROM commission_entries WHERE distributor_id = ? ORDER BY at, id',
    ).all(distributorId) as {
      id: string
      distributor_id: string
      kind: CommissionEntry['kind']
      ref: string
      delta: number
      at: number
    }[]
    return rows.map((r) => ({ id: r.id, distributorId: r.distributor_id, kind: r.kind, ref: r.ref, delta: r.delta, at: r.at }))
  }

  async commissionTotals(afterDistributorId: string, limit: number): Promise<CommissionTotals[]> {
    const rows = this.sql(
      `SELECT a.distributor_id AS distributorId, a.available AS available,
         COALESCE((SELECT SUM(delta) FROM commission_entries e WHERE e.distributor_id = a.distributor_id), 0) AS ledgerSum
       FROM commission_accounts a WHERE a.distributor_id > ? ORDER BY a.distributor_id LIMIT ?`,
    ).all(afterDistributorId, limit) as CommissionTotals[]
    return rows
  }

  async putGroupBuy(doc: { id: string } & Record<string, unknown>): Promise<void> {
    this.sql('INSERT INTO groupbuys (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
      doc.id,
      JSON.stringify(doc),
    )
  }

  async listGroupBuys(): Promise<unknown[]> {
    return (this.sql('SELECT doc FROM groupbuys ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown)
  }

  async findGroupBuy(id: string): Promise<unknown | null> {
    const row = this.sql('SELECT doc FROM groupbuys WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }

  async findTeam(id: string): Promise<Team | null> {
    const row = this.sql('SELECT doc FROM teams WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as Team) : null
  }

  async updateTeam(
    teamId: string,
    read: { campaignId: string; memberId?: string; now: number },
    decide: (state: TeamState) => TeamWrite | null,
  ): Promise<Team | null> {
    const run = this.db.transaction((): Team | null => {
      const row = this.sql('SELECT version, doc FROM teams WHERE id = ?').get(teamId) as { version: number; doc: string } | undefined
      const taken =
        (this.sql('SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?').get(read.campaignId) as { taken: number } | undefined)
          ?.taken ?? 0
      const memberSeats = read.memberId
        ? (
            this.sql(
              "SELECT COUNT(*) AS n FROM team_seats WHERE member_id = ? AND campaign_id = ? AND (status = 'paid' OR (status = 'held' AND held_until > ?))",
            ).get(read.memberId, read.campaignId, read.now) as { n: number }
          ).n
        : 0
      const decision = decide({ team: row ? (JSON.parse(row.doc) as Team) : null, version: row?.version ?? 0, taken, memberSeats })
      if (!decision) return null
      const { team, seatsDelta } = decision
      if (team.id !== teamId || team.campaignId !== read.campaignId) throw new Error(`team ${team.id} is not the team asked for`)
      const places = team.seats.filter((s) => s.status === 'paid' || s.status === 'held').length
      const awaitingRefund = team.status === 'failed' && team.seats.some((s) => s.status === 'paid') ? 1 : 0
      this.sql(
        `INSERT INTO teams (id, campaign_id, status, places, opened_at, expires_at, awaiting_refund, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, places = excluded.places, expires_at = excluded.expires_at,
           awaiting_refund = excluded.awaiting_refund, version = teams.version + 1, doc = excluded.doc`,
      ).run(team.id, team.campaignId, team.status, places, team.openedAt, team.expiresAt, awaitingRefund, JSON.stringify(team))
      this.sql('DELETE FROM team_seats WHERE team_id = ?').run(team.id)
      const putSeat = this.sql(
        'INSERT INTO team_seats (team_id, order_id, campaign_id, member_id, status, held_until, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      for (const seat of team.seats)
        putSeat.run(team.id, seat.orderId, team.campaignId, seat.memberId, seat.status, seat.heldUntil, team.openedAt)
      // The count exists before anything is given back, so a release only ever updates it.
      if (seatsDelta > 0) {
        this.sql(
          `INSERT INTO groupbuy_seats_taken (campaign_id, taken) VALUES (?, ?)
           ON CONFLICT (campaign_id) DO UPDATE SET taken = groupbuy_seats_taken.taken + excluded.taken`,
        ).run(team.campaignId, seatsDelta)
      } else if (seatsDelta < 0) {
        this.sql('UPDATE groupbuy_seats_taken SET taken = taken + ? WHERE campaign_id = ?').run(seatsDelta, team.campaignId)
      }
      return team
    })
    return run.immediate()
  }

  async listTeams(query: { campaignId: string; statuses: readonly TeamStatus[]; offset: number; limit: number }): Promise<Slice<Team>> {
    const statuses = JSON.stringify(query.statuses)
    const rows = this.sql(
      'SELECT doc FROM teams WHERE campaign_id = ? AND status IN (SELECT value FROM json_each(?)) ORDER BY places DESC, opened_at, id LIMIT ? OFFSET ?',
    ).all(query.campaignId, statuses, query.limit, query.offset) as { doc: string }[]
    const { n } = this.sql('SELECT COUNT(*) AS n FROM teams WHERE campaign_id = ? AND status IN (SELECT value FROM json_each(?))').get(
      query.campaignId,
      statuses,
    ) as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as Team), total: n }
  }

  async teamsOfMember(memberId: string, offset: number, limit: number): Promise<Slice<Team>> {
    const rows = this.sql(
      `SELECT t.doc FROM teams t WHERE t.id IN (SELECT team_id FROM team_seats WHERE member_id = ?) ORDER BY t.opened_at DESC, t.id LIMIT ? OFFSET ?`,
    ).all(memberId, limit, offset) as { doc: string }[]
    const { n } = this.sql('SELECT COUNT(DISTINCT team_id) AS n FROM team_seats WHERE member_id = ?').get(memberId) as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as Team), total: n }
  }

  async teamsDue(before: number, limit: number): Promise<Team[]> {
    const rows = this.sql("SELECT doc FROM teams WHERE status = 'forming' AND expires_at <= ? ORDER BY expires_at, id LIMIT ?").all(
      before,
      limit,
    ) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Team)
  }

  async teamsAwaitingRefund(limit: number): Promise<Team[]> {
    const rows = this.sql('SELECT doc FROM teams WHERE awaiting_refund = 1 ORDER BY id LIMIT ?').all(limit) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Team)
  }

  async seatsTaken(campaignId: string): Promise<number> {
    return (
      (this.sql('SELECT taken FROM groupbuy_seats_taken WHERE campaign_id = ?').get(campaignId) as { taken: number } | undefined)?.taken ??
      0
    )
  }

  async recordOptIn(optIn: MessageOptIn): Promise<boolean> {
    return (
      this.sql('INSERT INTO message_optins (id, member_id, topic, at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
        optIn.id,
        optIn.memberId,
        optIn.topic,
        optIn.at,
      ).changes === 1
    )
  }

  async optInsFor(topic: string): Promise<MessageOptIn[]> {
    const rows = this.sql('SELECT id, member_id, topic, at FROM message_optins WHERE topic = ? ORDER BY at, id').all(topic) as {
      id: string
      member_id: string
      topic: string
      at: number
    }[]
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, topic: r.topic, at: r.at }))
  }

  async queueMessage(message: OutboxMessage): Promise<boolean> {
    return (
      this.sql('INSERT INTO message_outbox (id, member_id, at, sent_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
        message.id,
        message.memberId,
        message.at,
        message.sentAt,
        JSON.stringify(message),
      ).changes === 1
    )
  }

  async listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>> {
    const rows = this.sql('SELECT doc, sent_at FROM message_outbox ORDER BY at DESC, id LIMIT ? OFFSET ?').all(limit, offset) as {
      doc: string
      sent_at: number | null
    }[]
    const { n } = this.sql('SELECT COUNT(*) AS n FROM message_outbox').get() as { n: number }
    return { items: rows.map((r) => ({ ...(JSON.parse(r.doc) as OutboxMessage), sentAt: r.sent_at })), total: n }
  }

  async markMessageSent(id: string, at: number): Promise<void> {
    this.sql('UPDATE message_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL').run(at, id)
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

  async touchesBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<StoredTouch[]> {
    return this.sql(
      `SELECT id, member_id AS memberId, scene, share_code AS shareCode, post_id AS postId, campaign_id AS campaignId, product_id AS productId, path, at, channel
       FROM touchpoints WHERE at >= @lower AND at < @to AND (at > @afterAt OR id > @afterId) ORDER BY at, id LIMIT @limit`,
    ).all({
      lower: after ? after.at : from,
      to,
      afterAt: after ? after.at : from - 1,
      afterId: after ? after.id : '',
      limit,
    }) as StoredTouch[]
  }

  async pointsLiability(expiringBefore: number): Promise<{ available: number; pending: number; expiring: number }> {
    return this.db.transaction(() => {
      const accounts = this.sql(
        'SELECT COALESCE(SUM(available), 0) AS available, COALESCE(SUM(pending), 0) AS pending FROM points_accounts',
      ).get() as {
        available: number
        pending: number
      }
      const { expiring } = this.sql(
        "SELECT COALESCE(SUM(remaining), 0) AS expiring FROM points_lots WHERE status = 'available' AND remaining > 0 AND expires_at < ?",
      ).get(expiringBefore) as { expiring: number }
      return { ...accounts, expiring }
    })()
  }

  async createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'> {
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM posts WHERE id = ?').get(post.id)) return 'exists' as const
      const { pending } = this.sql(`SELECT COUNT(*) AS pending FROM posts WHERE author_id = ? AND status = 'pending' AND kind = 'ugc'`).get(
        post.authorId,
      ) as {
        pending: number
      }
      if (pending >= maxPending) return 'limit' as const
      this.sql(
        `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at, reviewed_at, reject_reason)
         VALUES (@id, @authorId, @title, @body, @cover, @images, @productIds, @kind, @status, @likes, @createdAt, @reviewedAt, @rejectReason)`,
      ).run(postParams(post))
      return 'created' as const
    })()
  }

  async listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>> {
    return this.db.transaction(() => {
      const rows = this.sql('SELECT * FROM posts WHERE author_id = ? ORDER BY created_at DESC, id ASC LIMIT ? OFFSET ?').all(
        authorId,
        limit,
        offset,
      ) as PostRow[]
      const { total } = this.sql('SELECT COUNT(*) AS total FROM posts WHERE author_id = ?').get(authorId) as { total: number }
      return { items: rows.map(toPost), total }
    })()
  }

  async listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>> {
    return this.db.transaction(() => {
      const rows = this.sql(`SELECT * FROM posts WHERE status = ? AND kind = 'ugc' ORDER BY created_at ASC, id ASC LIMIT ? OFFSET ?`).all(
        status,
        limit,
        offset,
      ) as PostRow[]
      const { total } = this.sql(`SELECT COUNT(*) AS total FROM posts WHERE status = ? AND kind = 'ugc'`).get(status) as { total: number }
      return { items: rows.map(toPost), total }
    })()
  }

  async reviewPost(next: Post, expected: 'pending'): Promise<boolean> {
    const result = this.sql('UPDATE posts SET status = ?, reviewed_at = ?, reject_reason = ? WHERE id = ? AND status = ?').run(
      next.status,
      next.reviewedAt ?? null,
      next.rejectReason ?? null,
      next.id,
      expected,
    )
    return result.changes === 1
  }

  async putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void> {
    this.sql('INSERT INTO campaigns (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
      doc.id,
      JSON.stringify(doc),
    )
  }

  async listCampaigns(): Promise<unknown[]> {
    return (this.sql('SELECT doc FROM campaigns ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown)
  }

  async findCampaign(id: string): Promise<unknown | null> {
    const row = this.sql('SELECT doc FROM campaigns WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }

  async appendAudit(entry: AuditEntry): Promise<void> {
    this.sql('INSERT INTO audit_log (id, at, actor, action, target, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
      entry.id,
      entry.at,
      entry.actor,
      entry.action,
      entry.target,
      JSON.stringify(entry),
    )
  }

  async listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>> {
    const rows = this.sql('SELECT doc FROM audit_log ORDER BY at DESC, id DESC LIMIT ? OFFSET ?').all(limit, offset) as { doc: string }[]
    const { n } = this.sql('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }
    return { items: rows.map((r) => JSON.parse(r.doc) as AuditEntry), total: n }
  }

  async close(): Promise<void> {
    this.db.close()
  }
}
