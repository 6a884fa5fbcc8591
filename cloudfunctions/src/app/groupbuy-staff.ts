import type { GroupBuyAdminView } from '../../../types/api'
import type { GroupBuyCampaign, Product } from '../../../types/domain'
import { readGroupBuy } from '../core/groupbuy'
import { atFloor, fenToYuan } from '../core/pricing'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { campaignsWrapping, groupBuyAllowed, groupBuyEndAt } from './campaigns'
import { AppError } from './errors'

/**
 * Every group-buy document as staff see it, whether or not a campaign wraps it: its one end, whether
 * it is taking teams now, and the campaigns whose switches also stop it. A refused document shows
 * with its problems, so nothing live is ever out of sight.
 */
export async function groupBuysForStaff(store: Store, now: number): Promise<GroupBuyAdminView[]> {
  const docs = await store.listGroupBuys()
  const views = await Promise.all(docs.map((doc) => staffView(store, doc, now)))
  return views.sort((a, b) => (a.id < b.id ? -1 : 1))
}

async function staffView(store: Store, doc: unknown, now: number): Promise<GroupBuyAdminView> {
  const { campaign, problems } = readGroupBuy(doc)
  const id = String((doc as { id?: unknown } | null)?.id ?? '')
  if (!campaign) return { id, title: '', productId: '', enabled: false, startAt: 0, endAt: 0, live: false, campaignIds: [], problems, doc }
  const [endAt, campaignIds, allowed, product] = await Promise.all([
    groupBuyEndAt(store, campaign, now),
    campaignsWrapping(store, campaign.id, now),
    groupBuyAllowed(store, campaign.id, now),
    store.findProduct(campaign.productId),
  ])
  return {
    id: campaign.id,
    title: campaign.title,
    productId: campaign.productId,
    enabled: campaign.enabled,
    startAt: campaign.startAt,
    endAt,
    live: allowed && campaign.enabled && campaign.startAt <= now && now < endAt,
    campaignIds,
    problems: [...problems, ...teamPriceProblems(campaign, product)],
    doc,
  }
}

/** What the catalog does to the document's team prices: a SKU gone, a price at or above list, one under the cost floor. */
function teamPriceProblems(campaign: GroupBuyCampaign, product: Product | null): string[] {
  if (!product) return [`拼团 ${campaign.id}：商品 ${campaign.productId} 不存在`]
  return campaign.skus.flatMap((entry) => {
    const sku = product.skus.find((s) => s.id === entry.skuId)
    if (!sku) return [`拼团 ${campaign.id}：规格 ${entry.skuId} 不属于这件商品，已忽略`]
    if (entry.teamPrice >= sku.price) return [`拼团 ${campaign.id}：${sku.id} 拼团价 ¥${fenToYuan(entry.teamPrice)} 不低于标价`]
    const charged = atFloor(entry.teamPrice, sku)
    return charged === entry.teamPrice
      ? []
      : [`拼团 ${campaign.id}：${sku.id} 拼团价 ¥${fenToYuan(entry.teamPrice)} 低于底价，已按 ¥${fenToYuan(charged)} 执行`]
  })
}

/**
 * Creates or replaces a group-buy document as staff wrote it. The rules' own reader judges it: one they
 * would ignore is refused (nothing written), a clamped value is saved and named. Its product and SKUs
 * must exist, and a campaign that anyone has joined keeps its product. Audited.
 */
export async function saveGroupBuy(
  store: Store,
  actor: string,
  doc: { id: string } & Record<string, unknown>,
  now: number,
): Promise<GroupBuyAdminView> {
  const { campaign, problems } = readGroupBuy(doc)
  if (!campaign) throw new AppError('INVALID_PAYLOAD', problems.join('；'))
  const product = await store.findProduct(campaign.productId)
  if (!product) throw new AppError('PRODUCT_NOT_FOUND', `商品 ${campaign.productId} 不存在`)
  const foreign = campaign.skus.find((entry) => !product.skus.some((s) => s.id === entry.skuId))
  if (foreign) throw new AppError('SKU_NOT_FOUND', `规格 ${foreign.skuId} 不属于「${product.title}」`)
  const before = (await store.findGroupBuy(campaign.id)) as Record<string, unknown> | null
  if (before && before.productId !== campaign.productId && (await store.seatsTaken(campaign.id)) > 0)
    throw new AppError('INVALID_PAYLOAD', '已有人参团，不能更换拼团商品')
  await store.putGroupBuy(doc)
  await recordAudit(store, actor, 'groupbuy:save', campaign.id, before, doc, now)
  return staffView(store, await store.findGroupBuy(campaign.id), now)
}

/** Switches a group-buy on or off by its own document, audited; switching to where it is changes nothing. */
export async function switchGroupBuy(store: Store, actor: string, id: string, enabled: boolean, now: number): Promise<GroupBuyAdminView> {
  const before = await store.findGroupBuy(id)
  if (!before || typeof before !== 'object') throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在')
  const doc = before as { id: string } & Record<string, unknown>
  if (doc.enabled !== enabled) {
    const after = { ...doc, id, enabled }
    await store.putGroupBuy(after)
    await recordAudit(store, actor, enabled ? 'groupbuy:enable' : 'groupbuy:disable', id, before, after, now)
  }
  return staffView(store, await store.findGroupBuy(id), now)
}
