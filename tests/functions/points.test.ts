import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CheckInStatus, OrderView, PaymentRequest, PointsBalance, QuoteView } from '../../types/api'
import { reconcilePoints, reversePoints } from '../../cloudfunctions/src/app/points'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { order as orderFn } from '../../cloudfunctions/src/functions/order/actions'
import { points as pointsFn } from '../../cloudfunctions/src/functions/points/actions'
import { type FunctionDef, dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, seededRandom, smallShop } from '../support/fixtures'

const DAY = 86_400_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`points over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const run = (fn: FunctionDef, action: string, data: unknown = {}, memberId: string | null = 'v1') =>
      dispatch(fn, { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof run>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const balance = (memberId = 'v1') => ok<PointsBalance>(run(pointsFn, 'balance', {}, memberId))
    const job = (name: string) => JOBS.find((j) => j.name === name)!.run(store, clock.now(), new LocalPayProvider(store, clock))
    const invariantHolds = async () => expect((await reconcilePoints(store)).mismatches).toEqual([])

    beforeEach(async () => {
      store = open()
      await smallShop(store)
      // 2026-11-20 12:00 in Shanghai.
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
    })

    describe('check-in', () => {
      it('credits once per Shanghai day, grows the streak, and restarts it after a missed day', async () => {
        expect(await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))).toMatchObject({
          credited: 5,
          streak: 1,
          checkedInToday: true,
        })
        expect(await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))).toMatchObject({ credited: 0, streak: 1 })
        clock.advance(DAY)
        expect(await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))).toMatchObject({ credited: 5, streak: 2 })
        clock.advance(DAY)
        const third = await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))
        expect(third).toMatchObject({ credited: 7, streak: 3 })
        expect(third.week.map((d) => d.checked)).toEqual([false, false, false, false, true, true, true])
        clock.advance(2 * DAY)
        expect(await ok<CheckInStatus>(run(pointsFn, 'checkInStatus'))).toMatchObject({ checkedInToday: false, streak: 0, todayPoints: 5 })
        expect(await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))).toMatchObject({ credited: 5, streak: 1 })
        expect((await balance()).available).toBe(22)
        await invariantHolds()
      })

      it('shows the days checked in this week, though a missed day restarted the streak', async () => {
        for (const gap of [0, 1, 1, 2]) {
          clock.advance(gap * DAY)
          await ok(run(pointsFn, 'checkIn'))
        }
        const status = await ok<CheckInStatus>(run(pointsFn, 'checkInStatus'))
        expect(status.streak).toBe(1)
        // The week ends on day 4: days -2 … 4, checked on 0, 1, 2 and 4.
        expect(status.week.map((d) => d.checked)).toEqual([false, false, true, true, true, false, true])
        expect(status.todayBreakdown).toEqual({ streak: status.todayPoints, bonus: null })
      })

      it('keeps a day checked in after its points are spent or taken back', async () => {
        await ok(run(pointsFn, 'checkIn'))
        clock.advance(DAY)
        const second = await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))
        // Both check-ins' points taken back (an operator's correction spends the oldest lots first).
        await reversePoints(store, 'v1', 'correction-1', 10, '误发积分更正', clock.now())
        expect((await balance()).available).toBe(0)
        const status = await ok<CheckInStatus>(run(pointsFn, 'checkInStatus'))
        expect(status.week.map((d) => d.checked)).toEqual([false, false, false, false, false, true, true])
        expect(status).toMatchObject({ checkedInToday: true, streak: 2, todayPoints: second.credited })
        // Another member's card shows none of it.
        const other = await ok<CheckInStatus>(run(pointsFn, 'checkInStatus', {}, 'v4'))
        expect(other.week.some((d) => d.checked)).toBe(false)
      })

      it('answers a repeated tap with the card as it stands, today checked', async () => {
        const first = await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))
        await reversePoints(store, 'v1', 'correction-1', 5, '误发积分更正', clock.now())
        const again = await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))
        expect(again).toMatchObject({ credited: 0, checkedInToday: true, todayPoints: first.credited })
        expect(again.week.at(-1)).toEqual({ day: again.today, checked: true })
      })

      it('answers the card a later look shows, over two months of taps and gaps', async () => {
        const next = seededRandom(20261205)
        for (let day = 0; day < 60; day += 1) {
          clock.advance(DAY)
          if (next() < 0.35) continue
          const { credited, ...answered } = await ok<CheckInStatus & { credited: number }>(run(pointsFn, 'checkIn'))
          expect(credited).toBeGreaterThan(0)
          expect(answered, `day ${day}`).toEqual(await ok<CheckInStatus>(run(pointsFn, 'checkInStatus')))
        }
      })

      it('reads the week’s lots for the card only where the account the check-in found cannot tell the days', async () => {
        const weekReads = vi.spyOn(store, 'findPointsLots')
        const checkIn = async () => {
          weekReads.mockClear()
          const card = await ok<CheckInStatus>(run(pointsFn, 'checkIn'))
          return { checked: card.week.map((d) => d.checked), lotsRead: weekReads.mock.calls.length }
        }
        // A first check-in: no day before it had one.
        expect(await checkIn()).toEqual({ checked: [false, false, false, false, false, false, true], lotsRead: 0 })
        // The next day the account tells yesterday's run, not the days before it: their lots do.
        clock.advance(DAY)
        expect(await checkIn()).toEqual({ checked: [false, false, false, false, false, true, true], lotsRead: 1 })
        // Back after ten days: the last check-in lies before the week.
        clock.advance(10 * DAY)
        expect(await checkIn()).toEqual({ checked: [false, false, false, false, false, false, true], lotsRead: 0 })
        // Six days on, the run reaches back over the whole week.
        for (let day = 0; day < 5; day += 1) {
          clock.advance(DAY)
          await checkIn()
        }
        clock.advance(DAY)
        expect(await checkIn()).toEqual({ checked: [true, true, true, true, true, true, true], lotsRead: 0 })
      })

      it('counts days by the Shanghai calendar: 23:59 and 00:00 are two days', async () => {
        clock = new SteppedClock(Date.parse('2026-11-20T15:59:00Z'))
        expect(await ok<{ credited: number }>(run(pointsFn, 'checkIn'))).toMatchObject({ credited: 5 })
        clock.advance(60_000)
        expect(await ok<{ credited: number; streak: number }>(run(pointsFn, 'checkIn'))).toMatchObject({ credited: 5, streak: 2 })
      })

      it('multiplies by the tier', async () => {
        expect(await ok<{ credited: number }>(run(pointsFn, 'checkIn', {}, 'v4'))).toMatchObject({ credited: 9 })
      })

      it('registers a member on their first call, which is a check-in, and credits it once however many taps race', async () => {
        expect(await store.findMember('newcomer')).toBeNull()
        const taps = await Promise.all(Array.from({ length: 20 }, () => ok<{ credited: number }>(run(pointsFn, 'checkIn', {}, 'newcomer'))))
        expect(taps.filter((t) => t.credited > 0).map((t) => t.credited)).toEqual([5])
        expect(await store.findMember('newcomer')).toMatchObject({ id: 'newcomer', tier: 1, roles: ['consumer'] })
        expect(await store.findTierStatus('newcomer')).toMatchObject({ memberId: 'newcomer', tier: 1 })
        expect((await balance('newcomer')).available).toBe(5)
        await invariantHolds()
      })

      it('reads the member in the check-in’s own change, at the tier its standing holds there', async () => {
        await ok(run(pointsFn, 'checkInStatus', {}, 'v4'))
        const memberReads = vi.spyOn(store, 'findMember')
        expect(await ok<{ credited: number; todayPoints: number }>(run(pointsFn, 'checkIn', {}, 'v4'))).toMatchObject({
          credited: 9,
          todayPoints: 9,
        })
        expect(memberReads).not.toHaveBeenCalled()
        // The standing the change reads is the member's tier, whatever a caller read before it.
        const v1 = (await store.findTierStatus('v1'))!
        await store.setTierStatus(v1, { ...v1, tier: 4 }, null)
        expect(await ok<{ credited: number }>(run(pointsFn, 'checkIn', {}, 'v1'))).toMatchObject({ credited: 9 })
        expect(memberReads).not.toHaveBeenCalled()
      })

      it('credits once when one member checks in 50 times at once', async () => {
        const results = await Promise.all(Array.from({ length: 50 }, () => ok<{ credited: number }>(run(pointsFn, 'checkIn'))))
        expect(results.filter((r) => r.credited > 0)).toHaveLength(1)
        expect((await balance()).available).toBe(5)
        await invariantHolds()
      })
    })

    describe('purchases', () => {
      async function buy(
        items: { skuId: string; quantity: number }[],
        usePoints = 0,
        requestId = `req-${Math.random().toString(36).slice(2, 12)}`,
      ) {
        const q = await ok<QuoteView>(run(orderFn, 'quote', { items, usePoints }))
        return ok<{ order: OrderView; payment: PaymentRequest }>(
          run(orderFn, 'create', { requestId, items, address, usePoints, expectedPayable: q.payable }),
        )
      }

      it('earns pending points on payment, voids a refunded line, and makes the rest available when the order completes', async () => {
        const { order } = await buy([
          { skuId: 'p1-s1', quantity: 1 },
          { skuId: 'p3-s1', quantity: 1 },
        ])
        await pay.pay(order.id, false)
        await job('pointsFromOrders')
        expect(await balance()).toMatchObject({ available: 0, pending: 128 + 29 })
        // What makes up the pending figure, item by item, for the 明细 list.
        expect((await balance()).pendingItems.map((i) => [i.source, i.ref, i.amount]).sort()).toEqual([
          ['purchase', order.id, 128],
          ['purchase', order.id, 29],
        ])
        await ok(run(orderFn, 'requestRefund', { orderId: order.id, lineIds: [order.lines[1].id], reason: '不要了' }))
        await job('pointsFromOrders')
        await job('pointsFromOrders')
        expect(await balance()).toMatchObject({ available: 0, pending: 128 })
        await ok(run(orderFn, 'ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF000000000100' }, 'brand'))
        await ok(run(orderFn, 'confirmReceipt', { orderId: order.id }))
        clock.advance(7 * DAY)
        await job('orderComplete')
        await job('pointsFromOrders')
        await job('pointsFromOrders')
        expect(await balance()).toMatchObject({ available: 128, pending: 0, pendingItems: [] })
        await invariantHolds()
      })

      it('deducts points at checkout and returns them when the unpaid order is cancelled', async () => {
        for (let day = 0; day < 7; day += 1) {
          await ok(run(pointsFn, 'checkIn'))
          clock.advance(DAY)
        }
        const before = (await balance()).available
        const q = await ok<QuoteView>(run(orderFn, 'quote', { items: [{ skuId: 'p3-s1', quantity: 1 }], usePoints: 10_000 }))
        expect(q.points).toEqual({ balance: before, maxUsable: Math.min(before, 1495) })
        expect(q).toMatchObject({
          pointsUsed: q.points.maxUsable,
          pointsDeduction: q.points.maxUsable,
          payable: 2990 - q.points.maxUsable + 800,
        })
        const { order } = await buy([{ skuId: 'p3-s1', quantity: 1 }], 10_000)
        expect((await balance()).available).toBe(before - order.pointsUsed)
        clock.advance(60_000)
        await ok(run(orderFn, 'cancel', { orderId: order.id }))
        await job('pointsFromOrders')
        await job('pointsFromOrders')
        expect((await balance()).available).toBe(before)
        // The ledger says what happened: used on the order, then returned — never "earned" again.
        const ledger = await ok<{ items: { kind: string; delta: number }[] }>(run(pointsFn, 'ledger', {}))
        expect(ledger.items.slice(0, 2).map((e) => [e.kind, e.delta])).toEqual([
          ['return', order.pointsUsed],
          ['spend', -order.pointsUsed],
        ])
        await invariantHolds()
      })

      it('lets 100 concurrent orders spend a balance that covers 10 of them exactly 10 times', async () => {
        await store.commitPointsChange({
          memberId: 'v1',
          expectedVersion: 0,
          key: 'seed-grant',
          account: {
            memberId: 'v1',
            available: 1000,
            pending: 0,
            debt: 0,
            lastCheckInDay: null,
            streak: 0,
            postRewardDay: null,
            postRewardsToday: 0,
          },
          lots: [
            {
              id: 'seed-grant',
              memberId: 'v1',
              source: 'adjustment',
              ref: 'seed',
              amount: 1000,
              remaining: 1000,
              grantedAt: T0,
              expiresAt: T0 + 365 * DAY,
              status: 'available',
            },
          ],
          entries: [{ id: 'seed-grant', memberId: 'v1', kind: 'grant', source: 'adjustment', ref: 'seed', delta: 1000, at: T0, note: '' }],
        })
        const items = [{ skuId: 'p3-s1', quantity: 1 }]
        const q = await ok<QuoteView>(run(orderFn, 'quote', { items, usePoints: 100 }))
        const results = await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            run(orderFn, 'create', {
              requestId: `spend-${String(i).padStart(4, '0')}`,
              items,
              address,
              usePoints: 100,
              expectedPayable: q.payable,
            }),
          ),
        )
        const placed = results.filter((r) => r.ok)
        expect(placed).toHaveLength(10)
        expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['POINTS_CHANGED', 'PRICE_CHANGED', 'BUSY'].includes(r.code))).toBe(true)
        expect((await balance()).available).toBe(0)
        await invariantHolds()
      })
    })

    describe('expiry, reversal and debt', () => {
      it('expires a lot at the end of its 12th month and records it in the ledger', async () => {
        await ok(run(pointsFn, 'checkIn'))
        clock.advance(200 * DAY)
        expect(await balance()).toMatchObject({ available: 5, expiringSoon: { points: 0 } })
        clock.advance(150 * DAY)
        expect((await balance()).expiringSoon.points).toBe(5)
        clock.advance(30 * DAY)
        // Expired at its instant: the balance says so before the expiry job has swept the lot.
        expect(await balance()).toMatchObject({ available: 0, expiringSoon: { points: 0 } })
        expect(await job('pointsExpiry')).toEqual({ lots: 1, points: 5, done: true })
        expect(await job('pointsExpiry')).toEqual({ lots: 0, points: 0, done: true })
        expect((await balance()).available).toBe(0)
        const ledger = await ok<{ items: { kind: string; delta: number }[] }>(run(pointsFn, 'ledger', {}))
        expect(ledger.items.map((e) => [e.kind, e.delta])).toEqual([
          ['expire', -5],
          ['grant', 5],
        ])
        await invariantHolds()
      })

      it('turns a reversal the balance cannot cover into a debt that the next grant repays', async () => {
        await ok(run(pointsFn, 'checkIn'))
        await reversePoints(store, 'v1', 'adjust:1', 12, '运营更正', clock.now())
        expect(await balance()).toMatchObject({ available: 0, debt: 7 })
        await reversePoints(store, 'v1', 'adjust:1', 12, '运营更正', clock.now())
        expect((await balance()).debt).toBe(7)
        clock.advance(DAY)
        await ok(run(pointsFn, 'checkIn'))
        expect(await balance()).toMatchObject({ available: 0, debt: 2 })
        clock.advance(DAY)
        await ok(run(pointsFn, 'checkIn'))
        expect(await balance()).toMatchObject({ available: 5, debt: 0 })
        await invariantHolds()
      })
    })

    describe('bad input', () => {
      it.each([
        ['checkIn', { points: 100 }],
        ['checkIn', { memberId: 'v4' }],
        ['ledger', { pageSize: 0 }],
        ['ledger', { page: 'last' }],
        ['balance', { x: 1 }],
      ])('%s rejects %j and changes nothing', async (action, data) => {
        const before = await store.findPoints('v1')
        expect(await run(pointsFn, action, data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
        expect(await store.findPoints('v1')).toEqual(before)
      })

      it('refuses a signed-out caller but shows the rules to anyone', async () => {
        expect(await run(pointsFn, 'checkIn', {}, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
        const rules = await ok<{ sections: { title: string; lines: string[] }[] }>(run(pointsFn, 'rules', {}, null))
        expect(rules.sections.map((s) => s.title)).toEqual(['怎么获得', '怎么使用', '有效期'])
        expect(rules.sections.flatMap((s) => s.lines).join('')).toContain(
          '分享、关注、点赞、收藏、评论、邀请好友都不送积分，被关注、点赞、收藏或评论也不送；认证达人也不附带积分或佣金',
        )
      })
    })
  })
}
