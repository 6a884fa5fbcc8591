import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { FeedPost, FunctionName, MyPostView, Page, QueuedPostView } from '../../types/api'
import { avatarSubject, postSubject } from '../../cloudfunctions/src/app/image-checks'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { onMediaCheckEvent } from '../../cloudfunctions/src/functions/media-check-event'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { RISKY_IMAGE_MARKER } from '../../cloudfunctions/src/local/content-check'
import { LOCAL_APPID, LOCAL_PUSH_SOURCE, LocalPayProvider, mediaCheckPush } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { codeOf, ok } from '../support/calls'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46])
const upload = (n: number, name = String(n).repeat(16)) => `/media/uploads/${name}.jpg`
let uploads: string

beforeAll(() => {
  uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-image-checks-'))
  fs.writeFileSync(path.join(uploads, `${'1'.repeat(16)}.jpg`), JPEG)
  // What a person uploads to see a risky verdict from the stand-in: the marker in the bytes, any name.
  fs.writeFileSync(path.join(uploads, `${'2'.repeat(16)}.jpg`), Buffer.concat([JPEG, Buffer.from(RISKY_IMAGE_MARKER)]))
  fs.writeFileSync(path.join(uploads, `${'4'.repeat(16)}.jpg`), Buffer.concat([JPEG, Buffer.from('another photo')]))
  fs.writeFileSync(path.join(uploads, `${'5'.repeat(16)}.jpg`), Buffer.concat([JPEG, Buffer.from('a third photo')]))
})
afterAll(() => fs.rmSync(uploads, { recursive: true, force: true }))

/** The wxa_media_check event as WeChat's message push delivers it. */
const verdictEvent = (traceId: string, openid: string, suggest: string, extra: Record<string, unknown> = {}) => ({
  ...mediaCheckPush({ traceId, openid, suggest: 'pass', at: T0 }),
  result: { suggest, label: 100 },
  ...extra,
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`member images under WeChat content security over ${adapter}`, () => {
    let store: Store
    let pay: LocalPayProvider
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const pushFrom = (source: string | undefined, event: unknown) =>
      onMediaCheckEvent(store, event, { source, appId: LOCAL_APPID }, clock.now())
    const push = (event: unknown) => pushFrom(LOCAL_PUSH_SOURCE, event)
    let requests = 0
    const write = (images: string[]) =>
      ok<MyPostView>(
        call('post', 'create', {
          title: '雨前龙井',
          body: '第二泡最香。',
          images,
          productIds: ['p1'],
          requestId: `image-post-${(requests += 1)}`,
        }),
      )
    const feedIds = async (viewer: string | null) =>
      (await ok<Page<FeedPost>>(call('catalog', 'feed', { pageSize: 50 }, viewer))).items.map((p) => p.id)
    const queued = async (postId: string) =>
      (await ok<Page<QueuedPostView>>(call('post', 'queue', {}, 'clerk'))).items.find((p) => p.id === postId)
    const checksOf = (subject: string) => store.imageChecksOf([subject])

    beforeEach(async () => {
      store = open()
      pay = new LocalPayProvider(store, clock, uploads)
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234' }))
    })

    it('keeps a post whose images wait for their verdict to its author and the queue; staff cannot release it yet', async () => {
      const written = await write([upload(1), upload(3, 'a'.repeat(16))])
      expect(written.imagesSafety).toBe('pending')
      expect(await checksOf(postSubject(written.id))).toHaveLength(2)
      expect((await ok<Page<MyPostView>>(call('post', 'mine', {}))).items[0]).toMatchObject({ id: written.id, imagesSafety: 'pending' })
      expect(await queued(written.id)).toMatchObject({ imagesSafety: 'pending' })
      for (const viewer of ['v4', null]) expect(await feedIds(viewer)).not.toContain(written.id)
      expect(await codeOf(call('catalog', 'post', { id: written.id }, 'v4'))).toBe('NOT_FOUND')
      expect(await codeOf(call('post', 'approve', { postId: written.id }, 'clerk'))).toBe('IMAGE_PENDING')
      expect((await store.findPost(written.id))?.status).toBe('pending')
      expect((await store.searchAudit({ actions: ['post:approved'], offset: 0, limit: 5 })).total).toBe(0)
    })

    it('lets staff release the post once every image passed', async () => {
      const written = await write([upload(1)])
      expect(await pay.settleImages()).toBe(1)
      expect(await queued(written.id)).toMatchObject({ imagesSafety: 'pass' })
      expect(await ok(call('post', 'approve', { postId: written.id }, 'clerk'))).toMatchObject({ status: 'approved', imagesSafety: 'pass' })
      expect(await feedIds('v4')).toContain(written.id)
    })

    it('holds a post with a risky image for staff for good: it can be rejected, never approved', async () => {
      const written = await write([upload(1), upload(2)])
      await pay.settleImages()
      expect(await queued(written.id)).toMatchObject({ imagesSafety: 'risky' })
      expect(await codeOf(call('post', 'approve', { postId: written.id }, 'clerk'))).toBe('CONTENT_RISKY')
      expect(await feedIds('v4')).not.toContain(written.id)
      expect(await ok(call('post', 'reject', { postId: written.id, reason: '图片违规' }, 'clerk'))).toMatchObject({ status: 'rejected' })
    })

    it('applies the first verdict of a trace id once: a repeat, a late contrary one or an unknown one changes nothing', async () => {
      const written = await write([upload(1)])
      const [check] = await checksOf(postSubject(written.id))
      pay.contentCheck.pendingImages.splice(0)
      expect(await push(verdictEvent(check.traceId, 'v1', 'pass'))).toMatchObject({ errcode: 0, outcome: 'settled' })
      expect(await push(verdictEvent(check.traceId, 'v1', 'pass'))).toMatchObject({ errcode: 0, outcome: 'duplicate' })
      expect(await push(verdictEvent(check.traceId, 'v1', 'risky'))).toMatchObject({ errcode: 0, outcome: 'duplicate' })
      expect(await push(verdictEvent('690b03d2-301f6111-35ffbd44', 'v1', 'risky'))).toMatchObject({ errcode: 0, outcome: 'unknown' })
      expect(await checksOf(postSubject(written.id))).toEqual([{ ...check, verdict: 'pass', decidedAt: T0 }])
      // A retried create sends nothing again.
      expect(pay.contentCheck.pendingImages).toHaveLength(0)
    })

    it('refuses a forged verdict: from a member or another function, for another mini program or member, or malformed', async () => {
      const written = await write([upload(2)])
      const [check] = await checksOf(postSubject(written.id))
      const pass = verdictEvent(check.traceId, 'v1', 'pass')
      for (const source of ['wx_client', 'wx_devtools', 'wx_http', 'wx_client,scf', 'wx_trigger', 'wx_paycallback', '', undefined]) {
        expect(await pushFrom(source, pass), String(source)).toEqual({ errcode: 403, errmsg: 'WRONG_SOURCE' })
      }
      expect(await push({ ...pass, appid: 'wx-someone-else' })).toEqual({ errcode: 403, errmsg: 'WRONG_APP' })
      expect(await push(verdictEvent(check.traceId, 'v4', 'pass'))).toMatchObject({ errcode: 403, errmsg: 'WRONG_MEMBER' })
      for (const bad of [
        null,
        'pass',
        { ...pass, Event: 'other' },
        { ...pass, result: { suggest: 'fine' } },
        { ...pass, trace_id: '../x' },
      ]) {
        expect(await push(bad)).toEqual({ errcode: 400, errmsg: 'INVALID_EVENT' })
      }
      expect(await checksOf(postSubject(written.id))).toEqual([check])
      // The stand-in's own verdict, through the same handler, still decides it.
      await pay.settleImages()
      expect((await checksOf(postSubject(written.id)))[0].verdict).toBe('risky')
    })

    it('answers hostile events with a refusal or nothing, and the waiting image keeps waiting', async () => {
      const written = await write([upload(1)])
      const [check] = await checksOf(postSubject(written.id))
      const genuine = verdictEvent(check.traceId, 'v1', 'pass')
      const hostile = fc.oneof(
        fc.anything(),
        fc.record({ ...Object.fromEntries(Object.keys(genuine).map((key) => [key, fc.anything()])) }, { requiredKeys: [] }),
        fc
          .tuple(fc.constantFrom(...Object.keys(genuine)), fc.anything())
          .map(([key, value]) => ({ ...genuine, [key]: value, trace_id: key === 'trace_id' ? value : `${check.traceId}x` })),
      )
      await fc.assert(
        fc.asyncProperty(hostile, fc.constantFrom(LOCAL_PUSH_SOURCE, 'wx_client', ''), async (event, source) => {
          const answer = await pushFrom(source, event)
          expect(answer.outcome === 'settled' || answer.outcome === 'duplicate').toBe(false)
        }),
        { numRuns: 300 },
      )
      expect(await checksOf(postSubject(written.id))).toEqual([check])
    })

    it('takes a check WeChat could not make (errcode ≠ 0) as one for a person to look at: the approval', async () => {
      const written = await write([upload(1)])
      const [check] = await checksOf(postSubject(written.id))
      expect(await push(verdictEvent(check.traceId, 'v1', 'pass', { errcode: 43104, result: undefined }))).toMatchObject({
        outcome: 'settled',
      })
      expect(await queued(written.id)).toMatchObject({ imagesSafety: 'review' })
      // A person looking is what the approval is.
      expect(await ok(call('post', 'approve', { postId: written.id }, 'clerk'))).toMatchObject({ status: 'approved' })
    })

    it('shows a new avatar to others only once it passed, and never a risky one', async () => {
      const answer = await ok(call('member', 'updateProfile', { avatar: upload(2) }))
      expect(answer).toMatchObject({ avatar: upload(2), avatarPending: true })
      expect((await store.findMember('v1'))?.avatar).toBe('/media/avatars/v1.jpg')
      await pay.settleImages()
      expect((await store.findMember('v1'))?.avatar).toBe('/media/avatars/v1.jpg')
      expect(await codeOf(call('member', 'updateProfile', { avatar: upload(2) }))).toBe('CONTENT_RISKY')
      await ok(call('member', 'updateProfile', { avatar: upload(1) }))
      await pay.settleImages()
      expect((await store.findMember('v1'))?.avatar).toBe(upload(1))
      expect((await checksOf(avatarSubject('v1'))).map((c) => c.verdict)).toEqual(['risky', 'pass'])
      // Chosen again, a passed avatar needs no new check; an account deletion takes them all away.
      await ok(call('member', 'deleteAccount', { confirm: '注销账号' }))
      expect(await checksOf(avatarSubject('v1'))).toEqual([])
    })

    it('applies a passed avatar only while it is the member’s latest choice', async () => {
      for (const n of [1, 5]) {
        await ok(call('member', 'updateProfile', { avatar: upload(n) }))
        await pay.settleImages()
      }
      // A new one waits; meanwhile the member goes back to one that passed before, which applies at once.
      expect(await ok(call('member', 'updateProfile', { avatar: upload(4) }))).toMatchObject({ avatarPending: true })
      expect(await ok(call('member', 'updateProfile', { avatar: upload(1) }))).not.toHaveProperty('avatarPending')
      await pay.settleImages()
      expect((await store.findMember('v1'))?.avatar).toBe(upload(1))
    })

    it('needs no new check for an avatar that passed before', async () => {
      await ok(call('member', 'updateProfile', { avatar: upload(1) }))
      await pay.settleImages()
      await ok(call('member', 'updateProfile', { avatar: upload(1), nickname: '茶客' }))
      expect(pay.contentCheck.pendingImages).toHaveLength(0)
    })
  })
}
