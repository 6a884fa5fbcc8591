import { beforeEach, describe, expect, it } from 'vitest'
import type { TierView } from '../../types/api'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { rewardApprovedPost } from '../../cloudfunctions/src/app/points'
import { addGrowth } from '../../cloudfunctions/src/app/tiers'
import { member as memberFn } from '../../cloudfunctions/src/functions/member/actions'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, smallShop } from '../support/fixtures'

const DAY = 86_400_000

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`tiers over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    const run = (action: string, data: unknown = {}, memberId: string | null = 'v1') =>
      dispatch(memberFn, { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId })
    async function tier(memberId = 'v1') {
      const result = await run('tier', {}, memberId)
      if (!result.ok) throw new Error(result.code)
      return result.data as TierView
    }

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      await smallShop(store)
    })

    it('shows tier, rolling growth and the way to the next tier', async () => {
      expect(await tier()).toMatchObject({ tier: 1, growth: 0, next: { tier: 2, growth: 500, remaining: 500 } })
      expect((await tier('v4')).tiers.map((t) => t.growth)).toEqual([0, 500, 2000, 8000, 20_000])
    })

    it('upgrades the moment growth crosses a threshold, records the change, and prices with the new tier', async () => {
      await addGrowth(store, { id: 'growth:order:o1', memberId: 'v1', amount: 2100, reason: 'purchase', at: clock.now() })
      await addGrowth(store, { id: 'growth:order:o1', memberId: 'v1', amount: 2100, reason: 'purchase', at: clock.now() })
      expect(await tier()).toMatchObject({ tier: 3, growth: 2100, next: { tier: 4, remaining: 5900 } })
      expect((await store.findMember('v1'))?.tier).toBe(3)
      const history = await run('tierHistory')
      expect(history).toMatchObject({ ok: true, data: [{ from: 1, to: 3, reason: 'upgrade', growth: 2100, at: T0 }] })
    })

    it('keeps the tier 12 months, then reviews it on the rolling growth (timer job, rerun-safe)', async () => {
      await addGrowth(store, { id: 'g1', memberId: 'v1', amount: 600, reason: 'purchase', at: clock.now() })
      expect((await tier()).tier).toBe(2)
      clock.advance(200 * DAY)
      const review = JOBS.find((j) => j.name === 'tierReview')!
      await review.run(store, clock.now(), new LocalPayProvider(store, clock))
      expect((await tier()).tier).toBe(2)
      clock.advance(170 * DAY)
      await review.run(store, clock.now(), new LocalPayProvider(store, clock))
      await review.run(store, clock.now(), new LocalPayProvider(store, clock))
      const after = await tier()
      expect(after).toMatchObject({ tier: 1, growth: 0 })
      const history = await run('tierHistory')
      expect(history.ok && (history.data as { reason: string }[]).map((c) => c.reason)).toEqual(['upgrade', 'review'])
    })

    it('records a review and an upgrade that land at the same instant as two changes', async () => {
      await addGrowth(store, { id: 'g1', memberId: 'v1', amount: 600, reason: 'purchase', at: clock.now() })
      clock.advance(400 * DAY)
      // Two completed orders read at once: the first finds the lapsed tier and reviews it, the second lifts it again.
      await addGrowth(store, { id: 'g2', memberId: 'v1', amount: 10, reason: 'purchase', at: clock.now() })
      await addGrowth(store, { id: 'g3', memberId: 'v1', amount: 600, reason: 'purchase', at: clock.now() })
      expect((await tier()).tier).toBe(2)
      const history = await run('tierHistory')
      expect(history.ok && (history.data as { from: number; to: number; reason: string }[]).map((c) => [c.from, c.to, c.reason])).toEqual([
        [1, 2, 'upgrade'],
        [2, 1, 'review'],
        [1, 2, 'upgrade'],
      ])
    })

    it('rewards an approved post once, at most three a day, and adds growth', async () => {
      const rewards = []
      for (const id of ['a', 'b', 'b', 'c', 'd'])
        rewards.push((await rewardApprovedPost(store, { id: `post-${id}`, authorId: 'v1' }, clock.now())).points)
      expect(rewards).toEqual([20, 20, 0, 20, 0])
      expect((await store.findPoints('v1')).account.available).toBe(60)
      expect((await tier()).growth).toBe(15)
      clock.advance(DAY)
      expect((await rewardApprovedPost(store, { id: 'post-d', authorId: 'v1' }, clock.now())).points).toBe(20)
    })

    it('records a birthday once and gives the tier’s birthday gift on the day, once a year', async () => {
      expect(await run('tier', {}, 'v4')).toMatchObject({ ok: true, data: { birthday: null } })
      expect(await run('setBirthday', { birthday: '11-21' }, 'v4')).toMatchObject({ ok: true, data: { birthday: '11-21' } })
      expect(await run('setBirthday', { birthday: '11-20' }, 'v4')).toMatchObject({ ok: false, code: 'BIRTHDAY_LOCKED' })
      // The member centre shows what is on file, so the page knows to offer no second entry.
      expect(await run('tier', {}, 'v4')).toMatchObject({ ok: true, data: { birthday: '11-21' } })
      expect(await run('setBirthday', { birthday: '02-30' }, 'v1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('setBirthday', { birthday: '13-01' }, 'v1')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('setBirthday', { birthday: '11-21' }, 'v1')).toMatchObject({ ok: true })
      const gifts = JOBS.find((j) => j.name === 'birthdayGifts')!
      expect(await gifts.run(store, clock.now(), new LocalPayProvider(store, clock))).toEqual({ members: 0, points: 0, done: true })
      clock.advance(DAY)
      // V4 gets 200; V1's gift is 0 by default.
      expect(await gifts.run(store, clock.now(), new LocalPayProvider(store, clock))).toEqual({ members: 1, points: 200, done: true })
      expect(await gifts.run(store, clock.now(), new LocalPayProvider(store, clock))).toEqual({ members: 0, points: 0, done: true })
      expect((await store.findPoints('v4')).account.available).toBe(200)
    })

    it('celebrates a 29 February birthday on 28 February in other years', async () => {
      await run('setBirthday', { birthday: '02-29' }, 'v4')
      const gifts = JOBS.find((j) => j.name === 'birthdayGifts')!
      expect(await gifts.run(store, Date.parse('2027-02-28T04:00:00Z'), new LocalPayProvider(store, clock))).toEqual({
        members: 1,
        points: 200,
        done: true,
      })
      expect(await gifts.run(store, Date.parse('2028-02-28T04:00:00Z'), new LocalPayProvider(store, clock))).toEqual({
        members: 0,
        points: 0,
        done: true,
      })
      expect(await gifts.run(store, Date.parse('2028-02-29T04:00:00Z'), new LocalPayProvider(store, clock))).toEqual({
        members: 1,
        points: 200,
        done: true,
      })
    })

    it('rejects payloads and signed-out callers', async () => {
      expect(await run('tier', { tier: 5 })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('tierHistory', { memberId: 'v4' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('tier', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
    })
  })
}
