import { beforeEach, describe, expect, it } from 'vitest'
import type { CommentView, FunctionName, ModeratedCommentView, Page } from '../../types/api'
import { DAILY_COMMENT_LIMIT } from '../../cloudfunctions/src/app/comments'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, member, post, smallShop } from '../support/fixtures'

/** Shanghai midnight after T0 (12:00 in Shanghai). */
const NEXT_DAY = T0 + 12 * 3_600_000

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`comments over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    let clock: SteppedClock
    let requests = 0
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const comment = (postId: string, text: string, memberId = 'v1', extra: Record<string, unknown> = {}) =>
      call('post', 'comment', { postId, text, requestId: `request-${(requests += 1)}`, ...extra }, memberId)
    const list = (postId: string, memberId: string | null = 'v1', extra: Record<string, unknown> = {}) =>
      ok<Page<CommentView>>(call('post', 'comments', { postId, ...extra }, memberId))
    /** Everything a comment writes, as staff and store see it: what a refusal must leave as it was. */
    const written = async () =>
      JSON.stringify([
        await store.commentCounts(['post1', 'post2', 'post3', 'post4']),
        await store.listModeration('held', 0, 50),
        await store.listModeration('hidden', 0, 50),
        await store.listMessages(0, 50),
        ...(await Promise.all(
          ['post1', 'post2'].map((id) => store.listComments({ postId: id, viewerId: 'v1', order: 'newest', offset: 0, limit: 50 })),
        )),
      ])

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234', nickname: '客服小禾' }))
      await saveMember(store, member('books', 1, { roles: ['operator', 'finance'], shareCode: 'BOOKS234' }))
      await store.putPost(post('post4', { status: 'rejected', createdAt: T0 - 10 }))
    })

    it('comments on a published post, newest first, with one level of replies shown under their comment', async () => {
      const first = await ok<CommentView>(comment('post1', '  泡了三次还是很香  '))
      expect(first).toMatchObject({ postId: 'post1', parentId: null, text: '泡了三次还是很香', mine: true, safety: 'pass', likes: 0 })
      expect(first.author).toMatchObject({ id: 'v1', nickname: '会员v1' })
      clock.advance(1000)
      const second = await ok<CommentView>(comment('post1', '请问水温多少合适？', 'v4'))
      clock.advance(1000)
      await ok(comment('post1', '80 度左右', 'brand', { parentId: second.id }))

      const seen = await list('post1', null)
      expect(seen.items.map((c) => c.text)).toEqual(['请问水温多少合适？', '泡了三次还是很香'])
      expect(seen.items[0].replies.map((r) => [r.text, r.parentId])).toEqual([['80 度左右', second.id]])
      expect(seen.items[1].mine).toBe(false)
      expect(seen.total).toBe(2)
      expect((await store.commentCounts(['post1'])).get('post1')).toBe(3)
    })

    it('orders by likes on request, and counts each member’s like of a comment once', async () => {
      const a = await ok<CommentView>(comment('post1', '第一条'))
      clock.advance(1000)
      await ok(comment('post1', '第二条', 'v4'))
      for (let i = 0; i < 2; i += 1) {
        expect(await ok(call('post', 'likeComment', { commentId: a.id }, 'v4'))).toEqual({ commentId: a.id, liked: true, likes: 1 })
      }
      await ok(call('post', 'likeComment', { commentId: a.id }, 'brand'))
      expect((await list('post1', 'v1', { order: 'liked' })).items.map((c) => [c.text, c.likes])).toEqual([
        ['第一条', 2],
        ['第二条', 0],
      ])
      expect((await list('post1', 'v4', { order: 'liked' })).items[0].liked).toBe(true)
      expect(await ok(call('post', 'unlikeComment', { commentId: a.id }, 'v4'))).toEqual({ commentId: a.id, liked: false, likes: 1 })
      expect(await ok(call('post', 'unlikeComment', { commentId: a.id }, 'v4'))).toEqual({ commentId: a.id, liked: false, likes: 1 })
    })

    it('answers a retried comment with the first one', async () => {
      const once = await ok<CommentView>(call('post', 'comment', { postId: 'post1', text: '好喝', requestId: 'same-request' }))
      const again = await ok<CommentView>(call('post', 'comment', { postId: 'post1', text: '不一样的字', requestId: 'same-request' }))
      expect(again).toEqual(once)
      expect((await list('post1')).total).toBe(1)
    })

    it('refuses bad comments with typed codes and writes nothing', async () => {
      const top = await ok<CommentView>(comment('post1', '顶层评论', 'v4'))
      const reply = await ok<CommentView>(comment('post1', '一条回复', 'brand', { parentId: top.id }))
      const before = await written()
      const refusals: [unknown, string][] = [
        [{ postId: 'post1', text: '   ', requestId: 'request-empty' }, 'INVALID_PAYLOAD'],
        [{ postId: 'post1', text: '长'.repeat(501), requestId: 'request-long' }, 'INVALID_PAYLOAD'],
        [{ postId: 'post3', text: '还在审核的帖子', requestId: 'request-pending' }, 'POST_STATE'],
        [{ postId: 'post4', text: '被拒绝的帖子', requestId: 'request-rejected' }, 'POST_STATE'],
        [{ postId: 'nope', text: '没有这篇', requestId: 'request-unknown' }, 'POST_NOT_FOUND'],
        [{ postId: 'post1', text: '回复的回复', parentId: reply.id, requestId: 'request-deep' }, 'COMMENT_DEPTH'],
        [{ postId: 'post2', text: '别的帖子的评论', parentId: top.id, requestId: 'request-other' }, 'COMMENT_NOT_FOUND'],
      ]
      for (const [data, code] of refusals)
        expect(await call('post', 'comment', data), JSON.stringify(data)).toMatchObject({ ok: false, code })
      expect(await call('post', 'comment', { postId: 'post1', text: '访客', requestId: 'request-visitor' }, null)).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      })
      expect(await call('post', 'deleteComment', { commentId: top.id })).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await call('post', 'deleteComment', { commentId: 'cm-none' })).toMatchObject({ ok: false, code: 'COMMENT_NOT_FOUND' })
      expect(await call('post', 'comments', { postId: 'post3' })).toMatchObject({ ok: false, code: 'POST_STATE' })
      expect(await written()).toBe(before)
    })

    it(`allows ${DAILY_COMMENT_LIMIT} comments a Shanghai day, even when sent at once, and more the next day`, async () => {
      const answers = await Promise.all(Array.from({ length: DAILY_COMMENT_LIMIT + 5 }, (_, i) => comment('post1', `第 ${i} 条`)))
      expect(answers.filter((a) => a.ok)).toHaveLength(DAILY_COMMENT_LIMIT)
      expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'COMMENT_LIMIT')).toBe(true)
      expect((await list('post1', 'v1', { pageSize: 50 })).total).toBe(DAILY_COMMENT_LIMIT)
      // Deleting does not give a comment back; another member is not held up.
      await ok(call('post', 'deleteComment', { commentId: (await list('post1')).items[0].id }))
      expect(await comment('post1', '还能发吗')).toMatchObject({ ok: false, code: 'COMMENT_LIMIT' })
      await ok(comment('post1', '我还可以', 'v4'))
      clock.advance(NEXT_DAY - T0)
      await ok(comment('post1', '新的一天'))
    })

    it('lets the author delete their own comment, which then nobody sees', async () => {
      const mine = await ok<CommentView>(comment('post1', '删掉这条'))
      expect(await ok(call('post', 'deleteComment', { commentId: mine.id }))).toEqual({ commentId: mine.id, deleted: true })
      expect(await ok(call('post', 'deleteComment', { commentId: mine.id }))).toEqual({ commentId: mine.id, deleted: true })
      expect((await list('post1')).total).toBe(0)
      expect((await list('post1', 'v4')).total).toBe(0)
      expect(await call('post', 'likeComment', { commentId: mine.id }, 'v4')).toMatchObject({ ok: false, code: 'COMMENT_NOT_FOUND' })
    })

    it('lets service staff hide any comment and show it again, audited; other roles are refused', async () => {
      const theirs = await ok<CommentView>(comment('post1', '一条普通评论', 'v4'))
      for (const who of ['v1', 'books']) {
        expect(await call('post', 'hideComment', { commentId: theirs.id, reason: '广告' }, who)).toMatchObject({
          ok: false,
          code: 'FORBIDDEN',
        })
        expect(await call('post', 'moderation', {}, who)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      }
      expect(await call('post', 'moderation', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      const hidden = await ok<ModeratedCommentView>(call('post', 'hideComment', { commentId: theirs.id, reason: '广告' }, 'clerk'))
      expect(hidden).toMatchObject({ state: 'hidden', postTitle: '帖子post1', author: { id: 'v4' } })
      await ok(call('post', 'hideComment', { commentId: theirs.id, reason: '广告' }, 'brand'))
      expect((await list('post1', 'v1')).total).toBe(0)
      // Its author still sees it.
      expect((await list('post1', 'v4')).items.map((c) => c.text)).toEqual(['一条普通评论'])
      expect(
        (await ok<Page<ModeratedCommentView>>(call('post', 'moderation', { filter: 'hidden' }, 'clerk'))).items.map((c) => c.id),
      ).toEqual([theirs.id])
      const audit = await store.searchAudit({ actions: ['comment:hidden'], offset: 0, limit: 5 })
      expect(audit.total).toBe(1)
      expect(audit.items[0]).toMatchObject({ actor: 'clerk', target: theirs.id, after: { state: 'hidden', reason: '广告' } })
      expect(await ok(call('post', 'showComment', { commentId: theirs.id }, 'clerk'))).toMatchObject({ state: 'shown' })
      expect((await list('post1', 'v1')).total).toBe(1)
      expect((await store.searchAudit({ actions: ['comment:shown'], offset: 0, limit: 5 })).total).toBe(1)
    })

    it('tells an author who never opted in of nothing, and a comment held by content security uses no opt-in', async () => {
      await ok(comment('post2', '看起来很好吃'))
      expect((await store.listMessages(0, 10)).total).toBe(0)
      await ok(call('post', 'notifyComments', { postId: 'post2', requestId: 'subscribe-held' }, 'v4'))
      await ok(comment('post2', '想要的加微信'))
      expect((await store.listMessages(0, 10)).total).toBe(0)
      await ok(comment('post2', '泡了三次还有香气'))
      expect((await store.listMessages(0, 10)).items.map((m) => m.data.comment)).toEqual(['泡了三次还有香气'])
    })

    it('tells the post’s author of a new comment once per opt-in, and nobody else may opt in for them', async () => {
      expect(await call('post', 'notifyComments', { postId: 'post2', requestId: 'subscribe-1' }, 'v1')).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      })
      await ok(call('post', 'notifyComments', { postId: 'post2', requestId: 'subscribe-1' }, 'v4'))
      await ok(comment('post2', '看起来很好吃'))
      await ok(comment('post2', '第二条不再提醒'))
      const { items } = await store.listMessages(0, 10)
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({ memberId: 'v4', template: 'post_comment', data: { post: '帖子post2', comment: '看起来很好吃' } })
      // The author's own comment tells nobody.
      await ok(call('post', 'notifyComments', { postId: 'post2', requestId: 'subscribe-2' }, 'v4'))
      await ok(comment('post2', '谢谢大家', 'v4'))
      expect((await store.listMessages(0, 10)).total).toBe(1)
    })

    it('earns nothing for commenting, nor for being commented on', async () => {
      const before = await store.findPoints('v1')
      const comments = await Promise.all(['不为积分', '也不为成长值'].map((text) => ok<CommentView>(comment('post2', text))))
      await ok(call('post', 'likeComment', { commentId: comments[0].id }, 'v4'))
      expect(await store.findPoints('v1')).toEqual(before)
      expect(await store.growthBetween('v1', 0, T0 + 10 * 365 * 86_400_000)).toBe(0)
      expect(await store.growthBetween('v4', 0, T0 + 10 * 365 * 86_400_000)).toBe(0)
    })

    it('keeps an erased member’s comments without their author, and drops their comment likes', async () => {
      const theirs = await ok<CommentView>(comment('post1', '我要注销了'))
      const other = await ok<CommentView>(comment('post1', '我留下', 'v4'))
      await ok(call('post', 'likeComment', { commentId: other.id }))
      expect(await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))).toMatchObject({ deleted: true })
      const seen = await list('post1', 'v4')
      expect(seen.items.find((c) => c.id === theirs.id)).toMatchObject({ text: '我要注销了', author: null, mine: false })
      expect(seen.items.find((c) => c.id === other.id)?.likes).toBe(0)
    })
  })
}
