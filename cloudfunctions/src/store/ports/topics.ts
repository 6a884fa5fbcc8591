import type { ChallengeCompletion, Instant, Post, Topic } from '../../../../types/domain'
import type { Slice } from './paging'

/** The topic list is an operator list, kept short: reads take it whole up to this many. */
export const MAX_TOPICS = 200

/** Approved posts one member can have in one topic within one challenge window that progress reads. */
export const MAX_CHALLENGE_POSTS = 500

/**
 * Topics (#话题), the posts that carry them, 打卡 challenge documents and their completions. A post's
 * topics are written with the post (ContentStore); this port reads by topic.
 */
export interface TopicStore {
  /** Creates or rewrites a topic; 'name_taken' (nothing written) when another topic has the name. */
  putTopic(topic: Topic): Promise<'saved' | 'name_taken'>
  findTopic(id: string): Promise<Topic | null>
  /** Every topic, enabled or not, oldest first (at most MAX_TOPICS). */
  listTopics(): Promise<Topic[]>
  /** The topic's approved posts, newest first. */
  listTopicPosts(topicId: string, offset: number, limit: number): Promise<Slice<Post>>
  /** One author's approved posts in the topic made within [from, to) (at most MAX_CHALLENGE_POSTS). */
  topicPostsBy(authorId: string, topicId: string, from: Instant, to: Instant): Promise<Post[]>
  /** The times of the approved posts in the topic made within [from, to), by author: who took part and on which days. */
  topicPostTimes(topicId: string, from: Instant, to: Instant): Promise<Map<string, Instant[]>>
  /** Challenge documents as operators wrote them (validated by the caller on read). */
  listChallengeDocs(): Promise<unknown[]>
  putChallengeDoc(doc: { id: string } & Record<string, unknown>): Promise<void>
  /** Records a completion once per challenge and member: 'unchanged' (nothing written) when it is there. */
  addChallengeCompletion(completion: ChallengeCompletion): Promise<'added' | 'unchanged'>
  /** The member's completions (their badges), newest first. */
  completionsOf(memberId: string): Promise<ChallengeCompletion[]>
  /** How many members completed the challenge. */
  countCompletions(challengeId: string): Promise<number>
}
