import type { ReportRow, ShopReport } from '../../../types/api'
import type { Campaign, Order } from '../../../types/domain'
import { DAY_MS, shopDay, shopDayBefore, shopDayBounds } from '../core/time'
import type { Store, StoredTouch } from '../store/port'
import { listCampaignDocs } from './campaigns'
import { communityReport } from './community-report'
import { groupBuyProblems } from './groupbuy'
import { readEach } from './reads'

/** Rows per store read: the report holds one page of touches or orders at a time. */
const PAGE = 500
const EXPIRING_WITHIN = 30 * DAY_MS

/** WeChat scene values by the kind of entry they are, so the channel table reads as a handful of groups. */
const SCENE_GROUPS: readonly { key: string; label: string; scenes: readonly number[] }[] = [
  { key: 'scene:chat', label: '聊天卡片', scenes: [1007, 1008, 1036, 1044, 1073, 1096] },
  { key: 'scene:qr', label: '扫码', scenes: [1011, 1012, 1013, 1025, 1031, 1032, 1047, 1048, 1049, 1124, 1125, 1126] },
  { key: 'scene:moments', label: '朋友圈', scenes: [1154, 1155] },
  { key: 'scene:official', label: '公众号', scenes: [1020, 1035, 1043, 1058, 1074, 1082, 1091, 1102] },
  { key: 'scene:search', label: '搜索', scenes: [1005, 1006, 1027, 1042, 1053] },
  { key: 'scene:recent', label: '最近使用与我的小程序', scenes: [1001, 1023, 1089, 1103, 1104] },
  { key: 'scene:ads', label: '广告', scenes: [1045, 1046, 1067, 1084, 1095] },
  { key: 'scene:channels', label: '视频号', scenes: [1175, 1176, 1177, 1184, 1191, 1193, 1195] },
]
const SCENE_GROUP = new Map(SCENE_GROUPS.flatMap((g) => g.scenes.map((scene) => [scene, g] as const)))

/**
 * The report channel group of a stored channel (`core/touchpoints` `channelOf`): share codes, posts
 * and campaign links each form one group, WeChat scenes are grouped by kind, and no source is direct.
 */
export function channelGroup(channel: string): { key: string; label: string } {
  const [kind, value] = channel.split(':', 2)
  if (kind === 'share') return { key: 'share', label: '分享码（会员与分销员）' }
  if (kind === 'post') return { key: 'post', label: '种草内容' }
  if (kind === 'campaign') return { key: 'campaign', label: '活动入口' }
  if (kind === 'scene') return SCENE_GROUP.get(Number(value)) ?? { key: 'scene:other', label: '其他微信场景' }
  return { key: 'direct', label: '直接访问' }
}

/**
 * One row as it is counted: member ids for the distinct counts; each signed-out visit is a visitor of
 * its own. The funnel narrows over the same people: a buyer is a visitor of this row in the range who
 * also paid, in the range, an order this row is credited with. Orders and GMV count every order
 * credited to the row, including those of people who came in before the range.
 */
class Tally {
  visits = 0
  signedOutVisits = 0
  readonly visitors = new Set<string>()
  private readonly payers = new Set<string>()
  orders = 0
  gmv = 0

  visit(touch: StoredTouch): void {
    this.visits += 1
    if (touch.memberId) this.visitors.add(touch.memberId)
    else this.signedOutVisits += 1
  }

  sale(order: Order, gmv: number): void {
    this.orders += 1
    this.gmv += gmv
    this.payers.add(order.memberId)
  }

  get buyers(): number {
    let count = 0
    for (const member of this.payers) if (this.visitors.has(member)) count += 1
    return count
  }

  row(key: string, label: string): ReportRow {
    return {
      key,
      label,
      visits: this.visits,
      visitors: this.visitors.size + this.signedOutVisits,
      buyers: this.buyers,
      orders: this.orders,
      gmv: this.gmv,
    }
  }
}

class Tallies {
  private readonly rows = new Map<string, Tally>()
  of(key: string): Tally {
    let tally = this.rows.get(key)
    if (!tally) {
      tally = new Tally()
      this.rows.set(key, tally)
    }
    return tally
  }
  keys(): string[] {
    return [...this.rows.keys()]
  }
  /** Rows by GMV, then visits, then key. */
  report(label: (key: string) => string): ReportRow[] {
    return [...this.rows]
      .map(([key, tally]) => tally.row(key, label(key)))
      .sort((a, b) => b.gmv - a.gmv || b.visits - a.visits || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }
}

/** Reads a keyset-paged range page by page. */
type Position = { at: number; id: string }

async function* pages<R>(read: (after: Position | null) => Promise<R[]>, position: (row: R) => Position): AsyncGenerator<R> {
  let after: Position | null = null
  for (;;) {
    const page = await read(after)
    yield* page
    if (page.length < PAGE) return
    const last = position(page[page.length - 1])
    after = { at: last.at, id: last.id }
  }
}

/**
 * Whether an order counts for a campaign. Every campaign: the buyer last came in through its link
 * (`touch.campaignId`). Group-buy campaigns: also the orders of its group-buy's teams. Points days:
 * also every order paid inside the window (each earns the multiplied points; audiences are not
 * re-checked, a member's tier then is not kept). Flash prices: also the orders paid inside the window
 * with one of its SKUs. Check-in bonuses and new-member offers: the link only.
 */
function countsFor(campaign: Campaign, order: Order): boolean {
  if (order.touch?.campaignId === campaign.id) return true
  const p = campaign.params
  if (p.type === 'groupbuy') return order.team?.campaignId === p.groupBuyId
  const paidInWindow = order.paidAt !== null && campaign.startAt <= order.paidAt && order.paidAt < campaign.endAt
  if (p.type === 'points_multiplier') return paidInWindow
  if (p.type === 'flash_price') return paidInWindow && order.lines.some((line) => p.skus.some((s) => s.skuId === line.skuId))
  return false
}

/** Every distributor (any standing): labels, and which share code is whose. */
async function distributorDirectory(store: Store): Promise<Map<string, { code: string; nickname: string }>> {
  const directory = new Map<string, { code: string; nickname: string }>()
  for (let offset = 0; ; offset += 100) {
    const { items } = await store.listDistributors({ offset, limit: 100 })
    const members = new Map((await store.findMembers(items.map((d) => d.memberId))).map((m) => [m.id, m]))
    for (const d of items) directory.set(d.memberId, { code: d.code, nickname: members.get(d.memberId)?.nickname ?? d.memberId })
    if (items.length < 100) return directory
  }
}

/** Commission the shop owes: lines not yet in an account (pending, frozen), balances and payouts under way. */
async function commissionLiability(store: Store, distributorIds: readonly string[]): Promise<ShopReport['commissions']> {
  const totals = { pending: 0, frozen: 0, available: 0, processing: 0 }
  const owed = await readEach(distributorIds, async (id) => ({
    inFlight: await store.commissionInFlight(id),
    account: (await store.findCommissions(id, { lineIds: [] })).account,
  }))
  for (const { inFlight, account } of owed.values()) {
    totals.pending += inFlight.pending
    totals.frozen += inFlight.frozen
    totals.available += account.available
    totals.processing += account.processing
  }
  return totals
}

/**
 * The operator report for Shanghai days `from`–`to` (inclusive): visits, buyers and GMV by channel
 * group, post (with its views in the range, and its likes, favourites and comments as they stand) and distributor; GMV per day; what the shop owes in points and commission now; how
 * campaigns did; what operators should fix. An order counts when it was paid in the range (unpaid
 * and cancelled ones never), under its last touch (none: direct) and its lines' distributor; GMV is
 * what was paid, goods and shipping, less what was refunded. Touches and orders are read page by page;
 * what stays in memory grows with the distinct members, posts and distributors, not with the rows.
 */
export async function shopReport(store: Store, range: { from: string; to: string }, now: number): Promise<ShopReport> {
  const start = shopDayBounds(range.from).start
  const end = shopDayBounds(range.to).end
  const distributors = await distributorDirectory(store)
  const byCode = new Map([...distributors].map(([id, d]) => [d.code, id]))
  const { campaigns: docs } = await listCampaignDocs(store, now)
  const campaigns = docs.flatMap((view) => (view.campaign ? [{ campaign: view.campaign, inForce: view.inForce, tally: new Tally() }] : []))

  const total = new Tally()
  const channels = new Tallies()
  const groupLabels = new Map<string, string>()
  const posts = new Tallies()
  const sellers = new Tallies()
  const days = new Map<string, { gmv: number; orders: number }>()
  for (let day = range.from; day <= range.to; day = shopDayBefore(day, -1)) days.set(day, { gmv: 0, orders: 0 })

  for await (const touch of pages(
    (after) => store.touchesBetween(start, end, after, PAGE),
    (t) => t,
  )) {
    total.visit(touch)
    const group = channelGroup(touch.channel)
    groupLabels.set(group.key, group.label)
    channels.of(group.key).visit(touch)
    if (touch.postId) posts.of(touch.postId).visit(touch)
    const distributorId = touch.shareCode ? byCode.get(touch.shareCode) : undefined
    if (distributorId) sellers.of(distributorId).visit(touch)
  }

  for await (const order of pages(
    (after) => store.ordersPaidBetween(start, end, after, PAGE),
    (o) => ({ at: o.paidAt!, id: o.id }),
  )) {
    const gmv = order.payable - order.refundedAmount
    total.sale(order, gmv)
    const group = channelGroup(order.touch?.channel ?? 'direct')
    groupLabels.set(group.key, group.label)
    channels.of(group.key).sale(order, gmv)
    if (order.touch?.postId) posts.of(order.touch.postId).sale(order, gmv)
    const distributorId = order.lines.find((l) => l.distributorId)?.distributorId
    if (distributorId) sellers.of(distributorId).sale(order, gmv)
    const day = days.get(shopDay(order.paidAt!))
    if (day) {
      day.gmv += gmv
      day.orders += 1
    }
    for (const c of campaigns) if (countsFor(c.campaign, order)) c.tally.sale(order, gmv)
  }

  // A post opened in the range has its row even when it brought no visit into the shop.
  const views = await store.postViewsBetween(start, end)
  for (const id of views.keys()) posts.of(id)
  const postTitles = new Map(
    [...(await readEach(posts.keys(), (id) => store.findPost(id)))].map(([id, post]) => [id, post?.title ?? `帖子 ${id}（已不存在）`]),
  )
  const [points, commissions, groupBuyIssues, postCounts, community, commentCounts] = await Promise.all([
    store.pointsLiability(now + EXPIRING_WITHIN),
    commissionLiability(store, [...distributors.keys()]),
    groupBuyProblems(store),
    store.postCounts(posts.keys()),
    communityReport(store),
    store.commentCounts([...posts.keys()]),
  ])
  const totals = total.row('total', '合计')

  return {
    from: range.from,
    to: range.to,
    generatedAt: now,
    totals: { visits: totals.visits, visitors: totals.visitors, buyers: totals.buyers, orders: totals.orders, gmv: totals.gmv },
    byChannel: channels.report((key) => groupLabels.get(key) ?? key),
    byPost: posts
      .report((id) => postTitles.get(id) ?? id)
      .map((row) => ({
        ...row,
        views: views.get(row.key) ?? 0,
        ...(postCounts.get(row.key) ?? { likes: 0, favourites: 0 }),
        comments: commentCounts.get(row.key) ?? 0,
      })),
    byDistributor: sellers.report((id) => {
      const d = distributors.get(id)
      return d ? `${d.nickname}（${d.code}）` : id
    }),
    daily: [...days].map(([day, d]) => ({ day, gmv: d.gmv, orders: d.orders })),
    points: { outstanding: points.available, pending: points.pending, expiringIn30Days: points.expiring },
    commissions,
    // Campaigns that overlap the range or brought orders in it, best first.
    campaigns: campaigns
      .filter((c) => c.tally.orders > 0 || (c.campaign.startAt < end && c.campaign.endAt > start))
      .map((c) => ({
        id: c.campaign.id,
        title: c.campaign.title || c.campaign.id,
        type: c.campaign.type,
        inForce: c.inForce,
        orders: c.tally.orders,
        gmv: c.tally.gmv,
      }))
      .sort((a, b) => b.gmv - a.gmv || b.orders - a.orders || (a.id < b.id ? -1 : 1)),
    topics: community.topics,
    challenges: community.challenges,
    problems: [...docs.flatMap((view) => view.problems), ...groupBuyIssues, ...community.problems],
  }
}
