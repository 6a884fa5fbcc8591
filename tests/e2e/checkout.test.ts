import { describe, expect, it } from 'vitest'
import type { CartView, OrderDetailView } from '../../types/api'
import { fenToYuan } from '../../cloudfunctions/src/core/pricing'
import { hasChromium, pickRegion } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('buying in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('signs in as a V1 consumer, adds a product to the cart, checks out, pays locally and sees the paid order', async () => {
    const { page, errors } = await shop.signedInPage('新会员 · V1 顾客')

    // A product from the home page, into the cart.
    await page.getByText('首页', { exact: true }).last().click()
    await page.locator('.home__featured .product-card').first().click()
    const title = page.locator('.product-detail__title')
    await title.waitFor()
    const productTitle = (await title.textContent()) ?? ''
    await page.locator('.nut-button', { hasText: '加入购物车' }).click()
    await expect.poll(() => page.locator('.purchase-bar__cart-count').textContent()).toBe('1')

    // The cart tab totals the line with the server's quote.
    await page.locator('.purchase-bar__cart').click()
    await page.locator('.cart-line', { hasText: productTitle }).waitFor()
    await page.locator('.cart-summary__amount').waitFor()
    await page.locator('.nut-button', { hasText: '去结算(1)' }).click()

    // Checkout: the address, then the server's payable.
    await page.locator('.address-form input[name="name"]').fill('王小明')
    await page.locator('.address-form input[name="phone"]').fill('13800001234')
    await pickRegion(page, '浙江省', '杭州市', '西湖区')
    await page.locator('.address-form input[name="detail"]').fill('文三路 100 号 2 幢 301')
    const checkoutPayable = (await page.locator('.checkout__payable').textContent()) ?? ''
    expect(checkoutPayable).toMatch(/^¥\d+\.\d{2}$/)
    await page.locator('.nut-button', { hasText: '提交订单并支付' }).click()

    // The local pay provider stands where the WeChat Pay sheet would.
    await page.locator('.taro-model__btn', { hasText: '确认支付' }).click()

    // The order page shows what the server says after the payment callback.
    await page.waitForURL(/orderId=/)
    await expect.poll(() => page.locator('.order-detail__status').textContent()).toBe('待发货')
    expect(await page.locator('.order-detail__note').textContent()).toContain('已支付')
    const shownPayable = (await page.locator('.amount-list__total-value').textContent()) ?? ''
    expect(shownPayable).toBe(checkoutPayable)
    expect(await page.locator('.order-detail__goods').textContent()).toContain(productTitle)

    const orderId = new URL(page.url().replace('#', '')).searchParams.get('orderId') ?? ''
    const token = await signInAs(shop.url, 'consumer-v1')
    const order = await api<OrderDetailView>('order', 'detail', { orderId }, token)
    expect(order.status).toBe('paid')
    expect(`¥${fenToYuan(order.payable)}`).toBe(shownPayable)
    expect(order.lines.map((line) => line.title)).toEqual([productTitle])
    expect(order.address).toEqual({ name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' })

    // What was ordered left the cart.
    await expect.poll(async () => (await api<CartView>('order', 'cart', {}, token)).items).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
