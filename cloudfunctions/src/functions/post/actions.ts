import {
  deleteComment,
  hideComment,
  likeComment,
  listComments,
  moderationQueue,
  notifyComments,
  postComment,
  showComment,
  unlikeComment,
} from '../../app/comments'
import { approvePost, createPost, myPosts, postQueue, rejectPost } from '../../app/posts'
import { myBadges } from '../../app/challenges'
import { myFavourites, react, unreact } from '../../app/reactions'
import { creatorPage, creatorPosts, follow, followingFeed, unfollow } from '../../app/creators'
import { listTopics, saveTopic, staffTopics, topicPage } from '../../app/topics'
import { defineFunction, forAnyone, forMembers, forStaff } from '../runtime'
import { postSchemas as s } from '../schemas'

export const post = defineFunction('post', {
  create: forMembers(s.create, ({ store, pay, caller, now }, r) => createPost(store, pay, caller, r, now)),
  mine: forMembers(s.mine, ({ store, caller }, r) => myPosts(store, caller, r)),
  queue: forStaff(['service'], s.queue, ({ store }, r) => postQueue(store, r)),
  approve: forStaff(['service'], s.approve, ({ store, pay, caller, now }, r) => approvePost(store, pay, caller, r.postId, now)),
  reject: forStaff(['service'], s.reject, ({ store, caller, now }, r) => rejectPost(store, caller, r.postId, r.reason, now)),
  like: forMembers(s.like, ({ store, caller, now }, r) => react(store, caller, 'like', r.postId, now)),
  unlike: forMembers(s.unlike, ({ store, caller }, r) => unreact(store, caller, 'like', r.postId)),
  favourite: forMembers(s.favourite, ({ store, caller, now }, r) => react(store, caller, 'favourite', r.postId, now)),
  unfavourite: forMembers(s.unfavourite, ({ store, caller }, r) => unreact(store, caller, 'favourite', r.postId)),
  favourites: forMembers(s.favourites, ({ store, caller, now }, r) => myFavourites(store, caller, r, now)),
  topics: forAnyone(s.topics, ({ store }) => listTopics(store)),
  topic: forAnyone(s.topic, ({ store, caller, now }, r) => topicPage(store, caller, r, now)),
  badges: forMembers(s.badges, ({ store, caller }) => myBadges(store, caller)),
  staffTopics: forStaff(['service'], s.staffTopics, ({ store }) => staffTopics(store)),
  saveTopic: forStaff(['service'], s.saveTopic, ({ store, caller, now }, r) => saveTopic(store, caller, r, now)),
  comments: forAnyone(s.comments, ({ store, caller }, r) => listComments(store, caller, r)),
  comment: forMembers(s.comment, ({ store, pay, caller, now }, r) => postComment(store, pay, caller, r, now)),
  deleteComment: forMembers(s.deleteComment, ({ store, caller }, r) => deleteComment(store, caller, r.commentId)),
  likeComment: forMembers(s.likeComment, ({ store, caller, now }, r) => likeComment(store, caller, r.commentId, now)),
  unlikeComment: forMembers(s.unlikeComment, ({ store, caller }, r) => unlikeComment(store, caller, r.commentId)),
  notifyComments: forMembers(s.notifyComments, ({ store, caller, now }, r) => notifyComments(store, caller, r, now)),
  moderation: forStaff(['service'], s.moderation, ({ store }, r) => moderationQueue(store, r)),
  hideComment: forStaff(['service'], s.hideComment, ({ store, caller, now }, r) => hideComment(store, caller, r.commentId, r.reason, now)),
  showComment: forStaff(['service'], s.showComment, ({ store, pay, caller, now }, r) => showComment(store, pay, caller, r.commentId, now)),
  follow: forMembers(s.follow, ({ store, caller, now }, r) => follow(store, caller, r.creatorId, now)),
  unfollow: forMembers(s.unfollow, ({ store, caller }, r) => unfollow(store, caller, r.creatorId)),
  creator: forAnyone(s.creator, ({ store, caller }, r) => creatorPage(store, caller, r.creatorId)),
  creatorPosts: forAnyone(s.creatorPosts, ({ store, caller, now }, r) => creatorPosts(store, caller, r, now)),
  following: forMembers(s.following, ({ store, caller, now }, r) => followingFeed(store, caller, r, now)),
})
