import type { CampaignAdminView, CampaignInput, CampaignView, QuoteView } from '../../../types/api'
import type { Campaign, CampaignType, GroupBuyCampaign, Member } from '../../../types/domain'
import { type PricedSku, flashPrice, inAudience, inForce, priceFlashCampaign, readCampaign } from '../core/campaigns'
import { readGroupBuy } from '../core/groupbuy'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { SETTINGS_CACHE_MS } from './settings'

interface Read {
  at: number
  killed: boolean
  campaigns: { doc: unknown; campaign: Campaign | null; problems: string[] }[]
}

const cache = new WeakMap<Store, Read>()

/**
 * Every campaign document, validated, and the kill switch — read at most once a minute per store
 * (operators' console edits take effect within that), and at once after a change made here.
 */
async function read(store: Store, now: number): Promise<Read> {
  const cached = cache.get(store)
  if (cached && now - cached.at < SETTINGS_CACHE_MS && now >= cached.at) return cached
  const [docs, settings] = await Promise.all([store.listCampaigns(), store.findSettings('campaigns')])
  const value: Read = {
    at: now,
    killed: (settings as { killSwitch?: unknown } | null)?.killSwitch === true,
    campaigns: await priced(
      store,
      docs.map((doc) => ({ doc, ...readCampaign(doc) })),
    ),
  }
  cache.set(store, value)
  return value
}

const forget = (store: Store) => cache.delete(store)

/** Flash campaigns carry the prices they will charge, so every list (public, console, report) shows those. */
async function priced(store: Store, campaigns: Read['campaigns']): Promise<Read['campaigns']> {
  const skuIds = campaigns.flatMap((c) => (c.campaign?.params.type === 'flash_price' ? c.campaign.params.skus.map((s) => s.skuId) : []))
  if (skuIds.length === 0) return campaigns
  const skus = new Map((await store.findSkus([...new Set(skuIds)])).map((sku) => [sku.id, sku]))
  return campaigns.map((c) => {
    if (!c.campaign) return c
    const { campaign, problems } = priceFlashCampaign(c.campaign, skus)
    return { ...c, campaign, problems: [...c.problems, ...problems] }
  })
}

/**
 * Campaigns of one type in force at `at` (default now) for this member (all of them when `member` is
 * omitted). Tags come from the segments job; a member without any is outside tag audiences.
 */
export async function campaignsInForce<T extends CampaignType>(
  store: Store,
  type: T,
  member: Pick<Member, 'id' | 'tier'> | null | undefined,
  now: number,
  at = now,
): Promise<(Campaign & { params: Extract<Campaign['params'], { type: T }> })[]> {
  const { killed, campaigns } = await read(store, now)
  const live = campaigns
    .map((c) => c.campaign)
    .filter(
      (c): c is Campaign & { params: Extract<Campaign['params'], { type: T }> } => c !== null && c.type === type && inForce(c, at, killed),
    )
  if (member === undefined) return live
  const audience =
    member === null
      ? null
      : { tier: member.tier, tags: live.some((c) => c.audience.tags !== null) ? await store.findMemberTags(member.id) : [] }
  return live.filter((c) => inAudience(c, audience))
}

/** The purchase points multiplier of points days in force at `at` for the member (1 when none; the highest wins). */
export async function pointsDayMultiplier(
  store: Store,
  member: Pick<Member, 'id' | 'tier'> | null,
  now: number,
  at = now,
): Promise<number> {
  return Math.max(1, ...(await campaignsInForce(store, 'points_multiplier', member, now, at)).map((c) => c.params.multiplier))
}

/** Of check-in bonus campaigns, the one that adds the most, with its title (null when none adds anything). */
export function bestCheckInBonus(
  campaigns: readonly (Campaign & { params: Extract<Campaign['params'], { type: 'checkin_bonus' }> })[],
): { points: number; title: string } | null {
  let best: { points: number; title: string } | null = null
  for (const c of campaigns) {
    if (c.params.bonusPoints > (best?.points ?? 0)) best = { points: c.params.bonusPoints, title: c.title || '签到加赠' }
  }
  return best
}

/**
 * When a group-buy stops taking teams: its own end, or earlier when it is wrapped in `groupbuy`
 * campaigns and the last of those in force (or, with none in force, of them all) ends first. The
 * home page, the group-buy list and the console all show this one end.
 */
export async function groupBuyEndAt(store: Store, groupBuy: Pick<GroupBuyCampaign, 'id' | 'endAt'>, now: number): Promise<number> {
  const { killed, campaigns } = await read(store, now)
  const wrapping = campaigns
    .map((c) => c.campaign)
    .filter((c): c is Campaign => c !== null && c.params.type === 'groupbuy' && c.params.groupBuyId === groupBuy.id)
  if (wrapping.length === 0) return groupBuy.endAt
  const live = wrapping.filter((c) => inForce(c, now, killed))
  return Math.min(groupBuy.endAt, Math.max(...(live.length > 0 ? live : wrapping).map((c) => c.endAt)))
}

/** The campaigns wrapping a group-buy (their switches stop it). */
export async function campaignsWrapping(store: Store, groupBuyId: string, now: number): Promise<string[]> {
  return (await read(store, now)).campaigns
    .map((c) => c.campaign)
    .filter((c): c is Campaign => c !== null && c.params.type === 'groupbuy' && c.params.groupBuyId === groupBuyId)
    .map((c) => c.id)
}

/**
 * Whether a group-buy may run: not while the kill switch is on, and when operators wrap it in
 * `groupbuy` campaigns, only while one of those is in force (disabling the campaign stops it).
 */
export async function groupBuyAllowed(store: Store, groupBuyId: string, now: number): Promise<boolean> {
  const { killed, campaigns } = await read(store, now)
  if (killed) return false
  const wrapping = campaigns
    .map((c) => c.campaign)
    .filter((c): c is Campaign => c !== null && c.params.type === 'groupbuy' && c.params.groupBuyId === groupBuyId)
  return wrapping.length === 0 || wrapping.some((c) => inForce(c, now, killed))
}

/**
 * Flash prices the member can buy at now, per SKU: the lowest among the flash campaigns in force for
 * them that still have units left, never below the cost floor (30% of the list price).
 */
export async function flashOffers(
  store: Store,
  member: Pick<Member, 'id' | 'tier'>,
  skus: ReadonlyMap<string, PricedSku>,
  now: number,
): Promise<Map<string, { price: number; campaignId: string; allotment: number; left: number }>> {
  const offers = new Map<string, { price: number; campaignId: string; allotment: number; left: number }>()
  for (const c of await campaignsInForce(store, 'flash_price', member, now)) {
    const left = c.params.stock - (await store.flashSold(c.id))
    if (left <= 0) continue
    for (const s of c.params.skus) {
      const sku = skus.get(s.skuId)
      if (sku === undefined) continue
      const { price } = flashPrice(sku, s.price)
      const current = offers.get(s.skuId)
      if (!current || price < current.price) offers.set(s.skuId, { price, campaignId: c.id, allotment: c.params.stock, left })
    }
  }
  return offers
}

/**
 * The new-member offer an order of this member may take: from the new-member campaigns in force for
 * them, one they joined recently enough for, have not used on another order, and whose minimum the
 * goods (after member discount) reach; the largest wins.
 */
export async function newMemberOffer(store: Store, member: Member, goods: number, now: number): Promise<QuoteView['offer']> {
  let best: QuoteView['offer'] = null
  for (const c of await campaignsInForce(store, 'new_member', member, now)) {
    const { joinedWithinDays, amountOff, minSpend } = c.params
    if (amountOff <= 0 || now - member.createdAt > joinedWithinDays * 86_400_000 || goods < minSpend) continue
    if (await store.offerClaimed(c.id, member.id)) continue
    if (!best || amountOff > best.amountOff) best = { campaignId: c.id, title: c.title || '新人礼', amountOff, minSpend }
  }
  return best
}

/** Whether the kill switch is on (every campaign and group-buy stops). */
export async function campaignsKilled(store: Store, now: number): Promise<boolean> {
  return (await read(store, now)).killed
}

export async function activeCampaigns(store: Store, caller: Member | null, now: number): Promise<CampaignView[]> {
  const { killed, campaigns } = await read(store, now)
  // Tags come from the segments job (memberTags); a member not tagged yet is outside tag audiences.
  const audience = caller ? { tier: caller.tier, tags: await store.findMemberTags(caller.id) } : null
  const shown = campaigns
    .map((c) => c.campaign)
    .filter((c): c is Campaign => c !== null && inForce(c, now, killed) && inAudience(c, audience))
    .sort((a, b) => a.startAt - b.startAt || (a.id < b.id ? -1 : 1))
  return Promise.all(
    shown.map(async ({ id, type, title, startAt, endAt, params }) => {
      // A group-buy campaign ends, for the member, when the group-buy it runs does.
      const groupBuy = params.type === 'groupbuy' ? readGroupBuy(await store.findGroupBuy(params.groupBuyId)).campaign : null
      return { id, type, title, startAt, endAt: groupBuy ? Math.min(endAt, groupBuy.endAt) : endAt, params }
    }),
  )
}

function adminView({ doc, campaign, problems }: Read['campaigns'][number], now: number, killed: boolean): CampaignAdminView {
  return { id: (doc as { id: string }).id, doc, campaign, problems, inForce: campaign !== null && inForce(campaign, now, killed) }
}

export async function listCampaignDocs(store: Store, now: number): Promise<{ killSwitch: boolean; campaigns: CampaignAdminView[] }> {
  forget(store)
  const { killed, campaigns } = await read(store, now)
  return { killSwitch: killed, campaigns: campaigns.map((c) => adminView(c, now, killed)) }
}

/** Writes a campaign document when it validates (clamped values are kept as typed and reported), with an audit entry. */
async function write(
  store: Store,
  actor: string,
  action: string,
  doc: Record<string, unknown> & { id: string },
  before: unknown,
  now: number,
): Promise<CampaignAdminView> {
  const { campaign, problems } = readCampaign(doc)
  if (!campaign) throw new AppError('CAMPAIGN_INVALID', problems.join('；'))
  await store.putCampaign(doc)
  await recordAudit(store, actor, action, doc.id, before, doc, now)
  forget(store)
  const { killed, campaigns } = await read(store, now)
  const written = campaigns.find((c) => (c.doc as { id?: unknown } | null)?.id === doc.id) ?? { doc, campaign, problems }
  return adminView(written, now, killed)
}

export async function createCampaign(store: Store, actor: string, input: CampaignInput, now: number): Promise<CampaignAdminView> {
  if (await store.findCampaign(input.id)) throw new AppError('CAMPAIGN_EXISTS', `活动 ${input.id} 已存在，请用 update 修改`)
  return write(store, actor, 'create', { ...input }, null, now)
}

async function existing(store: Store, id: string): Promise<Record<string, unknown> & { id: string }> {
  const doc = await store.findCampaign(id)
  if (!doc || typeof doc !== 'object') throw new AppError('CAMPAIGN_NOT_FOUND', `没有活动 ${id}`)
  return doc as Record<string, unknown> & { id: string }
}

export async function updateCampaign(store: Store, actor: string, input: CampaignInput, now: number): Promise<CampaignAdminView> {
  const before = await existing(store, input.id)
  return write(store, actor, 'update', { ...input }, before, now)
}

/** Enable, disable and schedule change one field of a stored document; a refused document stays refused. */
async function patch(
  store: Store,
  actor: string,
  action: string,
  id: string,
  fields: Record<string, unknown>,
  now: number,
): Promise<CampaignAdminView> {
  const before = await existing(store, id)
  return write(store, actor, action, { ...before, ...fields, id }, before, now)
}

export const enableCampaign = (store: Store, actor: string, id: string, now: number) =>
  patch(store, actor, 'enable', id, { enabled: true }, now)
export const disableCampaign = (store: Store, actor: string, id: string, now: number) =>
  patch(store, actor, 'disable', id, { enabled: false }, now)
export const scheduleCampaign = (store: Store, actor: string, req: { id: string; startAt: number; endAt: number }, now: number) =>
  patch(store, actor, 'schedule', req.id, { startAt: req.startAt, endAt: req.endAt }, now)

export async function setKillSwitch(store: Store, actor: string, on: boolean, now: number): Promise<{ killSwitch: boolean }> {
  const before = await store.findSettings('campaigns')
  const root = typeof before === 'object' && before !== null && !Array.isArray(before) ? (before as Record<string, unknown>) : {}
  const after = { ...root, killSwitch: on }
  await store.putSettings('campaigns', after)
  await recordAudit(store, actor, on ? 'killSwitch:on' : 'killSwitch:off', 'campaigns', before, after, now)
  forget(store)
  return { killSwitch: on }
}
