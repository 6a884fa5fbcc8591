import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { hasChromium, launchChromium } from '../tests/support/browser'
import { startShopProcess } from '../tests/support/shop-process'
import type { Row } from './report'

const LOADS = 7
const CPU_SLOWDOWN = 4
const PRODUCT_CARD = '.product-card'
/** Issue 19's limit on the time to the first product card at this slowdown (a timing: reported, never asserted in tests). */
const FIRST_CARD_BUDGET_MS = 800

/** Where the page keeps the time it saw the first card. */
type Watched = { firstProductCardAt?: number }

/**
 * Installed before the shop's own scripts: notes the time since navigation start at which the
 * first product card is laid out with a size, i.e. a visitor can see it. The page runs this
 * function's source text alone, so it declares no named functions of its own (the bench's
 * TypeScript loader would wrap them in a helper the page does not have).
 */
function watchFirstProductCard(selector: string): void {
  const observer = new MutationObserver(() => {
    const card = document.querySelector(selector)
    const box = card?.getBoundingClientRect()
    if (!box || box.width === 0 || box.height === 0) return
    ;(window as Watched).firstProductCardAt = performance.now()
    observer.disconnect()
  })
  observer.observe(document, { childList: true, subtree: true, attributes: true })
}

/** Issue 19's limit on the JavaScript of the first screen, gzipped. */
export const H5_FIRST_SCREEN_JS_BUDGET = 150_000

export interface FirstScreenJs {
  files: string[]
  bytes: number
  gzipBytes: number
}

/**
 * The JavaScript the first screen fetches, as Chromium fetches it: the script inlined in index.html
 * (which draws the first cards) and every script requested from opening the shop until the network
 * is quiet after the app's home page has drawn its products — the entry chunks and the chunks the
 * home page loads lazily alike. Each is gzipped here at level 9, so the figure is the build's and
 * not the host's way of serving it.
 */
export async function h5FirstScreenJs(browser: Browser, url: string): Promise<FirstScreenJs> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
  try {
    const page = await context.newPage()
    const scripts: Promise<{ file: string; body: Buffer }>[] = []
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return
      scripts.push(response.body().then((body) => ({ file: new URL(response.url()).pathname.replace(/^\//, ''), body })))
    })
    const html = await (await page.goto(url))?.text()
    for (const [, inline] of (html ?? '').matchAll(/<script>([\s\S]*?)<\/script>/g))
      scripts.push(Promise.resolve({ file: 'index.html', body: Buffer.from(inline) }))
    await page.locator(PRODUCT_CARD).first().waitFor({ timeout: 60_000 })
    // index.html draws the first cards itself; the app's home takes over once its own are drawn.
    await page.locator('#first-screen').waitFor({ state: 'detached', timeout: 60_000 })
    await page.waitForLoadState('networkidle')
    const fetched = await Promise.all(scripts)
    return {
      files: fetched.map((s) => s.file).sort(),
      bytes: fetched.reduce((sum, s) => sum + s.body.length, 0),
      gzipBytes: fetched.reduce((sum, s) => sum + gzipSync(s.body, { level: 9 }).length, 0),
    }
  } finally {
    await context.close()
  }
}

/**
 * The H5 build served by the local host, opened cold (a fresh browser context each time, so
 * nothing is cached) on a phone-sized page with the CPU slowed 4×, as a mid-range phone would run it.
 */
export async function h5FirstCardBench(): Promise<Row[]> {
  if (!hasChromium) return []
  const shop = await startShopProcess()
  const browser = await launchChromium()
  try {
    const load = async (): Promise<number> => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 })
      try {
        await context.addInitScript(watchFirstProductCard, PRODUCT_CARD)
        const page = await context.newPage()
        const cdp = await context.newCDPSession(page)
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
        await page.goto(shop.url)
        const at = await page.waitForFunction(() => (window as Watched).firstProductCardAt, undefined, { timeout: 60_000 })
        return (await at.jsonValue()) as number
      } finally {
        await context.close()
      }
    }
    // The host's first answers warm its own caches; a shop that is up has done that already.
    const firstScreen = await h5FirstScreenJs(browser, shop.url)
    const times: number[] = []
    for (let i = 0; i < LOADS; i += 1) times.push(await load())
    times.sort((a, b) => a - b)
    const label = `H5 time to first product card (${CPU_SLOWDOWN}× CPU slowdown, cold loads)`
    return [
      {
        metric: 'H5 first screen JS (gzip)',
        value: firstScreen.gzipBytes,
        unit: 'bytes',
        budget: H5_FIRST_SCREEN_JS_BUDGET,
        section: 'H5',
      },
      { metric: 'H5 first screen JS (raw)', value: firstScreen.bytes, unit: 'bytes', section: 'H5' },
      {
        metric: `${label}, median`,
        value: Math.round(times[Math.floor(times.length / 2)]),
        unit: 'ms',
        budget: FIRST_CARD_BUDGET_MS,
        section: 'H5',
      },
      { metric: `${label}, worst`, value: Math.round(times[times.length - 1]), unit: 'ms', section: 'H5' },
      { metric: `${label}, loads`, value: times.length, unit: 'loads', section: 'H5' },
    ]
  } finally {
    await browser.close()
    await shop.stop()
  }
}
