import { beforeEach, describe, expect, it } from 'vitest'
import type { CommentView, FunctionName, ModeratedCommentView, Page } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { localTextVerdict } from '../../cloudfunctions/src/local/content-check'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { ok } from '../support/calls'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

describe('the local content security stand-in', () => {
  it('passes ordinary text, holds solicitation for review and marks what is forbidden risky', () => {
    expect(localTextVerdict('这款龙井很香')).toBe('pass')
    expect(localTextVerdict('想要的加微信私聊')).toBe('review')
    expect(localTextVerdict('网上赌博')).toBe('risky')
  })

  it('gives an image its verdict only later, the way the wxa_media_check event arrives', async () => {
    const check = new LocalPayProvider(null as unknown as Store, new SteppedClock(T0))
    const { traceId } = await check.checkImage({ openid: 'v1', scene: 'forum', url: '/media/uploads/a-risky-one.jpg' })
    await check.checkImage({ openid: 'v1', scene: 'forum', url: '/media/uploads/fine.jpg' })
    expect(check.contentCheck.pendingImages).toHaveLength(2)
    const verdicts: { traceId: string; openid: string; suggest: string }[] = []
    await check.contentCheck.settleImages(async (event) => {
      verdicts.push(event)
    })
    expect(verdicts).toEqual([
      { traceId, openid: 'v1', suggest: 'risky' },
      { traceId: expect.any(String), openid: 'v1', suggest: 'pass' },
    ])
    expect(check.contentCheck.pendingImages).toHaveLength(0)
  })
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`comments under content security over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const texts = async (memberId: string | null) =>
      (await ok<Page<CommentView>>(call('post', 'comments', { postId: 'post1' }, memberId))).items.map((c) => [c.text, c.safety])
    const queue = async () => (await ok<Page<ModeratedCommentView>>(call('post', 'moderation', {}, 'clerk'))).items

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234' }))
    })

    it('shows a risky comment to nobody but its author and the moderation queue', async () => {
      const risky = await ok<CommentView>(call('post', 'comment', { postId: 'post1', text: '来玩网上赌博', requestId: 'request-risky' }))
      expect(risky.safety).toBe('risky')
      expect(await texts('v1')).toEqual([['来玩网上赌博', 'risky']])
      expect(await texts('v4')).toEqual([])
      expect(await texts(null)).toEqual([])
      expect(await call('post', 'likeComment', { commentId: risky.id }, 'v4')).toMatchObject({ ok: false, code: 'COMMENT_NOT_FOUND' })
      expect(
        await call('post', 'comment', { postId: 'post1', parentId: risky.id, text: '回复', requestId: 'request-reply' }, 'v4'),
      ).toMatchObject({
        ok: false,
        code: 'COMMENT_NOT_FOUND',
      })
      expect((await store.commentCounts(['post1'])).get('post1')).toBe(0)
      expect((await queue()).map((c) => [c.text, c.safety])).toEqual([['来玩网上赌博', 'risky']])
    })

    it('holds a comment for review until staff pass it, then others see it and the queue lets it go', async () => {
      const held = await ok<CommentView>(call('post', 'comment', { postId: 'post1', text: '想要的加微信', requestId: 'request-review' }))
      expect(held.safety).toBe('review')
      expect(await texts('v4')).toEqual([])
      expect(await ok(call('post', 'showComment', { commentId: held.id }, 'clerk'))).toMatchObject({ safety: 'pass', state: 'shown' })
      expect(await texts('v4')).toEqual([['想要的加微信', 'pass']])
      expect(await queue()).toEqual([])
    })

    it('refuses a nickname content security does not pass, and keeps the old one', async () => {
      expect(await call('member', 'updateProfile', { nickname: '加微信私聊' })).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
      expect((await store.findMember('v1'))?.nickname).toBe('会员v1')
      expect(await ok(call('member', 'updateProfile', { nickname: '爱喝茶的小林' }))).toMatchObject({ nickname: '爱喝茶的小林' })
    })

    it('keeps a post with risky text out of the review queue, and writes nothing', async () => {
      const risky = { title: '好茶', body: '网上赌博稳赚', images: [], productIds: ['p1'], requestId: 'request-post-risky' }
      expect(await call('post', 'create', risky)).toMatchObject({ ok: false, code: 'CONTENT_RISKY' })
      expect((await store.listPostsByAuthor('v1', 0, 10)).total).toBe(0)
    })
  })
}
