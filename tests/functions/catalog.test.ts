import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { FeedPage, FeedPost, Page, ProductCard, ProductDetail } from '../../types/api'
import { catalog } from '../../cloudfunctions/src/functions/catalog/actions'
import { member as memberFn } from '../../cloudfunctions/src/functions/member/actions'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { T0, smallShop } from '../support/fixtures'

let store: SqliteStore
// Catalog and member actions never pay: any attempt fails the test.
const noPayments = {
  prepay: () => Promise.reject(new Error('catalog must not pay')),
  refund: () => Promise.reject(new Error('catalog must not refund')),
  uploadShipping: () => Promise.reject(new Error('catalog must not ship')),
  transfer: () => Promise.reject(new Error('catalog must not transfer')),
  shareQr: () => Promise.reject(new Error('catalog must not make codes')),
  sendMessage: () => Promise.reject(new Error('catalog must not send messages')),
  readImage: () => Promise.reject(new Error('catalog must not read uploads')),
  checkText: () => Promise.reject(new Error('catalog must not check text')),
  checkImage: () => Promise.reject(new Error('catalog must not check images')),
}
const call = (action: string, data?: unknown, memberId: string | null = null) =>
  dispatch(catalog, { action, data }, { store, pay: noPayments, now: T0, memberId })
async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
  const result = await promise
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
  return result.data as T
}
const snapshot = () =>
  ['products', 'skus', 'members', 'posts', 'touchpoints', 'channel_days'].map((t) =>
    store.db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all(),
  )

beforeEach(async () => {
  store = new SqliteStore(':memory:')
  await smallShop(store)
})

describe('catalog.categories', () => {
  it('lists the categories in shop order', async () => {
    const categories = await ok<{ id: string; name: string }[]>(call('categories'))
    expect(categories.map((c) => c.name)).toEqual(['茗茶', '茶点'])
  })
})

describe('catalog.products', () => {
  it('pages through products on sale with totals', async () => {
    const first = await ok<Page<ProductCard>>(call('products', { pageSize: 3 }))
    expect(first.items.map((p) => p.id)).toEqual(['p1', 'p2', 'p3'])
    expect(first).toMatchObject({ page: 1, pageSize: 3, total: 4, hasMore: true })
    const second = await ok<Page<ProductCard>>(call('products', { pageSize: 3, page: 2 }))
    expect(second.items.map((p) => p.id)).toEqual(['p4'])
    expect(second.hasMore).toBe(false)
  })

  it('filters by category and featured, and sorts', async () => {
    expect((await ok<Page<ProductCard>>(call('products', { categoryId: 'c-snack' }))).items.map((p) => p.id)).toEqual(['p3', 'p4'])
    expect((await ok<Page<ProductCard>>(call('products', { featured: true }))).items.map((p) => p.id)).toEqual(['p1', 'p3'])
    expect((await ok<Page<ProductCard>>(call('products', { sort: 'priceAsc' }))).items.map((p) => p.price)).toEqual([
      1990, 2990, 6800, 12800,
    ])
  })

  it('shows the member price to a V4 member and none to a visitor', async () => {
    const visitor = await ok<Page<ProductCard>>(call('products', { featured: true }))
    const v4 = await ok<Page<ProductCard>>(call('products', { featured: true }, 'v4'))
    expect(visitor.items[0]).toMatchObject({ id: 'p1', price: 12800, memberPrice: null })
    expect(v4.items[0]).toMatchObject({ id: 'p1', price: 12800, memberPrice: 11776 })
  })

  it('shows stock states', async () => {
    const cards = (await ok<Page<ProductCard>>(call('products', {}))).items
    expect(Object.fromEntries(cards.map((c) => [c.id, c.stockState]))).toEqual({ p1: 'inStock', p2: 'soldOut', p3: 'inStock', p4: 'low' })
  })

  it('answers an unknown category with CATEGORY_NOT_FOUND', async () => {
    expect(await call('products', { categoryId: 'c-none' })).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' })
  })

  it.each([
    [{ page: 0 }],
    [{ page: -1 }],
    [{ page: 1.5 }],
    [{ page: '2' }],
    [{ pageSize: 51 }],
    [{ pageSize: 1e308 }],
    [{ sort: 'cheapest' }],
    [{ featured: 'yes' }],
    [{ categoryId: '' }],
    [{ categoryId: "c'; DROP TABLE products; --" }],
    [{ categoryId: 'x'.repeat(65) }],
    [{ extra: 1 }],
    [JSON.parse('{"__proto__": {"polluted": true}}')],
  ])('rejects %j with INVALID_PAYLOAD and changes nothing', async (data) => {
    const before = snapshot()
    const result = await call('products', data)
    expect(result).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(result.ok ? '' : result.message).toMatch(/请求参数不正确/)
    expect(snapshot()).toEqual(before)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })
})

describe('catalog.product', () => {
  it('answers the detail with SKUs, spec options and the caller’s member prices', async () => {
    const detail = await ok<ProductDetail>(call('product', { id: 'p1' }, 'v4'))
    expect(detail).toMatchObject({ id: 'p1', title: '明前龙井', price: 12800, memberPrice: 11776, viewerTier: 4 })
    expect(detail.specOptions).toEqual([{ name: '规格', values: ['50g', '100g'] }])
    expect(detail.skus.map((s) => [s.id, s.price, s.memberPrice, s.stock, s.stockState])).toEqual([
      ['p1-s1', 12800, 11776, 20, 'inStock'],
      ['p1-s2', 23800, 21896, 3, 'low'],
    ])
    expect((await ok<ProductDetail>(call('product', { id: 'p1' }))).viewerTier).toBeNull()
  })

  it('tells a visitor and a member below the top which tier pays less, from the tier settings', async () => {
    expect((await ok<ProductDetail>(call('product', { id: 'p1' }))).memberOffer).toEqual({ tier: 2, memberPricePct: 98 })
    expect((await ok<ProductDetail>(call('product', { id: 'p1' }, 'v1'))).memberOffer).toEqual({ tier: 2, memberPricePct: 98 })
    expect((await ok<ProductDetail>(call('product', { id: 'p1' }, 'v4'))).memberOffer).toEqual({ tier: 5, memberPricePct: 88 })
  })

  it('answers an unknown or delisted product with PRODUCT_NOT_FOUND', async () => {
    expect(await call('product', { id: 'nope' })).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' })
    expect(await call('product', { id: 'p5' })).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架' })
  })

  it.each([[{}], [{ id: 1 }], [{ id: null }], [{ id: 'p1', tier: 5 }]])('rejects %j', async (data) => {
    expect(await call('product', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })

  it('answers an id of the wrong form as a product that does not exist', async () => {
    expect(await call('product', { id: '../p1' })).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND', message: '商品不存在或已下架' })
  })
})

describe('catalog.feed', () => {
  it('shows approved posts newest first with author and linked products on sale', async () => {
    const feed = await ok<Page<FeedPost>>(call('feed', {}))
    expect(feed.items.map((p) => p.id)).toEqual(['post2', 'post1'])
    expect(feed).toMatchObject({ hasMore: false, cursor: null })
    const [ugc, pgc] = feed.items
    expect(ugc).toMatchObject({ kind: 'ugc', author: { nickname: '会员v4' } })
    expect(ugc.products.map((p) => p.id)).toEqual(['p3'])
    // p5 is off the shelf: the post still shows, without it.
    expect(pgc.products.map((p) => p.id)).toEqual(['p1'])
    expect(pgc).toMatchObject({ likes: 2, favourites: 0, liked: false, favourited: false, excerpt: '一段种草文字。' })
  })

  it('pages from the cursor the page before gave', async () => {
    const first = await ok<FeedPage>(call('feed', { pageSize: 1 }))
    expect(first).toMatchObject({ hasMore: true })
    expect(first.cursor).toMatch(/^r/)
    const page = await ok<FeedPage>(call('feed', { page: 2, pageSize: 1, cursor: first.cursor! }))
    expect(page.items.map((p) => p.id)).toEqual(['post1'])
    expect(page).toMatchObject({ page: 2, hasMore: false, cursor: null })
  })

  it('rejects bad paging: a later page without a cursor, a cursor it never gave', async () => {
    expect(await call('feed', { pageSize: 0 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(await call('feed', { page: 2, pageSize: 1 })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
      message: expect.stringContaining('cursor'),
    })
    for (const cursor of ['', 'x1~post1', 'r1~../etc', 'rNaN~post1', `r1~${'a'.repeat(65)}`, 'n1e999~post1']) {
      expect(await call('feed', { cursor }), cursor).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    }
  })
})

describe('catalog.post', () => {
  it('answers an approved post with its full text and linked products', async () => {
    const post = await ok<{ id: string; body: string; products: { id: string }[] }>(call('post', { id: 'post1' }))
    expect(post).toMatchObject({ id: 'post1', body: '一段种草文字。' })
    expect(post.products.map((p) => p.id)).toEqual(['p1'])
  })

  it('hides pending and unknown posts, and rejects a bad id', async () => {
    expect(await call('post', { id: 'post3' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call('post', { id: 'nope' })).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await call('post', { id: 3 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
  })
})

describe('catalog.touch', () => {
  const entry = { entryId: 'entry-0001', path: 'packages/product/detail/index' }

  it('records an entry once, whatever the number of retries', async () => {
    expect(await ok(call('touch', { ...entry, scene: 1007, shareCode: 'VFOUR234', productId: 'p1' }, 'v1'))).toEqual({ recorded: true })
    expect(await ok(call('touch', { ...entry, scene: 1007, shareCode: 'VFOUR234', productId: 'p1' }, 'v1'))).toEqual({ recorded: false })
    const rows = store.db.prepare('SELECT member_id, scene, share_code, product_id, channel, at FROM touchpoints').all()
    expect(rows).toEqual([{ member_id: 'v1', scene: 1007, share_code: 'VFOUR234', product_id: 'p1', channel: 'share:VFOUR234', at: T0 }])
  })

  it('takes the visitor from the identity, never from the payload', async () => {
    expect(await call('touch', { ...entry, memberId: 'v4' }, 'v1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    await ok(call('touch', entry))
    expect(store.db.prepare('SELECT member_id FROM touchpoints').all()).toEqual([{ member_id: null }])
  })

  it('drops a forged share code, a member’s own code and an unapproved post, and still counts the visit', async () => {
    await ok(call('touch', { ...entry, entryId: 'entry-forged', shareCode: 'ZZZZ2345' }, 'v1'))
    await ok(call('touch', { ...entry, entryId: 'entry-selfref', shareCode: 'VONE2345' }, 'v1'))
    await ok(call('touch', { ...entry, entryId: 'entry-pending', postId: 'post3' }, 'v1'))
    await ok(call('touch', { ...entry, entryId: 'entry-post', postId: 'post1' }, 'v1'))
    const rows = store.db.prepare('SELECT id, share_code, post_id, channel FROM touchpoints ORDER BY id').all()
    expect(rows).toEqual([
      { id: 'touch:v1:entry-forged', share_code: null, post_id: null, channel: 'direct' },
      { id: 'touch:v1:entry-pending', share_code: null, post_id: null, channel: 'direct' },
      { id: 'touch:v1:entry-post', share_code: null, post_id: 'post1', channel: 'post:post1' },
      { id: 'touch:v1:entry-selfref', share_code: null, post_id: null, channel: 'direct' },
    ])
  })

  it.each([
    [{ path: 'x' }],
    [{ entryId: 'short', path: 'x' }],
    [{ entryId: 'entry-0002' }],
    [{ entryId: 'entry-0002', path: 'x', scene: -1 }],
    [{ entryId: 'entry-0002', path: 'x', scene: 1e9 }],
    [{ entryId: 'entry-0002', path: 'x', shareCode: 'lower234' }],
    [{ entryId: 'entry-0002', path: '页面' }],
    [{ entryId: 'entry-0002', path: 'p'.repeat(300) }],
  ])('rejects %j and records nothing', async (data) => {
    expect(await call('touch', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM touchpoints').get()).toEqual({ n: 0 })
  })
})

describe('function dispatch', () => {
  it('answers an unknown action with UNKNOWN_ACTION, and an event without one with INVALID_PAYLOAD', async () => {
    expect(await call('delete')).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    expect(await call('__proto__')).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    expect(await dispatch(catalog, { data: {} }, { store, pay: noPayments, now: T0, memberId: null })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await dispatch(catalog, 'products', { store, pay: noPayments, now: T0, memberId: null })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
    expect(await dispatch(catalog, { action: 'products', data: [1] }, { store, pay: noPayments, now: T0, memberId: null })).toMatchObject({
      ok: false,
      code: 'INVALID_PAYLOAD',
    })
  })

  it('registers a first-time caller as a V1 consumer with a share code', async () => {
    const result = await dispatch(memberFn, { action: 'profile' }, { store, pay: noPayments, now: T0, memberId: 'oOPENID-new' })
    expect(result).toMatchObject({ ok: true, data: { id: 'oOPENID-new', tier: 1, roles: ['consumer'], nickname: '微信用户' } })
    expect(result.ok && (result.data as { shareCode: string }).shareCode).toMatch(/^[A-Z2-9]{8}$/)
    expect(await dispatch(memberFn, { action: 'profile' }, { store, pay: noPayments, now: T0 + 1, memberId: 'oOPENID-new' })).toEqual(
      result,
    )
  })

  it('refuses member actions to a signed-out caller', async () => {
    expect(await dispatch(memberFn, { action: 'profile' }, { store, pay: noPayments, now: T0, memberId: null })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    })
  })

  it('hides a failure inside the store behind INTERNAL, without details, and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {})
    await store.close()
    const result = await call('categories')
    expect(result).toEqual({ ok: false, code: 'INTERNAL', message: '服务暂时不可用，请稍后再试' })
    expect(log).toHaveBeenCalledWith('[catalog]', expect.any(TypeError))
    log.mockRestore()
  })
})
