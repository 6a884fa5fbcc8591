import { approvePost, createPost, myPosts, postQueue, rejectPost } from '../../app/posts'
import { defineFunction, forMembers, forOperators } from '../runtime'
import { postSchemas as s } from '../schemas'

export const post = defineFunction('post', {
  create: forMembers(s.create, ({ store, caller, now }, r) => createPost(store, caller, r, now)),
  mine: forMembers(s.mine, ({ store, caller }, r) => myPosts(store, caller, r)),
  queue: forOperators(s.queue, ({ store }, r) => postQueue(store, r)),
  approve: forOperators(s.approve, ({ store, caller, now }, r) => approvePost(store, caller, r.postId, now)),
  reject: forOperators(s.reject, ({ store, caller, now }, r) => rejectPost(store, caller, r.postId, r.reason, now)),
})
