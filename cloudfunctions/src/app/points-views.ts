import { CHALLENGE_CAPS } from '../core/challenges'
import type { CheckInStatus, Page, PointsApi, PointsBalance } from '../../../types/api'
import type { Member, PointsAccount } from '../../../types/domain'
import { pointsRuleOf } from '../core/points-settings'
import { paging } from '../core/catalog'
import { STREAK_BONUS, checkInDaysKnown, checkInKeyOfDay, checkInPoints, nextStreak } from '../core/points'
import { DAY_MS, shopDay, shopWeekEnding } from '../core/time'
import { TIERS } from '../core/tiers'
import type { Store } from '../store/port'
import { type CheckInTerms, checkInOffer, checkInTerms, checkInWith } from './check-in'
import { spendableFrom } from './points'
import { pointsSettings, tierSettings } from './settings'

const SOON_MS = 30 * DAY_MS

export async function pointsBalance(store: Store, member: Member, now: number): Promise<PointsBalance> {
  const [account, lapsed, { expiring, pending }] = await Promise.all([
    store.findPointsAccount(member.id),
    store.lapsedPoints(member.id, now),
    store.findPointsOutlook(member.id, now, now + SOON_MS),
  ])
  return {
    available: spendableFrom(account, lapsed),
    pending: account.pending,
    debt: account.debt,
    expiringSoon: { points: expiring.reduce((sum, l) => sum + l.remaining, 0), firstAt: expiring[0]?.expiresAt ?? null },
    pendingItems: pending
      .sort((a, b) => b.grantedAt - a.grantedAt || (a.id < b.id ? 1 : -1))
      .map(({ id, source, ref, amount, grantedAt }) => ({ id, source, ref, amount, grantedAt })),
  }
}

export async function pointsLedger(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
): Promise<Page<PointsApi['ledger']['res']['items'][number]>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listLedger(member.id, p.offset, p.pageSize)
  return {
    items: items.map(({ memberId: _memberId, ...entry }) => entry),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

export async function pointsLots(store: Store, member: Member): Promise<PointsApi['lots']['res']> {
  const { lots } = await store.findPoints(member.id)
  return lots.map(({ memberId: _memberId, ...lot }) => lot)
}

export async function checkInStatus(store: Store, member: Member, now: number): Promise<CheckInStatus> {
  return cardAsItStands(store, member.id, await checkInTerms(store, member, now), now)
}

/** The check-in card as the member's account and the week's check-ins stand, at `terms`. */
async function cardAsItStands(store: Store, memberId: string, terms: CheckInTerms, now: number): Promise<CheckInStatus> {
  const [account, checkIns] = await Promise.all([store.findPointsAccount(memberId), checkInsOfWeek(store, memberId, now)])
  return checkInStatusOf(account, checkIns, terms, now)
}

/** The card's week: its days, those checked in, and what today's check-in credited (null before it). */
interface WeekCheckIns {
  days: readonly string[]
  checked: ReadonlySet<string>
  creditedToday: number | null
}

/**
 * The card's week, read from the check-ins' own lots whatever became of them: a day stays checked in
 * after its points are spent or taken back.
 */
async function checkInsOfWeek(store: Store, memberId: string, now: number): Promise<WeekCheckIns> {
  const today = shopDay(now)
  const days = shopWeekEnding(today)
  const lots = (
    await store.findPointsLots(
      memberId,
      days.map((day) => checkInKeyOfDay(memberId, day)),
    )
  ).filter((lot) => lot.source === 'checkin')
  return { days, checked: new Set(lots.map((lot) => lot.ref)), creditedToday: lots.find((lot) => lot.ref === today)?.amount ?? null }
}

/** The check-in card from the member's account, the week's check-ins and what a check-in is worth today. */
function checkInStatusOf(account: PointsAccount, checkIns: WeekCheckIns, terms: CheckInTerms, now: number): CheckInStatus {
  const today = shopDay(now)
  const checkedInToday = account.lastCheckInDay === today
  // The streak still stands if the last check-in was today or yesterday.
  const continuing = nextStreak(account.lastCheckInDay, account.streak, now)
  const streak = checkedInToday ? account.streak : continuing > 1 ? continuing - 1 : 0
  const todayStreak = checkedInToday ? account.streak : continuing
  // The week shows the days checked in, whatever became of the streak since.
  const week = checkIns.days.map((day) => ({ day, checked: checkIns.checked.has(day) }))
  const { multiplier, campaign, base } = terms
  const streakPoints = checkInPoints(todayStreak, multiplier, base)
  // Once checked in, today's figure is what was credited; the part above the streak reward came from a campaign.
  const todayPoints = checkIns.creditedToday ?? streakPoints + (campaign?.points ?? 0)
  const extra = todayPoints - streakPoints
  return {
    today,
    checkedInToday,
    streak,
    todayPoints,
    todayBreakdown: {
      streak: Math.min(streakPoints, todayPoints),
      bonus: extra > 0 ? { points: extra, title: campaign?.title ?? '签到加赠' } : null,
    },
    week,
    bonusTable: STREAK_BONUS.map((_, i) => checkInPoints(i + 1, multiplier, base)),
  }
}

/**
 * Checks in and answers the card as it stands after, from the account the check-in itself wrote and
 * the tier it read. The week's earlier days come from the account the check-in found where it tells
 * them (a first check-in, a streak reaching back over the week, a week without one), else from their
 * lots; today's cell is what this call credited.
 */
export async function checkInNow(store: Store, memberId: string, now: number): Promise<CheckInStatus & { credited: number }> {
  const offer = await checkInOffer(store, memberId, now)
  const { credited, account, before, tier } = await checkInWith(store, memberId, now, offer)
  const terms = offer(tier)
  // A tap after the day's check-in was made (a repeat, or another device first) reads the card as it stands.
  if (!account) return { ...(await cardAsItStands(store, memberId, terms, now)), credited }
  // The day's check-in was made before this call: its lot is in the week's lots.
  if (!before) return { ...checkInStatusOf(account, await checkInsOfWeek(store, memberId, now), terms, now), credited }
  const today = shopDay(now)
  const days = shopWeekEnding(today)
  const earlier = checkInDaysKnown(before, days, today) ?? (await checkInsOfWeek(store, memberId, now)).checked
  // The check-in this call made is today's cell, whatever the lots read before it showed.
  const checked = new Set(earlier).add(today)
  return { ...checkInStatusOf(account, { days, checked, creditedToday: credited }, terms, now), credited }
}

/** The rules members see before they earn: how points are earned, spent and expire. */
export async function pointsRules(store: Store, now: number): Promise<PointsApi['rules']['res']> {
  const [{ settings }, { settings: points }] = await Promise.all([tierSettings(store, now), pointsSettings(store, now)])
  const rule = pointsRuleOf(points)
  const multipliers = TIERS.map((t) => `V${t} ×${settings.benefits[t].pointsMultiplier}`).join('，')
  return {
    sections: [
      {
        title: '怎么获得',
        lines: [
          `购物：实付商品金额每 1 元得 1 积分，再乘会员等级倍数（${multipliers}）。支付后先记为待到账，订单售后期结束后到账；退款的商品不计积分。`,
          `每日签到：每个自然日（北京时间）一次，基础 ${points.checkInBase} 积分，连续签到第 3 天起额外奖励，第 7 天起每天 ${points.checkInBase + STREAK_BONUS[STREAK_BONUS.length - 1]} 积分（再乘等级倍数）。`,
          `发布的种草内容审核通过后每篇得 ${points.postRewardPoints} 积分，每天最多 ${points.postRewardsPerDay} 篇。`,
          `打卡挑战：在挑战时间内按要求的天数（北京时间自然日）在话题下发布种草并审核通过，完成后得挑战公布的积分（每个挑战最多 ${CHALLENGE_CAPS.rewardPoints[1]} 积分）和徽章，每个挑战只奖励一次；被拒绝或删除的种草不计入。`,
          '分享、关注、点赞、收藏、评论、邀请好友都不送积分，被关注、点赞、收藏或评论也不送；认证达人也不附带积分或佣金。',
        ],
      },
      {
        title: '怎么使用',
        lines: [
          `下单抵现：${100 * rule.pointsPerFen} 积分抵 1 元，最多抵商品金额（会员价）的 ${rule.maxDeductPct}%。`,
          '积分商城兑换商品、优惠券和权益。',
          '取消订单或退款时，抵扣的积分原数退回。',
        ],
      },
      {
        title: '有效期',
        lines: ['每笔积分自到账起，有效期至第 12 个月的月底（北京时间），先到期的积分先使用。', '积分不能转让、不能提现、不出售。'],
      },
    ],
  }
}
