import type { FeedPage, FeedRequest } from '../../../types/api'
import type { Member } from '../../../types/domain'
import { DEFAULT_PAGE_SIZE } from '../core/catalog'
import { type FeedOrder, decodeFeedCursor, encodeFeedCursor, feedScore } from '../core/feed-rank'
import type { Store } from '../store/port'
import { toFeedPosts } from './catalog'
import { AppError } from './errors'
import { preferencesOf } from './privacy'

/** Members who keep personalisation on, and visitors, get the ranked feed; members who turned it off, newest first. */
async function feedOrderFor(store: Store, viewer: Member | null): Promise<FeedOrder> {
  if (!viewer) return 'ranked'
  return (await preferencesOf(store, viewer.id)).personalised ? 'ranked' : 'newest'
}

/**
 * The 推荐 feed, a page at a time from a cursor: ranked by `core/feed-rank` for members with
 * personalisation on (and visitors), newest first for members who turned it off. A page goes on in
 * the order its cursor names, so turning the switch mid-scroll never repeats or skips a post.
 */
export async function feed(store: Store, viewer: Member | null, req: FeedRequest, now: number): Promise<FeedPage> {
  const pageSize = req.pageSize ?? DEFAULT_PAGE_SIZE
  const cursor = req.cursor === undefined ? null : decodeFeedCursor(req.cursor)
  if (req.cursor !== undefined && !cursor) throw new AppError('INVALID_PAYLOAD', '请求参数不正确（cursor）：不是本列表给出的位置')
  if (!cursor && (req.page ?? 1) > 1) throw new AppError('INVALID_PAYLOAD', '请求参数不正确（page）：翻页请带上一页给出的 cursor')
  const order = cursor?.order ?? (await feedOrderFor(store, viewer))
  const entries = await store.listFeed(order, cursor, pageSize + 1)
  const shown = entries.slice(0, pageSize)
  const last = shown[shown.length - 1]
  const hasMore = entries.length > pageSize
  return {
    items: await toFeedPosts(
      store,
      viewer,
      shown.map((entry) => entry.post),
      now,
    ),
    page: req.page ?? 1,
    pageSize,
    hasMore,
    cursor: hasMore && last ? encodeFeedCursor({ order, key: last.key, id: last.post.id }) : null,
  }
}

/**
 * Writes the post's score from its records after one of its signals changed (a like, a favourite, a
 * comment shown or hidden, an order paid under it). Ranking is never worth failing the change for:
 * a refresh that fails is put right by the post's next one.
 */
export async function refreshFeedRank(store: Store, postId: string): Promise<void> {
  try {
    await store.refreshFeedRank(postId, feedScore)
  } catch (error) {
    console.error('[feed rank]', postId, error)
  }
}
