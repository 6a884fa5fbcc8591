import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Page as Listing, OrderView, QuoteView } from '../../types/api'
import type { Product } from '../../types/domain'
import { MEDIA_DIR } from '../../cloudfunctions/src/local/paths'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

const DESK = { width: 1280, height: 800 }
const address = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' }

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('a merchandiser lists a new product in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('creates a product with two SKUs and a one-per-member limit, puts it on sale, and the limit holds for a buyer', async () => {
    const merch = await shop.signedInPage('运营', DESK)
    const { page } = merch
    await page.goto(`${shop.url}#/packages/ops/console/index`)
    await page.getByRole('tablist', { name: '后台栏目' }).getByRole('tab', { name: '商品' }).click()
    await page.locator('taro-button-core', { hasText: /^\s*新建商品\s*$/ }).click()

    const form = page.getByRole('form', { name: '新建商品' })
    await form.getByRole('tab', { name: '茶器' }).click()
    await form.getByRole('textbox', { name: '商品名称（最多 30 字）' }).fill('手绘青花盖碗')
    await form.getByRole('button', { name: '添加图片' }).click()
    // The first picture asks for the privacy guide, once; a decline would leave the form as it was.
    const notice = page.getByRole('dialog', { name: '隐私保护指引' })
    const chooser = page.waitForEvent('filechooser')
    await notice.getByText('同意', { exact: true }).click()
    await (await chooser).setFiles(path.join(MEDIA_DIR, 'redeem', 'ri-cup.jpg'))
    await form.getByRole('button', { name: '删除第 1 张图片' }).waitFor()
    const first = form.getByRole('group', { name: '规格 1' })
    await first.getByRole('textbox', { name: '规格名' }).fill('容量')
    await first.getByRole('textbox', { name: '规格值' }).fill('150ml')
    await first.getByRole('textbox', { name: '价格（元）' }).fill('168')
    await first.getByRole('textbox', { name: '初始库存' }).fill('20')
    await form.locator('taro-button-core', { hasText: /^\s*添加规格\s*$/ }).click()
    const second = form.getByRole('group', { name: '规格 2' })
    await second.getByRole('textbox', { name: '规格值' }).fill('200ml')
    await second.getByRole('textbox', { name: '价格（元）' }).fill('198')
    await second.getByRole('textbox', { name: '初始库存' }).fill('10')
    await form.getByRole('textbox', { name: '每人限购（选填）' }).fill('1')
    await form.locator('taro-button-core', { hasText: /^\s*创建\s*$/ }).click()

    // It waits off the shelf until the merchandiser puts it on.
    const card = page.getByRole('group', { name: '手绘青花盖碗' })
    await card.getByText('已下架', { exact: true }).waitFor()
    await card.locator('taro-button-core', { hasText: /^\s*上架\s*$/ }).click()
    await card.getByText('在售', { exact: true }).waitFor()

    const owner = await signInAs(shop.url, 'operator')
    const [product] = (await api<Listing<Product>>('catalog', 'staffProducts', { text: '青花盖碗' }, owner)).items
    expect(product.skus.map((s) => [s.specs, s.price, s.stock])).toEqual([
      [{ 容量: '150ml' }, 16_800, 20],
      [{ 容量: '200ml' }, 19_800, 10],
    ])
    expect(product.limits).toEqual({ perOrder: null, perMember: 1, newMembersOnly: false })

    // A member buys one; a second order of either size is refused, and the product page says why.
    const buyer = await signInAs(shop.url, 'consumer-v4')
    const items = [{ skuId: product.skus[1].id, quantity: 1 }]
    const { payable } = await api<QuoteView>('order', 'quote', { items }, buyer)
    const { order } = await api<{ order: OrderView }>(
      'order',
      'create',
      { requestId: 'merch-e2e-0001', items, address, expectedPayable: payable },
      buyer,
    )
    expect(order.status).toBe('created')
    const again = await fetch(new URL('/api/order', shop.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${buyer}` },
      body: JSON.stringify({ action: 'quote', data: { items: [{ skuId: product.skus[0].id, quantity: 1 }] } }),
    })
    expect(await again.json()).toMatchObject({ ok: false, code: 'LIMIT_REACHED', message: '「手绘青花盖碗」每人限购 1 件，你已购买过' })
    const member = await shop.signedInPage('老会员 · V4 顾客')
    await member.page.goto(`${shop.url}#/packages/product/detail/index?id=${product.id}`)
    await member.page.getByText('每人限购 1 件', { exact: true }).waitFor()

    for (const who of [merch, member]) {
      expect(who.errors).toEqual([])
      await who.page.close()
    }
  })
})
