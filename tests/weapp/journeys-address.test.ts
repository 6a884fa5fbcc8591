/**
 * The address book in the built mini program: 我的 → 收货地址, 新增收货地址 with WeChat's region picker,
 * saved as the default; the next checkout ships there without typing, and keeps the book as it was.
 */
import { describe, expect, it } from 'vitest'
import { CONSUMER } from './pages'
import { follow, journeyOf, textOf, typeAddress } from './journey'

const HOME = { name: '林小满', phone: '13800138000', region: '浙江省杭州市西湖区', detail: '文三路 90 号 2 幢 301' }

describe('weapp journey: the address book', () => {
  const session = journeyOf(CONSUMER)

  it('an address added from 我的 is the default the next checkout ships to', async () => {
    const { host, double } = session
    const me = await host.render('pages/me/index')
    await me.tap('收货地址')
    const book = await follow(session)
    expect(book.route).toBe('packages/address/book/index')
    expect(textOf(book)).toContain('还没有收货地址')

    await book.tapButton('新增收货地址')
    await typeAddress(book, HOME)
    await book.tapButton('保存')
    expect(book.errors).toEqual([])
    expect(double.refusals).toEqual([])
    expect(textOf(book)).toContain('默认')
    expect(textOf(book)).toContain('浙江省杭州市西湖区 文三路 90 号 2 幢 301')
    const kept = await double.store.findAddressBook(CONSUMER)
    expect(kept.entries).toMatchObject([{ ...HOME, isDefault: true }])

    const home = await host.render('pages/home/index')
    await home.tap('福鼎白毫银针')
    const product = await follow(session)
    await product.tap('100g罐装')
    await product.tap('加入购物车')
    const cart = await host.render('pages/cart/index')
    await cart.tap('去结算')
    const checkout = await follow(session)
    expect(textOf(checkout)).toContain('138****8000默认浙江省杭州市西湖区 文三路 90 号 2 幢 301')
    await checkout.tap('提交订单并支付')
    expect(checkout.errors).toEqual([])
    expect(double.refusals).toEqual([])
    const order = (await double.store.findOrder(double.payments[0]))?.order
    expect(order?.address).toEqual(HOME)
    expect((await double.store.findAddressBook(CONSUMER)).entries).toHaveLength(1)
  })
})
