import type { Comment, Instant, SafetyVerdict } from '../../../../types/domain'
import type { Slice } from './paging'

/** Which comments a listing shows: those others may see, and the viewer's own still held or hidden. */
export interface CommentListing {
  postId: string
  /** The member asking, or null for a visitor. */
  viewerId: string | null
  order: 'newest' | 'liked'
  offset: number
  limit: number
}

/** What the moderation queue lists: comments content security held back, or staff hid. */
export type ModerationFilter = 'held' | 'hidden'

/**
 * Comments and their likes. A comment is written only while its post is approved and its author is
 * under the day's limit, checked in the same atomic step as the write, so two at once cannot pass
 * the limit together; a comment's likes are records, its count moved with them.
 */
export interface CommentStore {
  /**
   * Writes the comment: 'exists' when its id is there already (a retry), 'unavailable' when the post
   * is unknown or not approved, 'limit' when its author wrote `dailyLimit` comments on `day` already.
   */
  addComment(comment: Comment, day: string, dailyLimit: number): Promise<'added' | 'exists' | 'unavailable' | 'limit'>
  findComment(id: string): Promise<Comment | null>
  /** A post's top-level comments the viewer may see, newest or most-liked first. */
  listComments(listing: CommentListing): Promise<Slice<Comment>>
  /** The replies to these comments the viewer may see, oldest first. */
  repliesTo(parentIds: readonly string[], viewerId: string | null): Promise<Comment[]>
  /** Moves a comment from one of `from` to `to` (compare-and-set); false when it was in no such state. */
  setCommentState(id: string, from: readonly Comment['state'][], to: Comment['state']): Promise<boolean>
  /** Records content security's verdict on a comment. */
  setCommentSafety(id: string, verdict: SafetyVerdict): Promise<void>
  /** 'unavailable' when the comment is gone or others cannot see it. */
  addCommentLike(commentId: string, memberId: string, at: Instant): Promise<'added' | 'unchanged' | 'unavailable'>
  removeCommentLike(commentId: string, memberId: string): Promise<'removed' | 'unchanged'>
  /** Which of these comments the member likes. */
  commentLikesOf(memberId: string, commentIds: readonly string[]): Promise<Set<string>>
  /** Per post, how many of its comments others can see. */
  commentCounts(postIds: readonly string[]): Promise<Map<string, number>>
  /** The moderation queue, newest first. */
  listModeration(filter: ModerationFilter, offset: number, limit: number): Promise<Slice<Comment>>
}
