import Database from 'better-sqlite3'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page, ProductCard } from '../../types/api'
import { adjustStock, shelveProduct } from '../../cloudfunctions/src/app/merchandising'
import { catalog } from '../../cloudfunctions/src/functions/catalog/actions'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { STORE_ADAPTERS } from '../support/adapters'
import { T0, order, smallShop } from '../support/fixtures'

const noPayments = new Proxy({}, { get: () => () => Promise.reject(new Error('a listing must not pay')) }) as never

async function cards(store: Store, data: object = { sort: 'sales' }): Promise<ProductCard[]> {
  const answer = await dispatch(catalog, { action: 'products', data }, { store, pay: noPayments, now: T0, memberId: null })
  if (!answer.ok) throw new Error(answer.code)
  return (answer.data as Page<ProductCard>).items
}
const card = async (store: Store, id: string) => (await cards(store)).find((c) => c.id === id)

describe.each(STORE_ADAPTERS)('product listings after a catalog write (%s)', (_name, open) => {
  const listed = async () => {
    const store = open()
    await smallShop(store)
    // Read once first, so a listing kept from this read would show if a write failed to replace it.
    await cards(store)
    return store
  }

  it('show a product saved with a new title and price', async () => {
    const store = await listed()
    const [p1] = await store.findProducts(['p1'])
    await store.putProduct({ ...p1, title: '明前龙井（新茶）', skus: p1.skus.map((s) => ({ ...s, price: s.price - 1000 })) })
    expect(await card(store, 'p1')).toMatchObject({ title: '明前龙井（新茶）', price: 11800 })
  })

  it('show details saved by the product editor', async () => {
    const store = await listed()
    const [p3] = await store.findProducts(['p3'])
    await store.saveProductDetails({ ...p3, subtitle: '新配方' })
    expect(await card(store, 'p3')).toMatchObject({ subtitle: '新配方' })
  })

  it('drop a product taken off the shelf, and show it again when it is back', async () => {
    const store = await listed()
    await shelveProduct(store, 'brand', { productId: 'p1', on: false }, T0)
    expect(await card(store, 'p1')).toBeUndefined()
    await shelveProduct(store, 'brand', { productId: 'p1', on: true }, T0)
    expect(await card(store, 'p1')).toBeDefined()
  })

  it('show a stock adjustment and the units an order takes', async () => {
    const store = await listed()
    await adjustStock(store, 'brand', { skuId: 'p2-s1', delta: 40, reason: '到货', requestId: 'restock-1' }, T0)
    expect((await card(store, 'p2'))?.stockState).not.toBe('soldOut')
    await store.placeOrder(order('o-last', {}, [{ skuId: 'p4-s1', price: 1990, quantity: 5 }]))
    expect((await card(store, 'p4'))?.stockState).toBe('soldOut')
  })

  it('follow merchandising: a product newly featured, moved in the shop order', async () => {
    const store = await listed()
    const [p2] = await store.findProducts(['p2'])
    await store.putProduct({ ...p2, featured: true, sort: 0 })
    expect((await cards(store, { featured: true })).map((c) => c.id)).toContain('p2')
    expect((await cards(store, { sort: 'default' }))[0].id).toBe('p2')
  })
})

describe('product listings kept by the SQLite adapter', () => {
  it('are dropped by a write from another connection (the ops tools on the same file)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-listing-'))
    const file = path.join(dir, 'shop.db')
    const store = new SqliteStore(file)
    try {
      await smallShop(store)
      expect((await card(store, 'p1'))?.title).toBe('明前龙井')
      const ops = new Database(file)
      ops.prepare("UPDATE products SET title = '明前龙井·特级' WHERE id = 'p1'").run()
      ops.close()
      expect((await card(store, 'p1'))?.title).toBe('明前龙井·特级')
    } finally {
      await store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })

  it('leave out the product detail, which a card never shows', async () => {
    const store = new SqliteStore(':memory:')
    await smallShop(store)
    const { items } = await store.listProducts({ sort: 'sales', offset: 0, limit: 10 })
    expect(items.every((p) => !('detail' in p) || (p as { detail: unknown }).detail === '')).toBe(true)
  })

  it('sort on sale products by an index, without sorting them afresh', () => {
    const store = new SqliteStore(':memory:')
    const orders = [
      'p.sales DESC, p.id ASC',
      'p.created_at DESC, p.id ASC',
      'p.sort ASC, p.created_at DESC, p.id ASC',
      'p.min_price ASC, p.id ASC',
    ]
    const filters = ["p.status = 'on'", "p.status = 'on' AND p.featured = 1"]
    for (const by of orders) {
      for (const where of filters.slice(0, by.startsWith('p.sort') ? 2 : 1)) {
        const plan = store.db.prepare(`EXPLAIN QUERY PLAN SELECT p.id FROM products p WHERE ${where} ORDER BY ${by} LIMIT 10`).all() as {
          detail: string
        }[]
        const text = plan.map((step) => step.detail).join('; ')
        expect(text, by).toMatch(/USING (COVERING )?INDEX/)
        expect(text, by).not.toMatch(/TEMP B-TREE/)
      }
    }
    const bySalesInCategory = store.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT p.id FROM products p WHERE p.status = 'on' AND p.category_id = ? ORDER BY p.sales DESC, p.id ASC LIMIT 10",
      )
      .all('c-tea') as { detail: string }[]
    expect(bySalesInCategory.map((step) => step.detail).join('; ')).not.toMatch(/TEMP B-TREE/)
  })
})
