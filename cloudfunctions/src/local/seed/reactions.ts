import { HOUR_MS } from '../../core/time'
import type { Member, Post, PostReaction } from '../../../../types/domain'

export interface DemoReaction {
  kind: PostReaction
  postId: string
  memberId: string
  at: number
}

/** Posts some demo members keep in 我的收藏, by member. */
const FAVOURITES: Record<string, readonly string[]> = {
  'consumer-v4': ['post02', 'post05', 'post01'],
  koc: ['post03', 'post10'],
  m05: ['post02'],
  m09: ['post04', 'post06'],
}

/**
 * The demo members' likes and favourites. Each approved post is liked by its `likers` of the demo
 * consumers, taken in turn from a different place for each post and never its author, a few hours
 * apart after it was published (and before now); nothing is invented beyond these records.
 */
export function demoReactions(seeds: readonly { post: Post; likers: number }[], consumers: readonly Member[], now: number): DemoReaction[] {
  const reactions: DemoReaction[] = []
  const at = (post: Post, k: number) => Math.min(now - HOUR_MS, post.createdAt + (k + 1) * 3 * HOUR_MS)
  seeds.forEach(({ post, likers }, i) => {
    if (post.status !== 'approved') return
    const fans = consumers.filter((m) => m.id !== post.authorId)
    for (let k = 0; k < Math.min(likers, fans.length); k += 1) {
      reactions.push({ kind: 'like', postId: post.id, memberId: fans[(i * 5 + k) % fans.length].id, at: at(post, k) })
    }
  })
  for (const [memberId, postIds] of Object.entries(FAVOURITES)) {
    postIds.forEach((postId, k) => {
      const post = seeds.find((seed) => seed.post.id === postId)?.post
      if (post?.status === 'approved' && post.authorId !== memberId) {
        reactions.push({ kind: 'favourite', postId, memberId, at: at(post, k + 1) })
      }
    })
  }
  return reactions
}
