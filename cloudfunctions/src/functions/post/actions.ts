import { approvePost, createPost, myPosts, postQueue, rejectPost } from '../../app/posts'
import { action, type FunctionDef } from '../runtime'
import { postSchemas as s } from '../schemas'

export const post: FunctionDef = {
  name: 'post',
  actions: {
    create: action({ access: 'member', input: s.create, run: ({ store, caller, now }, r) => createPost(store, caller!, r, now) }),
    mine: action({ access: 'member', input: s.mine, run: ({ store, caller }, r) => myPosts(store, caller!, r) }),
    queue: action({ access: 'operator', input: s.queue, run: ({ store }, r) => postQueue(store, r) }),
    approve: action({
      access: 'operator',
      input: s.approve,
      run: ({ store, caller, now }, r) => approvePost(store, caller!, r.postId, now),
    }),
    reject: action({
      access: 'operator',
      input: s.reject,
      run: ({ store, caller, now }, r) => rejectPost(store, caller!, r.postId, r.reason, now),
    }),
  },
}
