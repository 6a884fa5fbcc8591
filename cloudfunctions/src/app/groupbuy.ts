import type { GroupBuyCard, GroupBuyDetail, Page, TeamView } from '../../../types/api'
import type { GroupBuyCampaign, Member, Sku, Team } from '../../../types/domain'
import { lowestPrice, paging } from '../core/catalog'
import { type TeamRefusal, holdsPlace, isLive, placesTaken, readGroupBuy } from '../core/groupbuy'
import { atFloor } from '../core/pricing'
import type { Store } from '../store/port'
import { groupBuyAllowed, groupBuyEndAt } from './campaigns'
import { AppError } from './errors'
import type { ShareCodes } from '../wechat/ports'

export const REFUSALS: Record<TeamRefusal, string> = {
  TEAM_CLOSED: '这个团已结束，去看看其他团或自己开团吧',
  TEAM_FULL: '这个团已满员，可以自己开团或参加其他团',
  OWN_TEAM: '不能参加自己开的团，分享给好友一起拼吧',
  ALREADY_IN_TEAM: '你已在这个团里',
}

/** Every valid campaign document (invalid ones are left out; `groupBuyProblems` reports them). */
async function campaigns(store: Store): Promise<GroupBuyCampaign[]> {
  const docs = await store.listGroupBuys()
  return docs
    .map((doc) => readGroupBuy(doc).campaign)
    .filter((c): c is GroupBuyCampaign => c !== null)
    .sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : 1))
}

/** What operators should fix in their group-buy documents: refused documents and clamped values. */
export async function groupBuyProblems(store: Store): Promise<string[]> {
  return (await store.listGroupBuys()).flatMap((doc) => readGroupBuy(doc).problems)
}

export async function campaignById(store: Store, id: string): Promise<GroupBuyCampaign | null> {
  const doc = await store.findGroupBuy(id)
  return doc === null ? null : readGroupBuy(doc).campaign
}

export async function liveCampaign(store: Store, id: string, now: number): Promise<GroupBuyCampaign> {
  const campaign = await campaignById(store, id)
  if (!campaign) throw new AppError('GROUPBUY_NOT_FOUND', '拼团活动不存在')
  if (!(await groupBuyAllowed(store, campaign.id, now))) throw new AppError('GROUPBUY_CLOSED', '拼团活动已暂停')
  if (!isLive(campaign, now)) throw new AppError('GROUPBUY_CLOSED', now < campaign.startAt ? '拼团活动还未开始' : '拼团活动已结束')
  return campaign
}

/** The lowest team price among the campaign's SKUs the catalog still holds, each at its cost floor. */
function lowestTeamPrice(campaign: GroupBuyCampaign, skus: readonly Sku[]): number {
  const prices = campaign.skus.flatMap((c) => {
    const sku = skus.find((s) => s.id === c.skuId)
    return sku ? [atFloor(c.teamPrice, sku)] : []
  })
  return prices.length === 0 ? 0 : Math.min(...prices)
}

async function card(store: Store, campaign: GroupBuyCampaign, now: number): Promise<GroupBuyCard | null> {
  const product = await store.findProduct(campaign.productId)
  if (product?.status !== 'on') return null
  const skus = product.skus.filter((s) => campaign.skus.some((c) => c.skuId === s.id))
  if (skus.length === 0) return null
  const [taken, open, endAt] = await Promise.all([
    store.seatsTaken(campaign.id),
    store.listTeams({ campaignId: campaign.id, statuses: ['forming'], offset: 0, limit: 1 }),
    groupBuyEndAt(store, campaign, now),
  ])
  return {
    id: campaign.id,
    title: campaign.title || product.title,
    productId: product.id,
    productTitle: product.title,
    cover: product.images[0] ?? '',
    price: lowestPrice(skus),
    teamPrice: lowestTeamPrice(campaign, skus),
    teamSize: campaign.teamSize,
    timeLimitMs: campaign.timeLimitMs,
    stockLeft: Math.max(0, campaign.stock - taken),
    endAt,
    openTeams: open.total,
  }
}

export async function listGroupBuys(
  store: Store,
  req: { productId?: string; page?: number; pageSize?: number },
  now: number,
): Promise<Page<GroupBuyCard>> {
  const p = paging(req.page, req.pageSize)
  const candidates = (await campaigns(store)).filter((c) => isLive(c, now) && (!req.productId || c.productId === req.productId))
  const allowed = await Promise.all(candidates.map((c) => groupBuyAllowed(store, c.id, now)))
  const live = candidates.filter((_, i) => allowed[i])
  const cards = (await Promise.all(live.map((c) => card(store, c, now)))).filter((c): c is GroupBuyCard => c !== null)
  return {
    items: cards.slice(p.offset, p.offset + p.pageSize),
    page: p.page,
    pageSize: p.pageSize,
    total: cards.length,
    hasMore: p.offset + p.pageSize < cards.length,
  }
}

export async function teamView(
  store: Store,
  team: Team,
  caller: Member | null,
  now: number,
  campaign?: GroupBuyCampaign | null,
): Promise<TeamView> {
  const c = campaign === undefined ? await campaignById(store, team.campaignId) : campaign
  const product = await store.findProduct(team.productId)
  const shown = team.seats.filter((s) => s.status === 'paid' || (s.status === 'held' && s.heldUntil > now) || s.status === 'refunded')
  const members = await store.findMembers(shown.map((s) => s.memberId))
  const mine = caller
    ? team.seats.find((s) => s.memberId === caller.id && s.status !== 'released' && (s.status !== 'held' || s.heldUntil > now))
    : undefined
  const refusal = (() => {
    if (!caller) return '请先登录'
    if (!c || !isLive(c, now)) return '拼团活动已结束'
    if (mine) return REFUSALS.ALREADY_IN_TEAM
    if (team.status !== 'forming' || team.expiresAt === null || team.expiresAt <= now)
      return team.status === 'opening' ? '团长支付后才能参团' : REFUSALS.TEAM_CLOSED
    if (team.leaderId === caller.id) return REFUSALS.OWN_TEAM
    if (placesTaken(team, now) >= team.size) return REFUSALS.TEAM_FULL
    return null
  })()
  return {
    id: team.id,
    campaignId: team.campaignId,
    title: c?.title || product?.title || '',
    productId: team.productId,
    productTitle: product?.title ?? '',
    cover: product?.images[0] ?? '',
    teamPrice: c && product ? lowestTeamPrice(c, product.skus) : 0,
    size: team.size,
    status: team.status,
    seats: shown.map((s) => {
      const m = members.find((x) => x.id === s.memberId)
      return {
        nickname: m?.nickname ?? '微信用户',
        avatar: m?.avatar ?? '',
        leader: s.memberId === team.leaderId,
        status: s.status as 'held' | 'paid' | 'refunded',
      }
    }),
    seatsLeft: Math.max(0, team.size - placesTaken(team, now)),
    openedAt: team.openedAt,
    expiresAt: team.expiresAt,
    succeededAt: team.succeededAt,
    failedAt: team.failedAt,
    viewer: {
      seat: mine ? (mine.status as 'held' | 'paid' | 'refunded') : null,
      orderId: mine?.orderId ?? null,
      canJoin: refusal === null,
      refusal,
    },
  }
}

export async function groupBuyDetail(store: Store, caller: Member | null, id: string, now: number): Promise<GroupBuyDetail> {
  const campaign = await liveCampaign(store, id, now)
  const base = await card(store, campaign, now)
  if (!base) throw new AppError('GROUPBUY_CLOSED', '拼团商品已下架')
  const product = (await store.findProduct(campaign.productId))!
  const teams = (await store.listTeams({ campaignId: campaign.id, statuses: ['forming'], offset: 0, limit: 20 })).items.filter(
    (t) => t.expiresAt !== null && t.expiresAt > now,
  )
  const memberSeats = caller
    ? (await store.teamsOfMember(caller.id, 0, 200)).items.filter(
        (t) => t.campaignId === campaign.id && t.seats.some((s) => s.memberId === caller.id && holdsPlace(s, now)),
      ).length
    : 0
  const refusal = !caller
    ? '请先登录'
    : base.stockLeft <= 0
      ? '拼团名额已抢完'
      : base.stockLeft < campaign.teamSize
        ? OPEN_SHORT
        : memberSeats >= campaign.perMemberLimit
          ? `每人最多参加 ${campaign.perMemberLimit} 个团`
          : null
  return {
    ...base,
    skus: campaign.skus.flatMap((c) => {
      const sku = product.skus.find((s) => s.id === c.skuId)
      return sku ? [{ skuId: sku.id, specs: sku.specs, price: sku.price, teamPrice: atFloor(c.teamPrice, sku), stock: sku.stock }] : []
    }),
    perMemberLimit: campaign.perMemberLimit,
    teams: await Promise.all(teams.slice(0, 10).map((t) => teamView(store, t, caller, now, campaign))),
    canOpen: refusal === null,
    refusal,
  }
}

export const TEAM_PAGE = 'packages/groupbuy/team/index'

/** A new team takes all its seats at once: fewer left than a team's size can only go to teams already forming. */
export const OPEN_SHORT = '剩余名额不够开一个新团，可以参加正在拼的团'

/**
 * A team as anyone sees it. With `poster`, also the QR of its invite poster: the team id is the
 * mini program code's scene (at most 32 characters), so scanning opens this team.
 */
export async function teamDetail(
  store: Store,
  pay: ShareCodes,
  caller: Member | null,
  req: { teamId: string; poster?: boolean },
  now: number,
): Promise<TeamView> {
  const team = await store.findTeam(req.teamId)
  if (!team) throw new AppError('TEAM_NOT_FOUND', '这个团不存在')
  const view = await teamView(store, team, caller, now)
  if (!req.poster) return view
  const path = `/${TEAM_PAGE}?teamId=${team.id}&campaignId=${team.campaignId}${caller ? `&sc=${caller.shareCode}` : ''}`
  return { ...view, qr: await pay.shareQr({ scene: team.id, page: TEAM_PAGE, path }) }
}

export async function myTeams(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
  now: number,
): Promise<Page<TeamView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.teamsOfMember(member.id, p.offset, p.pageSize)
  return {
    items: await Promise.all(items.map((t) => teamView(store, t, member, now))),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}
