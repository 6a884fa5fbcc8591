import { describe, expect, it } from 'vitest'
import type { Page as ApiPage, PointsBalance } from '../../types/api'
import type { Redemption } from '../../types/domain'
import { hasChromium, pickRegion } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('redeeming points in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('signs in as the V4 consumer, redeems an item they can afford and sees the balance drop by its price', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')

    // The mall: the spendable points on top, the items below.
    await page.goto(`${shop.url}#/packages/redeem/mall/index`)
    const balanceShown = page.locator('.mall-header__balance')
    await expect.poll(async () => /^\d+$/.test((await balanceShown.textContent()) ?? '')).toBe(true)
    const before = Number(await balanceShown.textContent())

    // An item this member can redeem now, priced within the balance.
    const card = page.locator('.redeem-card:not(.redeem-card--refused)').first()
    await card.waitFor()
    const title = (await card.locator('.redeem-card__title').textContent()) ?? ''
    const price = Number(await card.locator('.redeem-points__number').textContent())
    expect(price).toBeGreaterThan(0)
    expect(price).toBeLessThanOrEqual(before)
    await card.click()

    // The item page, then the confirm sheet with the points before and after.
    await expect.poll(() => page.locator('.redeem-detail__title').textContent()).toBe(title)
    await page.locator('.nut-button', { hasText: '立即兑换' }).click()
    await page.locator('.redeem-sheet__confirm').waitFor()
    expect(Number(await page.locator('.redeem-sheet__before').textContent())).toBe(before)
    expect(Number(await page.locator('.redeem-sheet__after').textContent())).toBe(before - price)
    if (await page.locator('.address-form').isVisible()) {
      await page.locator('.address-form input[name="name"]').fill('林小茶')
      await page.locator('.address-form input[name="phone"]').fill('13900002345')
      await pickRegion(page, '浙江省', '杭州市', '西湖区')
      await page.locator('.address-form input[name="detail"]').fill('龙井路 1 号')
    }
    await page.locator('.redeem-sheet__confirm').click()

    // 我的兑换 lists it first.
    await page.waitForURL(/redeem\/mine/)
    const first = page.locator('.redemption-card').first()
    await expect.poll(() => first.locator('.goods-row__title').textContent()).toBe(title)
    expect(await first.locator('.redemption-card__points').textContent()).toBe(`-${price} 积分`)

    // Back in the mall the balance dropped by exactly the price.
    await page.goBack()
    await expect.poll(async () => Number(await page.locator('.mall-header__balance').textContent())).toBe(before - price)
    const after = Number(await page.locator('.mall-header__balance').textContent())

    // The server agrees with the page.
    const token = await signInAs(shop.url, 'consumer-v4')
    const balance = await api<PointsBalance>('points', 'balance', {}, token)
    expect(balance.available).toBe(after)
    const mine = await api<ApiPage<Redemption>>('redeem', 'mine', {}, token)
    expect(mine.items[0]).toMatchObject({ title, pointsPrice: price })
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
