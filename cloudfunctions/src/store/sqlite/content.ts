import type { Post } from '../../../../types/domain'
import type { Slice, ContentStore } from '../port'
import { NO_ENGAGEMENT, feedScore } from '../../core/feed-rank'
import { SqliteBase } from './base'

export interface PostRow {
  id: string
  author_id: string
  title: string
  body: string
  cover: string
  images: string
  product_ids: string
  kind: 'pgc' | 'ugc'
  status: 'pending' | 'approved' | 'rejected'
  created_at: number
  reviewed_at: number | null
  reject_reason: string | null
  topic_ids: string
}

export const toPost = (r: PostRow): Post => ({
  id: r.id,
  authorId: r.author_id,
  title: r.title,
  body: r.body,
  cover: r.cover,
  images: JSON.parse(r.images),
  productIds: JSON.parse(r.product_ids),
  kind: r.kind,
  status: r.status,
  createdAt: r.created_at,
  reviewedAt: r.reviewed_at,
  rejectReason: r.reject_reason,
  topicIds: JSON.parse(r.topic_ids),
})

const postParams = (p: Post) => ({
  ...p,
  images: JSON.stringify(p.images),
  productIds: JSON.stringify(p.productIds),
  reviewedAt: p.reviewedAt ?? null,
  rejectReason: p.rejectReason ?? null,
  topicIds: JSON.stringify(p.topicIds ?? []),
  // A new post starts with the score of no engagement; its signals move it from there (feed.ts).
  feedRank: feedScore(NO_ENGAGEMENT, p.createdAt),
})

/**
 * Content: operator and member posts and moderation (the feed is feed.ts). The likes and favourites columns are
 * counts of their records (see reactions.ts): a new post starts at zero and a rewrite keeps them.
 */
export class SqliteContent extends SqliteBase implements ContentStore {
  /** The post's rows in `post_topics`, which topic pages and challenges read by. */
  protected writePostTopics(post: Post): void {
    this.sql('DELETE FROM post_topics WHERE post_id = ?').run(post.id)
    for (const topicId of post.topicIds ?? []) this.sql('INSERT INTO post_topics (topic_id, post_id) VALUES (?, ?)').run(topicId, post.id)
  }

  async putPost(p: Post): Promise<void> {
    this.sql(
      `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at, reviewed_at, reject_reason, topic_ids, feed_rank)
       VALUES (@id, @authorId, @title, @body, @cover, @images, @productIds, @kind, @status, 0, @createdAt, @reviewedAt, @rejectReason, @topicIds, @feedRank)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, body = excluded.body, cover = excluded.cover, images = excluded.images,
         product_ids = excluded.product_ids, status = excluded.status,
         reviewed_at = excluded.reviewed_at, reject_reason = excluded.reject_reason, topic_ids = excluded.topic_ids`,
    ).run(postParams(p))
    this.writePostTopics(p)
  }

  async findPost(id: string): Promise<Post | null> {
    const row = this.sql('SELECT * FROM posts WHERE id = ?').get(id) as PostRow | undefined
    return row ? toPost(row) : null
  }

  async createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'> {
    return this.db.transaction(() => {
      if (this.sql('SELECT 1 FROM posts WHERE id = ?').get(post.id)) return 'exists' as const
      const { pending } = this.sql(`SELECT COUNT(*) AS pending FROM posts WHERE author_id = ? AND status = 'pending' AND kind = 'ugc'`).get(
        post.authorId,
      ) as {
        pending: number
      }
      if (pending >= maxPending) return 'limit' as const
      this.sql(
        `INSERT INTO posts (id, author_id, title, body, cover, images, product_ids, kind, status, likes, created_at, reviewed_at, reject_reason, topic_ids, feed_rank)
         VALUES (@id, @authorId, @title, @body, @cover, @images, @productIds, @kind, @status, 0, @createdAt, @reviewedAt, @rejectReason, @topicIds, @feedRank)`,
      ).run(postParams(post))
      this.writePostTopics(post)
      return 'created' as const
    })()
  }

  async listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>> {
    const listing = {
      rows: 'SELECT * FROM posts WHERE author_id = ? ORDER BY created_at DESC, id ASC',
      count: 'SELECT COUNT(*) AS n FROM posts WHERE author_id = ?',
      params: [authorId],
    }
    return this.slice<PostRow, Post>(listing, { offset, limit }, (rows) => rows.map(toPost))
  }

  async listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>> {
    const listing = {
      rows: `SELECT * FROM posts WHERE status = ? AND kind = 'ugc' ORDER BY created_at ASC, id ASC`,
      count: `SELECT COUNT(*) AS n FROM posts WHERE status = ? AND kind = 'ugc'`,
      params: [status],
    }
    return this.slice<PostRow, Post>(listing, { offset, limit }, (rows) => rows.map(toPost))
  }

  async reviewPost(next: Post, expected: 'pending'): Promise<boolean> {
    const result = this.sql('UPDATE posts SET status = ?, reviewed_at = ?, reject_reason = ? WHERE id = ? AND status = ?').run(
      next.status,
      next.reviewedAt ?? null,
      next.rejectReason ?? null,
      next.id,
      expected,
    )
    return result.changes === 1
  }
}
