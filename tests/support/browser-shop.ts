import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchChromium } from './browser'
import { callShop } from './shop-api'
import { type ShopProcess, startShopProcess } from './shop-process'

/**
 * For one describe block of browser tests: the local host on a fresh database serving the built H5
 * app (`npm run build:h5`), and a Chromium to drive it.
 */
export function browserShop() {
  let shop: ShopProcess
  let browser: Browser

  beforeAll(async () => {
    if (!fs.existsSync('dist/h5/index.html')) throw new Error('dist/h5 is missing: run `npm run build:h5` first')
    shop = await startShopProcess()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await shop?.stop()
  })

  return {
    get url() {
      return shop.url
    },
    get dbPath() {
      return shop.dbPath
    },
    api: <T>(fn: string, action: string, data: unknown, token?: string) => callShop<T>(shop.url, fn, action, data, token),
    /** A fresh page of a visitor (phone-sized), not yet opened, and the page errors it throws. */
    async visitorPage(viewport = { width: 390, height: 844 }): Promise<{ page: Page; errors: string[] }> {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 2 })
      page.setDefaultTimeout(20_000)
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      return { page, errors }
    },
    /**
     * A page signed in as the demo person with this label through the 我的 tab (phone-sized unless a
     * viewport is given), and the page errors it has thrown so far.
     */
    async signedInPage(personLabel: string, viewport = { width: 390, height: 844 }): Promise<{ page: Page; errors: string[] }> {
      const page = await browser.newPage({ viewport, deviceScaleFactor: 2 })
      page.setDefaultTimeout(20_000)
      const errors: string[] = []
      page.on('pageerror', (error) => errors.push(error.message))
      await page.goto(shop.url)
      await page.getByText('我的', { exact: true }).last().click()
      // Clicking the cell's inner title does not reach its handler; the cell itself does.
      await page.locator('.nut-cell', { has: page.getByText(personLabel, { exact: true }) }).click()
      await page.getByText('当前身份').waitFor()
      return { page, errors }
    },
  }
}
