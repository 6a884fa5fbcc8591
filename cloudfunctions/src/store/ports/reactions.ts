import type { PostCounts, PostReaction } from '../../../../types/domain'
import type { Slice } from './paging'

/** One member's like or favourite of one post. */
export interface ReactionRecord {
  postId: string
  memberId: string
  at: number
}

/**
 * Likes and favourites: one record per member, post and kind, and per post a count kept with the
 * records in the same atomic step, so a count is always the number of its records.
 */
export interface ReactionStore {
  /**
   * Records the member's reaction to the post while the post is approved: 'added', 'unchanged' when
   * the record is already there (a repeat, nothing written), 'unavailable' when the post is unknown or
   * not approved (nothing written).
   */
  addReaction(kind: PostReaction, record: ReactionRecord): Promise<'added' | 'unchanged' | 'unavailable'>
  /** Removes the member's reaction and lowers the count with it; 'unchanged' when there was none. */
  removeReaction(kind: PostReaction, postId: string, memberId: string): Promise<'removed' | 'unchanged'>
  /** The counts of each of these posts (zero for a post nobody reacted to). */
  postCounts(postIds: readonly string[]): Promise<Map<string, PostCounts>>
  /** Which of these posts the member liked and which they favourited. */
  reactionsOf(memberId: string, postIds: readonly string[]): Promise<Record<PostReaction, Set<string>>>
  /** A member's favourites, newest first. */
  listFavourites(memberId: string, offset: number, limit: number): Promise<Slice<ReactionRecord>>
}
