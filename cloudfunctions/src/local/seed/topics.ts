// Topics and the running 打卡 challenge of the demo shop. Progress is never seeded: it is counted
// from the approved posts that carry the topic, so the shop shows what its posts really add up to.
import type { Post, Topic } from '../../../../types/domain'
import { onTheHour } from './hours'
import { DAY_MS } from '../../core/time'

export function demoTopics(now: number): Topic[] {
  const at = now - 30 * DAY_MS
  return [
    { id: 'tea-table', name: '茶席打卡', description: '晒出你今天的茶席：一杯茶、一件茶器、一份茶点。', enabled: true, createdAt: at },
    { id: 'cold-brew', name: '冷泡茶', description: '不烧水也能喝好茶，分享你的冷泡配方。', enabled: true, createdAt: at + 1 },
    { id: 'tea-101', name: '新手入门', description: '从第一杯茶开始：选茶、冲泡、器具的入门问答。', enabled: true, createdAt: at + 2 },
  ]
}

/** The topics the demo posts carry, by post id. */
const POST_TOPICS: Record<string, string[]> = {
  post02: ['tea-101'],
  post03: ['cold-brew'],
  post04: ['tea-101'],
  post08: ['tea-101'],
  post11: ['tea-table'],
  post12: ['cold-brew'],
  post13: ['tea-table'],
  post16: ['tea-101'],
}

export function withDemoTopics(posts: readonly Post[]): Post[] {
  return posts.map((post) => (POST_TOPICS[post.id] ? { ...post, topicIds: POST_TOPICS[post.id] } : post))
}

/**
 * The running challenge: three days of 茶席 posts within two weeks. One demo member's approved 茶席
 * post falls inside its window so far, so the topic page shows them at one day of three.
 */
export function demoChallenge(now: number): { id: string } & Record<string, unknown> {
  return {
    id: 'tea-table-week',
    topicId: 'tea-table',
    title: '两周茶席打卡',
    startAt: onTheHour(now) - 6 * DAY_MS,
    endAt: onTheHour(now) + 8 * DAY_MS,
    requiredDays: 3,
    rewardPoints: 50,
    badge: '茶席达人',
  }
}
