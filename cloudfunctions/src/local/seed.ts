import { saveMember } from '../app/members'
import { changePoints, grant } from '../app/points'
import { refreshFeedRank } from '../app/feed'
import { RULES_VERSION } from '../core/distribution'
import type { Store } from '../store/port'
import { seedComments } from './seed/comments'
import { demoShop } from './seed/demo-shop'
import { seedDistributionHistory } from './seed/distribution-history'
import { seedGroupBuys } from './seed/groupbuy-demo'
import { onTheHour } from './seed/hours'
import { mallItems } from './seed/mall'
import { seedMemberHistory } from './seed/member-history'
import { seedOrdersToShip } from './seed/orders-to-ship'
import { demoChallenge, demoTopics, withDemoTopics } from './seed/topics'
import { demoCertifications, demoFollows } from './seed/follows'
import { MAX_FOLLOWING } from '../app/creators'
import { DAY_MS } from '../core/time'

/** Fills an empty shop with the demo catalog, posts and people; a shop with data is left alone. */
export async function seedIfEmpty(store: Store, now: number): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  const shop = demoShop(now)
  for (const category of shop.categories) await store.putCategory(category)
  // Everyone joins at V1; the tiered members' standing comes from the purchases their history plays.
  for (const member of shop.members) await saveMember(store, { ...member, tier: 1 })
  for (const product of shop.products) await store.putProduct(product)
  for (const topic of demoTopics(now)) await store.putTopic(topic)
  for (const post of withDemoTopics(shop.posts)) await store.putPost(post)
  await store.putChallengeDoc(demoChallenge(now))
  for (const { kind, ...record } of shop.reactions) await store.addReaction(kind, record)
  for (const record of demoFollows(now)) await store.follow(record, MAX_FOLLOWING)
  for (const certification of demoCertifications(now)) await store.certifyCreator(certification)
  await seedComments(store, now)
  await seedMemberHistory(store, shop.members, now)
  // The demo people start with points earned over the past weeks, so the mall has something to spend.
  for (const [memberId, amount] of Object.entries(DEMO_POINTS)) {
    const key = `seed:points:${memberId}`
    await changePoints(store, memberId, key, (state) =>
      grant(state, { id: key, source: 'adjustment', ref: 'seed', amount, at: now - 20 * DAY_MS, note: '历史积分' }),
    )
  }
  for (const item of mallItems(now)) await store.putRedeemItem(item)
  // The demo distributors applied (free, 18+, current rules) and were approved a while ago.
  for (const member of shop.members.filter((m) => m.roles.includes('distributor'))) {
    const appliedAt = member.createdAt + 7 * DAY_MS
    await store.saveDistributor(
      {
        memberId: member.id,
        status: 'approved',
        code: member.shareCode,
        attestedAdult: true,
        rulesVersion: RULES_VERSION,
        appliedAt,
        decidedAt: appliedAt + DAY_MS,
        note: '',
      },
      null,
    )
  }
  await seedDistributionHistory(store, now)
  await seedGroupBuys(store, now)
  await seedOrdersToShip(store, now)
  // Campaigns on the demo shop: a points day running now, a check-in bonus for V3 and above, and the
  // two-person group-buy as a campaign operators can switch.
  const week = { startAt: onTheHour(now) - DAY_MS, endAt: onTheHour(now) + 7 * DAY_MS, enabled: true }
  await store.putCampaign({
    id: 'points-week',
    type: 'points_multiplier',
    title: '会员积分周 · 消费双倍积分',
    params: { multiplier: 2 },
    ...week,
  })
  await store.putCampaign({
    id: 'checkin-plus',
    type: 'checkin_bonus',
    title: 'V3 及以上签到多送 5 积分',
    audience: { tiers: [3, 4, 5] },
    params: { bonusPoints: 5 },
    ...week,
  })
  await store.putCampaign({
    id: 'gb-longjing-week',
    type: 'groupbuy',
    title: '明前龙井两人团',
    params: { groupBuyId: 'gb-longjing' },
    ...week,
  })
  // The 推荐 feed ranks the demo posts by the likes and orders their records now hold.
  for (const post of shop.posts) await refreshFeedRank(store, post.id)
  return true
}

/** The new member's points from check-ins and a welcome gift; the others' come from their purchases. */
const DEMO_POINTS: Record<string, number> = { 'consumer-v1': 320 }
