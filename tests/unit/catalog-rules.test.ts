import { describe, expect, it } from 'vitest'
import {
  excerpt,
  lowestPrice,
  paging,
  specOptions,
  stockState,
  toProductCard,
  toProductDetail,
} from '../../cloudfunctions/src/core/catalog'
import { fenToYuan, memberPrice } from '../../cloudfunctions/src/core/pricing'
import { channelOf } from '../../cloudfunctions/src/core/touchpoints'
import { shopDay, shopDayBounds } from '../../cloudfunctions/src/core/time'
import { product, sku } from '../support/fixtures'

describe('member price', () => {
  it('is the list price for V1 and the tier discount for higher tiers, rounded half up to the fen', () => {
    expect(memberPrice(12800, 1)).toBe(12800)
    expect(memberPrice(12800, 2)).toBe(12544)
    expect(memberPrice(12800, 4)).toBe(11776)
    expect(memberPrice(12800, 5)).toBe(11264)
    // 95% of 1990 = 1890.5 -> 1891
    expect(memberPrice(1990, 3)).toBe(1891)
    // 92% of 1 fen rounds to 1 fen, never to free
    expect(memberPrice(1, 4)).toBe(1)
    expect(memberPrice(0, 5)).toBe(0)
  })

  it('never goes above the list price, whatever the settings say', () => {
    const base = { pointsMultiplier: 1, freeShippingOver: 9900, birthdayGiftPoints: 0, earlyAccessHours: 0 }
    const generous = {
      1: { ...base, memberPricePct: 150 },
      2: { ...base, memberPricePct: 100 },
      3: { ...base, memberPricePct: 100 },
      4: { ...base, memberPricePct: 100 },
      5: { ...base, memberPricePct: -5 },
    }
    expect(memberPrice(1000, 1, generous)).toBe(1000)
    expect(memberPrice(1000, 5, generous)).toBe(10)
  })

  it('formats fen as yuan', () => {
    expect(fenToYuan(12800)).toBe('128.00')
    expect(fenToYuan(1990)).toBe('19.90')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(-250)).toBe('-2.50')
  })
})

describe('stock state', () => {
  it('is sold out at zero, low up to five units, in stock above', () => {
    expect([0, -1, 1, 5, 6, 500].map(stockState)).toEqual(['soldOut', 'soldOut', 'low', 'low', 'inStock', 'inStock'])
  })

  it('is sold out for a product only when every SKU is', () => {
    const p = product('p', { skus: [sku('p', 1, 100, 0), sku('p', 2, 200, 3)] })
    expect(toProductCard(p, null).stockState).toBe('low')
    expect(toProductCard({ ...p, skus: [sku('p', 1, 100, 0)] }, null).stockState).toBe('soldOut')
  })
})

describe('product views', () => {
  const tea = product('p', {
    skus: [
      sku('p', 1, 12800, 10, { 规格: '50g', 包装: '罐装' }),
      sku('p', 2, 23800, 0, { 规格: '100g', 包装: '罐装' }),
      sku('p', 3, 25800, 2, { 规格: '100g', 包装: '礼盒' }),
    ],
  })

  it('a card shows the lowest SKU price, and a member price only to a member whose tier discounts it', () => {
    expect(lowestPrice(tea.skus)).toBe(12800)
    expect(toProductCard(tea, null)).toMatchObject({ price: 12800, memberPrice: null })
    expect(toProductCard(tea, 1)).toMatchObject({ price: 12800, memberPrice: null })
    expect(toProductCard(tea, 4)).toMatchObject({ price: 12800, memberPrice: 11776 })
  })

  it('the detail lists spec options in first-seen order and each SKU with its own member price and stock state', () => {
    const detail = toProductDetail(tea, 5)
    expect(specOptions(tea.skus)).toEqual([
      { name: '规格', values: ['50g', '100g'] },
      { name: '包装', values: ['罐装', '礼盒'] },
    ])
    expect(detail.specOptions).toEqual(specOptions(tea.skus))
    expect(detail.skus.map((s) => [s.id, s.memberPrice, s.stockState])).toEqual([
      ['p-s1', 11264, 'inStock'],
      ['p-s2', 20944, 'soldOut'],
      ['p-s3', 22704, 'low'],
    ])
    expect(detail.viewerTier).toBe(5)
  })

  it('an excerpt cuts long bodies on a character boundary and folds white space', () => {
    expect(excerpt('短文')).toBe('短文')
    expect(excerpt('一二三四五六', 4)).toBe('一二三四…')
    expect(excerpt('a \n\n b')).toBe('a b')
  })

  it('paging turns a page number into an offset', () => {
    expect(paging()).toEqual({ page: 1, pageSize: 10, offset: 0 })
    expect(paging(3, 20)).toEqual({ page: 3, pageSize: 20, offset: 40 })
  })
})

describe('touchpoint channel', () => {
  const none = { shareCode: null, postId: null, campaignId: null, scene: 0 }
  it('credits a share code first, then a post, then a campaign, then the WeChat scene', () => {
    expect(channelOf({ ...none, shareCode: 'ABCD2345', postId: 'post1', scene: 1007 })).toBe('share:ABCD2345')
    expect(channelOf({ ...none, postId: 'post1', campaignId: 'c1' })).toBe('post:post1')
    expect(channelOf({ ...none, campaignId: 'c1', scene: 1047 })).toBe('campaign:c1')
    expect(channelOf({ ...none, scene: 1047 })).toBe('scene:1047')
    expect(channelOf(none)).toBe('direct')
  })
})

describe('shop calendar (Asia/Shanghai)', () => {
  it('a UTC evening is already the next day in Shanghai', () => {
    expect(shopDay(Date.parse('2026-11-20T15:59:59Z'))).toBe('2026-11-20')
    expect(shopDay(Date.parse('2026-11-20T16:00:00Z'))).toBe('2026-11-21')
  })

  it('a day runs from Shanghai midnight to the next', () => {
    expect(shopDayBounds('2026-11-21')).toEqual({ start: Date.parse('2026-11-20T16:00:00Z'), end: Date.parse('2026-11-21T16:00:00Z') })
  })
})

describe('shop calendar arithmetic agrees with the time-zone database', () => {
  it('for days and months around the year, including month ends', async () => {
    const dayjs = (await import('dayjs')).default
    const { SHOP_TIME_ZONE, fromShopClock, shopClock } = await import('../../cloudfunctions/src/core/time')
    for (let at = Date.parse('2026-01-01T00:00:00Z'); at < Date.parse('2027-01-01T00:00:00Z'); at += 86_400_000 * 3 + 3_600_000 * 7) {
      expect(shopDay(at)).toBe(dayjs(at).tz(SHOP_TIME_ZONE).format('YYYY-MM-DD'))
      expect(fromShopClock(shopClock(at).add(12, 'month').endOf('month'))).toBe(
        dayjs(at).tz(SHOP_TIME_ZONE).add(12, 'month').endOf('month').valueOf(),
      )
    }
  })
})
