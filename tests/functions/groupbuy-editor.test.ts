import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, GroupBuyAdminView, GroupBuyCard, Page } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, groupBuyDoc, member, smallShop } from '../support/fixtures'
import { ok } from '../support/calls'

const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const teaSnackDuo = () => ({
  ...groupBuyDoc({ id: 'gb-snack', title: '抹茶酥三人团', productId: 'p3', teamSize: 3 }),
  skus: [{ skuId: 'p3-s1', teamPrice: 1_990 }],
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`group-buy documents edited by staff over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const save = (doc: unknown, memberId = 'merch') => call('campaign', 'saveGroupBuy', { doc }, memberId)

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
      await saveMember(store, member('care', 1, { roles: ['operator', 'service'], shareCode: 'CARE2345' }))
    })

    it('creates a group-buy that shoppers see at once, names what was clamped, and audits each save', async () => {
      const saved = await ok<GroupBuyAdminView>(save({ ...teaSnackDuo(), teamSize: 40 }))
      expect(saved).toMatchObject({
        id: 'gb-snack',
        title: '抹茶酥三人团',
        live: true,
        problems: ['拼团 gb-snack：teamSize = 40 超出范围，已按 10 执行'],
      })
      expect(saved.doc).toMatchObject({ id: 'gb-snack', teamSize: 40 })
      const list = await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))
      expect(list.items.map((c) => [c.id, c.teamPrice, c.teamSize])).toEqual([['gb-snack', 1_990, 10]])
      const edited = await ok<GroupBuyAdminView>(save({ ...teaSnackDuo(), title: '抹茶酥团购' }))
      expect(edited).toMatchObject({ title: '抹茶酥团购', problems: [] })
      const audit = await store.searchAudit({ actions: ['groupbuy:save'], offset: 0, limit: 5 })
      expect(audit.items.map((e) => [e.actor, e.target])).toEqual([
        ['merch', 'gb-snack'],
        ['merch', 'gb-snack'],
      ])
    })

    it('names team prices the catalog overrides: at or above list, under the cost floor', async () => {
      const p3 = (await store.findProduct('p3'))!
      await store.putProduct({ ...p3, skus: [{ ...p3.skus[0], floorPrice: 2_500 }] })
      const under = await ok<GroupBuyAdminView>(save(teaSnackDuo()))
      expect(under.problems).toEqual(['拼团 gb-snack：p3-s1 拼团价 ¥19.90 低于底价，已按 ¥25.00 执行'])
      const above = await ok<GroupBuyAdminView>(save({ ...teaSnackDuo(), skus: [{ skuId: 'p3-s1', teamPrice: 2_990 }] }))
      expect(above.problems).toEqual(['拼团 gb-snack：p3-s1 拼团价 ¥29.90 不低于标价'])
    })

    it('refuses a document the rules would ignore, a product or SKU that does not exist, and other roles; nothing is written', async () => {
      for (const [doc, code] of [
        [{ ...teaSnackDuo(), skus: [] }, 'INVALID_PAYLOAD'],
        [{ ...teaSnackDuo(), startAt: T0, endAt: T0 - 1 }, 'INVALID_PAYLOAD'],
        [{ ...teaSnackDuo(), id: 'no spaces allowed' }, 'INVALID_PAYLOAD'],
        [{ ...teaSnackDuo(), productId: 'p-none' }, 'PRODUCT_NOT_FOUND'],
        [{ ...teaSnackDuo(), skus: [{ skuId: 'p1-s1', teamPrice: 1_000 }] }, 'SKU_NOT_FOUND'],
        [['gb-snack'], 'INVALID_PAYLOAD'],
        [{ title: '没有编号' }, 'INVALID_PAYLOAD'],
      ] as const) {
        expect(await save(doc), JSON.stringify(doc).slice(0, 60)).toMatchObject({ ok: false, code })
      }
      expect(await save(teaSnackDuo(), 'care')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await save(teaSnackDuo(), 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await save(teaSnackDuo(), null as unknown as string)).toMatchObject({ ok: false })
      expect(await store.findGroupBuy('gb-snack')).toBeNull()
      expect((await store.searchAudit({ actions: ['groupbuy:save'], offset: 0, limit: 5 })).total).toBe(0)
    })

    it('keeps the product of a group-buy someone has joined, while its other terms may change', async () => {
      await store.putGroupBuy(groupBuyDoc())
      await ok(
        call(
          'groupbuy',
          'open',
          { campaignId: 'gb1', skuId: 'p1-s1', requestId: 'editor-team-0001', address, expectedPayable: 9_900 },
          'v1',
        ),
      )
      const moved = { ...groupBuyDoc(), productId: 'p3', skus: [{ skuId: 'p3-s1', teamPrice: 1_990 }] }
      expect(await save(moved)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await ok<GroupBuyAdminView>(save({ ...groupBuyDoc(), stock: 50 }))).toMatchObject({ id: 'gb1', problems: [] })
      expect(await store.findGroupBuy('gb1')).toMatchObject({ productId: 'p1', stock: 50 })
    })
  })
}
