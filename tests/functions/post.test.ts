import { beforeEach, describe, expect, it } from 'vitest'
import type { FeedPost, FunctionName, MyPostView, Page, PostDetail, QueuedPostView } from '../../types/api'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const DAY = 86_400_000
const image = (n: number, ext = 'jpg') => `/media/uploads/${n.toString(16).padStart(32, '0')}.${ext}`

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`member posts over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    // Staff decide once content security answered for the images (content-safety.test.ts covers the wait).
    const post = async (action: string, data: unknown, memberId: string | null = 'v1') => {
      if (action === 'approve') await pay.settleImages()
      return call('post', action, data, memberId)
    }
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function refused(promise: ReturnType<typeof call>, code: string) {
      const result = await promise
      expect(result.ok ? 'ok' : result.code).toBe(code)
      return result.ok ? '' : result.message
    }
    let requests = 0
    const draft = (extra: Record<string, unknown> = {}) => ({
      title: '明前龙井冲泡心得',
      body: '水温 80 度，先注水后投茶，第一泡 40 秒。\n茶汤清亮，豆香明显。',
      images: [image(1), image(2, 'png')],
      productIds: ['p1', 'p3'],
      requestId: `post-request-${String((requests += 1)).padStart(4, '0')}`,
      ...extra,
    })
    const write = (memberId = 'v1', extra: Record<string, unknown> = {}) => ok<MyPostView>(post('create', draft(extra), memberId))
    const mine = (memberId = 'v1') => ok<Page<MyPostView>>(post('mine', {}, memberId))
    const queue = () => ok<Page<QueuedPostView>>(post('queue', {}, 'brand'))
    const feedIds = async () => (await ok<Page<FeedPost>>(call('catalog', 'feed', { pageSize: 50 }, null))).items.map((p) => p.id)
    const postGrants = async (memberId = 'v1') => (await store.listLedger(memberId, 0, 100)).items.filter((e) => e.source === 'post')
    const growth = (memberId = 'v1') => store.growthBetween(memberId, T0 - DAY, T0 + 30 * DAY)

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('op2', 1, { roles: ['operator', 'service'], shareCode: 'OPTWO234' }))
    })

    it('takes a member post for review, and publishes it with the reward once an operator approves it', async () => {
      const written = await write()
      expect(written).toMatchObject({
        id: expect.stringMatching(/^ps[0-9a-f]{22}$/),
        title: '明前龙井冲泡心得',
        cover: image(1),
        images: [image(1), image(2, 'png')],
        productIds: ['p1', 'p3'],
        status: 'pending',
        rejectReason: null,
        createdAt: T0,
        reviewedAt: null,
      })
      expect((await mine()).items).toEqual([written])
      // Waiting for review: not in the feed, not readable as a post.
      expect(await feedIds()).not.toContain(written.id)
      await refused(call('catalog', 'post', { id: written.id }, null), 'NOT_FOUND')

      const queued = await queue()
      expect(queued.total).toBe(1)
      expect(queued.items[0]).toMatchObject({
        id: written.id,
        status: 'pending',
        author: { id: 'v1', nickname: '会员v1', avatar: '/media/avatars/v1.jpg' },
      })
      // The queue names the linked products, so a reviewer sees what the post recommends.
      const products = await store.findProducts(['p1', 'p3'])
      expect(queued.items[0].products).toEqual(['p1', 'p3'].map((id) => ({ id, title: products.find((p) => p.id === id)!.title })))

      clock.advance(3_600_000)
      const approved = await ok<QueuedPostView>(post('approve', { postId: written.id }, 'brand'))
      expect(approved).toMatchObject({
        id: written.id,
        status: 'approved',
        reviewedAt: T0 + 3_600_000,
        rejectReason: null,
        author: { nickname: '会员v1' },
      })
      expect((await feedIds())[0]).toBe(written.id)
      const detail = await ok<PostDetail>(call('catalog', 'post', { id: written.id }, null))
      expect(detail).toMatchObject({ kind: 'ugc', author: { nickname: '会员v1' }, body: written.body, images: written.images })
      expect(detail.products.map((p) => p.id)).toEqual(['p1', 'p3'])
      expect((await queue()).total).toBe(0)
      expect((await mine()).items[0]).toMatchObject({ status: 'approved', reviewedAt: T0 + 3_600_000 })

      expect(await postGrants()).toEqual([expect.objectContaining({ kind: 'grant', ref: written.id, delta: 20 })])
      expect((await store.findPoints('v1')).account.available).toBe(20)
      expect(await growth()).toBe(5)
    })

    it('rewards an approval once, however often and however concurrently it is approved', async () => {
      const first = await write()
      await ok(post('approve', { postId: first.id }, 'brand'))
      clock.advance(60_000)
      expect(await ok<QueuedPostView>(post('approve', { postId: first.id }, 'op2'))).toMatchObject({ status: 'approved', reviewedAt: T0 })

      const second = await write()
      await pay.settleImages()
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => post('approve', { postId: second.id }, i % 2 ? 'brand' : 'op2')),
      )
      expect(answers.map((a) => (a.ok ? (a.data as QueuedPostView).status : a.code))).toEqual(Array(10).fill('approved'))

      expect((await postGrants()).map((e) => e.ref).sort()).toEqual([first.id, second.id].sort())
      expect((await store.findPoints('v1')).account.available).toBe(40)
      expect(await growth()).toBe(10)
    })

    it('grants points for at most three approved posts a Shanghai day; growth comes with each grant', async () => {
      const posts = []
      for (let i = 0; i < 4; i += 1) posts.push(await write('v4'))
      for (const p of posts) await ok(post('approve', { postId: p.id }, 'brand'))
      expect(await postGrants('v4')).toHaveLength(3)
      expect((await store.findPoints('v4')).account.available).toBe(60)
      expect(await growth('v4')).toBe(15)
    })

    it('rejects with a reason the author sees, and grants nothing', async () => {
      const written = await write()
      const rejected = await ok<QueuedPostView>(post('reject', { postId: written.id, reason: '图片与文字无关，请修改后重新发布' }, 'brand'))
      expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '图片与文字无关，请修改后重新发布', reviewedAt: T0 })
      expect((await mine()).items[0]).toMatchObject({ status: 'rejected', rejectReason: '图片与文字无关，请修改后重新发布' })
      expect(await feedIds()).not.toContain(written.id)
      expect((await queue()).total).toBe(0)

      // Rejecting again answers the decision as it stands; approving it now is refused.
      expect(await ok<QueuedPostView>(post('reject', { postId: written.id, reason: '另一个理由' }, 'op2'))).toMatchObject({
        rejectReason: '图片与文字无关，请修改后重新发布',
      })
      await refused(post('approve', { postId: written.id }, 'brand'), 'POST_STATE')
      expect(await postGrants()).toEqual([])
      expect(await growth()).toBe(0)

      const other = await write()
      await ok(post('approve', { postId: other.id }, 'brand'))
      await refused(post('reject', { postId: other.id, reason: '太晚了' }, 'brand'), 'POST_STATE')
      expect((await mine()).items.find((p) => p.id === other.id)?.status).toBe('approved')
    })

    it('answers a retried create with the first post, whatever the retry says', async () => {
      const first = await write('v1', { requestId: 'same-request-1' })
      clock.advance(5_000)
      const retry = await write('v1', { requestId: 'same-request-1', title: '改过的标题' })
      expect(retry).toEqual(first)
      expect((await mine()).total).toBe(1)
      // Another member with the same request id writes their own post.
      expect((await write('v4', { requestId: 'same-request-1' })).id).not.toBe(first.id)
    })

    it('takes the cover from the first linked product when there are no images, and needs one or the other', async () => {
      expect(await write('v1', { images: [], productIds: ['p3', 'p1'] })).toMatchObject({ cover: '/media/products/p3-1.jpg', images: [] })
      expect(await refused(post('create', draft({ images: [], productIds: [] })), 'INVALID_PAYLOAD')).toContain('封面')
      expect(await write('v1', { images: [image(9)], productIds: [] })).toMatchObject({ cover: image(9) })
    })

    it('accepts the member’s own cloud files and refuses anyone else’s', async () => {
      const own = 'cloud://prod-env.7072-prod-env-1300/posts/v1/0a1b2c3d4e5f.jpg'
      expect(await write('v1', { images: [own] })).toMatchObject({ cover: own })
      for (const foreign of [
        'cloud://prod-env.7072-prod-env-1300/posts/v4/0a1b2c3d4e5f.jpg',
        'cloud://prod-env.7072-prod-env-1300/share-qr/ABC.png',
        'cloud://prod-env.7072-prod-env-1300/posts/v1/../v4/a.jpg',
        'cloud://posts/v1/a.jpg',
      ]) {
        await refused(post('create', draft({ images: [foreign] })), 'INVALID_PAYLOAD')
      }
    })

    it('refuses bad drafts with a typed error and writes nothing', async () => {
      const bad: [Record<string, unknown>, string][] = [
        [{ images: Array.from({ length: 10 }, (_, i) => image(i + 1)) }, 'INVALID_PAYLOAD'],
        [{ images: ['https://example.com/a.jpg'] }, 'INVALID_PAYLOAD'],
        [{ images: ['/media/products/p1-1.jpg'] }, 'INVALID_PAYLOAD'],
        [{ images: ['/media/uploads/../../siyu.db'] }, 'INVALID_PAYLOAD'],
        [{ images: ['/media/uploads/abc.jpg'] }, 'INVALID_PAYLOAD'],
        [{ images: [image(1, 'gif')] }, 'INVALID_PAYLOAD'],
        [{ images: [image(1), image(1)] }, 'INVALID_PAYLOAD'],
        [{ images: 'not-a-list' }, 'INVALID_PAYLOAD'],
        [{ images: [`cloud://${'x'.repeat(301)}`] }, 'INVALID_PAYLOAD'],
        [{ productIds: ['nope'] }, 'PRODUCT_NOT_FOUND'],
        [{ productIds: ['p1', 'p5'] }, 'PRODUCT_NOT_FOUND'],
        [{ productIds: ['p1', 'p1'] }, 'INVALID_PAYLOAD'],
        [{ productIds: ['p1', 'p2', 'p3', 'p4', 'q1', 'q2', 'q3'] }, 'INVALID_PAYLOAD'],
        [{ productIds: ['bad id!'] }, 'INVALID_PAYLOAD'],
        [{ title: '' }, 'INVALID_PAYLOAD'],
        [{ title: '   ' }, 'INVALID_PAYLOAD'],
        [{ title: '好'.repeat(31) }, 'INVALID_PAYLOAD'],
        [{ body: '' }, 'INVALID_PAYLOAD'],
        [{ body: '好'.repeat(1001) }, 'INVALID_PAYLOAD'],
        [{ title: 42 }, 'INVALID_PAYLOAD'],
        [{ requestId: 'short' }, 'INVALID_PAYLOAD'],
        [{ requestId: undefined }, 'INVALID_PAYLOAD'],
        [{ status: 'approved' }, 'INVALID_PAYLOAD'],
        [{ authorId: 'v4' }, 'INVALID_PAYLOAD'],
        [{ kind: 'pgc' }, 'INVALID_PAYLOAD'],
        [{ cover: image(3) }, 'INVALID_PAYLOAD'],
      ]
      for (const [change, code] of bad) {
        const message = await refused(post('create', draft(change)), code)
        expect(message, JSON.stringify(change)).not.toBe('')
      }
      expect(
        await write('v1', {
          title: '好'.repeat(30),
          body: '好'.repeat(1000),
          images: Array.from({ length: 9 }, (_, i) => image(i + 1)),
          productIds: ['p1', 'p2', 'p3', 'p4'],
        }),
      ).toMatchObject({ status: 'pending' })
      expect((await mine()).total).toBe(1)
      await refused(post('create', draft(), null), 'UNAUTHENTICATED')
      await refused(post('mine', {}, null), 'UNAUTHENTICATED')
      await refused(post('mine', { pageSize: 51 }), 'INVALID_PAYLOAD')
      await refused(post('mine', { memberId: 'v4' }), 'INVALID_PAYLOAD')
    })

    it('lets only operators moderate, never their own posts, and only member posts that exist', async () => {
      const written = await write()
      for (const [action, data] of [
        ['queue', {}],
        ['approve', { postId: written.id }],
        ['reject', { postId: written.id, reason: '不合适' }],
      ] as const) {
        await refused(post(action, data, 'v4'), 'FORBIDDEN')
        await refused(post(action, data, 'v1'), 'FORBIDDEN')
        await refused(post(action, data, null), 'UNAUTHENTICATED')
      }
      await refused(post('approve', { postId: 'ps0000000000000000000000' }, 'brand'), 'POST_NOT_FOUND')
      await refused(post('reject', { postId: 'nope', reason: '不合适' }, 'brand'), 'POST_NOT_FOUND')
      // Operator posts (PGC) are not moderated here.
      await refused(post('approve', { postId: 'post3' }, 'op2'), 'POST_NOT_FOUND')
      await refused(post('approve', { postId: 'bad id!' }, 'brand'), 'INVALID_PAYLOAD')
      await refused(post('approve', {}, 'brand'), 'INVALID_PAYLOAD')
      await refused(post('reject', { postId: written.id }, 'brand'), 'INVALID_PAYLOAD')
      await refused(post('reject', { postId: written.id, reason: '  ' }, 'brand'), 'INVALID_PAYLOAD')
      await refused(post('reject', { postId: written.id, reason: '长'.repeat(101) }, 'brand'), 'INVALID_PAYLOAD')
      await refused(post('queue', { pageSize: 0 }, 'brand'), 'INVALID_PAYLOAD')

      const own = await write('brand')
      await refused(post('approve', { postId: own.id }, 'brand'), 'FORBIDDEN')
      expect(await ok<QueuedPostView>(post('approve', { postId: own.id }, 'op2'))).toMatchObject({ status: 'approved' })
      expect((await mine()).items[0].status).toBe('pending')
      expect(await postGrants()).toEqual([])
    })

    it('queues member posts oldest first, with their authors, page by page', async () => {
      const a = await write('v4')
      clock.advance(1_000)
      const b = await write('v1')
      clock.advance(1_000)
      const c = await write('v4')
      const first = await ok<Page<QueuedPostView>>(post('queue', { pageSize: 2 }, 'brand'))
      expect(first).toMatchObject({ total: 3, hasMore: true })
      expect(first.items.map((p) => [p.id, p.author.nickname])).toEqual([
        [a.id, '会员v4'],
        [b.id, '会员v1'],
      ])
      expect((await ok<Page<QueuedPostView>>(post('queue', { page: 2, pageSize: 2 }, 'brand'))).items.map((p) => p.id)).toEqual([c.id])
      // The author's own list is newest first, whatever the status (post2 is an older approved one).
      expect((await mine('v4')).items.map((p) => p.id)).toEqual([c.id, a.id, 'post2'])
    })

    it('keeps at most five posts of a member waiting for review, even when they are sent at once', async () => {
      const written = []
      for (let i = 0; i < 5; i += 1) written.push(await write('v1', { requestId: `limit-request-${i}` }))
      expect(await refused(post('create', draft()), 'POST_LIMIT')).toContain('5')
      // A retry of a post already in the queue still answers it.
      expect((await write('v1', { requestId: 'limit-request-4' })).id).toBe(written[4].id)
      // Another member is not held back.
      await write('v4')
      await ok(post('reject', { postId: written[0].id, reason: '重复内容' }, 'brand'))
      await write()
      await refused(post('create', draft()), 'POST_LIMIT')

      const answers = await Promise.all(Array.from({ length: 10 }, () => post('create', draft(), 'v4')))
      expect(answers.filter((a) => a.ok)).toHaveLength(4)
      expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.code))).toEqual(Array(6).fill('POST_LIMIT'))
      expect((await queue()).items.filter((p) => p.author.id === 'v4')).toHaveLength(5)
    })
  })
}
