import { describe, expect, it } from 'vitest'
import type { CommentView, Page } from '../../types/api'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { seedIfEmpty } from '../../cloudfunctions/src/local/seed'
import { demoShop } from '../../cloudfunctions/src/local/seed/demo-shop'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0 } from '../support/fixtures'

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the demo shop's comments over ${adapter}`, () => {
    it('are records demo members wrote through the comment service: passed, on published posts, counted as shown', async () => {
      const store = open()
      await seedIfEmpty(store, T0)
      const clock = new SteppedClock(T0)
      const pay = new LocalPayProvider(store, clock)
      const shop = demoShop(T0)
      const counts = await store.commentCounts(shop.posts.map((p) => p.id))
      let total = 0
      let replies = 0
      for (const post of shop.posts) {
        const answer = await dispatch(
          FUNCTIONS.post,
          { action: 'comments', data: { postId: post.id, pageSize: 50 } },
          { store, pay, now: clock.now(), memberId: null },
        )
        if (post.status !== 'approved') {
          expect(answer, post.id).toMatchObject({ ok: false, code: 'POST_STATE' })
          expect(counts.get(post.id) ?? 0, post.id).toBe(0)
          continue
        }
        const { items } = await ok<Page<CommentView>>(answer)
        const shown = items.length + items.reduce((n, c) => n + c.replies.length, 0)
        expect(counts.get(post.id) ?? 0, post.id).toBe(shown)
        for (const comment of [...items, ...items.flatMap((c) => c.replies)]) {
          expect(comment.safety).toBe('pass')
          expect(comment.createdAt).toBeGreaterThanOrEqual(post.createdAt)
          expect(comment.createdAt).toBeLessThan(T0)
          const likers = await Promise.all(shop.members.map((m) => store.commentLikesOf(m.id, [comment.id])))
          expect(likers.filter((liked) => liked.has(comment.id)).length, comment.text).toBe(comment.likes)
        }
        total += shown
        replies += items.reduce((n, c) => n + c.replies.length, 0)
      }
      expect(total).toBeGreaterThanOrEqual(20)
      expect(replies).toBeGreaterThanOrEqual(5)
      // Seeding tells nobody: nobody opted in.
      expect((await store.listMessages(0, 10)).total).toBe(0)
    }, 60_000)
  })
}
