import type { Post } from '../../../../types/domain'
import type { Slice } from './paging'

/** Content: operator and member posts and moderation (the feed: `FeedStore`). */
export interface ContentStore {
  putPost(post: Post): Promise<void>
  /** A post in any status; null when unknown. */
  findPost(id: string): Promise<Post | null>
  /**
   * Stores a new member post under its id, atomically, only while its author has fewer than
   * `maxPending` member posts waiting for review: 'exists' when the id is taken (a retried create,
   * nothing written), 'limit' when the author is at the limit.
   */
  createPost(post: Post, maxPending: number): Promise<'created' | 'exists' | 'limit'>
  /** A member's posts in any status, newest first. */
  listPostsByAuthor(authorId: string, offset: number, limit: number): Promise<Slice<Post>>
  /** Member (UGC) posts in a status, oldest first: the moderation queue. */
  listPostsByStatus(status: Post['status'], offset: number, limit: number): Promise<Slice<Post>>
  /**
   * Records an operator's decision (`next`'s status, reviewedAt and rejectReason) while the stored
   * post is still `expected` (compare-and-set); false when someone decided first.
   */
  reviewPost(next: Post, expected: 'pending'): Promise<boolean>
}
