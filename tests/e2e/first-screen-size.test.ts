import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FirstScreenJs, H5_FIRST_SCREEN_JS_BUDGET, h5FirstScreenJs } from '../../bench/h5-first-card'
import { hasChromium, launchChromium } from '../support/browser'
import { type ShopProcess, startShopProcess } from '../support/shop-process'

// Runs against `npm run build:h5` output (the test command builds first). The bench reports the same figure.
describe.skipIf(!hasChromium)('the H5 first screen', () => {
  let shop: ShopProcess | undefined
  let firstScreen: FirstScreenJs
  beforeAll(async () => {
    shop = await startShopProcess()
    const browser = await launchChromium()
    try {
      firstScreen = await h5FirstScreenJs(browser, shop.url)
    } finally {
      await browser.close()
    }
  }, 120_000)
  afterAll(async () => {
    await shop?.stop()
  })

  it('fetches at most 150 KB of gzipped JavaScript until its home page has drawn its products', () => {
    expect(firstScreen.files.length).toBeGreaterThan(1)
    expect(firstScreen.gzipBytes).toBeLessThanOrEqual(H5_FIRST_SCREEN_JS_BUDGET)
  })

  it('leaves the product page’s carousel to the product page', () => {
    const carousel = firstScreen.files.filter((file) => fs.readFileSync(path.join('dist/h5', file), 'utf8').includes('swiper-wrapper'))
    expect(carousel).toEqual([])
  })
})
