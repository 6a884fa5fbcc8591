import type { ChallengeCompletion, Instant, Post, Topic } from '../../../../types/domain'
import type { Slice, TopicStore } from '../port'
import { MAX_CHALLENGE_POSTS, MAX_TOPICS } from '../ports/topics'
import { CloudbaseBase } from './base'
import { postFromDoc } from './content'
import { MAX_GET } from './database'
import { transact } from './retry'
import { fromDoc, getAll, pageOf, read, withoutId } from './shared'

/** A completion's `_id`: one per challenge and member, so a repeat names the same document. */
const completionId = (challengeId: string, memberId: string) => `${challengeId}|${memberId}`

/**
 * Topics. A post keeps its topic ids in `topicIds` on its own document; topic pages and challenge
 * progress query posts by that array field (indexed with status and time), never by scanning.
 */
export class CloudbaseTopics extends CloudbaseBase implements TopicStore {
  async putTopic(topic: Topic): Promise<'saved' | 'name_taken'> {
    const { data } = await this.db.collection('topics').where({ name: topic.name }).limit(2).get()
    if (data.some((doc) => doc._id !== topic.id)) return 'name_taken'
    await this.db
      .collection('topics')
      .doc(topic.id)
      .set({ data: withoutId(topic) })
    return 'saved'
  }

  async findTopic(id: string): Promise<Topic | null> {
    const { data } = await this.db.collection('topics').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Topic>(data[0]) : null
  }

  async listTopics(): Promise<Topic[]> {
    const { data } = await this.db.collection('topics').orderBy('createdAt', 'asc').orderBy('_id', 'asc').limit(MAX_TOPICS).get()
    return data.map((doc) => fromDoc<Topic>(doc))
  }

  async listTopicPosts(topicId: string, offset: number, limit: number): Promise<Slice<Post>> {
    const inTopic = { topicIds: topicId, status: 'approved' }
    return pageOf(
      this.db.collection('posts').where(inTopic).orderBy('createdAt', 'desc').orderBy('_id', 'asc'),
      this.db.collection('posts').where(inTopic),
      { offset, limit },
      (docs) => docs.map((doc) => postFromDoc(doc)),
    )
  }

  async topicPostsBy(authorId: string, topicId: string, from: Instant, to: Instant): Promise<Post[]> {
    const _ = this.db.command
    const { data } = await this.db
      .collection('posts')
      .where({ authorId, topicIds: topicId, status: 'approved', createdAt: _.gte(from).and(_.lt(to)) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(MAX_CHALLENGE_POSTS, MAX_GET))
      .get()
    return data.map((doc) => postFromDoc(doc))
  }

  async topicPostTimes(topicId: string, from: Instant, to: Instant): Promise<Map<string, Instant[]>> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('posts')
        .where({ topicIds: topicId, status: 'approved', createdAt: _.gte(from).and(_.lt(to)) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    const byAuthor = new Map<string, Instant[]>()
    for (const doc of docs) byAuthor.set(doc.authorId, [...(byAuthor.get(doc.authorId) ?? []), doc.createdAt])
    return byAuthor
  }

  async listChallengeDocs(): Promise<unknown[]> {
    return (await getAll(this.db.collection('challenges').orderBy('_id', 'asc'))).map((doc) => fromDoc<unknown>(doc))
  }

  async putChallengeDoc(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    await this.db.collection('challenges').doc(id).set({ data: rest })
  }

  async addChallengeCompletion(c: ChallengeCompletion): Promise<'added' | 'unchanged'> {
    return transact(this.db, async (tx) => {
      const ref = tx.collection('challenge_completions').doc(completionId(c.challengeId, c.memberId))
      if (await read(ref)) return 'unchanged' as const
      await ref.set({ data: { ...c } })
      return 'added' as const
    })
  }

  async completionsOf(memberId: string): Promise<ChallengeCompletion[]> {
    const docs = await getAll(this.db.collection('challenge_completions').where({ memberId }).orderBy('at', 'desc').orderBy('_id', 'asc'))
    return docs.map(({ challengeId, at, points, badge }) => ({ challengeId, memberId, at, points, badge }))
  }

  async countCompletions(challengeId: string): Promise<number> {
    return (await this.db.collection('challenge_completions').where({ challengeId }).count()).total
  }
}
