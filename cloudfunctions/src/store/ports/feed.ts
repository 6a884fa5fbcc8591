import type { Instant, Post } from '../../../../types/domain'
import type { EngagementSignals, FeedOrder } from '../../core/feed-rank'

/** A post of the feed with the key it is ordered by (its score, or createdAt for newest first). */
export interface FeedEntry {
  post: Post
  key: number
}

/** One view of a post: `viewer` is the member id, or `v:` and a signed-out device's key. */
export interface PostView {
  postId: string
  viewer: string
  /** The Shanghai day of the view: a viewer counts once per post and day. */
  day: string
  at: Instant
}

/**
 * The 推荐 feed and what it is ranked by. Each approved post carries its score (`core/feed-rank`);
 * the feed is read by an index on (status, score, id) or (status, createdAt, id) from a cursor, so a
 * deep page costs what the first one does.
 */
export interface FeedStore {
  /** Approved posts after the cursor (`key`, `id`): by score or createdAt, highest first, then by id. */
  listFeed(order: FeedOrder, after: { key: number; id: string } | null, limit: number): Promise<FeedEntry[]>
  /**
   * Reads the post's signals from their records (likes, favourites, visible comments, paid orders
   * whose last touch was the post) and stores `score(signals, createdAt)` as its rank; the rank, or
   * null when the post is unknown. Repeating it changes nothing.
   */
  refreshFeedRank(postId: string, score: (signals: EngagementSignals, createdAt: Instant) => number): Promise<number | null>
  /** Records a view once per viewer, post and day: one write, a repeat changes nothing. */
  recordPostView(view: PostView): Promise<void>
  /** Per post, the views recorded in [from, to). */
  postViewsBetween(from: Instant, to: Instant): Promise<Map<string, number>>
}
