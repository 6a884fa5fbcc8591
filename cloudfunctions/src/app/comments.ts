import { createHash } from 'node:crypto'
import type { CommentInput, CommentView, ModeratedCommentView, Page } from '../../../types/api'
import type { Comment, Member, OutboxMessage, Post } from '../../../types/domain'
import { pageAt, paging } from '../core/catalog'
import { shopDay } from '../core/time'
import type { Store } from '../store/port'
import { refreshFeedRank } from './feed'
import type { ContentSecurity, Messenger } from '../wechat/ports'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { DEFAULT_AVATAR } from './members'

/*
 * Comments on published posts, one level of replies. What a member writes passes WeChat content
 * security before anyone else sees it; until then (or when it is risky) only its author and the
 * moderation queue see it. Commenting earns nothing: no points, no growth, no commission.
 */

/** Comments one member may write in a Shanghai day: a flood waits for tomorrow. */
export const DAILY_COMMENT_LIMIT = 20

/** A retried comment (same member, same request id) names the same comment. */
export function commentIdFor(memberId: string, requestId: string): string {
  return `cm${createHash('sha256').update(`${memberId}\u0000${requestId}`).digest('hex').slice(0, 22)}`
}

/** The opt-in topic of a post's author asking to hear of new comments. */
const commentsTopic = (postId: string) => `comments:${postId}`

const notFound = () => new AppError('COMMENT_NOT_FOUND', '这条评论不存在或已删除')

/** Others see a comment once it passed and while it is shown; its author until they delete it. */
function visibleTo(comment: Comment, viewerId: string | null): boolean {
  if (comment.state === 'deleted') return false
  return (comment.safety === 'pass' && comment.state === 'shown') || (viewerId !== null && comment.authorId === viewerId)
}

async function publishedPost(store: Store, postId: string, doing: string): Promise<Post> {
  const post = await store.findPost(postId)
  if (!post) throw new AppError('POST_NOT_FOUND', '这篇种草不存在或已删除')
  if (post.status !== 'approved') throw new AppError('POST_STATE', `这篇种草还没有发布，不能${doing}`)
  return post
}

async function toViews(
  store: Store,
  comments: readonly Comment[],
  viewerId: string | null,
  replies: readonly Comment[] = [],
): Promise<CommentView[]> {
  const all = [...comments, ...replies]
  const authorIds = [...new Set(all.flatMap((c) => (c.authorId ? [c.authorId] : [])))]
  const [authors, liked] = await Promise.all([
    store.findMembers(authorIds),
    viewerId
      ? store.commentLikesOf(
          viewerId,
          all.map((c) => c.id),
        )
      : Promise.resolve(new Set<string>()),
  ])
  const view = (comment: Comment): CommentView => {
    const author = comment.authorId ? authors.find((a) => a.id === comment.authorId) : undefined
    return {
      id: comment.id,
      postId: comment.postId,
      parentId: comment.parentId,
      author: author ? { id: author.id, nickname: author.nickname, avatar: author.avatar || DEFAULT_AVATAR } : null,
      text: comment.text,
      likes: comment.likes,
      liked: liked.has(comment.id),
      createdAt: comment.createdAt,
      mine: viewerId !== null && comment.authorId === viewerId,
      safety: comment.safety,
      replies: replies.filter((r) => r.parentId === comment.id).map(view),
    }
  }
  return comments.map(view)
}

/** A published post's comments as the viewer may see them: top-level newest or most-liked first, each with its replies oldest first. */
export async function listComments(
  store: Store,
  viewer: Member | null,
  req: { postId: string; order?: 'newest' | 'liked'; page?: number; pageSize?: number },
): Promise<Page<CommentView>> {
  await publishedPost(store, req.postId, '查看评论')
  const p = paging(req.page, req.pageSize)
  const viewerId = viewer?.id ?? null
  const { items, total } = await store.listComments({
    postId: req.postId,
    viewerId,
    order: req.order ?? 'newest',
    offset: p.offset,
    limit: p.pageSize,
  })
  const replies =
    items.length > 0
      ? await store.repliesTo(
          items.map((c) => c.id),
          viewerId,
        )
      : []
  return pageAt(p, await toViews(store, items, viewerId, replies), total)
}

/** Tells the post's author of a comment others can now see, using up one of their opt-ins (locally: into the outbox). */
async function tellPostAuthor(store: Store, messenger: Messenger, post: Post, comment: Comment, now: number): Promise<void> {
  if (post.authorId === comment.authorId) return
  for (const optIn of await store.optInsFor(commentsTopic(post.id))) {
    if (optIn.memberId !== post.authorId) continue
    const message: OutboxMessage = {
      id: optIn.id,
      memberId: optIn.memberId,
      template: 'post_comment',
      data: { post: post.title, comment: comment.text },
      page: `packages/post/detail/index?id=${post.id}`,
      at: now,
      sentAt: null,
    }
    if (await store.queueMessage(message)) {
      if (await messenger.sendMessage(message)) await store.markMessageSent(message.id, now)
      return
    }
  }
}

/**
 * A member comments on a published post, or replies to one of its top-level comments. The text is
 * checked by content security first; a held comment is written all the same (its author sees it as
 * 审核中) and waits in the moderation queue. A retried request answers the first comment.
 */
export async function postComment(
  store: Store,
  platform: ContentSecurity & Messenger,
  member: Member,
  input: CommentInput,
  now: number,
): Promise<CommentView> {
  const id = commentIdFor(member.id, input.requestId)
  const earlier = await store.findComment(id)
  if (earlier) return (await toViews(store, [earlier], member.id))[0]

  const post = await publishedPost(store, input.postId, '评论')
  const parentId = input.parentId ?? null
  if (parentId) {
    const parent = await store.findComment(parentId)
    if (!parent || parent.postId !== post.id || !visibleTo(parent, member.id)) throw notFound()
    if (parent.parentId !== null) throw new AppError('COMMENT_DEPTH', '只能回复评论，不能回复回复')
  }
  const safety = await platform.checkText({ openid: member.id, scene: 'comment', text: input.text })
  const comment: Comment = {
    id,
    postId: post.id,
    authorId: member.id,
    parentId,
    text: input.text,
    safety,
    state: 'shown',
    likes: 0,
    createdAt: now,
  }
  const outcome = await store.addComment(comment, shopDay(now), DAILY_COMMENT_LIMIT)
  if (outcome === 'limit') throw new AppError('COMMENT_LIMIT', `每天最多发 ${DAILY_COMMENT_LIMIT} 条评论，明天再来吧`)
  if (outcome === 'unavailable') throw new AppError('POST_STATE', '这篇种草还没有发布，不能评论')
  const written = outcome === 'exists' ? ((await store.findComment(id)) ?? comment) : comment
  if (outcome === 'added' && safety === 'pass') {
    await refreshFeedRank(store, post.id)
    await tellPostAuthor(store, platform, post, comment, now)
  }
  return (await toViews(store, [written], member.id))[0]
}

/** The author deletes their own comment (its replies stay under it); asking again changes nothing. */
export async function deleteComment(store: Store, member: Member, commentId: string): Promise<{ commentId: string; deleted: true }> {
  const comment = await store.findComment(commentId)
  if (!comment) throw notFound()
  if (comment.authorId !== member.id) throw new AppError('FORBIDDEN', '只能删除自己的评论')
  if (comment.state !== 'deleted' && !(await store.setCommentState(commentId, ['shown', 'hidden'], 'deleted'))) {
    throw new AppError('BUSY', '这条评论正在被处理，请稍后再试')
  }
  await refreshFeedRank(store, comment.postId)
  return { commentId, deleted: true }
}

/** One like per member and comment, on comments others can see. */
export async function likeComment(store: Store, member: Member, commentId: string, now: number) {
  if ((await store.addCommentLike(commentId, member.id, now)) === 'unavailable') throw notFound()
  return commentLikeView(store, member, commentId)
}

export async function unlikeComment(store: Store, member: Member, commentId: string) {
  if (!(await store.findComment(commentId))) throw notFound()
  await store.removeCommentLike(commentId, member.id)
  return commentLikeView(store, member, commentId)
}

async function commentLikeView(store: Store, member: Member, commentId: string) {
  const [comment, liked] = await Promise.all([store.findComment(commentId), store.commentLikesOf(member.id, [commentId])])
  return { commentId, liked: liked.has(commentId), likes: comment?.likes ?? 0 }
}

/** The post's author asks (WeChat's one-time subscription) to hear of the next new comment. */
export async function notifyComments(store: Store, member: Member, req: { postId: string; requestId: string }, now: number) {
  const post = await publishedPost(store, req.postId, '订阅评论提醒')
  if (post.authorId !== member.id) throw new AppError('FORBIDDEN', '只有作者能订阅自己种草的评论提醒')
  await store.recordOptIn({
    id: `optin:${commentIdFor(member.id, req.requestId)}`,
    memberId: member.id,
    topic: commentsTopic(post.id),
    at: now,
  })
  return { postId: post.id, subscribed: true as const }
}

async function toModerated(store: Store, comments: readonly Comment[]): Promise<ModeratedCommentView[]> {
  const [authors, posts] = await Promise.all([
    store.findMembers([...new Set(comments.flatMap((c) => (c.authorId ? [c.authorId] : [])))]),
    Promise.all([...new Set(comments.map((c) => c.postId))].map((id) => store.findPost(id))),
  ])
  return comments.map((c) => {
    const author = authors.find((a) => a.id === c.authorId)
    return {
      id: c.id,
      postId: c.postId,
      postTitle: posts.find((p) => p?.id === c.postId)?.title ?? '（已删除的种草）',
      author: author ? { id: author.id, nickname: author.nickname } : null,
      text: c.text,
      safety: c.safety,
      state: c.state,
      createdAt: c.createdAt,
    }
  })
}

/** Staff: comments content security held back (review, risky, or an image check still pending), or that staff hid. */
export async function moderationQueue(store: Store, req: { filter?: 'held' | 'hidden'; page?: number; pageSize?: number }) {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listModeration(req.filter ?? 'held', p.offset, p.pageSize)
  return pageAt(p, await toModerated(store, items), total)
}

/** A comment staff may act on: any but one its author deleted. */
async function moderated(store: Store, commentId: string): Promise<Comment> {
  const comment = await store.findComment(commentId)
  if (!comment || comment.state === 'deleted') throw notFound()
  return comment
}

/** Staff hide any comment (audited with the reason); hiding a hidden one changes nothing. */
export async function hideComment(
  store: Store,
  operator: Member,
  commentId: string,
  reason: string,
  now: number,
): Promise<ModeratedCommentView> {
  const comment = await moderated(store, commentId)
  if (comment.state === 'shown') {
    if (!(await store.setCommentState(commentId, ['shown'], 'hidden'))) throw new AppError('BUSY', '这条评论正在被处理，请稍后再试')
    await recordAudit(
      store,
      operator.id,
      'comment:hidden',
      commentId,
      { state: 'shown', safety: comment.safety },
      { state: 'hidden', reason },
      now,
    )
    await refreshFeedRank(store, comment.postId)
  }
  return (await toModerated(store, [{ ...comment, state: 'hidden' }]))[0]
}

/**
 * Staff show a comment again, or pass one content security held for review: a person looked.
 * Audited; the post's author hears of it as of any new comment others can see.
 */
export async function showComment(
  store: Store,
  messenger: Messenger,
  operator: Member,
  commentId: string,
  now: number,
): Promise<ModeratedCommentView> {
  const comment = await moderated(store, commentId)
  if (comment.state === 'shown' && comment.safety === 'pass') return (await toModerated(store, [comment]))[0]
  if (comment.state === 'hidden' && !(await store.setCommentState(commentId, ['hidden'], 'shown'))) {
    throw new AppError('BUSY', '这条评论正在被处理，请稍后再试')
  }
  if (comment.safety !== 'pass') await store.setCommentSafety(commentId, 'pass')
  const shown: Comment = { ...comment, state: 'shown', safety: 'pass' }
  await refreshFeedRank(store, comment.postId)
  await recordAudit(
    store,
    operator.id,
    'comment:shown',
    commentId,
    { state: comment.state, safety: comment.safety },
    { state: 'shown', safety: 'pass' },
    now,
  )
  const post = await store.findPost(comment.postId)
  if (post && comment.safety !== 'pass') await tellPostAuthor(store, messenger, post, shown, now)
  return (await toModerated(store, [shown]))[0]
}
