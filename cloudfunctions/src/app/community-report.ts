import type { ChallengeReportRow, TopicReportRow } from '../../../types/api'
import { challengeProgress } from '../core/challenges'
import type { Store } from '../store/port'
import { readChallenges } from './challenges'

/**
 * The community part of the report: per topic, its approved posts and the members who wrote them
 * (participants); per challenge, the members with an approved post in its topic within its window,
 * those who reached the days asked for, and the completions recorded (badges held). Counted from the
 * records, not from figures kept aside.
 */
export async function communityReport(
  store: Store,
): Promise<{ topics: TopicReportRow[]; challenges: ChallengeReportRow[]; problems: string[] }> {
  const [topics, { challenges, problems }] = await Promise.all([store.listTopics(), readChallenges(store)])
  const topicRows = await Promise.all(
    topics.map(async (topic): Promise<TopicReportRow> => {
      const byAuthor = await store.topicPostTimes(topic.id, 0, Number.MAX_SAFE_INTEGER)
      const posts = [...byAuthor.values()].reduce((n, times) => n + times.length, 0)
      return { id: topic.id, name: topic.name, enabled: topic.enabled, posts, participants: byAuthor.size }
    }),
  )
  const challengeRows = await Promise.all(
    challenges.map(async (challenge): Promise<ChallengeReportRow> => {
      const [byAuthor, completions] = await Promise.all([
        store.topicPostTimes(challenge.topicId, challenge.startAt, challenge.endAt),
        store.countCompletions(challenge.id),
      ])
      const reached = [...byAuthor.values()].filter((times) => challengeProgress(challenge, times).completed).length
      return {
        id: challenge.id,
        title: challenge.title,
        topicId: challenge.topicId,
        startAt: challenge.startAt,
        endAt: challenge.endAt,
        participants: byAuthor.size,
        reached,
        completions,
      }
    }),
  )
  return { topics: topicRows, challenges: challengeRows, problems }
}
