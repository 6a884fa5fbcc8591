import type { GroupBuyAdminView } from '../../../types/api'
import { readGroupBuy } from '../core/groupbuy'
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
  if (!campaign) return { id, title: '', productId: '', enabled: false, startAt: 0, endAt: 0, live: false, campaignIds: [], problems }
  const [endAt, campaignIds, allowed] = await Promise.all([
    groupBuyEndAt(store, campaign, now),
    campaignsWrapping(store, campaign.id, now),
    groupBuyAllowed(store, campaign.id, now),
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
    problems,
  }
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
