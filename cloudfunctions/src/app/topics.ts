import { createHash } from 'node:crypto'
import type { TopicInput, TopicPageView, TopicView } from '../../../types/api'
import type { Member, Topic } from '../../../types/domain'
import { pageAt, paging } from '../core/catalog'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { toFeedPosts } from './catalog'
import { topicChallenges } from './challenges'
import { AppError } from './errors'

/** Topics one post may carry. */
export const MAX_POST_TOPICS = 3

const toView = ({ id, name, description }: Topic): TopicView => ({ id, name, description })

/** A new topic's id, from its first name and when it was made (names are unique, so a repeat is refused by name). */
const newTopicId = (name: string, now: number) => `tp${createHash('sha256').update(`${name}\u0000${now}`).digest('hex').slice(0, 16)}`

/** The enabled topics, in the operators' order: what a post may carry. */
export async function listTopics(store: Store): Promise<TopicView[]> {
  return (await store.listTopics()).filter((topic) => topic.enabled).map(toView)
}

/** The topics a new post asks for must all be on the list and enabled. */
export async function checkPostTopics(store: Store, topicIds: readonly string[]): Promise<void> {
  if (topicIds.length === 0) return
  const enabled = new Set((await store.listTopics()).filter((topic) => topic.enabled).map((topic) => topic.id))
  const unknown = topicIds.filter((id) => !enabled.has(id))
  if (unknown.length > 0) throw new AppError('TOPIC_NOT_FOUND', `话题不存在或已停用（${unknown.join('、')}）`)
}

/** A topic's page: its approved posts newest first and its challenges with the viewer's progress. */
export async function topicPage(
  store: Store,
  viewer: Member | null,
  req: { topicId: string; page?: number; pageSize?: number },
  now: number,
): Promise<TopicPageView> {
  const topic = await store.findTopic(req.topicId)
  if (!topic?.enabled) throw new AppError('TOPIC_NOT_FOUND', '这个话题不存在或已停用')
  const p = paging(req.page, req.pageSize)
  const [{ items, total }, challenges] = await Promise.all([
    store.listTopicPosts(topic.id, p.offset, p.pageSize),
    topicChallenges(store, topic.id, viewer, now),
  ])
  return { topic: toView(topic), posts: pageAt(p, await toFeedPosts(store, viewer, items, now), total), challenges }
}

/** Staff: every topic, enabled or not. */
export async function staffTopics(store: Store): Promise<Topic[]> {
  return store.listTopics()
}

/**
 * Staff: creates a topic or changes one (name, description, on or off), audited with before and
 * after. A disabled topic leaves the posts that carry it as they are; no new post can choose it.
 */
export async function saveTopic(store: Store, operator: Member, input: TopicInput, now: number): Promise<Topic> {
  const before = input.id ? await store.findTopic(input.id) : null
  if (input.id && !before) throw new AppError('TOPIC_NOT_FOUND', '没有这个话题')
  const topic: Topic = {
    id: before?.id ?? newTopicId(input.name, now),
    name: input.name,
    description: input.description,
    enabled: input.enabled,
    createdAt: before?.createdAt ?? now,
  }
  if (before && before.name === topic.name && before.description === topic.description && before.enabled === topic.enabled) return before
  if ((await store.putTopic(topic)) === 'name_taken') throw new AppError('TOPIC_EXISTS', `已有名为「${input.name}」的话题`)
  await recordAudit(store, operator.id, before ? 'topic:update' : 'topic:create', topic.id, before, topic, now)
  return topic
}
