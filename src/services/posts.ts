import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Member posts (种草): writing one for review, the member's own posts, 我的收藏, topics and comments, and (operators) the review and comment queues. */
export const postApi = {
  /** Safe to repeat with the same requestId: a retry answers the first post. */
  create: (req: Req<'post', 'create'>) => callFunction('post', 'create', req),
  mine: (req: Req<'post', 'mine'>) => callFunction('post', 'mine', req),
  /** Operator: member posts waiting for review, the longest-waiting first. */
  queue: (req: Req<'post', 'queue'>) => callFunction('post', 'queue', req),
  /** Operator: publishes the post; its author's reward is granted once, however often this is asked. */
  approve: (postId: string) => callFunction('post', 'approve', { postId }),
  /** Operator: the reason is shown to the author. */
  reject: (postId: string, reason: string) => callFunction('post', 'reject', { postId, reason }),
  /** 我的收藏, newest first. */
  favourites: (req: Req<'post', 'favourites'>) => callFunction('post', 'favourites', req),
  /** A topic's page: its approved posts, newest first, and its 打卡 challenges with the member's progress. */
  topic: (req: Req<'post', 'topic'>) => callFunction('post', 'topic', req),
  /** The enabled topics a post may carry. */
  topics: () => callFunction('post', 'topics', {}),
  /** A published post's comments, newest or most-liked first, each with its replies. */
  comments: (req: Req<'post', 'comments'>) => callFunction('post', 'comments', req),
  /** Safe to repeat with the same requestId: a retry answers the first comment. */
  comment: (req: Req<'post', 'comment'>) => callFunction('post', 'comment', req),
  deleteComment: (commentId: string) => callFunction('post', 'deleteComment', { commentId }),
  likeComment: (commentId: string) => callFunction('post', 'likeComment', { commentId }),
  unlikeComment: (commentId: string) => callFunction('post', 'unlikeComment', { commentId }),
  /** The post's author: one recorded 新评论提醒 (a one-time subscription), used up by the next comment others can see. */
  notifyComments: (req: Req<'post', 'notifyComments'>) => callFunction('post', 'notifyComments', req),
  /** Staff: comments held by content security, or hidden. */
  moderation: (req: Req<'post', 'moderation'>) => callFunction('post', 'moderation', req),
  hideComment: (commentId: string, reason: string) => callFunction('post', 'hideComment', { commentId, reason }),
  showComment: (commentId: string) => callFunction('post', 'showComment', { commentId }),
}
