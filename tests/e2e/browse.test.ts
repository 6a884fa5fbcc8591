import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { FeedPost, Page as ApiPage, PostDetail, ProductDetail } from '../../types/api'
import { fenToYuan } from '../../cloudfunctions/src/core/pricing'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('browsing the shop in the H5 build', () => {
  const shop = browserShop()
  const api = shop.api

  it('signs in as a V4 consumer, reads the feed, taps a product and sees its member price', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')

    await page.getByText('首页', { exact: true }).last().click()
    const firstPost = page.locator('.post-card').first()
    await firstPost.waitFor()

    const token = await signInAs(shop.url, 'consumer-v4')
    const feed = await api<ApiPage<FeedPost>>('catalog', 'feed', { pageSize: 10 }, token)
    const post = feed.items[0]
    expect(await firstPost.locator('.post-card__title').textContent()).toBe(post.title)
    const linked = post.products[0]

    await firstPost.locator('.product-card').first().click()
    await page.locator('.product-detail__title').waitFor()
    expect(await page.locator('.product-detail__title').textContent()).toBe(linked.title)

    const detail = await api<ProductDetail>('catalog', 'product', { id: linked.id }, token)
    expect(detail.memberPrice).not.toBeNull()
    const summary = page.locator('.product-detail__summary')
    await expect.poll(() => summary.textContent()).toContain(`¥${fenToYuan(detail.memberPrice!)}`)
    expect(await summary.textContent()).toContain(`¥${fenToYuan(detail.price)}`)
    expect(await summary.textContent()).toContain('V4 会员价')

    // Opening the product from the post credited the post as the touchpoint of that visit.
    const db = new Database(shop.dbPath, { readonly: true })
    await expect
      .poll(() => db.prepare('SELECT member_id, post_id, product_id, channel FROM touchpoints WHERE product_id = ?').all(linked.id))
      .toContainEqual({ member_id: 'consumer-v4', post_id: post.id, product_id: linked.id, channel: `post:${post.id}` })
    db.close()
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe.skipIf(!hasChromium)('reading a post in the H5 build', () => {
  const shop = browserShop()

  it('shows every photo once, whole, at its own proportions', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const token = await signInAs(shop.url, 'consumer-v4')
    const feed = await shop.api<ApiPage<FeedPost>>('catalog', 'feed', { pageSize: 50 }, token)
    const posts = await Promise.all(feed.items.map((p) => shop.api<PostDetail>('catalog', 'post', { id: p.id }, token)))
    const post = posts.find((p) => p.images.length > 1) ?? posts[0]
    await page.goto(`${shop.url}#/packages/post/detail/index?id=${post.id}`)
    const photos = page.getByLabel(new RegExp(`^${post.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 图 \\d+$`))
    await expect.poll(() => photos.count()).toBe(post.images.length)
    for (let i = 0; i < post.images.length; i += 1) {
      const photo = photos.nth(i)
      await photo.scrollIntoViewIfNeeded()
      const img = photo.locator('img')
      await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true)
      const shape = await photo.evaluate((el) => {
        const image = el.querySelector('img') as HTMLImageElement
        const box = el.getBoundingClientRect()
        return { shown: box.height / box.width, natural: image.naturalHeight / image.naturalWidth }
      })
      // Nothing cut off: the box is as tall as the photo at that width.
      expect(shape.shown).toBeCloseTo(shape.natural, 2)
    }
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe.skipIf(!hasChromium)('typing in the H5 build', () => {
  const shop = browserShop()

  it('shows what people type in the same font as the labels around it', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.goto(`${shop.url}#/packages/post/write/index`)
    const title = page.getByRole('textbox', { name: '填写标题，让更多人看到' })
    const body = page.getByRole('textbox', { name: '分享你的真实体验：用了多久、效果怎样、适合谁……' })
    const label = page.getByText(/^关联商品（/)
    await title.waitFor()
    const fontOf = (element: typeof title) => element.evaluate((el) => getComputedStyle(el).fontFamily)
    const labelFont = await fontOf(label)
    expect(await fontOf(title)).toBe(labelFont)
    expect(await fontOf(body)).toBe(labelFont)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe.skipIf(!hasChromium)('a path that does not exist in the H5 build', () => {
  const shop = browserShop()

  it('opens home with a word instead of a blank page', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    await page.goto(`${shop.url}#/packages/product/gone/index?id=p1`)
    await page.getByText('没有找到这个页面，已为你打开首页').waitFor()
    await expect.poll(() => page.url()).toContain('#/pages/home/index')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

describe.skipIf(!hasChromium)('a product page whose id changes while it is open, in the H5 build', () => {
  const shop = browserShop()

  it('shows the product now named, or that it does not exist, never the one before', async () => {
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const token = await signInAs(shop.url, 'consumer-v4')
    const listed = await shop.api<ApiPage<{ id: string; title: string }>>('catalog', 'products', { pageSize: 2 }, token)
    const [first, second] = listed.items
    // Pages left behind stay in the document, hidden: only what is on screen counts.
    const shown = (text: string) => page.getByText(text, { exact: true }).filter({ visible: true })
    await page.goto(`${shop.url}#/packages/product/detail/index?id=${first.id}`)
    await shown(first.title).first().waitFor()
    await page.goto(`${shop.url}#/packages/product/detail/index?id=${second.id}`)
    await shown(second.title).first().waitFor()
    expect(await shown(first.title).count()).toBe(0)
    await page.goto(`${shop.url}#/packages/product/detail/index?id=no-such-product`)
    await shown('商品不存在或已下架').waitFor()
    expect(await shown(second.title).count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
