import { beforeEach, describe, expect, it } from 'vitest'
import type {
  CampaignAdminView,
  FunctionName,
  GroupBuyCard,
  OrderView,
  Page,
  ProductDetail,
  ProductInput,
  QuoteView,
  TeamView,
} from '../../types/api'
import type { Product } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { UPLOADED_JPEG, uploadsFolder } from '../support/uploads'
import { SteppedClock, T0, groupBuyDoc, member, smallShop } from '../support/fixtures'
import { ok } from '../support/calls'

const uploads = uploadsFolder()

const HOUR = 3_600_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const draft: ProductInput = {
  requestId: 'floor-create-0001',
  categoryId: 'c-tea',
  title: '新品白茶',
  subtitle: '',
  detail: '',
  images: [UPLOADED_JPEG],
  tags: [],
  featured: false,
  memberPrices: true,
  commissionBps: null,
  limits: null,
  skus: [{ specs: { 规格: '50g' }, price: 10_000, floorPrice: 9_500, initialStock: 10 }],
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`a SKU's cost floor over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const save = (input: unknown, memberId = 'merch') => call('catalog', 'saveProduct', input, memberId)
    /** Puts a cost floor on p1-s1 (¥128) the way the catalog stores it. */
    async function floorP1(floorPrice: number) {
      const p1 = (await store.findProduct('p1'))!
      await store.putProduct({ ...p1, skus: p1.skus.map((s) => (s.id === 'p1-s1' ? { ...s, floorPrice } : s)) })
    }

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock, uploads())
      await smallShop(store)
      await saveMember(store, member('merch', 1, { roles: ['operator', 'merchandiser'], shareCode: 'MERCH234' }))
    })

    it('is saved with the SKU, never shown to buyers, cleared when left empty, and never above the list price', async () => {
      const created = await ok<Product>(save(draft))
      expect(created.skus[0]).toMatchObject({ price: 10_000, floorPrice: 9_500 })
      await ok(call('catalog', 'shelve', { productId: created.id, on: true }, 'merch'))
      const seen = await ok<ProductDetail>(call('catalog', 'product', { id: created.id }, 'v4'))
      expect(JSON.stringify(seen)).not.toContain('floor')

      const before = await store.findProduct(created.id)
      const sku = { id: created.skus[0].id, specs: { 规格: '50g' }, price: 10_000 }
      for (const floorPrice of [10_001, -1, 1.5, '95'])
        expect(await save({ ...draft, id: created.id, skus: [{ ...sku, floorPrice }] }), String(floorPrice)).toMatchObject({
          ok: false,
          code: 'INVALID_PAYLOAD',
        })
      expect(await store.findProduct(created.id)).toEqual(before)
      expect(await save({ ...draft, id: created.id, skus: [{ ...sku, floorPrice: 9_000 }] }, 'v1')).toMatchObject({ code: 'FORBIDDEN' })

      const lowered = await ok<Product>(save({ ...draft, id: created.id, skus: [{ ...sku, floorPrice: 9_000 }] }))
      expect(lowered.skus[0].floorPrice).toBe(9_000)
      const cleared = await ok<Product>(save({ ...draft, id: created.id, skus: [{ ...sku, floorPrice: null }] }))
      expect(cleared.skus[0]).not.toHaveProperty('floorPrice')
      expect(cleared.skus[0].stock).toBe(10)
    })

    it('stops member prices at the floor, on the card, the SKU and the order', async () => {
      // V4 pays 92 %: ¥117.76 for the ¥128 SKU, unless the floor is higher.
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      expect((await ok<QuoteView>(call('order', 'quote', { items }, 'v4'))).lines[0].memberUnitPrice).toBe(11_776)
      await floorP1(12_000)
      const detail = await ok<ProductDetail>(call('catalog', 'product', { id: 'p1' }, 'v4'))
      expect(detail.skus[0].memberPrice).toBe(12_000)
      expect(detail.memberPrice).toBe(12_000)
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v4'))
      expect(q.lines[0]).toMatchObject({ unitPrice: 12_800, memberUnitPrice: 12_000 })
      const { order } = await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'floor-order-0001', items, address, expectedPayable: q.payable }, 'v4'),
      )
      expect(order.lines[0].memberUnitPrice).toBe(12_000)
      // A floor at the list price leaves no member price to show.
      await floorP1(12_800)
      expect((await ok<ProductDetail>(call('catalog', 'product', { id: 'p1' }, 'v4'))).skus[0].memberPrice).toBeNull()
    })

    it('raises a flash price to the floor and says so', async () => {
      await floorP1(11_000)
      const created = await ok<CampaignAdminView>(
        call(
          'campaign',
          'create',
          {
            id: 'flash',
            type: 'flash_price',
            title: '龙井限时价',
            enabled: true,
            startAt: T0 - HOUR,
            endAt: T0 + 24 * HOUR,
            params: { productId: 'p1', skus: [{ skuId: 'p1-s1', price: 5_000 }], stock: 5 },
          },
          'brand',
        ),
      )
      expect(created.problems).toEqual(['活动 龙井限时价：p1-s1 限时价 ¥50.00 低于成本底线（规格底价 ¥110.00），已按 ¥110.00 执行'])
      const q = await ok<QuoteView>(call('order', 'quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v1'))
      expect(q.lines[0]).toMatchObject({ memberUnitPrice: 11_000, flash: { campaignId: 'flash' } })
    })

    it('raises a team price to the floor, and an order at the old team price is refused', async () => {
      await store.putGroupBuy(groupBuyDoc())
      await floorP1(11_000)
      const list = await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))
      expect(list.items[0]).toMatchObject({ id: 'gb1', teamPrice: 11_000 })
      const open = (expectedPayable: number, requestId: string) =>
        call('groupbuy', 'open', { campaignId: 'gb1', skuId: 'p1-s1', requestId, address, expectedPayable }, 'v1')
      expect(await open(9_900, 'floor-team-0001')).toMatchObject({ ok: false, code: 'PRICE_CHANGED' })
      const opened = await ok<{ team: TeamView; order: OrderView }>(open(11_000, 'floor-team-0002'))
      expect(opened.order.payable).toBe(11_000)
      expect(opened.team.teamPrice).toBe(11_000)
    })
  })
}
