import type { Req } from '../../types/api'
import { callFunction } from './call'

/**
 * Creators: their pages and posts, following them, and the 关注 feed. Apart from the other post calls,
 * so the home page loads only these.
 */
export const followApi = {
  /** A creator's page: nickname, avatar, 达人, badges, likes received, followers and whether the member follows them. */
  creator: (creatorId: string) => callFunction('post', 'creator', { creatorId }),
  /** A creator's approved posts, newest first, read on from the previous page's `next`. */
  creatorPosts: (req: Req<'post', 'creatorPosts'>) => callFunction('post', 'creatorPosts', req),
  /** Following changes nothing when asked again; each answers the creator's count and the member's state after it. */
  follow: (creatorId: string) => callFunction('post', 'follow', { creatorId }),
  unfollow: (creatorId: string) => callFunction('post', 'unfollow', { creatorId }),
  /** 关注: approved posts of the creators the member follows, newest first. */
  following: (req: Req<'post', 'following'>) => callFunction('post', 'following', req),
}
