import type { FavouriteView, Page, PostReactionView } from '../../../types/api'
import type { Member, Post, PostReaction } from '../../../types/domain'
import { pageAt, paging } from '../core/catalog'
import type { Store } from '../store/port'
import { refreshFeedRank } from './feed'
import { toFeedPosts } from './catalog'
import { AppError } from './errors'

/*
 * Likes (觉得有用) and favourites (收藏) are records, one per member and post; the counts shown are
 * counts of those records. Neither earns anything: no points, no growth, no commission.
 */

const WHAT: Record<PostReaction, string> = { like: '点赞', favourite: '收藏' }

async function reactionView(store: Store, memberId: string, postId: string): Promise<PostReactionView> {
  const [counts, mine] = await Promise.all([store.postCounts([postId]), store.reactionsOf(memberId, [postId])])
  const { likes, favourites } = counts.get(postId) ?? { likes: 0, favourites: 0 }
  return { postId, liked: mine.like.has(postId), favourited: mine.favourite.has(postId), likes, favourites }
}

/**
 * The member likes or keeps a published post; asking again changes nothing. A post that is unknown
 * is refused as not found, one still in review or rejected as not published — also when moderation
 * changes it between the check and the write, which the store checks again.
 */
export async function react(store: Store, member: Member, kind: PostReaction, postId: string, now: number): Promise<PostReactionView> {
  const post = await store.findPost(postId)
  if (!post) throw new AppError('POST_NOT_FOUND', '这篇种草不存在或已删除')
  const refusal = new AppError('POST_STATE', `这篇种草还没有发布，不能${WHAT[kind]}`)
  if (post.status !== 'approved') throw refusal
  const outcome = await store.addReaction(kind, { postId, memberId: member.id, at: now })
  if (outcome === 'unavailable') throw refusal
  if (outcome === 'added') await refreshFeedRank(store, postId)
  return reactionView(store, member.id, postId)
}

/** The member takes a like or favourite back; without one nothing changes. Allowed whatever became of the post. */
export async function unreact(store: Store, member: Member, kind: PostReaction, postId: string): Promise<PostReactionView> {
  if (!(await store.findPost(postId))) throw new AppError('POST_NOT_FOUND', '这篇种草不存在或已删除')
  if ((await store.removeReaction(kind, postId, member.id)) === 'removed') await refreshFeedRank(store, postId)
  return reactionView(store, member.id, postId)
}

/** 我的收藏, newest first; a kept post no longer published stays listed (so it can be removed) without its content. */
export async function myFavourites(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
  now: number,
): Promise<Page<FavouriteView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listFavourites(member.id, p.offset, p.pageSize)
  const found = await Promise.all(items.map((record) => store.findPost(record.postId)))
  const views = await toFeedPosts(
    store,
    member,
    found.filter((post): post is Post => post?.status === 'approved'),
    now,
  )
  return pageAt(
    p,
    items.map((record) => ({
      postId: record.postId,
      favouritedAt: record.at,
      post: views.find((view) => view.id === record.postId) ?? null,
    })),
    total,
  )
}
