/**
 * A purchase in the built mini program, tapped as a person taps: a product, a SKU, 加入购物车, the cart,
 * 去结算, the address typed in, 提交订单并支付 — WeChat Pay (the double of wx.requestPayment) sends
 * its notification to the shop's real payment callback — and the order page then shows it paid.
 */
import { describe, expect, it } from 'vitest'
import type { CartView, OrderCounts } from '../../types/api'
import { CONSUMER } from './pages'
import { follow, journeyOf, textOf, toasts, typeAddress } from './journey'
import type { WxDouble } from './wx-double'

/** The consumer's cart as the server keeps it: [skuId, quantity] per line. */
async function cartLines(double: WxDouble): Promise<[string, number][]> {
  const cart = (await double.call('order', 'cart', {}, CONSUMER)) as CartView
  return cart.items.map((line) => [line.skuId, line.quantity])
}

describe('weapp journey: buying a product', () => {
  const session = journeyOf(CONSUMER)

  it('browse → a SKU → cart → checkout → WeChat Pay → the order shows paid, as the server recorded it', async () => {
    const { host, double } = session
    const waiting = (await double.call('order', 'counts', {}, CONSUMER)) as OrderCounts
    const home = await host.render('pages/home/index')
    await home.tap('福鼎白毫银针')
    const product = await follow(session)
    expect(textOf(product)).toContain('福鼎白毫银针')

    await product.tap('100g罐装')
    await product.tap('加入购物车')
    expect(toasts(double)).toContain('已加入购物车')
    const [sku] = await double.store.findSkus(['p02-s2'])
    expect(sku?.specs).toEqual({ 规格: '100g罐装' })
    expect(await cartLines(double)).toEqual([['p02-s2', 1]])

    const cart = await host.render('pages/cart/index')
    expect(textOf(cart)).toContain('100g罐装')
    // Refused on the product page (not a tab page), drawn once a tab page shows.
    expect(double.tabBadges.get(2)).toBe('1')
    await cart.tap('去结算')
    const checkout = await follow(session)
    expect(checkout.route).toBe('packages/order/checkout/index')
    await typeAddress(checkout, { name: '林小满', phone: '13800138000', region: '浙江省杭州市西湖区', detail: '文三路 90 号 2 幢 301' })
    const payable = /应付 ¥([\d.]+)/.exec(textOf(checkout))?.[1]
    await checkout.tap('提交订单并支付')
    expect(checkout.errors).toEqual([])
    expect(double.refusals).toEqual([])

    // WeChat Pay was asked for exactly the order the shop created, and its notification reached the callback.
    expect(double.payments).toHaveLength(1)
    const found = await double.store.findOrder(double.payments[0])
    const order = found?.order
    expect(order?.memberId).toBe(CONSUMER)
    expect(order?.status).toBe('paid')
    expect(order?.transactionId).toMatch(/^4200\d{24}$/)
    expect(order?.lines.map((line) => [line.skuId, line.quantity])).toEqual([['p02-s2', 1]])
    expect(((order?.payable ?? 0) / 100).toFixed(2)).toBe(payable)
    expect(order?.address).toMatchObject({ name: '林小满', phone: '13800138000' })

    // Bought from the cart: the cart no longer holds it.
    expect(await cartLines(double)).toEqual([])

    const detail = await follow(session)
    expect(detail.route).toBe('packages/order/detail/index')
    expect(detail.errors).toEqual([])
    expect(textOf(detail)).toContain('待发货')
    expect(textOf(detail)).toContain(order?.orderNo)
    expect(textOf(detail)).toContain(`实付款¥${payable}`)

    // 我的 badges 待发货 with one order more than before; the 购物车 tab, emptied by the order, has no badge.
    const me = await host.render('pages/me/index')
    expect(me.errors).toEqual([])
    expect(textOf(me)).toContain(`${waiting.toShip + 1}待发货`)
    expect(double.tabBadges.has(2)).toBe(false)
  })
})
