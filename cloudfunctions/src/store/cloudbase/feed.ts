import type { Instant } from '../../../../types/domain'
import type { EngagementSignals, FeedOrder } from '../../core/feed-rank'
import type { FeedEntry, FeedStore, PostView } from '../port'
import { CloudbaseBase } from './base'
import { EVERYONE } from './comments'
import { postFromDoc } from './content'
import { MAX_GET, isDuplicateKey } from './database'

/** Each order's field on the post; both are indexed with status (`collections.ts`). */
const KEY_FIELD: Record<FeedOrder, 'feedRank' | 'createdAt'> = { ranked: 'feedRank', newest: 'createdAt' }

const viewId = (view: PostView) => `${view.postId}|${view.viewer}|${view.day}`

/**
 * The 推荐 feed over the posts' `feedRank` field, and post views. A page after a cursor is two index
 * range reads (the SDK has no tuple comparison): the rest of the cursor's key, then the keys below it.
 */
export class CloudbaseFeed extends CloudbaseBase implements FeedStore {
  async listFeed(order: FeedOrder, after: { key: number; id: string } | null, limit: number): Promise<FeedEntry[]> {
    const _ = this.db.command
    const field = KEY_FIELD[order]
    const posts = this.db.collection('posts')
    const found = []
    if (after) {
      const { data } = await posts
        .where({ status: 'approved', [field]: after.key, _id: _.lt(after.id) })
        .orderBy('_id', 'desc')
        .limit(limit)
        .get()
      found.push(...data)
    }
    if (found.length < limit) {
      const below = after ? { [field]: _.lt(after.key) } : {}
      const { data } = await posts
        .where({ status: 'approved', ...below })
        .orderBy(field, 'desc')
        .orderBy('_id', 'desc')
        .limit(limit - found.length)
        .get()
      found.push(...data)
    }
    return found.map((doc) => ({ post: postFromDoc(doc), key: doc[field] as number }))
  }

  /**
   * The signals are read from their records and the score written after: a refresh that raced
   * another change may write what it read before it, and the next change's refresh puts it right.
   */
  async refreshFeedRank(postId: string, score: (signals: EngagementSignals, createdAt: Instant) => number): Promise<number | null> {
    const _ = this.db.command
    const [{ data: posts }, { data: counts }, comments, orders] = await Promise.all([
      this.db.collection('posts').where({ _id: postId }).limit(1).get(),
      this.db.collection('post_counts').where({ _id: postId }).limit(1).get(),
      this.db.collection('comments').where({ postId, audience: EVERYONE }).count(),
      this.db
        .collection('orders')
        .where({ 'touch.postId': postId, paidAt: _.gt(0) })
        .count(),
    ])
    if (!posts[0]) return null
    const signals = { likes: counts[0]?.likes ?? 0, favourites: counts[0]?.favourites ?? 0, comments: comments.total, orders: orders.total }
    const feedRank = score(signals, posts[0].createdAt)
    await this.db.collection('posts').where({ _id: postId }).update({ data: { feedRank } })
    return feedRank
  }

  /** The view's `_id` names the viewer, post and day: a second view that day is a duplicate key, nothing written. */
  async recordPostView(view: PostView): Promise<void> {
    try {
      await this.db.collection('post_views').add({ data: { _id: viewId(view), ...view } })
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
  }

  /** Counted where the views are stored: one aggregation answers a count per post, 1 000 posts at a time. */
  async postViewsBetween(from: Instant, to: Instant): Promise<Map<string, number>> {
    const _ = this.db.command
    const views = new Map<string, number>()
    for (let skipped = 0; ; skipped += MAX_GET) {
      const { list } = await this.db
        .collection('post_views')
        .aggregate()
        .match({ at: _.gte(from).and(_.lt(to)) })
        .group({ _id: '$postId', views: _.aggregate.sum(1) })
        .sort({ _id: 1 })
        .skip(skipped)
        .limit(MAX_GET)
        .end()
      for (const post of list) views.set(post._id, post.views)
      if (list.length < MAX_GET) return views
    }
  }
}
