import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, GroupBuyCard, GroupBuyDetail, OrderView, Page, PaymentRequest, TeamView } from '../../types/api'
import { groupBuyProblems } from '../../cloudfunctions/src/app/groupbuy'
import { runGroupBuys } from '../../cloudfunctions/src/app/groupbuy-outcomes'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, groupBuyDoc as campaign, member, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const HOUR = 3_600_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

type Answer = { team: TeamView; order: OrderView; payment: PaymentRequest | null }

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`group-buy over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(FUNCTIONS.groupbuy, { action, data }, { store, pay, now: clock.now(), memberId })
    const other = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function refused(promise: ReturnType<typeof call>, code: string) {
      const result = await promise
      expect(result.ok ? 'ok' : result.code).toBe(code)
    }
    let requests = 0
    const requestId = () => `request-${String((requests += 1)).padStart(4, '0')}`
    const openTeam = (memberId = 'v1', extra: Record<string, unknown> = {}) =>
      ok<Answer>(
        call('open', { campaignId: 'gb1', skuId: 'p1-s1', requestId: requestId(), address, expectedPayable: 9_900, ...extra }, memberId),
      )
    const join = (teamId: string, memberId: string, extra: Record<string, unknown> = {}) =>
      call('join', { teamId, skuId: 'p1-s1', requestId: requestId(), address, expectedPayable: 9_900, ...extra }, memberId)
    const team = (id: string) => ok<TeamView>(call('team', { teamId: id }))
    const stock = async () => (await store.findSkus(['p1-s1']))[0].stock

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      for (const id of ['m1', 'm2', 'm3']) await saveMember(store, member(id))
      await store.putGroupBuy(campaign())
    })

    it('lists live campaigns with the team price and open teams, for everyone', async () => {
      const list = await ok<Page<GroupBuyCard>>(call('list', {}, null))
      expect(list.items).toEqual([
        expect.objectContaining({ id: 'gb1', productId: 'p1', price: 12_800, teamPrice: 9_900, teamSize: 2, stockLeft: 10, openTeams: 0 }),
      ])
      expect((await ok<Page<GroupBuyCard>>(call('list', { productId: 'p3' }, null))).total).toBe(0)
      await store.putGroupBuy(campaign({ id: 'gb-off', enabled: false }))
      await store.putGroupBuy(campaign({ id: 'gb-later', startAt: T0 + HOUR }))
      expect((await ok<Page<GroupBuyCard>>(call('list', {}, null))).items.map((c) => c.id)).toEqual(['gb1'])
    })

    it('ignores and reports a broken campaign document, and clamps what is out of range', async () => {
      await store.putGroupBuy({
        id: 'gb-bad',
        productId: 'p1',
        skus: [{ skuId: 'p1-s1', teamPrice: -1 }],
        startAt: T0,
        endAt: T0 + HOUR,
        enabled: true,
      })
      await store.putGroupBuy({ ...campaign({ id: 'gb-big' }), teamSize: 50, perMemberLimit: 0, allowJoinOwnTeam: true })
      const problems = await groupBuyProblems(store)
      expect(problems.some((p) => p.includes('gb-bad'))).toBe(true)
      expect(problems.filter((p) => p.includes('gb-big'))).toHaveLength(3)
      const ids = (await ok<Page<GroupBuyCard>>(call('list', {}, null))).items.map((c) => [c.id, c.teamSize])
      expect(ids).toEqual([
        ['gb-big', 10],
        ['gb1', 2],
      ])
    })

    it('opens a team with the leader paying, then a friend completes it; the orders wait for success to ship', async () => {
      const opened = await openTeam()
      expect(opened.team).toMatchObject({ status: 'opening', size: 2, seatsLeft: 1, viewer: { seat: 'held', canJoin: false } })
      expect(opened.order).toMatchObject({ payable: 9_900, shipping: 0, status: 'created' })
      expect(opened.payment).toEqual({ provider: 'local', orderId: opened.order.id, amount: 9_900 })
      // No one joins before the leader has paid.
      await refused(join(opened.team.id, 'v4'), 'TEAM_CLOSED')
      await pay.pay(opened.order.id, false)
      const forming = await team(opened.team.id)
      expect(forming).toMatchObject({
        status: 'forming',
        expiresAt: T0 + 24 * HOUR,
        seats: [{ nickname: '会员v1', leader: true, status: 'paid' }],
      })
      await refused(
        other('order', 'ship', { orderId: opened.order.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }, 'brand'),
        'TEAM_FORMING',
      )
      await refused(other('order', 'requestRefund', { orderId: opened.order.id, reason: '不想要了' }, 'v1'), 'TEAM_FORMING')

      const joined = await ok<Answer>(join(opened.team.id, 'v4'))
      expect(joined.team).toMatchObject({ status: 'forming', seatsLeft: 0, viewer: { seat: 'held' } })
      await pay.pay(joined.order.id, false)
      const done = await team(opened.team.id)
      expect(done).toMatchObject({ status: 'succeeded', succeededAt: T0, seatsLeft: 0 })
      expect(done.seats.map((s) => [s.nickname, s.status])).toEqual([
        ['会员v1', 'paid'],
        ['会员v4', 'paid'],
      ])
      expect(JSON.stringify(done)).not.toContain(address.phone)
      await ok(other('order', 'ship', { orderId: joined.order.id, carrier: '顺丰速运', trackingNo: 'SF123456789100' }, 'brand'))
      expect(await store.seatsTaken('gb1')).toBe(2)
    })

    it('refuses joining one own team, twice, or a full team, with clear codes', async () => {
      const opened = await openTeam()
      await pay.pay(opened.order.id, false)
      await refused(join(opened.team.id, 'v1'), 'OWN_TEAM')
      await ok(join(opened.team.id, 'v4'))
      await refused(join(opened.team.id, 'v4'), 'ALREADY_IN_TEAM')
      const full = await join(opened.team.id, 'm1')
      expect(full).toMatchObject({ ok: false, code: 'TEAM_FULL' })
      expect(full.ok ? '' : full.message).toContain('满员')
    })

    it('releases a seat whose order lapses unpaid, so someone else can take it', async () => {
      const opened = await openTeam()
      await pay.pay(opened.order.id, false)
      const late = await ok<Answer>(join(opened.team.id, 'v4'))
      await refused(join(opened.team.id, 'm1'), 'TEAM_FULL')
      clock.advance(15 * 60_000)
      const taken = await ok<Answer>(join(opened.team.id, 'm1'))
      expect(taken.team.seats.map((s) => s.nickname)).toEqual(['会员v1', '会员m1'])
      // The lapsed order cannot be paid any more: its payment is refused and refunded.
      expect((await pay.pay(late.order.id, false))?.outcome).toBe('refused')
      expect((await team(opened.team.id)).seats).toHaveLength(2)
    })

    it('fails a team whose time runs out and refunds every paid member once, even when the job runs twice', async () => {
      const opened = await openTeam()
      await pay.pay(opened.order.id, false)
      await store.putGroupBuy(campaign({ teamSize: 3 }))
      const stockBefore = await stock()
      clock.advance(24 * HOUR - 1)
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 0, refunded: 0 })
      clock.advance(1)
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 1, refunded: 1 })
      expect(await runGroupBuys(store, pay, clock.now())).toMatchObject({ failed: 0, refunded: 0 })
      const failed = await team(opened.team.id)
      expect(failed).toMatchObject({ status: 'failed', seats: [{ status: 'refunded' }] })
      const order = await ok<OrderView>(other('order', 'detail', { orderId: opened.order.id }, 'v1'))
      expect(order).toMatchObject({ status: 'closed', refundedAmount: 9_900 })
      expect(await store.listRefunds(opened.order.id)).toHaveLength(1)
      expect(await stock()).toBe(stockBefore + 1)
      expect(await store.seatsTaken('gb1')).toBe(0)
    })

    it('refunds a payment that arrives for a team that already failed', async () => {
      await store.putGroupBuy(campaign({ teamSize: 3 }))
      const opened = await openTeam()
      await pay.pay(opened.order.id, false)
      clock.advance(24 * HOUR - 5 * 60_000)
      const late = await ok<Answer>(join(opened.team.id, 'v4'))
      clock.advance(5 * 60_000)
      await runGroupBuys(store, pay, clock.now())
      // The joiner pays inside their payment window, after the team failed.
      clock.advance(60_000)
      expect((await pay.pay(late.order.id, false))?.outcome).toBe('paid')
      const order = await ok<OrderView>(other('order', 'detail', { orderId: late.order.id }, 'v4'))
      expect(order).toMatchObject({ status: 'closed', refundedAmount: 9_900 })
      await runGroupBuys(store, pay, clock.now())
      expect(await store.listRefunds(late.order.id)).toHaveLength(1)
    })

    it('cancels a team whose leader never pays, and gives the seat back', async () => {
      const opened = await openTeam()
      await ok(other('order', 'cancel', { orderId: opened.order.id }, 'v1'))
      await runGroupBuys(store, pay, clock.now())
      expect((await team(opened.team.id)).status).toBe('cancelled')
      expect(await store.seatsTaken('gb1')).toBe(0)
    })

    it('holds each member to the per-member limit and the campaign to its stock, a new team taking all its seats', async () => {
      await store.putGroupBuy(campaign({ perMemberLimit: 1, stock: 5 }))
      await openTeam('v1')
      await refused(
        call('open', { campaignId: 'gb1', skuId: 'p1-s1', requestId: requestId(), address, expectedPayable: 9_900 }, 'v1'),
        'GROUPBUY_LIMIT',
      )
      const second = await openTeam('v4')
      expect(await store.seatsTaken('gb1')).toBe(4)
      // One seat left: too few for a new team of 2, still enough to join one.
      expect(await ok<GroupBuyDetail>(call('detail', { id: 'gb1' }, 'm1'))).toMatchObject({
        stockLeft: 1,
        canOpen: false,
        refusal: '剩余名额不够开一个新团，可以参加正在拼的团',
      })
      await refused(
        call('open', { campaignId: 'gb1', skuId: 'p1-s1', requestId: requestId(), address, expectedPayable: 9_900 }, 'm1'),
        'GROUPBUY_SOLD_OUT',
      )
      await pay.pay(second.order.id, false)
      await ok(join(second.team.id, 'm1'))
      expect(await store.seatsTaken('gb1')).toBe(4)
      await store.putGroupBuy(campaign({ perMemberLimit: 1, stock: 4 }))
      const detail = await ok<GroupBuyDetail>(call('detail', { id: 'gb1' }, 'koc'))
      expect(detail).toMatchObject({ stockLeft: 0, canOpen: false, refusal: '拼团名额已抢完' })
    })

    it('answers a retried request with the first seat and order', async () => {
      const data = { campaignId: 'gb1', skuId: 'p1-s1', requestId: 'retry-000001', address, expectedPayable: 9_900 }
      const first = await ok<Answer>(call('open', data))
      const again = await ok<Answer>(call('open', data))
      expect(again.order.id).toBe(first.order.id)
      expect(again.team.id).toBe(first.team.id)
      expect(await store.seatsTaken('gb1')).toBe(2)
    })

    it('records the result message opt-in and queues one message per opt-in', async () => {
      const opened = await openTeam('v1', { subscribe: true })
      await pay.pay(opened.order.id, false)
      const joined = await ok<Answer>(join(opened.team.id, 'v4', { subscribe: true }))
      await pay.pay(joined.order.id, false)
      await runGroupBuys(store, pay, clock.now())
      const messages = (await store.listMessages(0, 10)).items
      expect(messages.map((m) => [m.memberId, m.data.result]).sort()).toEqual([
        ['v1', '拼团成功'],
        ['v4', '拼团成功'],
      ])
    })

    it('refuses bad requests and changes nothing', async () => {
      const base = { campaignId: 'gb1', skuId: 'p1-s1', requestId: 'bad-request-01', address, expectedPayable: 9_900 }
      await refused(call('open', base, null), 'UNAUTHENTICATED')
      await refused(call('open', { ...base, expectedPayable: 100 }), 'PRICE_CHANGED')
      await refused(call('open', { ...base, skuId: 'p1-s2' }), 'SKU_NOT_FOUND')
      await refused(call('open', { ...base, skuId: 'p3-s1' }), 'SKU_NOT_FOUND')
      await refused(call('open', { ...base, campaignId: 'nope' }), 'GROUPBUY_NOT_FOUND')
      await refused(call('open', { ...base, requestId: 'x' }), 'INVALID_PAYLOAD')
      await refused(call('open', { ...base, memberId: 'v4' }), 'INVALID_PAYLOAD')
      await refused(call('open', { ...base, address: { ...address, phone: '123' } }), 'INVALID_PAYLOAD')
      await refused(call('open', { ...base, expectedPayable: -1 }), 'INVALID_PAYLOAD')
      await refused(
        call('join', { skuId: 'p1-s1', requestId: 'bad-request-02', address, expectedPayable: 9_900, teamId: 'nope' }),
        'TEAM_NOT_FOUND',
      )
      await refused(call('team', { teamId: '../etc' }), 'TEAM_NOT_FOUND')
      await refused(call('team', { teamId: 7 }), 'INVALID_PAYLOAD')
      await refused(call('team', { teamId: 'nope' }), 'TEAM_NOT_FOUND')
      await refused(call('detail', { id: 'nope' }), 'GROUPBUY_NOT_FOUND')
      await refused(call('mine', {}, null), 'UNAUTHENTICATED')
      await store.putGroupBuy(campaign({ endAt: T0 }))
      await refused(call('open', base), 'GROUPBUY_CLOSED')
      expect(await store.seatsTaken('gb1')).toBe(0)
      expect((await ok<Page<TeamView>>(call('mine', {}))).total).toBe(0)
    })

    it('gives the invite poster a QR that opens the team', async () => {
      const opened = await openTeam()
      const plain = await team(opened.team.id)
      expect(plain.qr).toBeUndefined()
      const withQr = await ok<TeamView>(call('team', { teamId: opened.team.id, poster: true }))
      expect(withQr.qr).toEqual({ kind: 'path', path: `/packages/groupbuy/team/index?teamId=${opened.team.id}&campaignId=gb1&sc=VONE2345` })
      expect(opened.team.id.length).toBeLessThanOrEqual(32)
      await refused(call('team', { teamId: opened.team.id, poster: 'yes' }), 'INVALID_PAYLOAD')
    })

    it('shows the member their teams, newest first', async () => {
      const a = await openTeam('v1')
      await pay.pay(a.order.id, false)
      clock.advance(1000)
      const b = await openTeam('v4')
      await pay.pay(b.order.id, false)
      await ok(join(b.team.id, 'v1'))
      const mine = await ok<Page<TeamView>>(call('mine', {}))
      expect(mine.items.map((t) => [t.id, t.viewer.seat])).toEqual([
        [b.team.id, 'held'],
        [a.team.id, 'paid'],
      ])
    })
  })
}
