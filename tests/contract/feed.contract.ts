import { beforeEach, describe, expect, it } from 'vitest'
import type { Comment } from '../../types/domain'
import { type EngagementSignals, feedScore } from '../../cloudfunctions/src/core/feed-rank'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0, post, smallShop } from '../support/fixtures'

const DAY = 86_400_000

const comment = (id: string, postId: string, overrides: Partial<Comment> = {}): Comment => ({
  id,
  postId,
  authorId: 'v1',
  parentId: null,
  text: '好喝',
  safety: 'pass',
  state: 'shown',
  likes: 0,
  createdAt: T0,
  ...overrides,
})

/** The feed part of the store contract: scores, cursor pages, post views. */
export function feedContract(adapter: string, open: () => Store | Promise<Store>): void {
  describe(`store contract, the 推荐 feed: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
    })

    /** Every page of the feed, read from cursor to cursor. */
    const walk = async (order: 'ranked' | 'newest', limit: number) => {
      const ids: string[] = []
      let after: { key: number; id: string } | null = null
      for (;;) {
        const page = await store.listFeed(order, after, limit)
        ids.push(...page.map((e) => e.post.id))
        if (page.length < limit) return ids
        const last = page[page.length - 1]
        after = { key: last.key, id: last.post.id }
      }
    }

    it('reads a post’s signals from its records and stores the score', async () => {
      let seen: EngagementSignals | null = null
      const score = (signals: EngagementSignals, createdAt: number) => {
        seen = signals
        return feedScore(signals, createdAt)
      }
      await store.addReaction('favourite', { postId: 'post1', memberId: 'v1', at: T0 })
      await store.addComment(comment('cm1', 'post1'), '2025-11-24', 20)
      await store.addComment(comment('cm2', 'post1', { safety: 'risky' }), '2025-11-24', 20)
      await store.addComment(comment('cm3', 'post1', { authorId: 'v4' }), '2025-11-24', 20)
      await store.setCommentState('cm3', ['shown'], 'hidden')
      const rank = await store.refreshFeedRank('post1', score)
      // Two likes and one favourite (smallShop and above); only the comment others can see; no order yet.
      expect(seen).toEqual({ likes: 2, favourites: 1, comments: 1, orders: 0 })
      expect(rank).toBe(feedScore({ likes: 2, favourites: 1, comments: 1, orders: 0 }, T0 - 100))
      expect((await store.listFeed('ranked', null, 1))[0]).toMatchObject({ post: { id: 'post1' }, key: rank })
      expect(await store.refreshFeedRank('nope', score)).toBeNull()
    })

    it('pages the ranked and the newest-first feed from cursors, ties by id, without repeats or gaps', async () => {
      for (let i = 0; i < 23; i += 1) {
        // Pairs of posts share an instant, so equal keys meet at page edges.
        await store.putPost(post(`f${String(i).padStart(2, '0')}`, { createdAt: T0 - DAY - Math.floor(i / 2) * 1000 }))
      }
      await store.putPost(post('hidden', { status: 'rejected', createdAt: T0 + 5 }))
      const newest = await walk('newest', 4)
      const all = [...newest].sort()
      expect(new Set(newest).size).toBe(newest.length)
      expect(all).toEqual([...Array.from({ length: 23 }, (_, i) => `f${String(i).padStart(2, '0')}`), 'post1', 'post2'].sort())
      // Newest first; equal instants by the larger id first.
      expect(newest.slice(0, 4)).toEqual(['post2', 'post1', 'f01', 'f00'])
      expect(newest.slice(-3)).toEqual(['f21', 'f20', 'f22'])
      // Ranked: new posts start at the score of no engagement, so ranked equals newest until someone engages.
      expect(await walk('ranked', 5)).toEqual(newest)
      // Engagement lifts an older post over newer ones: a favourite and a comment on f10.
      await store.addReaction('favourite', { postId: 'f10', memberId: 'v1', at: T0 })
      await store.addComment(comment('cm1', 'f10'), '2025-11-24', 20)
      await store.refreshFeedRank('f10', feedScore)
      const ranked = await walk('ranked', 5)
      expect(ranked.indexOf('f10')).toBeLessThan(ranked.indexOf('f00'))
      expect([...ranked].sort()).toEqual(all)
    })

    it('keeps a post’s score when the post is written again', async () => {
      await store.addReaction('favourite', { postId: 'post2', memberId: 'v1', at: T0 })
      const rank = await store.refreshFeedRank('post2', feedScore)
      const stored = await store.findPost('post2')
      await store.putPost({ ...stored!, title: '改过的标题' })
      expect((await store.listFeed('ranked', null, 1))[0]).toMatchObject({ post: { id: 'post2', title: '改过的标题' }, key: rank })
      // The score is the feed's, not part of the post.
      expect(Object.keys((await store.findPost('post2'))!)).not.toContain('feedRank')
    })

    it('counts a view once per viewer, post and day', async () => {
      const view = { postId: 'post1', viewer: 'v1', day: '2025-11-24', at: T0 }
      await store.recordPostView(view)
      await store.recordPostView({ ...view, at: T0 + 1000 })
      await store.recordPostView({ ...view, viewer: 'v:device-0001', at: T0 + 2000 })
      await store.recordPostView({ ...view, day: '2025-11-25', at: T0 + DAY })
      await store.recordPostView({ ...view, postId: 'post2', at: T0 + 3000 })
      expect(await store.postViewsBetween(T0, T0 + DAY)).toEqual(
        new Map([
          ['post1', 2],
          ['post2', 1],
        ]),
      )
      expect(await store.postViewsBetween(T0, T0 + DAY + 1)).toEqual(
        new Map([
          ['post1', 3],
          ['post2', 1],
        ]),
      )
      expect(await store.postViewsBetween(T0 + 2 * DAY, T0 + 3 * DAY)).toEqual(new Map())
    })

    it('counts the views of more posts than one answer holds', async () => {
      // 1 001 posts viewed: more than the 1 000 records one read or aggregation answers.
      for (let n = 0; n <= 1000; n += 1)
        await store.recordPostView({ postId: `many${String(n).padStart(4, '0')}`, viewer: 'v1', day: '2025-11-24', at: T0 + n })
      await store.recordPostView({ postId: 'many0500', viewer: 'v2', day: '2025-11-24', at: T0 + 5 })
      const views = await store.postViewsBetween(T0, T0 + DAY)
      expect(views.size).toBe(1001)
      expect(views.get('many0000')).toBe(1)
      expect(views.get('many0500')).toBe(2)
      expect(views.get('many1000')).toBe(1)
      expect([...views.values()].reduce((sum, n) => sum + n, 0)).toBe(1002)
    })
  })
}
