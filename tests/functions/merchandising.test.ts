import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntryView, FunctionName, OrderView, Page, QuoteView, StockAdjustmentResult } from '../../types/api'
import type { Product } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`merchandising over ${adapter}`, () => {
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
    const stockOf = async (skuId: string) => (await store.findSkus([skuId]))[0].stock
    const adjust = (skuId: string, delta: number, requestId: string, reason = '盘点入库') =>
      call('catalog', 'adjustStock', { skuId, delta, reason, requestId })

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234', nickname: '商品小周' }))
    })

    it('lists every product, on the shelf or not, by a piece of the title, category and shelf state', async () => {
      await store.setProductStatus('p2', 'off')
      const titles = async (req: Record<string, unknown>) =>
        (await ok<Page<Product>>(call('catalog', 'staffProducts', req))).items.map((p) => `${p.id}:${p.status}`)
      expect((await titles({})).sort()).toEqual(['p1:on', 'p2:off', 'p3:on', 'p4:on', 'p5:off'])
      expect((await titles({ status: 'off' })).sort()).toEqual(['p2:off', 'p5:off'])
      expect(await titles({ text: '乌龙' })).toEqual(['p2:off'])
      expect((await titles({ categoryId: 'c-snack' })).sort()).toEqual(['p3:on', 'p4:on'])
      expect(await titles({ text: '%' })).toEqual([])
      const [longjing] = (await ok<Page<Product>>(call('catalog', 'staffProducts', { text: '龙井' }))).items
      expect(longjing.skus.map((s) => s.stock)).toEqual([20, 3])
    })

    it('takes a product off the shelf and back, at once for consumers, audited, leaving stock to the orders', async () => {
      const items = [{ skuId: 'p1-s1', quantity: 2 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'merch-order-01', items, address, expectedPayable: q.payable }, 'v1'),
      )
      expect(await ok<Product>(call('catalog', 'shelve', { productId: 'p1', on: false }))).toMatchObject({ status: 'off' })
      expect(await call('catalog', 'product', { id: 'p1' }, 'v1')).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' })
      expect(await stockOf('p1-s1')).toBe(18)
      await ok(call('catalog', 'shelve', { productId: 'p1', on: false }))
      await ok(call('catalog', 'shelve', { productId: 'p1', on: true }))
      expect(await call('catalog', 'product', { id: 'p1' }, 'v1')).toMatchObject({ ok: true })
      const log = await ok<Page<AuditEntryView>>(call('campaign', 'audit', { kind: 'catalog' }, 'brand'))
      expect(log.items.map((e) => [e.action, e.targetName, e.actorName])).toEqual([
        ['product:shelve', '明前龙井', '商品小周'],
        ['product:unshelve', '明前龙井', '商品小周'],
      ])
      expect(await call('catalog', 'shelve', { productId: 'nope', on: true })).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' })
    })

    it('adjusts stock with a reason, once per request id, audited', async () => {
      const first = await ok<StockAdjustmentResult>(adjust('p4-s1', 10, 'merch-stock-0001'))
      expect(first).toMatchObject({
        sku: { id: 'p4-s1', stock: 15 },
        adjustment: { delta: 10, reason: '盘点入库', actor: 'merch' },
        repeated: false,
      })
      const again = await ok<StockAdjustmentResult>(adjust('p4-s1', 10, 'merch-stock-0001'))
      expect(again).toMatchObject({ sku: { stock: 15 }, repeated: true })
      await ok(adjust('p4-s1', -4, 'merch-stock-0002', '破损报废'))
      expect(await stockOf('p4-s1')).toBe(11)
      const log = await ok<Page<AuditEntryView>>(call('campaign', 'audit', { kind: 'catalog' }, 'brand'))
      expect(log.items.map((e) => [e.targetName, (e.after as { delta: number }).delta])).toEqual([
        ['红茶曲奇（规格1）', -4],
        ['红茶曲奇（规格1）', 10],
      ])
    })

    it('never takes stock below zero: what placed orders hold stays theirs', async () => {
      const items = [{ skuId: 'p4-s1', quantity: 3 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      await ok(call('order', 'create', { requestId: 'merch-order-02', items, address, expectedPayable: q.payable }, 'v1'))
      expect(await stockOf('p4-s1')).toBe(2)
      expect(await adjust('p4-s1', -3, 'merch-stock-0003')).toMatchObject({ ok: false, code: 'STOCK_HELD' })
      expect(await stockOf('p4-s1')).toBe(2)
      expect(await store.findStockAdjustment('stock:p4-s1:merch-stock-0003')).toBeNull()
    })

    it('lets five staff take the last three units at once: three land, stock ends at zero', async () => {
      await ok(adjust('p4-s1', -2, 'merch-stock-0004'))
      const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => adjust('p4-s1', -1, `merch-race-000${i}`)))
      expect(answers.filter((a) => a.ok)).toHaveLength(3)
      expect(answers.filter((a) => !a.ok).map((a) => (a as { code: string }).code)).toEqual(['STOCK_HELD', 'STOCK_HELD'])
      expect(await stockOf('p4-s1')).toBe(0)
    })

    it('refuses bad adjustments and other roles, changing nothing', async () => {
      for (const data of [
        { skuId: 'p4-s1', delta: 0, reason: '零', requestId: 'merch-bad-0001' },
        { skuId: 'p4-s1', delta: 1.5, reason: '小数', requestId: 'merch-bad-0002' },
        { skuId: 'p4-s1', delta: 1, reason: '', requestId: 'merch-bad-0003' },
        { skuId: 'p4-s1', delta: 100_001, reason: '太多', requestId: 'merch-bad-0004' },
        { skuId: 'p4-s1', delta: 1, reason: '缺请求号' },
      ]) {
        expect(await call('catalog', 'adjustStock', data), JSON.stringify(data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      expect(await adjust('nope-s1', 1, 'merch-bad-0005')).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' })
      expect(
        await call('catalog', 'adjustStock', { skuId: 'p4-s1', delta: 1, reason: '客服想改', requestId: 'merch-bad-0006' }, 'v1'),
      ).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
      expect(await stockOf('p4-s1')).toBe(5)
    })
  })
}
