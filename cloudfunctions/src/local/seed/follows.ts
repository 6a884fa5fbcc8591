import type { CreatorCertification, FollowRecord } from '../../store/port'
import { DAY_MS } from '../../core/time'

/**
 * Whom the demo members follow: creators with approved posts, never themselves. The new member (小满)
 * follows no one yet, so the 关注 tab first shows how to find creators.
 */
const FOLLOWS: Record<string, readonly string[]> = {
  'consumer-v4': ['m09', 'koc', 'm07'],
  koc: ['consumer-v4', 'm09'],
  m01: ['consumer-v4'],
  m05: ['consumer-v4', 'koc', 'm09'],
  m08: ['m09', 'm07'],
  m10: ['m09'],
}

/** The demo follow records, a day apart per follower; the counts shown are counted from these. */
export function demoFollows(now: number): FollowRecord[] {
  return Object.entries(FOLLOWS).flatMap(([followerId, creators]) =>
    creators.map((creatorId, k) => ({ followerId, creatorId, at: now - (k + 2) * DAY_MS })),
  )
}

/** 素心 (m09) writes about aged white tea and was certified 达人 by the owner. */
export function demoCertifications(now: number): CreatorCertification[] {
  return [{ memberId: 'm09', reason: '长期分享白茶存放与冲泡的真实经验', by: 'brand', at: now - 10 * DAY_MS }]
}
