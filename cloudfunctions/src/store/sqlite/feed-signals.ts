import type Database from 'better-sqlite3'
import { type EngagementSignals, feedScore } from '../../core/feed-rank'

/**
 * A post's engagement read from its records: the likes and favourites columns are counts of their
 * records (reactions.ts), comments are those others can see, orders those paid under the post's touch.
 */
export const SIGNALS = `
  SELECT p.created_at AS createdAt, p.likes AS likes, p.favourites AS favourites,
    (SELECT COUNT(*) FROM comments c WHERE c.post_id = @postId AND +c.safety = 'pass' AND +c.state = 'shown') AS comments,
    (SELECT COUNT(*) FROM orders o WHERE json_extract(o.doc, '$.touch.postId') = @postId
       AND json_extract(o.doc, '$.touch.postId') IS NOT NULL AND json_extract(o.doc, '$.paidAt') IS NOT NULL) AS orders
  FROM posts p WHERE p.id = @postId`

// The unary + keeps the comment count on the post's comments (comments_by_post), never on the
// moderation index over every comment's state.
export function readSignals(db: Database.Database, postId: string): (EngagementSignals & { createdAt: number }) | null {
  return (db.prepare(SIGNALS).get({ postId }) as (EngagementSignals & { createdAt: number }) | undefined) ?? null
}

/** Migration 31: every post already stored gets its score from the records it has. */
export function backfillFeedRanks(db: Database.Database): void {
  const ids = db.prepare('SELECT id FROM posts').pluck().all() as string[]
  const write = db.prepare('UPDATE posts SET feed_rank = ? WHERE id = ?')
  for (const id of ids) {
    const signals = readSignals(db, id)
    if (signals) write.run(feedScore(signals, signals.createdAt), id)
  }
}
