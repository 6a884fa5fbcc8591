import { describe, expect, it } from 'vitest'
import type { CartView } from '../../types/api'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('the 购物车 tab in the H5 build', () => {
  const shop = browserShop()

  it('shows the units in the cart from sign-in on, follows every change of the cart, and goes once it is empty', async () => {
    const token = await signInAs(shop.url, 'consumer-v1')
    const cart = await shop.api<CartView>('order', 'cartAdd', { skuId: 'p01-s1', quantity: 2 }, token)
    const { page, errors } = await shop.signedInPage('新会员 · V1 顾客')
    // The tab as a shopper sees it: its label and whatever figure hangs on its icon.
    const cartTab = page.getByText('购物车', { exact: true }).last().locator('xpath=ancestor::a[1]')
    const figure = () => cartTab.textContent()
    await expect.poll(figure).toBe(`${cart.count}购物车`)

    // Another tab page shows the same figure.
    await page.getByText('分类', { exact: true }).last().click()
    await expect.poll(figure).toBe(`${cart.count}购物车`)

    // Coming back to the shop later, signed in: home reads the cart for its badge.
    await page.goto(shop.url)
    await page.reload()
    await page.getByText('精选好物').last().waitFor()
    await expect.poll(figure).toBe(`${cart.count}购物车`)

    await cartTab.click()
    const line = page.getByText('明前西湖龙井 特级').locator('xpath=ancestor::*[.//*[@aria-label="增加"]][1]')
    await line.getByLabel('增加').click()
    await expect.poll(figure).toBe(`${cart.count + 1}购物车`)

    // Emptied: no figure at all.
    for (const title of (await shop.api<CartView>('order', 'cart', {}, token)).items.map((i) => i.title)) {
      await page
        .getByText(title, { exact: true })
        .locator('xpath=ancestor::*[.//*[text()="删除"]][1]')
        .getByText('删除', { exact: true })
        .click()
      // The confirmation's own 删除, drawn last on the page.
      await page.getByText('再想想', { exact: true }).waitFor()
      await page.getByText('删除', { exact: true }).last().click()
    }
    await page.getByText('购物车还是空的').waitFor()
    await expect.poll(figure).toBe('购物车')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
