/**
 * A 打卡 challenge under any approval order: a member's posts (on various Shanghai days, in the
 * challenge's topic or another, inside the window or after it) are approved or rejected in a random
 * order, some decisions sent at the same moment. The reward and the badge are granted exactly once
 * when the approved posts in the topic within the window fall on the required number of distinct
 * days, and never otherwise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { shopDay } from '../../cloudfunctions/src/core/time'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, post, smallShop } from '../support/fixtures'

const DAY = 86_400_000
const REQUIRED_DAYS = 3
const WINDOW = { startAt: T0, endAt: T0 + 5 * DAY }

type Plan = { day: number; hour: number; topic: 'tea-table' | 'cold-brew'; approve: boolean }

const plans = fc.array(
  fc.record({
    day: fc.nat({ max: 6 }),
    hour: fc.nat({ max: 23 }),
    topic: fc.constantFrom('tea-table' as const, 'cold-brew' as const),
    approve: fc.boolean(),
  }),
  { minLength: 1, maxLength: 7 },
)

/** The posts' indexes in the order decided, cut into groups decided at the same moment. */
const scenario = plans.chain((posts) =>
  fc.record({
    posts: fc.constant(posts),
    order: fc.shuffledSubarray(
      posts.map((_, i) => i),
      { minLength: posts.length, maxLength: posts.length },
    ),
    cuts: fc.array(fc.boolean(), { minLength: posts.length, maxLength: posts.length }),
  }),
)

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`a challenge completes exactly once over ${adapter}`, () => {
    it('whatever order and concurrency the decisions come in', async () => {
      await fc.assert(
        fc.asyncProperty(scenario, async ({ posts, order, cuts }) => {
          const store = open()
          const clock = new SteppedClock(T0 + 10 * DAY)
          const pay = new LocalPayProvider(store, clock)
          await smallShop(store)
          await store.putTopic({ id: 'tea-table', name: '茶席打卡', description: '', enabled: true, createdAt: T0 })
          await store.putChallengeDoc({
            id: 'tea-week',
            topicId: 'tea-table',
            title: '茶席',
            ...WINDOW,
            requiredDays: REQUIRED_DAYS,
            rewardPoints: 50,
            badge: '茶席达人',
          })
          const madeAt = (plan: Plan) => T0 + plan.day * DAY + plan.hour * 3_600_000
          for (const [i, plan] of posts.entries()) {
            await store.putPost(
              post(`p${i}`, { authorId: 'v1', kind: 'ugc', status: 'pending', topicIds: [plan.topic], createdAt: madeAt(plan) }),
            )
          }
          const decide = (i: number) => {
            const plan = posts[i]
            const data = plan.approve ? { postId: `p${i}` } : { postId: `p${i}`, reason: '与话题无关' }
            return dispatch(
              FUNCTIONS.post,
              { action: plan.approve ? 'approve' : 'reject', data },
              { store, pay, now: clock.now(), memberId: 'brand' },
            )
          }
          let group: number[] = []
          for (const [k, i] of order.entries()) {
            group.push(i)
            if (cuts[k] || k === order.length - 1) {
              const answers = await Promise.all(group.map(decide))
              for (const answer of answers) expect(answer.ok, JSON.stringify(answer)).toBe(true)
              group = []
              clock.advance(60_000)
            }
          }

          const counted = posts.filter(
            (p) => p.approve && p.topic === 'tea-table' && madeAt(p) >= WINDOW.startAt && madeAt(p) < WINDOW.endAt,
          )
          const completed = new Set(counted.map((p) => shopDay(madeAt(p)))).size >= REQUIRED_DAYS
          const grants = (await store.listLedger('v1', 0, 100)).items.filter((e) => e.source === 'challenge')
          expect(grants.map((e) => e.delta)).toEqual(completed ? [50] : [])
          expect((await store.completionsOf('v1')).map((c) => c.badge)).toEqual(completed ? ['茶席达人'] : [])
          expect(await store.countCompletions('tea-week')).toBe(completed ? 1 : 0)
          await store.close()
        }),
        { numRuns: adapter === 'sqlite' ? 60 : 25 },
      )
    }, 120_000)
  })
}
