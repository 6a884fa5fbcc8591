import { describe, expect, it } from 'vitest'
import type { AttributedOrderView, CommissionLineView, DistributorDashboard, OrderDetailView, Page } from '../../types/api'
import { fenToYuan } from '../../cloudfunctions/src/core/pricing'
import { hasChromium, pickRegion } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('a distributor share in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('brings a buyer whose payment shows up as a pending commission for that distributor', async () => {
    // The KOC opens a product and makes its poster: the QR carries their code.
    const koc = await shop.signedInPage('KOC 分销员')
    const kocToken = await signInAs(shop.url, 'koc')
    const code = (await api<{ code: string }>('distribution', 'status', {}, kocToken)).code!
    await koc.page.goto(`${shop.url}#/packages/product/detail/index?id=p01`)
    await koc.page.locator('.nut-button', { hasText: '生成海报' }).click()
    await koc.page.locator('.share-poster__save:not([disabled])').waitFor()
    const drawn = await koc.page.locator('.share-poster canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if (data[i] < 60 && data[i + 1] < 60 && data[i + 2] < 60) dark += 1
      return dark
    })
    expect(drawn).toBeGreaterThan(1_000)

    // The demo KOC has history already (the timer reads whatever the seed left unread): what follows adds to it.
    expect((await fetch(`${shop.url}dev/jobs/commissionsFromOrders`, { method: 'POST' })).ok).toBe(true)
    const pendingBefore = (await api<DistributorDashboard>('distribution', 'dashboard', {}, kocToken)).pending

    // A buyer opens the shared card's link and buys.
    const buyer = await shop.signedInPage('新会员 · V1 顾客')
    // A link opened from a chat starts the app afresh (here: the signed-in browser loads it anew).
    await buyer.page.goto(`${shop.url}#/packages/product/detail/index?id=p01&sc=${code}`)
    await buyer.page.reload()
    await buyer.page.locator('.product-detail__title').waitFor()
    await buyer.page.locator('.purchase-bar__buy').click()
    await buyer.page.locator('.address-form input[name="name"]').fill('王小明')
    await buyer.page.locator('.address-form input[name="phone"]').fill('13800001234')
    await pickRegion(buyer.page, '浙江省', '杭州市', '西湖区')
    await buyer.page.locator('.address-form input[name="detail"]').fill('文三路 100 号 2 幢 301')
    await buyer.page.locator('.checkout__payable').waitFor()
    await buyer.page.locator('.nut-button', { hasText: '提交订单并支付' }).click()
    await buyer.page.locator('.taro-model__btn', { hasText: '确认支付' }).click()
    await buyer.page.waitForURL(/orderId=/)
    await expect.poll(() => buyer.page.locator('.order-detail__status').textContent()).toBe('待发货')
    const orderId = new URL(buyer.page.url().replace('#', '')).searchParams.get('orderId') ?? ''
    const order = await api<OrderDetailView>('order', 'detail', { orderId }, await signInAs(shop.url, 'consumer-v1'))

    // The commission timer reads the payment; the KOC's center shows it pending.
    const run = await fetch(`${shop.url}dev/jobs/commissionsFromOrders`, { method: 'POST' })
    expect(run.ok).toBe(true)
    const lines = (await api<Page<CommissionLineView>>('distribution', 'commissions', { pageSize: 50 }, kocToken)).items.filter(
      (l) => l.orderId === orderId,
    )
    expect(lines.map((l) => [l.orderId, l.status, l.paidAmount])).toEqual(order.lines.map((l) => [orderId, 'pending', l.paidAmount]))
    for (const l of lines) expect(l.amount).toBe(Math.floor((l.paidAmount * l.bps) / 10_000))
    const expected = lines.reduce((sum, l) => sum + l.amount, 0)
    expect(expected).toBeGreaterThan(0)
    const board = await api<DistributorDashboard>('distribution', 'dashboard', {}, kocToken)
    expect(board.pending).toBe(pendingBefore + expected)
    await koc.page.goto(`${shop.url}#/packages/distributor/center/index`)
    await expect
      .poll(() => koc.page.locator('.dist-balance--pending .dist-balance__amount').textContent())
      .toBe(`¥${fenToYuan(board.pending)}`)
    await koc.page.locator('.dist-order').first().waitFor()
    const shown = (await koc.page.locator('.dist-order').first().textContent()) ?? ''
    expect(shown).toContain('待结算')
    expect(shown).toMatch(/顾客·[0-9A-F]{6}/)
    // The distributor never sees who bought or where it goes.
    for (const secret of ['小满', '王小明', '13800001234', '文三路']) expect(shown).not.toContain(secret)
    const orders = await api<Page<AttributedOrderView>>('distribution', 'orders', {}, kocToken)
    expect(orders.items[0]).toMatchObject({ orderId, commission: expected })

    expect(koc.errors).toEqual([])
    expect(buyer.errors).toEqual([])
    await koc.page.close()
    await buyer.page.close()
  }, 180_000)
})
