/**
 * Queries that give the detail pages of the built mini program something real to show, looked up in
 * the seeded shop (shared by the page tests and the setData benchmark, so no test runner here).
 */
import type { WxDouble } from './wx-double'

/** The demo consumer whose orders, points and history the seeded shop holds. */
export const CONSUMER = 'consumer-v4'

type Item = { id: string; status?: string }

/** Each detail page's query, by route, from what the seeded consumer can see. */
export async function pageQueries(double: WxDouble): Promise<Record<string, Record<string, string>>> {
  const first = async (name: Parameters<WxDouble['call']>[0], action: string, data: unknown = {}) => {
    const answer = (await double.call(name, action, data, CONSUMER)) as { items?: Item[] } | Item[]
    const items = Array.isArray(answer) ? answer : (answer.items ?? [])
    if (!items[0]) throw new Error(`${name}.${action} answered no items to show`)
    return items
  }
  const [product] = await first('catalog', 'products')
  const { skus } = (await double.call('catalog', 'product', { id: product.id }, CONSUMER)) as { skus: { id: string }[] }
  const [post] = await first('catalog', 'feed')
  const [topic] = await first('post', 'topics')
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
    'packages/post/topic/index': { id: topic.id },
    // The certified 达人 of the seeded shop, with followers and an approved post.
    'packages/post/creator/index': { id: 'm09' },
    'packages/redeem/detail/index': { id: item.id },
    'packages/groupbuy/team/index': { teamId: detail.teams[0]?.id ?? '', campaignId: campaign.id },
    'packages/groupbuy/checkout/index': { campaignId: campaign.id, skuId: detail.skus[0]?.skuId ?? '' },
    // Bought at once from the product page: the checkout quotes it (as the cart's 去结算 would).
    'packages/order/checkout/index': { items: `${skus[0]?.id}:1`, from: 'product' },
    'packages/order/detail/index': { orderId: paid.id },
    'packages/order/refund/index': { orderId: paid.id },
  }
}
