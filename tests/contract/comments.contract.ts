import { beforeEach, describe, expect, it } from 'vitest'
import type { Comment } from '../../types/domain'
import type { Store } from '../../cloudfunctions/src/store/port'
import { T0, post, smallShop } from '../support/fixtures'

const DAY = '2026-11-20'

function comment(id: string, fields: Partial<Comment> = {}): Comment {
  return {
    id,
    postId: 'post1',
    authorId: 'v1',
    parentId: null,
    text: `评论 ${id}`,
    safety: 'pass',
    state: 'shown',
    likes: 0,
    createdAt: T0,
    ...fields,
  }
}

/**
 * Comments in the store: the daily limit and the post's state checked in the step that writes, so
 * requests at once never pass them together; a comment's likes are records and its count moves with
 * them; staff and authors move a comment's state by compare-and-set.
 */
export function commentContract(adapter: string, open: () => Promise<Store>) {
  describe(`comment store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
    })

    it('writes a comment once, only on an approved post, and never past the day’s limit even when sent at once', async () => {
      expect(await store.addComment(comment('c1'), DAY, 5)).toBe('added')
      expect(await store.addComment(comment('c1'), DAY, 5)).toBe('exists')
      await store.putPost(post('held', { status: 'pending' }))
      expect(await store.addComment(comment('c-held', { postId: 'held' }), DAY, 5)).toBe('unavailable')
      expect(await store.addComment(comment('c-nowhere', { postId: 'nowhere' }), DAY, 5)).toBe('unavailable')
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.addComment(comment(`c-rush-${i}`, { createdAt: T0 + i }), DAY, 5)),
      )
      expect(outcomes.filter((o) => o === 'added')).toHaveLength(4)
      expect(outcomes.filter((o) => o !== 'added').every((o) => o === 'limit')).toBe(true)
      // Another member, or the next day, has a limit of their own.
      expect(await store.addComment(comment('c-v4', { authorId: 'v4' }), DAY, 5)).toBe('added')
      expect(await store.addComment(comment('c-next', { createdAt: T0 + 86_400_000 }), '2026-11-21', 5)).toBe('added')
      const listed = await store.listComments({ postId: 'post1', viewerId: null, order: 'newest', offset: 0, limit: 50 })
      expect(listed.total).toBe(7)
      expect((await store.commentCounts(['post1'])).get('post1')).toBe(7)
    })

    it('keeps a comment’s like count equal to its records under likes and unlikes at once', async () => {
      await store.addComment(comment('c1'), DAY, 20)
      const members = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6']
      await Promise.all(members.flatMap((m) => [store.addCommentLike('c1', m, T0), store.addCommentLike('c1', m, T0 + 1)]))
      await Promise.all(members.slice(0, 3).flatMap((m) => [store.removeCommentLike('c1', m), store.removeCommentLike('c1', m)]))
      const liked = await Promise.all(members.map(async (m) => (await store.commentLikesOf(m, ['c1'])).has('c1')))
      expect(liked).toEqual([false, false, false, true, true, true])
      expect((await store.findComment('c1'))?.likes).toBe(3)
    })

    it('moves a comment’s state only from the states named, and hides it from others and from the counts', async () => {
      await store.addComment(comment('c1'), DAY, 20)
      await store.addComment(comment('c2', { createdAt: T0 + 1 }), DAY, 20)
      expect(await store.setCommentState('c1', ['shown'], 'hidden')).toBe(true)
      expect(await store.setCommentState('c1', ['shown'], 'deleted')).toBe(false)
      expect((await store.commentCounts(['post1'])).get('post1')).toBe(1)
      expect((await store.listModeration('hidden', 0, 10)).items.map((c) => c.id)).toEqual(['c1'])
      expect(await store.addCommentLike('c1', 'v4', T0)).toBe('unavailable')
      const byVisitor = await store.listComments({ postId: 'post1', viewerId: null, order: 'newest', offset: 0, limit: 10 })
      expect(byVisitor.items.map((c) => c.id)).toEqual(['c2'])
      expect(await store.setCommentState('c1', ['hidden'], 'shown')).toBe(true)
      expect((await store.commentCounts(['post1'])).get('post1')).toBe(2)
    })

    it('shows a comment content security held to its author and the moderation queue only', async () => {
      await store.addComment(comment('c-held', { safety: 'review' }), DAY, 20)
      const listing = (viewerId: string | null) => ({ postId: 'post1', viewerId, order: 'newest' as const, offset: 0, limit: 10 })
      expect((await store.listComments(listing('v1'))).items.map((c) => c.id)).toEqual(['c-held'])
      expect((await store.listComments(listing('v4'))).items).toEqual([])
      expect((await store.listModeration('held', 0, 10)).items.map((c) => c.id)).toEqual(['c-held'])
      await store.setCommentSafety('c-held', 'pass')
      expect((await store.listComments(listing('v4'))).items.map((c) => c.id)).toEqual(['c-held'])
      expect((await store.listModeration('held', 0, 10)).items).toEqual([])
    })

    it('lists replies under their comments, oldest first, and most-liked comments first when asked', async () => {
      await store.addComment(comment('c1'), DAY, 20)
      await store.addComment(comment('c2', { createdAt: T0 + 1 }), DAY, 20)
      await store.addComment(comment('r2', { parentId: 'c1', authorId: 'v4', createdAt: T0 + 3 }), DAY, 20)
      await store.addComment(comment('r1', { parentId: 'c1', authorId: 'v4', createdAt: T0 + 2 }), DAY, 20)
      await store.addCommentLike('c1', 'v4', T0)
      const top = (order: 'newest' | 'liked') => store.listComments({ postId: 'post1', viewerId: null, order, offset: 0, limit: 10 })
      expect((await top('newest')).items.map((c) => c.id)).toEqual(['c2', 'c1'])
      expect((await top('liked')).items.map((c) => c.id)).toEqual(['c1', 'c2'])
      expect((await store.repliesTo(['c1', 'c2'], null)).map((c) => c.id)).toEqual(['r1', 'r2'])
    })
  })
}
