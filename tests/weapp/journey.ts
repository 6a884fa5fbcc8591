/**
 * What the journeys share: the built mini program launched for one person over a fresh seeded shop,
 * and the page a navigation call asked WeChat to open, opened as WeChat would.
 */
import { afterAll, beforeAll } from 'vitest'
import type { AddressInput } from '../../types/api'
import { type RenderedPage, type WeappHost, launchWeapp } from './harness'
import { type WxDouble, createWxDouble } from './wx-double'

const NAVIGATIONS = new Set(['navigateTo', 'redirectTo', 'switchTab', 'reLaunch'])

/** The mini program launched for `openid`; one per test file (the base library runs a page's code once per process). */
export function journeyOf(openid: string) {
  const session = {} as { host: WeappHost; double: WxDouble }
  beforeAll(async () => {
    session.double = await createWxDouble(openid)
    session.host = launchWeapp(session.double.wx)
  })
  afterAll(() => session.double?.close())
  return session
}

/** The url of the page the last navigation call asked for (navigateTo, redirectTo, switchTab, reLaunch). */
export function lastNavigation(double: WxDouble): string {
  const call = double.log.filter((entry) => NAVIGATIONS.has(entry.api)).at(-1)
  const url = (call?.arg as { url?: string } | undefined)?.url
  if (!url) throw new Error('the page asked WeChat to open nothing')
  return url
}

/** Opens the page the last navigation call asked for, as WeChat does after the tap. */
export function follow(session: { host: WeappHost; double: WxDouble }): Promise<RenderedPage> {
  return session.host.open(lastNavigation(session.double))
}

/** What a page shows, as one string (the text a person reads). */
export const textOf = (page: RenderedPage): string => page.dom.textContent ?? ''

/** The titles of the toasts shown so far, oldest first. */
export const toasts = (double: WxDouble): string[] =>
  double.log.filter((entry) => entry.api === 'showToast').map((entry) => String((entry.arg as { title?: unknown }).title))

/** 浙江省杭州市西湖区 -> the three columns WeChat's region picker answers with. */
function regionColumns(region: string): string[] {
  const parts = /^(.+?(?:省|自治区|市))(.+?(?:市|自治州|地区|盟))?(.+)$/.exec(region)
  if (!parts) throw new Error(`not a region of 省, 市 and 区: ${region}`)
  return [parts[1], parts[2] ?? parts[1], parts[3]]
}

/** Fills in a 收货地址 form (checkout, team checkout, mall goods) field by field, by the labels a person reads; 所在地区 through the region picker. */
export async function typeAddress(page: RenderedPage, address: AddressInput): Promise<void> {
  await page.type('收货人', address.name)
  await page.type('手机号码', address.phone)
  await page.choose('所在地区', regionColumns(address.region))
  await page.type('详细地址', address.detail)
}
