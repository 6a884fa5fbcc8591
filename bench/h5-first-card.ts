import { hasChromium, launchChromium } from '../tests/support/browser'
import { startShopProcess } from '../tests/support/shop-process'
import type { Row } from './report'

const LOADS = 7
const CPU_SLOWDOWN = 4
const PRODUCT_CARD = '.product-card'

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
    await load()
    const times: number[] = []
    for (let i = 0; i < LOADS; i += 1) times.push(await load())
    times.sort((a, b) => a - b)
    const label = `H5 time to first product card (${CPU_SLOWDOWN}× CPU slowdown, cold loads)`
    return [
      { metric: `${label}, median`, value: Math.round(times[Math.floor(times.length / 2)]), unit: 'ms', section: 'H5' },
      { metric: `${label}, worst`, value: Math.round(times[times.length - 1]), unit: 'ms', section: 'H5' },
      { metric: `${label}, loads`, value: times.length, unit: 'loads', section: 'H5' },
    ]
  } finally {
    await browser.close()
    await shop.stop()
  }
}
