import type { ChallengeCompletion, Instant, Post, Topic } from '../../../../types/domain'
import type { Slice, TopicStore } from '../port'
import { MAX_CHALLENGE_POSTS, MAX_TOPICS } from '../ports/topics'
import { SqliteBase } from './base'
import { type PostRow, toPost } from './content'

interface TopicRow {
  id: string
  name: string
  description: string
  enabled: number
  created_at: number
}

const toTopic = (r: TopicRow): Topic => ({
  id: r.id,
  name: r.name,
  description: r.description,
  enabled: r.enabled === 1,
  createdAt: r.created_at,
})

/** Topics, read by topic through `post_topics` (one row per post and topic, written with the post). */
export class SqliteTopics extends SqliteBase implements TopicStore {
  async putTopic(t: Topic): Promise<'saved' | 'name_taken'> {
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM topics WHERE name = ? AND id <> ?').get(t.name, t.id)) return 'name_taken' as const
      this.sql(
        `INSERT INTO topics (id, name, description, enabled, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, description = excluded.description, enabled = excluded.enabled`,
      ).run(t.id, t.name, t.description, t.enabled ? 1 : 0, t.createdAt)
      return 'saved' as const
    })()
  }

  async findTopic(id: string): Promise<Topic | null> {
    const row = this.sql('SELECT * FROM topics WHERE id = ?').get(id) as TopicRow | undefined
    return row ? toTopic(row) : null
  }

  async listTopics(): Promise<Topic[]> {
    return (this.sql('SELECT * FROM topics ORDER BY created_at ASC, id ASC LIMIT ?').all(MAX_TOPICS) as TopicRow[]).map(toTopic)
  }

  async listTopicPosts(topicId: string, offset: number, limit: number): Promise<Slice<Post>> {
    const from = `FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE t.topic_id = ? AND p.status = 'approved'`
    const listing = {
      rows: `SELECT p.* ${from} ORDER BY p.created_at DESC, p.id ASC`,
      count: `SELECT COUNT(*) AS n ${from}`,
      params: [topicId],
    }
    return this.slice<PostRow, Post>(listing, { offset, limit }, (rows) => rows.map(toPost))
  }

  async topicPostsBy(authorId: string, topicId: string, from: Instant, to: Instant): Promise<Post[]> {
    const rows = this.sql(
      `SELECT p.* FROM post_topics t JOIN posts p ON p.id = t.post_id
       WHERE t.topic_id = ? AND p.author_id = ? AND p.status = 'approved' AND p.created_at >= ? AND p.created_at < ?
       ORDER BY p.created_at ASC, p.id ASC LIMIT ?`,
    ).all(topicId, authorId, from, to, MAX_CHALLENGE_POSTS) as PostRow[]
    return rows.map(toPost)
  }

  async topicPostTimes(topicId: string, from: Instant, to: Instant): Promise<Map<string, Instant[]>> {
    const rows = this.sql(
      `SELECT p.author_id, p.created_at FROM post_topics t JOIN posts p ON p.id = t.post_id
       WHERE t.topic_id = ? AND p.status = 'approved' AND p.created_at >= ? AND p.created_at < ?`,
    ).all(topicId, from, to) as { author_id: string; created_at: number }[]
    const byAuthor = new Map<string, Instant[]>()
    for (const row of rows) byAuthor.set(row.author_id, [...(byAuthor.get(row.author_id) ?? []), row.created_at])
    return byAuthor
  }

  async listChallengeDocs(): Promise<unknown[]> {
    return (this.sql('SELECT id, doc FROM challenges ORDER BY id ASC').all() as { id: string; doc: string }[]).map((row) => ({
      ...JSON.parse(row.doc),
      id: row.id,
    }))
  }

  async putChallengeDoc(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    this.sql('INSERT INTO challenges (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
      id,
      JSON.stringify(rest),
    )
  }

  async addChallengeCompletion(c: ChallengeCompletion): Promise<'added' | 'unchanged'> {
    const added = this.sql(
      `INSERT INTO challenge_completions (challenge_id, member_id, at, points, badge) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(c.challengeId, c.memberId, c.at, c.points, c.badge)
    return added.changes === 1 ? 'added' : 'unchanged'
  }

  async completionsOf(memberId: string): Promise<ChallengeCompletion[]> {
    const rows = this.sql(
      `SELECT challenge_id AS challengeId, member_id AS memberId, at, points, badge FROM challenge_completions
       WHERE member_id = ? ORDER BY at DESC, challenge_id ASC`,
    ).all(memberId) as ChallengeCompletion[]
    return rows
  }

  async countCompletions(challengeId: string): Promise<number> {
    return (this.sql('SELECT COUNT(*) AS n FROM challenge_completions WHERE challenge_id = ?').get(challengeId) as { n: number }).n
  }
}
