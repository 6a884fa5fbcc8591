import { describe, expect, it } from 'vitest'
import * as v from 'valibot'
import { orderSchemas } from '../../cloudfunctions/src/functions/schemas'
import { PRESET_REASONS, composeReason, reasonProblem } from '../../src/packages/order/refund/reason'
import { validateAddress } from '../../src/utils/address'
import { formatFenBrief } from '../../src/utils/money'
import { checkoutPath, parseCheckoutItems } from '../../src/utils/routes'
import { freeShippingRule } from '../../src/utils/shipping'
import { formatCountdown } from '../../src/utils/time'

describe('the address form', () => {
  const good = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号' }

  it('accepts what the order function accepts', () => {
    expect(validateAddress(good)).toEqual({})
    expect(validateAddress({ ...good, name: '  王小明  ', phone: ' 13800001234 ' })).toEqual({})
  })

  it('names every field that would be refused', () => {
    expect(validateAddress({ name: ' ', phone: '12345678901', region: '浙', detail: '' })).toEqual({
      name: '请填写收货人姓名',
      phone: '请填写 11 位手机号',
      region: '请填写省、市、区',
      detail: '请填写街道、门牌号等详细地址',
    })
    expect(validateAddress({ ...good, name: '王'.repeat(21), detail: '路'.repeat(101) })).toEqual({
      name: '收货人姓名最多 20 个字',
      detail: '详细地址最多 100 个字',
    })
  })
})

describe('the refund reason', () => {
  it("is the preset, with the member's words after it when there are any", () => {
    expect(composeReason('不想要了', '')).toBe('不想要了')
    expect(composeReason('商品质量问题', ' 茶叶受潮结块 ')).toBe('商品质量问题：茶叶受潮结块')
    expect(composeReason('其他', '买给父母，他们不喝绿茶')).toBe('买给父母，他们不喝绿茶')
  })

  it('must be chosen, said in words for 其他, and at most 200 characters', () => {
    expect(reasonProblem(null, '')).toBe('请选择退款原因')
    expect(reasonProblem('其他', '  ')).toBe('请说明退款原因')
    expect(reasonProblem('不想要了', '')).toBeNull()
    // The member's words have 200 characters whichever reason is picked, and the server takes them all.
    for (const preset of PRESET_REASONS) {
      expect(reasonProblem(preset, '字'.repeat(200))).toBeNull()
      expect(reasonProblem(preset, '字'.repeat(201))).toBe('补充说明最多 200 个字')
      const reason = composeReason(preset, '字'.repeat(200))
      expect(v.safeParse(orderSchemas.requestRefund, { orderId: `o${'0'.repeat(23)}`, reason }).success).toBe(true)
    }
  })
})

describe('checkout links', () => {
  it('carry the items through the page URL and back', () => {
    const items = [
      { skuId: 'p01-s1', quantity: 2 },
      { skuId: 'p07_s2', quantity: 1 },
    ]
    const query = new URLSearchParams(checkoutPath(items, 'cart').split('?')[1])
    expect(query.get('from')).toBe('cart')
    expect(parseCheckoutItems(query.get('items') ?? undefined)).toEqual(items)
  })

  it('yield nothing rather than a guess when the items are malformed', () => {
    expect(parseCheckoutItems('p01-s1:0')).toEqual([])
    expect(parseCheckoutItems('p01-s1:2,bad id:1')).toEqual([])
    expect(parseCheckoutItems('p01-s1')).toEqual([])
    expect(parseCheckoutItems(undefined)).toEqual([])
  })
})

describe('display helpers', () => {
  it('count down in minutes and seconds, never below zero', () => {
    expect(formatCountdown(15 * 60_000)).toBe('15:00')
    expect(formatCountdown(61_500)).toBe('01:02')
    expect(formatCountdown(3_723_000)).toBe('1:02:03')
    expect(formatCountdown(-5_000)).toBe('00:00')
  })

  it('write thresholds without empty cents', () => {
    expect(formatFenBrief(9900)).toBe('¥99')
    expect(formatFenBrief(1290)).toBe('¥12.90')
  })

  it("state the free-shipping rule of the viewer's tier", () => {
    expect(freeShippingRule(9900, 1)).toBe('满 ¥99 包邮')
    expect(freeShippingRule(4900, 4)).toBe('满 ¥49 包邮')
    expect(freeShippingRule(0, 5)).toBe('V5 会员包邮')
  })
})
