/**
 * Renders every page of the built mini program for one person and checks what WeChat would draw:
 * the page loads without an uncaught error, shows some text, and every node it sends to the view
 * has a template in base.wxml — a node without one (an HTML tag such as `div` when the build has no
 * plugin-html) is silently drawn as nothing on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allPages } from '../support/weapp-pages'
import { type RenderedPage, type WeappHost, launchWeapp, nodeNamesIn, templatedNodeNames } from './harness'
import { type WxDouble, createWxDouble } from './wx-double'

/** The demo consumer whose orders, points and history the seeded shop holds. */
export const CONSUMER = 'consumer-v4'

type Item = { id: string; status?: string }

/** Queries that give the detail pages something real to show, looked up in the seeded shop. */
async function pageQueries(double: WxDouble): Promise<Record<string, Record<string, string>>> {
  const first = async (name: Parameters<WxDouble['call']>[0], action: string, data: unknown = {}) => {
    const answer = (await double.call(name, action, data, CONSUMER)) as { items?: Item[] } | Item[]
    const items = Array.isArray(answer) ? answer : (answer.items ?? [])
    if (!items[0]) throw new Error(`${name}.${action} answered no items to show`)
    return items
  }
  const [product] = await first('catalog', 'products')
  const [post] = await first('catalog', 'feed')
  const [item] = await first('redeem', 'items')
  const [campaign] = await first('groupbuy', 'list')
  const detail = (await double.call('groupbuy', 'detail', { id: campaign.id }, CONSUMER)) as {
    skus: { skuId: string }[]
    teams: { id: string }[]
  }
  const orders = await first('order', 'list')
  // A paid order still has refundable lines, so the refund page shows its line checkboxes.
  const paid = orders.find((order) => order.status === 'paid') ?? orders[0]
  return {
    'packages/product/detail/index': { id: product.id },
    'packages/post/detail/index': { id: post.id },
    'packages/redeem/detail/index': { id: item.id },
    'packages/groupbuy/team/index': { teamId: detail.teams[0]?.id ?? '', campaignId: campaign.id },
    'packages/groupbuy/checkout/index': { campaignId: campaign.id, skuId: detail.skus[0]?.skuId ?? '' },
    'packages/order/detail/index': { orderId: paid.id },
    'packages/order/refund/index': { orderId: paid.id },
  }
}

/** Parts once drawn as nothing on a phone, each found by what a person reads there. */
const MUST_SHOW: Record<string, string[]> = {
  'packages/points/center/index': ['积分规则', '积分批次'],
  'packages/points/checkin/index': ['积分规则'],
  'packages/distributor/apply/index': ['我已年满 18 周岁'],
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
