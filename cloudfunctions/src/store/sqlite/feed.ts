import type { Instant } from '../../../../types/domain'
import type { EngagementSignals, FeedOrder } from '../../core/feed-rank'
import type { FeedEntry, FeedStore, PostView } from '../port'
import { SqliteBase } from './base'
import { type PostRow, toPost } from './content'
import { readSignals } from './feed-signals'

/** Each order's sort column; both are indexed with status and id, descending. */
const KEY_COLUMN: Record<FeedOrder, 'feed_rank' | 'created_at'> = { ranked: 'feed_rank', newest: 'created_at' }

/** The listing of each order, from the top or after a cursor: one index range, no sort. */
export function feedQuery(order: FeedOrder, fromCursor: boolean): string {
  const key = KEY_COLUMN[order]
  const after = fromCursor ? ` AND (${key}, id) < (@key, @id)` : ''
  return `SELECT *, ${key} AS sort_key FROM posts WHERE status = 'approved'${after} ORDER BY ${key} DESC, id DESC LIMIT @limit`
}

/** The 推荐 feed over the posts table's score column, and post views. */
export class SqliteFeed extends SqliteBase implements FeedStore {
  async listFeed(order: FeedOrder, after: { key: number; id: string } | null, limit: number): Promise<FeedEntry[]> {
    const rows = this.sql(feedQuery(order, after !== null)).all({ limit, ...(after ?? {}) }) as (PostRow & { sort_key: number })[]
    return rows.map((row) => ({ post: toPost(row), key: row.sort_key }))
  }

  async refreshFeedRank(postId: string, score: (signals: EngagementSignals, createdAt: Instant) => number): Promise<number | null> {
    return this.db.transaction(() => {
      const read = readSignals(this.db, postId)
      if (!read) return null
      const { createdAt, ...signals } = read
      const rank = score(signals, createdAt)
      this.sql('UPDATE posts SET feed_rank = ? WHERE id = ?').run(rank, postId)
      return rank
    })()
  }

  async recordPostView(view: PostView): Promise<void> {
    this.sql('INSERT INTO post_views (post_id, viewer, day, at) VALUES (@postId, @viewer, @day, @at) ON CONFLICT DO NOTHING').run(view)
  }

  async postViewsBetween(from: Instant, to: Instant): Promise<Map<string, number>> {
    const rows = this.sql('SELECT post_id AS postId, COUNT(*) AS n FROM post_views WHERE at >= ? AND at < ? GROUP BY post_id').all(
      from,
      to,
    ) as {
      postId: string
      n: number
    }[]
    return new Map(rows.map((row) => [row.postId, row.n]))
  }
}
