import type { ProductSort } from '../../../../types/api'
import type { Category, ChannelDay, Member, Post, Product, Sku } from '../../../../types/domain'
import { lowestPrice } from '../../core/catalog'
import type { ProductQuery, Slice, Store, StoredTouch } from '../port'
import { type CloudDatabase, type DocData, MAX_GET, type Query, isDuplicateKey } from './database'

const PRODUCT_ORDER: Record<ProductSort, [string, 'asc' | 'desc'][]> = {
  default: [['sort', 'asc'], ['createdAt', 'desc'], ['_id', 'asc']],
  sales: [['sales', 'desc'], ['_id', 'asc']],
  newest: [['createdAt', 'desc'], ['_id', 'asc']],
  priceAsc: [['minPrice', 'asc'], ['_id', 'asc']],
  priceDesc: [['minPrice', 'desc'], ['_id', 'asc']],
}

/** Collections this adapter keeps (README lists them with their indexes). */
export const COLLECTIONS = ['categories', 'products', 'skus', 'posts', 'members', 'touchpoints', 'channel_days'] as const

function withoutId<T extends { id: string }>(value: T): Omit<T, 'id'> {
  const { id: _id, ...rest } = value
  return rest
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
    const docs = await getAll(this.db.collection('skus').where({ productId: this.db.command.in(productIds) }).orderBy('position', 'asc'))
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
    await this.db.collection('categories').doc(c.id).set({ data: withoutId(c) })
  }

  async putProduct(p: Product): Promise<void> {
    const { skus, ...product } = p
    await this.db.runTransaction(async (tx) => {
      for (const sku of skus) {
        const existing = await tx
          .collection('skus')
          .doc(sku.id)
          .get()
          .then((r) => r.data, () => null)
        if (existing && existing.productId !== p.id) throw new Error(`SKU ${sku.id} belongs to another product`)
      }
      await tx.collection('products').doc(p.id).set({ data: { ...withoutId(product), minPrice: lowestPrice(skus) } })
      for (const [position, sku] of skus.entries()) {
        await tx.collection('skus').doc(sku.id).set({ data: { ...withoutId(sku), productId: p.id, position } })
      }
    })
  }

  async putPost(post: Post): Promise<void> {
    await this.db.collection('posts').doc(post.id).set({ data: withoutId(post) })
  }

  async putMember(m: Member): Promise<void> {
    await this.db.collection('members').doc(m.id).set({ data: withoutId(m) })
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

  async listFeed(offset: number, limit: number): Promise<Slice<Post>> {
    const approved = { status: 'approved' }
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

  async registerMember(m: Member): Promise<Member> {
    try {
      await this.db.collection('members').add({ data: { _id: m.id, ...withoutId(m) } })
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

  async countVisitsByChannel(from: number, to: number): Promise<{ channel: string; visits: number; visitors: number }[]> {
    const _ = this.db.command
    const docs = await getAll(this.db.collection('touchpoints').where({ at: _.gte(from).and(_.lt(to)) }).orderBy('_id', 'asc'))
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
      await this.db.collection('channel_days').doc(`${day}|${row.channel}`).set({ data: { ...row, day } })
    }
    const stale = (await getAll(this.db.collection('channel_days').where({ day }))).filter((d) => !keep.has(d._id))
    for (const doc of stale) await this.db.collection('channel_days').doc(doc._id).remove()
  }

  async listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db.collection('channel_days').where({ day: _.gte(fromDay).and(_.lte(toDay)) }).orderBy('day', 'asc').orderBy('channel', 'asc'),
    )
    return docs.map(({ day, channel, visits, visitors }) => ({ day, channel, visits, visitors }))
  }

  async close(): Promise<void> {}
}
