import { callFunction } from './call'

/**
 * Likes and favourites on a post: each answers the post's counts and the member's own state after it;
 * repeating one changes nothing. Apart from the other post calls, so the feed loads only these.
 */
export const reactionApi = {
  like: (postId: string) => callFunction('post', 'like', { postId }),
  unlike: (postId: string) => callFunction('post', 'unlike', { postId }),
  favourite: (postId: string) => callFunction('post', 'favourite', { postId }),
  unfavourite: (postId: string) => callFunction('post', 'unfavourite', { postId }),
}
