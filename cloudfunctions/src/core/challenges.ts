import type { Challenge, Instant } from '../../../types/domain'
import { shopDay } from './time'

/** Hard caps: what no challenge document can exceed, whatever an operator types. */
export const CHALLENGE_CAPS = {
  /** Distinct Shanghai days with an approved post the challenge may ask for. */
  requiredDays: [1, 31] as [number, number],
  /** Points one completion may grant. */
  rewardPoints: [0, 500] as [number, number],
}

const ID = /^[A-Za-z0-9_-]{1,64}$/
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)
const label = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim().length > 0 && value.trim().length <= max ? value.trim() : null

/**
 * A challenge document as the rules may use it, read like campaign documents: one that cannot mean
 * anything safe (no id, topic, window, title or badge; numbers of the wrong kind) is refused whole; a
 * number out of range is clamped to its hard cap. Both are reported, in Chinese, for the operator report.
 */
export function readChallenge(doc: unknown): { challenge: Challenge | null; problems: string[] } {
  const root = record(doc)
  const name = typeof root?.id === 'string' ? root.id.slice(0, 64) : '(无编号)'
  const refuse = (why: string) => ({ challenge: null, problems: [`打卡挑战 ${name}：${why}，已忽略`] })
  if (!root) return refuse('不是一个对象')
  if (typeof root.id !== 'string' || !ID.test(root.id)) return refuse('编号无效')
  if (typeof root.topicId !== 'string' || !ID.test(root.topicId)) return refuse('话题无效')
  if (!isInt(root.startAt) || !isInt(root.endAt) || root.endAt <= root.startAt) return refuse('起止时间无效')
  const title = label(root.title, 30)
  if (!title) return refuse('标题无效（1–30 字）')
  const badge = label(root.badge, 12)
  if (!badge) return refuse('徽章名称无效（1–12 字）')
  const problems: string[] = []
  const clamp = (field: string, value: unknown, [min, max]: [number, number]): number | null => {
    if (!isInt(value)) return null
    const clamped = Math.min(max, Math.max(min, value))
    if (clamped !== value) problems.push(`打卡挑战 ${name}：${field} = ${value} 超出上限，已按 ${clamped} 执行`)
    return clamped
  }
  const requiredDays = clamp('requiredDays', root.requiredDays, CHALLENGE_CAPS.requiredDays)
  if (requiredDays === null) return refuse('打卡天数无效')
  const rewardPoints = clamp('rewardPoints', root.rewardPoints, CHALLENGE_CAPS.rewardPoints)
  if (rewardPoints === null) return refuse('奖励积分无效')
  return {
    challenge: { id: root.id, topicId: root.topicId, title, startAt: root.startAt, endAt: root.endAt, requiredDays, rewardPoints, badge },
    problems,
  }
}

/** Whether a post made at `at` falls in the challenge's window. */
export const inWindow = (challenge: Pick<Challenge, 'startAt' | 'endAt'>, at: Instant): boolean =>
  at >= challenge.startAt && at < challenge.endAt

/**
 * A member's progress: the distinct Shanghai days on which they made an approved post in the topic
 * within the window (the caller passes approved posts only, so a rejected or removed post never
 * counts), and whether that reaches the days asked for.
 */
export function challengeProgress(challenge: Challenge, approvedPostTimes: readonly Instant[]): { days: number; completed: boolean } {
  const days = new Set(approvedPostTimes.filter((at) => inWindow(challenge, at)).map(shopDay)).size
  return { days, completed: days >= challenge.requiredDays }
}

/** Where the challenge stands at `now`. */
export function challengeState(challenge: Pick<Challenge, 'startAt' | 'endAt'>, now: Instant): 'upcoming' | 'running' | 'ended' {
  if (now < challenge.startAt) return 'upcoming'
  return now < challenge.endAt ? 'running' : 'ended'
}
