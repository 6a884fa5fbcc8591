import { describe, expect, it } from 'vitest'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('how pages look in the H5 build', () => {
  const shop = browserShop()

  it("sets pages in the shop's Chinese font stack, not the framework's default", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const tab = page.getByText('首页', { exact: true }).last()
    await tab.waitFor()
    const font = await tab.evaluate((el) => getComputedStyle(el).fontFamily)
    expect(font).toContain('PingFang SC')
    expect(font).toContain('Noto Sans CJK SC')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("shows the member's avatar whole, as a circle, with their name beside it", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.getByText('我的', { exact: true }).last().click()
    const avatar = await page.getByLabel('更换头像').boundingBox()
    const name = await page.getByLabel('昵称').first().boundingBox()
    expect(avatar).not.toBeNull()
    expect(name).not.toBeNull()
    // As wide as it is tall: a wider button would clip the round photo into an oval.
    expect(Math.abs(avatar!.width - avatar!.height)).toBeLessThan(1)
    expect(name!.x - (avatar!.x + avatar!.width)).toBeLessThan(24)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("shows an empty state's title whole, below its picture", async () => {
    const { page, errors } = await shop.signedInPage('新会员 · V1 顾客')
    await page.getByText('购物车', { exact: true }).last().click()
    const title = page.getByText('购物车还是空的')
    await title.waitFor()
    const picture = await page
      .locator('[aria-hidden="true"]', { has: page.locator('*') })
      .first()
      .boundingBox()
    const titleBox = await title.boundingBox()
    const fontSize = await title.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))
    // The title's line is tall enough for its characters, and starts below the picture with room to spare.
    expect(titleBox!.height).toBeGreaterThanOrEqual(fontSize)
    expect(titleBox!.y).toBeGreaterThanOrEqual(picture!.y + picture!.height + 4)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
