/**
 * Renders every page of the built mini program for one person and checks what WeChat would draw:
 * the page loads without an uncaught error, shows some text, and every node it sends to the view
 * has a template in base.wxml — a node without one (an HTML tag such as `div` when the build has no
 * plugin-html) is silently drawn as nothing on a phone — and no setData payload exceeds SETDATA_BUDGET.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allPages } from '../support/weapp-pages'
import { type RenderedPage, SETDATA_BUDGET, type WeappHost, launchWeapp, nodeNamesIn, templatedNodeNames } from './harness'
import { pageQueries } from './page-queries'
import { type WxDouble, createWxDouble } from './wx-double'

export { CONSUMER } from './page-queries'

/** Parts once drawn as nothing on a phone, each found by what a person reads there. */
const MUST_SHOW: Record<string, string[]> = {
  'packages/points/center/index': ['积分规则', '积分批次'],
  'packages/points/checkin/index': ['积分规则'],
  'packages/distributor/apply/index': ['我已年满 18 周岁'],
  'packages/post/creator/index': ['素心', '达人', '人关注', '获赞'],
}

/**
 * The mini program launched for `openid` over a fresh seeded shop, for the tests of one describe.
 * Each launch must run in its own test file: the base library runs a page's code once per process.
 */
function launchedFor(openid: string) {
  const session = {} as { host: WeappHost; queries: Record<string, Record<string, string>> }
  let double: WxDouble | undefined
  beforeAll(async () => {
    double = await createWxDouble(openid)
    session.queries = await pageQueries(double)
    session.host = launchWeapp(double.wx)
  })
  afterAll(() => double?.close())
  return session
}

/** The node names a page sent that base.wxml has no template for, sorted. */
function droppedNames(page: RenderedPage, templated: Set<string>): string[] {
  const names = new Set<string>()
  for (const payload of page.payloads) nodeNamesIn(payload, names)
  if (names.size === 0) return ['(the page rendered nothing)']
  return [...names].filter((name) => !templated.has(name)).sort()
}

/** One test per page of app.json for `who` (its OPENID; a new one is a visitor the shop has not seen). */
export function describeWeappPages(who: string, openid: string) {
  describe(`weapp pages for ${who}`, () => {
    const session = launchedFor(openid)
    const templated = templatedNodeNames()

    it.each(allPages())('%s draws every node it renders', async (route) => {
      const page = await session.host.render(route, session.queries[route])
      expect(page.errors, 'uncaught errors').toEqual([])
      expect(droppedNames(page, templated), 'node names with no WeChat template (drawn as nothing)').toEqual([])
      expect(page.dom.textContent?.trim(), 'the page shows no text').toBeTruthy()
      for (const text of MUST_SHOW[route] ?? []) expect(page.dom.textContent, route).toContain(text)
      expect(Math.max(...page.payloadBytes), 'the largest setData payload (bytes of JSON)').toBeLessThanOrEqual(SETDATA_BUDGET)
    })
  })
}

/** The signed-in consumer's pages after a tap: what opens or changes must be drawn too. */
export function describeWeappTaps(openid: string) {
  describe('weapp pages after a tap', () => {
    const session = launchedFor(openid)
    const templated = templatedNodeNames()

    it.each([
      ['packages/points/center/index', '积分批次'],
      ['packages/distributor/apply/index', '我已年满 18 周岁'],
      ['packages/order/refund/index', '实付'],
    ])('%s draws what a tap on 「%s」 opens', async (route, label) => {
      const page = await session.host.render(route, session.queries[route])
      await page.tap(label)
      expect(page.errors, 'uncaught errors').toEqual([])
      expect(droppedNames(page, templated), 'node names with no WeChat template (drawn as nothing)').toEqual([])
    })
  })
}
