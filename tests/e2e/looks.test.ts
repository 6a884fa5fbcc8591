import { describe, expect, it } from 'vitest'
import type { FeedPost, Page as ApiPage, OrderView, PostDetail } from '../../types/api'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

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

  it("offers a post's topics as separate chips, the chosen one marked", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.goto(`${shop.url}#/packages/post/write/index`)
    const first = page.getByText('#茶席打卡', { exact: true })
    const second = page.getByText('#冷泡茶', { exact: true })
    await first.waitFor()
    const [a, b] = [await first.boundingBox(), await second.boundingBox()]
    // Apart, not run together as one line of text.
    expect(b!.x - (a!.x + a!.width)).toBeGreaterThanOrEqual(4)
    const background = () => first.evaluate((el) => getComputedStyle(el).backgroundColor)
    const before = await background()
    expect(before).not.toBe('rgba(0, 0, 0, 0)')
    await first.click()
    await expect.poll(() => first.getAttribute('aria-selected')).toBe('true')
    expect(await background()).not.toBe(before)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("shows a post's topics in the link colour, not as more of its text", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const token = await signInAs(shop.url, 'consumer-v4')
    const feed = await shop.api<ApiPage<FeedPost>>('catalog', 'feed', { pageSize: 50 }, token)
    const posts = await Promise.all(feed.items.map((p) => shop.api<PostDetail>('catalog', 'post', { id: p.id }, token)))
    const post = posts.find((p) => (p.topics ?? []).length > 0)
    expect(post).toBeDefined()
    await page.goto(`${shop.url}#/packages/post/detail/index?id=${post!.id}`)
    const topic = page.getByRole('link', { name: `#${post!.topics![0].name}` })
    await topic.waitFor()
    const paragraph = page.getByText(
      post!.body
        .split('\n')
        .find((line) => line.trim() !== '')!
        .trim(),
    )
    const colour = (el: Element) => getComputedStyle(el).color
    expect(await topic.evaluate(colour)).not.toBe(await paragraph.first().evaluate(colour))
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("gives the operator console's fields room for their whole hint on a phone", async () => {
    const { page, errors } = await shop.signedInPage('运营')
    await page.goto(`${shop.url}#/packages/ops/console/index`)
    const hints: Record<string, readonly string[]> = {
      商品: ['调整件数', '原因'],
      订单: ['订单号 / 手机后 4 位 / 会员编号', '起 YYYY-MM-DD', '止 YYYY-MM-DD'],
    }
    for (const [tab, placeholders] of Object.entries(hints)) {
      await page.getByText(tab, { exact: true }).first().click()
      for (const placeholder of placeholders) {
        const field = page.getByPlaceholder(placeholder, { exact: true }).first()
        await field.waitFor()
        // The hint's width in the field's own font, against the room inside the field.
        const { room, hint } = await field.evaluate((el: HTMLInputElement) => {
          const style = getComputedStyle(el)
          const context = document.createElement('canvas').getContext('2d')!
          context.font = style.font
          const padding = Number.parseFloat(style.paddingLeft) + Number.parseFloat(style.paddingRight)
          return { room: el.getBoundingClientRect().width - padding, hint: context.measureText(el.placeholder).width }
        })
        expect(room, placeholder).toBeGreaterThanOrEqual(hint)
      }
    }
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it('shows an arrow on the points boxes that open, turned down once open', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.goto(`${shop.url}#/packages/points/center/index`)
    await page.getByText('积分批次').waitFor()
    const arrows = page.getByText('›', { exact: true })
    await expect.poll(() => arrows.count()).toBeGreaterThanOrEqual(2)
    const box = await arrows.first().boundingBox()
    expect(box!.width).toBeGreaterThan(0)
    const turn = () => arrows.first().evaluate((el) => getComputedStyle(el.parentElement!).transform)
    const closed = await turn()
    await page.getByText('积分规则').click()
    await expect.poll(turn).not.toBe(closed)
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

  it("shows a mall item's kind with its terms, not over the item's picture", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.goto(`${shop.url}#/packages/redeem/mall/index`)
    const title = page.getByText('山野茶集 玻璃随手杯', { exact: true })
    await title.waitFor()
    // The item's card: the nearest box holding both its title and its picture.
    const card = title.locator('xpath=ancestor::*[.//img][1]')
    const kind = card.getByText('实物', { exact: true })
    const limits = card.getByText('每人限兑 1 件', { exact: true })
    const picture = await card.locator('img').first().boundingBox()
    const [kindBox, limitsBox] = [await kind.boundingBox(), await limits.boundingBox()]
    // Artwork marks its own corners (this item's carries a badge top right): the chip sits below it, beside the limits.
    expect(kindBox!.y).toBeGreaterThanOrEqual(picture!.y + picture!.height)
    expect(Math.abs(kindBox!.y - limitsBox!.y)).toBeLessThan(2)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("badges 我的订单's stages on their icons with the orders waiting there", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const token = await signInAs(shop.url, 'consumer-v4')
    const toShip = (await shop.api<ApiPage<OrderView>>('order', 'list', { tab: 'toShip' }, token)).total
    expect(toShip).toBeGreaterThan(0)
    await page.getByText('我的', { exact: true }).last().click()
    const stage = page.getByRole('button', { name: `待发货，${toShip} 个` })
    const figure = stage.getByText(String(toShip), { exact: true })
    const label = stage.getByText('待发货', { exact: true })
    const [figureBox, labelBox] = [await figure.boundingBox(), await label.boundingBox()]
    // On the icon, above the label, and round enough to read as a badge.
    expect(figureBox!.y + figureBox!.height).toBeLessThanOrEqual(labelBox!.y)
    expect(figureBox!.width).toBeGreaterThanOrEqual(figureBox!.height - 1)
    expect(await figure.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)')
    await expect.poll(() => page.getByRole('button', { name: '待付款' }).count()).toBe(1)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it("draws NutUI's icons at their size wherever they sit, not only as flex items", async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.getByText('我的', { exact: true }).last().click()
    // Each order stage's icon sits in a plain box above its label (where the badge hangs from it).
    for (const stage of ['待付款', '待收货', '售后']) {
      const icon = await page.getByRole('button', { name: stage }).locator('i').boundingBox()
      expect(icon, stage).not.toBeNull()
      expect(icon!.width, stage).toBeGreaterThan(20)
      expect(icon!.height, stage).toBeGreaterThan(20)
    }
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
