import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, OrderView, ProductInput, QuoteView } from '../../types/api'
import type { Category, Product } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { UPLOADED_JPEG, uploadsFolder } from '../support/uploads'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const uploads = uploadsFolder()

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const draft: ProductInput = {
  requestId: 'editor-create-0001',
  categoryId: 'c-tea',
  title: '新品白茶',
  subtitle: '福鼎白牡丹',
  detail: '二〇二六年春茶。',
  images: [UPLOADED_JPEG],
  tags: ['新品'],
  featured: false,
  memberPrices: true,
  commissionBps: 1_000,
  limits: null,
  skus: [
    { specs: { 规格: '50g' }, price: 8_800, initialStock: 10 },
    { specs: { 规格: '100g' }, price: 15_800, initialStock: 5 },
  ],
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the product editor over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'merch') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const save = (input: unknown) => call('catalog', 'saveProduct', input)

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock, uploads())
      await smallShop(store)
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
    })

    it('creates a product with its SKUs off the shelf, once per request, for consumers only once it is put on', async () => {
      const created = await ok<Product>(save(draft))
      expect(created).toMatchObject({ title: '新品白茶', status: 'off', sales: 0, commissionBps: 1_000 })
      expect(created.skus.map((s) => [s.id, s.specs.规格, s.price, s.stock])).toEqual([
        [`${created.id}-s1`, '50g', 8_800, 10],
        [`${created.id}-s2`, '100g', 15_800, 5],
      ])
      expect((await ok<Product>(save(draft))).id).toBe(created.id)
      expect(await call('catalog', 'product', { id: created.id }, 'v1')).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' })
      await ok(call('catalog', 'shelve', { productId: created.id, on: true }))
      expect(await call('catalog', 'product', { id: created.id }, 'v1')).toMatchObject({ ok: true })
      expect((await store.searchAudit({ actions: ['product:create'], offset: 0, limit: 5 })).total).toBe(1)
    })

    it('edits names, prices and SKUs without ever writing the stock orders move', async () => {
      const created = await ok<Product>(save(draft))
      await ok(call('catalog', 'shelve', { productId: created.id, on: true }))
      const items = [{ skuId: `${created.id}-s1`, quantity: 3 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'editor-order-01', items, address, expectedPayable: q.payable }, 'v1'),
      )
      const [s1, s2] = created.skus
      const edited = await ok<Product>(
        save({
          ...draft,
          id: created.id,
          title: '新品白茶 二〇二六',
          skus: [
            { id: s1.id, specs: { 规格: '50g 罐装' }, price: 9_800, initialStock: 999 },
            { id: s2.id, specs: s2.specs, price: s2.price },
            { specs: { 规格: '250g' }, price: 36_800, initialStock: 2 },
          ],
        }),
      )
      expect(edited).toMatchObject({ title: '新品白茶 二〇二六', status: 'on' })
      expect(edited.skus.map((s) => [s.specs.规格, s.price, s.stock])).toEqual([
        ['50g 罐装', 9_800, 7],
        ['100g', 15_800, 5],
        ['250g', 36_800, 2],
      ])
      expect((await store.searchAudit({ actions: ['product:update'], offset: 0, limit: 5 })).total).toBe(1)
    })

    it('sells a product without member prices at list price to every tier, and holds its limits', async () => {
      const created = await ok<Product>(
        save({ ...draft, memberPrices: false, limits: { perOrder: 1, perMember: null, newMembersOnly: false } }),
      )
      await ok(call('catalog', 'shelve', { productId: created.id, on: true }))
      const items = [{ skuId: `${created.id}-s1`, quantity: 1 }]
      expect((await ok<QuoteView>(call('order', 'quote', { items }, 'v4'))).lines[0].memberUnitPrice).toBe(8_800)
      expect(await call('order', 'quote', { items: [{ skuId: items[0].skuId, quantity: 2 }] }, 'v4')).toMatchObject({
        code: 'LIMIT_REACHED',
      })
    })

    it('refuses what a product cannot be, and changes nothing', async () => {
      const created = await ok<Product>(save(draft))
      const before = await store.findProduct(created.id)
      for (const [input, code] of [
        [{ ...draft, id: created.id, skus: [draft.skus[0]].map((s) => ({ ...s, id: created.skus[0].id })) }, 'INVALID_PAYLOAD'],
        [{ ...draft, id: created.id, skus: [{ ...draft.skus[0] }, { ...draft.skus[0] }] }, 'INVALID_PAYLOAD'],
        [{ ...draft, id: created.id, commissionBps: 3_001 }, 'INVALID_PAYLOAD'],
        [{ ...draft, id: created.id, images: [] }, 'INVALID_PAYLOAD'],
        [{ ...draft, id: created.id, images: ['http://elsewhere.example/a.jpg'] }, 'INVALID_PAYLOAD'],
        [{ ...draft, id: created.id, categoryId: 'c-none' }, 'CATEGORY_NOT_FOUND'],
        [{ ...draft, id: 'p-none' }, 'PRODUCT_NOT_FOUND'],
        [{ ...draft, id: created.id, skus: [{ id: 'p1-s1', specs: { 规格: '偷来的' }, price: 1 }] }, 'INVALID_PAYLOAD'],
      ] as const) {
        expect(await save(input), JSON.stringify(input).slice(0, 80)).toMatchObject({ ok: false, code })
      }
      expect(await store.findProduct(created.id)).toEqual(before)
      expect(await call('catalog', 'saveProduct', { ...draft, requestId: 'editor-create-0002' }, 'v1')).toMatchObject({ code: 'FORBIDDEN' })
    })

    it('creates, renames and reorders categories, refusing a name taken', async () => {
      const after = await ok<Category[]>(call('catalog', 'saveCategory', { name: '茶器', sort: 3 }))
      const ware = after.find((c) => c.name === '茶器')!
      expect(after.map((c) => c.name)).toEqual(['茗茶', '茶点', '茶器'])
      const moved = await ok<Category[]>(call('catalog', 'saveCategory', { id: ware.id, name: '茶器', sort: 0 }))
      expect(moved.map((c) => c.name)).toEqual(['茶器', '茗茶', '茶点'])
      expect(await call('catalog', 'saveCategory', { name: '茗茶', sort: 9 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await call('catalog', 'saveCategory', { id: 'c-none', name: '无', sort: 1 })).toMatchObject({
        ok: false,
        code: 'CATEGORY_NOT_FOUND',
      })
      expect((await ok<Category[]>(call('catalog', 'categories', {}, null))).map((c) => c.name)).toEqual(['茶器', '茗茶', '茶点'])
    })
  })
}
