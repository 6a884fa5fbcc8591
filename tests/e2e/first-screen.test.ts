import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Page as ApiPage, ProductCard } from '../../types/api'
import { fenToYuan } from '../../cloudfunctions/src/core/pricing'
import { hasChromium } from '../support/browser'
import { browserShop } from '../support/browser-shop'
import { signInAs } from '../support/shop-api'

const FEATURED = { featured: true, pageSize: 6 }

/** Holds the app's scripts back until `release()`, so what the page draws before them can be looked at. */
async function holdAppScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/js\/[^/]+\.js$/, async (route) => {
    await held
    await route.continue()
  })
  return release
}

/** The requests for the home page's featured products and campaigns the page makes. */
function homeAsks(page: Page): string[] {
  const asks: string[] = []
  page.on('request', (request) => {
    const body = request.postData() ?? ''
    if (request.url().endsWith('/api/catalog') && body.includes('"featured":true')) asks.push('featured')
    if (request.url().endsWith('/api/campaign') && body.includes('"active"')) asks.push('campaigns')
  })
  return asks
}

// Runs against `npm run build:h5` output (the test command builds first).
describe.skipIf(!hasChromium)('the H5 first screen before the app has run', () => {
  const shop = browserShop()

  it('shows a visitor the featured products at once, and a tap on one opens its product page when the app arrives', async () => {
    const featured = await shop.api<ApiPage<ProductCard>>('catalog', 'products', FEATURED)
    const { page, errors } = await shop.visitorPage()
    const release = await holdAppScripts(page)
    // Not waiting for the load event: it waits for the held scripts.
    await page.goto(shop.url, { waitUntil: 'commit' })

    const first = featured.items[0]
    const card = page.getByRole('link', { name: new RegExp(first.title) })
    await card.waitFor()
    expect(await page.getByRole('link', { name: /已售/ }).count()).toBe(featured.items.length)
    expect(await card.textContent()).toContain(`¥${fenToYuan(first.price)}`)
    expect(await page.getByText('会员专享价，等级越高越优惠').isVisible()).toBe(true)

    await card.click()
    release()
    await page.getByText(first.title, { exact: true }).first().waitFor()
    await expect.poll(() => page.url()).toContain(`id=${first.id}`)
    expect(await page.locator('#first-screen').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  it('shows a member their tier’s prices, then gives way to the app’s home, which takes its answer instead of asking again', async () => {
    const token = await signInAs(shop.url, 'consumer-v4')
    const featured = await shop.api<ApiPage<ProductCard>>('catalog', 'products', FEATURED, token)
    const priced = featured.items.find((p) => p.memberPrice !== null)
    expect(priced).toBeDefined()
    const { page, errors } = await shop.signedInPage('老会员 · V4 顾客')
    const asks = homeAsks(page)
    const release = await holdAppScripts(page)
    await page.goto(`${shop.url}#/pages/home/index`)
    await page.reload({ waitUntil: 'commit' })

    const card = page.getByRole('link', { name: new RegExp(priced!.title) })
    await card.waitFor()
    expect(await card.textContent()).toContain(`V4 会员价¥${fenToYuan(priced!.memberPrice!)}`)
    expect(await page.getByText('你好，林间听茶').isVisible()).toBe(true)
    const title = page.getByText(priced!.title, { exact: true }).first()
    const before = await title.boundingBox()

    release()
    await expect.poll(() => page.locator('#first-screen').count()).toBe(0)
    // The app's own home shows the featured products where the first screen showed them.
    await title.waitFor()
    const after = await title.boundingBox()
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0))).toBeLessThanOrEqual(2)
    expect(Math.abs((after?.x ?? 0) - (before?.x ?? 0))).toBeLessThanOrEqual(2)
    expect(await page.getByRole('link', { name: new RegExp(priced!.title) }).count()).toBe(0)
    expect(asks.sort()).toEqual(['campaigns', 'featured'])
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})
