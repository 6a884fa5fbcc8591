import type { Category, GroupBuyCampaign, Member, Order, OrderLine, Post, Product, Sku, Tier } from '../../types/domain'
import type { Store } from '../../cloudfunctions/src/store/port'
import { saveMember } from '../../cloudfunctions/src/app/members'

export const T0 = Date.parse('2026-11-20T04:00:00Z')

/** A clock that moves only when told to, so tests can stand exactly on a deadline. */
export class SteppedClock {
  constructor(private instant: number) {}
  now(): number {
    return this.instant
  }
  advance(ms: number): number {
    this.instant += ms
    return this.instant
  }
}

export const category = (id: string, sort: number, name = `分类${id}`): Category => ({
  id,
  name,
  icon: `/media/categories/${id}.png`,
  sort,
})

export function sku(productId: string, n: number, price: number, stock: number, specs: Record<string, string> = { 规格: `规格${n}` }): Sku {
  return { id: `${productId}-s${n}`, productId, specs, price, stock }
}

export function product(id: string, overrides: Partial<Product> = {}): Product {
  return {
    id,
    categoryId: 'c-tea',
    title: `商品${id}`,
    subtitle: '副标题',
    images: [`/media/products/${id}-1.jpg`],
    detail: '详情',
    tags: [],
    sales: 0,
    status: 'on',
    featured: false,
    commissionBps: null,
    sort: 0,
    createdAt: T0,
    skus: [sku(id, 1, 1000, 10)],
    ...overrides,
  }
}

export function member(id: string, tier: Tier = 1, overrides: Partial<Member> = {}): Member {
  return {
    id,
    nickname: `会员${id}`,
    avatar: `/media/avatars/${id}.jpg`,
    tier,
    roles: ['consumer'],
    shareCode: `CODE${id
      .toUpperCase()
      .replace(/[^A-Z2-9]/g, '')
      .padEnd(4, 'X')}`.slice(0, 12),
    createdAt: T0,
    ...overrides,
  }
}

export function post(id: string, overrides: Partial<Post> = {}): Post {
  return {
    id,
    authorId: 'brand',
    title: `帖子${id}`,
    body: '一段种草文字。',
    cover: `/media/posts/${id}.jpg`,
    images: [],
    productIds: [],
    kind: 'pgc',
    status: 'approved',
    createdAt: T0,
    ...overrides,
  }
}

/** A small shop: two categories, five products (one off the shelf), a brand account and two members, three posts (one liked twice). */
export async function smallShop(store: Store): Promise<void> {
  await store.putCategory(category('c-tea', 1, '茗茶'))
  await store.putCategory(category('c-snack', 2, '茶点'))
  await saveMember(store, member('brand', 1, { roles: ['operator', 'owner'], shareCode: 'BRAND234' }))
  await saveMember(store, member('v1', 1, { shareCode: 'VONE2345' }))
  await saveMember(store, member('v4', 4, { shareCode: 'VFOUR234' }))
  await store.putProduct(
    product('p1', {
      title: '明前龙井',
      sort: 1,
      sales: 50,
      featured: true,
      createdAt: T0 - 3000,
      skus: [sku('p1', 1, 12800, 20, { 规格: '50g' }), sku('p1', 2, 23800, 3, { 规格: '100g' })],
    }),
  )
  await store.putProduct(product('p2', { title: '桂花乌龙', sort: 2, sales: 120, createdAt: T0 - 1000, skus: [sku('p2', 1, 6800, 0)] }))
  await store.putProduct(
    product('p3', {
      title: '抹茶酥',
      categoryId: 'c-snack',
      sort: 3,
      sales: 80,
      featured: true,
      createdAt: T0 - 2000,
      skus: [sku('p3', 1, 2990, 100)],
    }),
  )
  await store.putProduct(
    product('p4', { title: '红茶曲奇', categoryId: 'c-snack', sort: 4, sales: 10, createdAt: T0, skus: [sku('p4', 1, 1990, 5)] }),
  )
  await store.putProduct(product('p5', { title: '已下架茶饼', status: 'off', sort: 5, skus: [sku('p5', 1, 50000, 9)] }))
  await store.putPost(post('post1', { productIds: ['p1', 'p5'], createdAt: T0 - 100 }))
  await store.putPost(post('post2', { authorId: 'v4', kind: 'ugc', productIds: ['p3'], createdAt: T0 - 50 }))
  await store.putPost(post('post3', { status: 'pending', createdAt: T0 }))
  // Two members found the brand's post useful.
  for (const memberId of ['brand', 'v4']) await store.addReaction('like', { postId: 'post1', memberId, at: T0 - 90 })
}

/** An unpaid order of one unit of each SKU given (p1-s1 ¥128, p3-s1 ¥29.9 by default). */
export function order(
  id: string,
  overrides: Partial<Order> = {},
  skus: { skuId: string; price: number; quantity: number }[] = [
    { skuId: 'p1-s1', price: 12800, quantity: 1 },
    { skuId: 'p3-s1', price: 2990, quantity: 1 },
  ],
): Order {
  const lines: OrderLine[] = skus.map((s, i) => ({
    id: `${id}-${i + 1}`,
    lineNo: i + 1,
    productId: s.skuId.split('-')[0],
    skuId: s.skuId,
    title: s.skuId,
    specs: {},
    image: '',
    unitPrice: s.price,
    memberUnitPrice: s.price,
    quantity: s.quantity,
    goodsAmount: s.price * s.quantity,
    memberDiscount: 0,
    couponDeduction: 0,
    pointsDeduction: 0,
    paidAmount: s.price * s.quantity,
    refundedAmount: 0,
    status: 'normal',
    distributorId: null,
  }))
  const goods = lines.reduce((a, l) => a + l.goodsAmount, 0)
  return {
    id,
    memberId: 'v1',
    status: 'created',
    lines,
    goodsAmount: goods,
    memberDiscount: 0,
    couponId: null,
    couponDiscount: 0,
    pointsUsed: 0,
    pointsDeduction: 0,
    shipping: 0,
    payable: goods,
    refundedAmount: 0,
    address: { name: '张三', phone: '13800000000', region: '浙江省 杭州市 西湖区', detail: '龙井路 1 号' },
    remark: '',
    createdAt: T0,
    payDeadline: T0 + 15 * 60_000,
    paidAt: null,
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    closedAt: null,
    cancelReason: null,
    transactionId: null,
    shipment: null,
    ...overrides,
  }
}

/** A live group-buy campaign document: teams of 2 for p1-s1 at ¥99. */
export function groupBuyDoc(overrides: Partial<GroupBuyCampaign> = {}): GroupBuyCampaign & Record<string, unknown> {
  return {
    id: 'gb1',
    title: '龙井两人团',
    productId: 'p1',
    skus: [{ skuId: 'p1-s1', teamPrice: 9_900 }],
    teamSize: 2,
    timeLimitMs: 24 * 3_600_000,
    stock: 10,
    perMemberLimit: 2,
    startAt: T0 - 3_600_000,
    endAt: T0 + 30 * 24 * 3_600_000,
    enabled: true,
    sort: 0,
    ...overrides,
  }
}

/** A seeded random source (mulberry32): the same seed gives the same sequence, so a failing run replays. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
