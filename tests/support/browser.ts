import fs from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const hasChromium = fs.existsSync(CHROMIUM_PATH)

if (!hasChromium) {
  const help = `Chromium is missing at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`
  if (process.env.CI === 'true') throw new Error(`${help} The browser tests must run in CI.`)
  console.warn(`Skipping the browser tests. ${help}`)
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** Chooses 所在地区 of the address form in the browser build's cascade, as a member taps it: 省, then 市, then 区. */
export async function pickRegion(page: Page, ...parts: string[]): Promise<void> {
  await page.locator('.address-form .region-picker').click()
  for (const part of parts) await page.locator('.region-picker__choice').getByText(part, { exact: true }).click()
}
