import type { Post } from '../../../../types/domain'

/** One member following a creator. */
export interface FollowRecord {
  followerId: string
  creatorId: string
  at: number
}

/** A member's standing as a creator: how many follow them, and how many they follow — counts of follow records. */
export interface FollowCounts {
  followers: number
  following: number
}

/** A member certified as 达人 by staff. */
export interface CreatorCertification {
  memberId: string
  reason: string
  by: string
  at: number
}

/** Where a newest-first listing of posts goes on from: the last post shown (its time, then its id, both descending). */
export interface PostCursor {
  createdAt: number
  id: string
}

/**
 * Creators: follow records, one per follower and creator, with both members' counts kept in the same
 * atomic step (so a count is always the number of its records); 达人 certifications; and the
 * approved posts of a set of authors, newest first, read from a cursor rather than an offset.
 */
export interface CreatorStore {
  /**
   * Records the follow: 'added', 'unchanged' when it is already there (nothing written), 'limit' when
   * the follower already follows `maxFollowing` creators (nothing written).
   */
  follow(record: FollowRecord, maxFollowing: number): Promise<'added' | 'unchanged' | 'limit'>
  /** Removes the follow and lowers both counts with it; 'unchanged' when there was none. */
  unfollow(followerId: string, creatorId: string): Promise<'removed' | 'unchanged'>
  /** The member's counts (zero when nobody follows them and they follow nobody). */
  followCounts(memberId: string): Promise<FollowCounts>
  /** Which of these creators the member follows. */
  followedAmong(followerId: string, creatorIds: readonly string[]): Promise<Set<string>>
  /** Every creator the member follows (at most the follow limit). */
  followedCreators(followerId: string): Promise<string[]>
  /** Certifies the member as 达人, or changes nothing when they already are; answers the certification before. */
  certifyCreator(certification: CreatorCertification): Promise<CreatorCertification | null>
  /** Removes the member's certification; answers the one removed, or null when there was none. */
  uncertifyCreator(memberId: string): Promise<CreatorCertification | null>
  /** The certifications of those of these members who are 达人. */
  certificationsOf(memberIds: readonly string[]): Promise<Map<string, CreatorCertification>>
  /** Approved posts by any of these authors, newest first (time, then id, descending), after the cursor. */
  approvedPostsOf(authorIds: readonly string[], after: PostCursor | null, limit: number): Promise<Post[]>
  /** The likes on the author's approved posts: the number of like records on them. */
  likesReceived(authorId: string): Promise<number>
}
