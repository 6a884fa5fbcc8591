import { beforeEach, describe, expect, it } from 'vitest'
import type { BadgeView, FunctionName, MyPostView, ShopReport, TopicPageView, TopicView } from '../../types/api'
import type { Topic } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { reportHtml } from '../../cloudfunctions/src/local/report/html'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { codeOf, ok } from '../support/calls'
import { SteppedClock, T0, member, post as postOf, smallShop } from '../support/fixtures'

const DAY = 86_400_000
const image = (n: number) => `/media/uploads/${n.toString(16).padStart(32, '0')}.jpg`

/** Three 茶席 days within two weeks: 50 points and the 茶席达人 badge. */
const challengeDoc = (overrides: Record<string, unknown> = {}) => ({
  id: 'tea-week',
  topicId: 'tea-table',
  title: '两周茶席打卡',
  startAt: T0 - DAY,
  endAt: T0 + 13 * DAY,
  requiredDays: 3,
  rewardPoints: 50,
  badge: '茶席达人',
  ...overrides,
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`topics and 打卡 challenges over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const post = (action: string, data: unknown, memberId: string | null = 'v1') => call('post', action, data, memberId)
    const refused = async (answer: ReturnType<typeof call>, code: string) => expect(await codeOf(answer)).toBe(code)
    let requests = 0
    const write = (memberId: string, topicIds: string[]) =>
      ok<MyPostView>(
        post(
          'create',
          {
            title: '今天的茶席',
            body: '一杯龙井，一碟杏仁酥。',
            images: [image(1)],
            productIds: [],
            topicIds,
            requestId: `req-${(requests += 1)}-topic`,
          },
          memberId,
        ),
      )
    const approve = async (postId: string) => {
      await pay.settleImages()
      return ok(post('approve', { postId }, 'brand'))
    }
    const reject = (postId: string) => ok(post('reject', { postId, reason: '与话题无关' }, 'brand'))
    const page = (topicId = 'tea-table', memberId: string | null = 'v1') => ok<TopicPageView>(post('topic', { topicId }, memberId))
    const challengeGrants = async (memberId = 'v1') =>
      (await store.listLedger(memberId, 0, 100)).items.filter((e) => e.source === 'challenge').map((e) => [e.ref, e.delta])
    const snapshot = async () => ({
      topics: await store.listTopics(),
      posts: await store.listPostsByAuthor('v1', 0, 50),
      audit: await store.listAudit(0, 50),
    })

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('op2', 1, { roles: ['operator', 'service'], shareCode: 'OPTWO234' }))
      let made = 0
      const topic = (id: string, name: string, enabled = true): Topic => ({
        id,
        name,
        description: `${name}的帖子`,
        enabled,
        createdAt: T0 - DAY + (made += 1),
      })
      await store.putTopic(topic('tea-table', '茶席打卡'))
      await store.putTopic(topic('cold-brew', '冷泡茶'))
      await store.putTopic(topic('retired', '旧话题', false))
      await store.putChallengeDoc(challengeDoc())
    })

    it('lets service staff keep the topic list, audited, and members choose only enabled topics', async () => {
      const made = await ok<Topic>(post('saveTopic', { name: '新手入门', description: '第一杯茶', enabled: true }, 'op2'))
      expect(made).toMatchObject({ name: '新手入门', enabled: true, createdAt: T0 })
      await ok(post('saveTopic', { id: made.id, name: '新手入门', description: '第一杯茶', enabled: false }, 'op2'))
      expect((await ok<TopicView[]>(post('topics', {}, null))).map((t) => t.name)).toEqual(['茶席打卡', '冷泡茶'])
      expect((await ok<Topic[]>(post('staffTopics', {}, 'op2'))).map((t) => [t.name, t.enabled])).toEqual([
        ['茶席打卡', true],
        ['冷泡茶', true],
        ['旧话题', false],
        ['新手入门', false],
      ])
      const audit = (await store.listAudit(0, 10)).items.map((e) => [e.action, e.target, e.actor])
      expect(audit).toEqual([
        ['topic:update', made.id, 'op2'],
        ['topic:create', made.id, 'op2'],
      ])
    })

    it.each([
      ['a consumer', { name: '话题', description: '', enabled: true }, 'v1', 'FORBIDDEN'],
      ['a visitor', { name: '话题', description: '', enabled: true }, null, 'UNAUTHENTICATED'],
      ['a name too long', { name: '一二三四五六七八九十十一十二', description: '', enabled: true }, 'op2', 'INVALID_PAYLOAD'],
      ['no switch', { name: '话题', description: '' }, 'op2', 'INVALID_PAYLOAD'],
      ['a taken name', { name: '冷泡茶', description: '', enabled: true }, 'op2', 'TOPIC_EXISTS'],
      ['an unknown topic', { id: 'nope', name: '话题', description: '', enabled: true }, 'op2', 'TOPIC_NOT_FOUND'],
    ])('refuses a topic from %s, writing nothing', async (_what, input, who, code) => {
      const before = await snapshot()
      await refused(post('saveTopic', input, who), code)
      expect(await snapshot()).toEqual(before)
    })

    it.each([
      ['an unknown topic', ['tea-table', 'nope'], 'TOPIC_NOT_FOUND'],
      ['a disabled topic', ['retired'], 'TOPIC_NOT_FOUND'],
      ['four topics', ['a', 'b', 'c', 'd'], 'INVALID_PAYLOAD'],
      ['a topic twice', ['tea-table', 'tea-table'], 'INVALID_PAYLOAD'],
    ])('refuses a post carrying %s, writing nothing', async (_what, topicIds, code) => {
      const before = await snapshot()
      const draft = { title: '茶席', body: '一杯茶', images: [image(2)], productIds: [], topicIds, requestId: 'req-refused-topic' }
      await refused(post('create', draft), code)
      expect(await snapshot()).toEqual(before)
    })

    it("shows a topic's approved posts newest first, never one in review or rejected", async () => {
      await store.putPost(postOf('pgc1', { topicIds: ['tea-table'], createdAt: T0 - 2 * DAY }))
      await store.putPost(postOf('other', { topicIds: ['cold-brew'], createdAt: T0 - DAY }))
      const approved = await write('v1', ['tea-table', 'cold-brew'])
      clock.advance(60_000)
      const pending = await write('v1', ['tea-table'])
      const rejected = await write('v4', ['tea-table'])
      await approve(approved.id)
      await reject(rejected.id)
      const view = await page('tea-table', null)
      expect(view.topic).toEqual({ id: 'tea-table', name: '茶席打卡', description: '茶席打卡的帖子' })
      expect(view.posts.items.map((p) => p.id)).toEqual([approved.id, 'pgc1'])
      expect(view.posts.total).toBe(2)
      expect(view.posts.items.map((p) => p.id)).not.toContain(pending.id)
      expect((await page('cold-brew', null)).posts.items.map((p) => p.id)).toEqual([approved.id, 'other'])
      await refused(post('topic', { topicId: 'retired' }, null), 'TOPIC_NOT_FOUND')
      await refused(post('topic', { topicId: 'nope' }, null), 'TOPIC_NOT_FOUND')
      await refused(post('topic', { topicId: '../x' }, null), 'TOPIC_NOT_FOUND')
    })

    it('completes the challenge on the third Shanghai day, once, whatever order the posts are approved in', async () => {
      const written: MyPostView[] = []
      for (const day of [0, 1, 1, 3]) {
        clock.advance(day === 1 && written.length === 2 ? 3_600_000 : DAY)
        written.push(await write('v1', ['tea-table']))
      }
      // Days: T0+1, T0+2 (twice) and T0+4: three distinct days once all are approved.
      await approve(written[3].id)
      await approve(written[2].id)
      expect((await page()).challenges[0]).toMatchObject({ id: 'tea-week', state: 'running', progress: { days: 2, completed: false } })
      await approve(written[1].id)
      expect(await challengeGrants()).toEqual([])
      await approve(written[0].id)
      expect(await challengeGrants()).toEqual([['tea-week', 50]])
      expect(await ok<BadgeView[]>(post('badges', {}))).toEqual([{ challengeId: 'tea-week', badge: '茶席达人', at: clock.now() }])
      expect((await page()).challenges[0].progress).toEqual({ days: 3, completed: true })
      // Approving again (a retry) or a later post changes nothing.
      await approve(written[0].id)
      clock.advance(DAY)
      await approve((await write('v1', ['tea-table'])).id)
      expect(await challengeGrants()).toEqual([['tea-week', 50]])
      expect(await ok<BadgeView[]>(post('badges', {}))).toHaveLength(1)
      // A visitor sees the challenge without progress; another member sees their own.
      expect((await page('tea-table', null)).challenges[0].progress).toBeNull()
      expect((await page('tea-table', 'v4')).challenges[0].progress).toEqual({ days: 0, completed: false })
    })

    it('never counts a rejected post, a post outside the window or in another topic', async () => {
      const days: MyPostView[] = []
      for (const topics of [['tea-table'], ['tea-table'], ['cold-brew'], ['tea-table']]) {
        clock.advance(DAY)
        days.push(await write('v1', topics))
      }
      await approve(days[0].id)
      await reject(days[1].id)
      await approve(days[2].id)
      await approve(days[3].id)
      expect((await page()).challenges[0].progress).toEqual({ days: 2, completed: false })
      clock.advance(20 * DAY)
      await approve((await write('v1', ['tea-table'])).id)
      expect((await page()).challenges[0]).toMatchObject({ state: 'ended', progress: { days: 2, completed: false } })
      expect(await challengeGrants()).toEqual([])
      expect(await ok<BadgeView[]>(post('badges', {}))).toEqual([])
    })

    it('ignores an invalid challenge document, clamps its reward to the cap, and reports both', async () => {
      await store.putChallengeDoc(challengeDoc({ id: 'no-days', requiredDays: 'three' }))
      await store.putChallengeDoc(challengeDoc({ id: 'greedy', requiredDays: 1, rewardPoints: 100_000, badge: '大奖' }))
      expect((await page()).challenges.map((c) => [c.id, c.rewardPoints])).toEqual([
        ['greedy', 500],
        ['tea-week', 50],
      ])
      clock.advance(DAY)
      await approve((await write('v1', ['tea-table'])).id)
      expect(await challengeGrants()).toEqual([['greedy', 500]])
      const report = await ok<ShopReport>(call('campaign', 'report', { from: '2026-11-19', to: '2026-11-22' }, 'brand'))
      expect(report.problems).toEqual(
        expect.arrayContaining([
          '打卡挑战 no-days：打卡天数无效，已忽略',
          '打卡挑战 greedy：rewardPoints = 100000 超出上限，已按 500 执行',
        ]),
      )
    })

    it('reports each topic and challenge: participants and completions from the records', async () => {
      for (const memberId of ['v1', 'v4']) {
        for (let day = 0; day < (memberId === 'v1' ? 3 : 1); day += 1) {
          clock.advance(DAY)
          await approve((await write(memberId, ['tea-table'])).id)
        }
      }
      await store.putPost(postOf('pgc1', { topicIds: ['cold-brew'] }))
      const report = await ok<ShopReport>(call('campaign', 'report', { from: '2026-11-19', to: '2026-11-25' }, 'brand'))
      expect(report.topics).toEqual([
        { id: 'tea-table', name: '茶席打卡', enabled: true, posts: 4, participants: 2 },
        { id: 'cold-brew', name: '冷泡茶', enabled: true, posts: 1, participants: 1 },
        { id: 'retired', name: '旧话题', enabled: false, posts: 0, participants: 0 },
      ])
      expect(report.challenges).toEqual([
        {
          id: 'tea-week',
          title: '两周茶席打卡',
          topicId: 'tea-table',
          startAt: T0 - DAY,
          endAt: T0 + 13 * DAY,
          participants: 2,
          reached: 1,
          completions: 1,
        },
      ])
      // The HTML report shows the same rows.
      const html = reportHtml(report)
      expect(html).toContain('<tr><td>#茶席打卡<div class="key">tea-table</div></td><td>4</td><td>2</td></tr>')
      expect(html).toContain('<td>2</td><td>1</td><td>1</td></tr>')
      expect(html).toContain('#旧话题（已停用）')
    })
  })
}
