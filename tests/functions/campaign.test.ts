import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../types/domain'
import type {
  CampaignAdminView,
  CampaignView,
  CheckInStatus,
  GroupBuyAdminView,
  GroupBuyCard,
  OrderView,
  Page,
  QuoteView,
} from '../../types/api'
import type { FunctionName } from '../../types/api'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, groupBuyDoc as groupBuy, member, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { multiplierOf } from '../../cloudfunctions/src/app/points'
import { purchasePoints } from '../../cloudfunctions/src/core/points'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (iso: string) => Date.parse(`${iso}+08:00`)
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

const pointsDay = (overrides: Record<string, unknown> = {}) => ({
  id: 'double-points',
  type: 'points_multiplier',
  title: '双倍积分日',
  enabled: true,
  startAt: at('2026-11-20T00:00:00'),
  endAt: at('2026-11-21T00:00:00'),
  params: { multiplier: 2 },
  ...overrides,
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`campaigns over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const run = (action: string, data: unknown = {}, memberId: string | null = 'brand') => call('campaign', action, data, memberId)
    async function ok<T>(promise: ReturnType<typeof run>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    async function refused(promise: ReturnType<typeof run>, code: string) {
      const result = await promise
      expect(result.ok ? 'ok' : result.code).toBe(code)
    }
    const active = (memberId: string | null = 'v1') => ok<CampaignView[]>(run('active', {}, memberId))

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
    })

    it('creates, shows in force, disables and re-enables a campaign, each change in the audit log', async () => {
      const created = await ok<CampaignAdminView>(run('create', pointsDay()))
      expect(created).toMatchObject({
        id: 'double-points',
        inForce: true,
        problems: [],
        campaign: { params: { type: 'points_multiplier', multiplier: 2 } },
      })
      expect((await active()).map((c) => c.id)).toEqual(['double-points'])
      await ok(run('disable', { id: 'double-points' }))
      expect(await active()).toEqual([])
      await ok(run('enable', { id: 'double-points' }))
      expect((await active()).map((c) => c.id)).toEqual(['double-points'])
      const log = await ok<Page<AuditEntry>>(run('audit', {}))
      expect(log.items.map((e) => [e.action, e.actor, e.target])).toEqual([
        ['enable', 'brand', 'double-points'],
        ['disable', 'brand', 'double-points'],
        ['create', 'brand', 'double-points'],
      ])
      expect(log.items[1].before).toMatchObject({ enabled: true })
      expect(log.items[1].after).toMatchObject({ enabled: false })
      await refused(run('create', pointsDay()), 'CAMPAIGN_EXISTS')
    })

    it('starts and ends exactly on its Shanghai schedule', async () => {
      await ok(run('create', pointsDay()))
      await ok(run('schedule', { id: 'double-points', startAt: at('2026-11-25T10:00:00'), endAt: at('2026-11-25T12:00:00') }))
      const at1 = (iso: string) => {
        clock = new SteppedClock(at(iso))
        pay = new LocalPayProvider(store, clock)
      }
      for (const [iso, expected] of [
        ['2026-11-25T09:59:59.999', 0],
        ['2026-11-25T10:00:00', 1],
        ['2026-11-25T11:59:59.999', 1],
        ['2026-11-25T12:00:00', 0],
      ] as const) {
        at1(iso)
        expect((await active()).length, iso).toBe(expected)
      }
      await refused(
        run('schedule', { id: 'double-points', startAt: at('2026-11-25T12:00:00'), endAt: at('2026-11-25T10:00:00') }),
        'INVALID_PAYLOAD',
      )
      await refused(run('schedule', { id: 'nope', startAt: 1, endAt: 2 }), 'CAMPAIGN_NOT_FOUND')
    })

    it('clamps out-of-range values to their hard caps and says so, and refuses unusable documents', async () => {
      const loud = await ok<CampaignAdminView>(run('create', pointsDay({ params: { multiplier: 50 } })))
      expect(loud.campaign?.params).toEqual({ type: 'points_multiplier', multiplier: 5 })
      expect(loud.problems.join()).toContain('已按 5 执行')
      const bonus = await ok<CampaignAdminView>(
        run('create', pointsDay({ id: 'bonus', type: 'checkin_bonus', params: { bonusPoints: 100_000 } })),
      )
      expect(bonus.campaign?.params).toEqual({ type: 'checkin_bonus', bonusPoints: 100 })
      const flash = await ok<CampaignAdminView>(
        run(
          'create',
          pointsDay({
            id: 'flash',
            type: 'flash_price',
            params: { productId: 'p1', skus: [{ skuId: 'p1-s1', price: 1 }], stock: 10_000_000 },
          }),
        ),
      )
      expect(flash.campaign?.params).toMatchObject({ stock: 100_000 })
      const fresh = await ok<CampaignAdminView>(
        run('create', pointsDay({ id: 'fresh', type: 'new_member', params: { joinedWithinDays: 365, amountOff: 99_999, minSpend: 0 } })),
      )
      expect(fresh.campaign?.params).toEqual({ type: 'new_member', joinedWithinDays: 90, amountOff: 5_000, minSpend: 0 })
      for (const hostile of [
        pointsDay({ id: 'h1', params: { multiplier: 'lots' } }),
        pointsDay({ id: 'h2', params: {} }),
        pointsDay({ id: 'h3', type: 'flash_price', params: { productId: 'p1', skus: [{ skuId: 'p1-s1', price: -5 }], stock: 1 } }),
        pointsDay({ id: 'h4', type: 'flash_price', params: { productId: 'p1', skus: [], stock: 1 } }),
        pointsDay({ id: 'h5', type: 'groupbuy', params: { groupBuyId: '../../x' } }),
        pointsDay({ id: 'h6', type: 'checkin_bonus', params: { bonusPoints: 1.5 } }),
        pointsDay({ id: 'h7', type: 'new_member', params: { joinedWithinDays: 7 } }),
      ]) {
        await refused(run('create', hostile), 'CAMPAIGN_INVALID')
      }
      await refused(run('create', pointsDay({ id: 'h8', type: 'lottery' })), 'INVALID_PAYLOAD')
      await refused(run('create', pointsDay({ id: 'h9', audience: { tiers: [6] } })), 'INVALID_PAYLOAD')
      await refused(run('create', { ...pointsDay({ id: 'h10' }), ...JSON.parse('{"__proto__": { "admin": true }}') }), 'INVALID_PAYLOAD')
      await refused(run('create', pointsDay({ id: 'h11', params: JSON.parse('{"__proto__": { "multiplier": 5 }}') })), 'INVALID_PAYLOAD')
      expect((await ok<{ campaigns: CampaignAdminView[] }>(run('list'))).campaigns.map((c) => c.id).sort()).toEqual([
        'bonus',
        'double-points',
        'flash',
        'fresh',
      ])
    })

    it('ignores and reports a hostile document edited in the console, and keeps serving the others', async () => {
      await ok(run('create', pointsDay()))
      await store.putCampaign({
        id: 'console-mess',
        type: 'points_multiplier',
        enabled: true,
        startAt: 'soon',
        endAt: null,
        params: { multiplier: 1e9 },
      })
      await store.putCampaign({
        id: 'console-big',
        type: 'points_multiplier',
        enabled: true,
        startAt: T0 - HOUR,
        endAt: T0 + HOUR,
        params: { multiplier: 1e9 },
      })
      const list = await ok<{ campaigns: CampaignAdminView[] }>(run('list'))
      expect(list.campaigns.find((c) => c.id === 'console-mess')).toMatchObject({ campaign: null, inForce: false })
      expect(list.campaigns.find((c) => c.id === 'console-big')?.campaign?.params).toEqual({ type: 'points_multiplier', multiplier: 5 })
      clock.advance(60_000)
      expect((await active()).map((c) => c.id).sort()).toEqual(['console-big', 'double-points'])
    })

    it('shows a campaign only to its audience', async () => {
      await ok(run('create', pointsDay({ audience: { tiers: [4, 5] } })))
      expect(await active('v1')).toEqual([])
      expect((await active('v4')).map((c) => c.id)).toEqual(['double-points'])
      expect(await active(null)).toEqual([])
      await ok(run('update', pointsDay({ audience: { tags: ['rfm:champion'] } })))
      // No member carries the tag yet: a tag audience reaches no one.
      expect(await active('v4')).toEqual([])
      // The segments job tags members from their purchases: five orders of ¥256 in the last month.
      for (let i = 0; i < 5; i += 1) {
        const items = [{ skuId: 'p1-s1', quantity: 2 }]
        const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v4'))
        const { order } = await ok<{ order: OrderView }>(
          call('order', 'create', { requestId: `champion-${i}-0000`, items, address, expectedPayable: q.payable }, 'v4'),
        )
        await pay.pay(order.id, false)
      }
      expect(await JOBS.find((j) => j.name === 'memberTags')!.run(store, clock.now(), pay)).toMatchObject({ members: 3 })
      expect(await store.findMemberTags('v4')).toEqual(['rfm:r3', 'rfm:f3', 'rfm:m3', 'rfm:champion', 'new'])
      expect((await active('v4')).map((c) => c.id)).toEqual(['double-points'])
      expect(await active('v1')).toEqual([])
    })

    it('stops everything with the kill switch, group-buys included, until it is switched off', async () => {
      await ok(run('create', pointsDay()))
      await store.putGroupBuy(groupBuy())
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(1)
      expect(await ok(run('killSwitch', { on: true }))).toEqual({ killSwitch: true })
      expect(await active()).toEqual([])
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(0)
      expect(
        await call(
          'groupbuy',
          'open',
          { campaignId: 'gb1', skuId: 'p1-s1', requestId: 'kill-000001', address, expectedPayable: 9_900 },
          'v1',
        ),
      ).toMatchObject({ ok: false, code: 'GROUPBUY_CLOSED' })
      expect((await ok<{ killSwitch: boolean; campaigns: CampaignAdminView[] }>(run('list'))).campaigns[0]).toMatchObject({
        inForce: false,
      })
      await ok(run('killSwitch', { on: false }))
      expect((await active()).length).toBe(1)
      expect((await ok<Page<AuditEntry>>(run('audit', {}))).items.map((e) => e.action).slice(0, 2)).toEqual([
        'killSwitch:off',
        'killSwitch:on',
      ])
    })

    it('runs a group-buy wrapped in a groupbuy campaign only while that campaign is in force', async () => {
      await store.putGroupBuy(groupBuy())
      await ok(run('create', pointsDay({ id: 'gb-week', type: 'groupbuy', params: { groupBuyId: 'gb1' } })))
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(1)
      await ok(run('disable', { id: 'gb-week' }))
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(0)
      expect(await call('groupbuy', 'detail', { id: 'gb1' }, 'v1')).toMatchObject({ ok: false, code: 'GROUPBUY_CLOSED' })
      await ok(run('enable', { id: 'gb-week' }))
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(1)
    })

    it('gives a group-buy one end everywhere: the earlier of its own and its wrapping campaign’s', async () => {
      await store.putGroupBuy(groupBuy())
      const campaignEnd = T0 + 3 * DAY
      await ok(run('create', pointsDay({ id: 'gb-week', type: 'groupbuy', endAt: campaignEnd, params: { groupBuyId: 'gb1' } })))
      const card = (await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).items[0]
      const strip = (await active()).find((c) => c.id === 'gb-week')
      expect(card.endAt).toBe(campaignEnd)
      expect(strip?.endAt).toBe(campaignEnd)
      const staff = (await ok<{ groupBuys: GroupBuyAdminView[] }>(run('list'))).groupBuys
      expect(staff).toEqual([expect.objectContaining({ id: 'gb1', endAt: campaignEnd, live: true, campaignIds: ['gb-week'] })])
      // A campaign running longer than the group-buy shows the group-buy's end.
      await ok(run('schedule', { id: 'gb-week', startAt: T0 - HOUR, endAt: T0 + 60 * DAY }))
      expect((await active()).find((c) => c.id === 'gb-week')?.endAt).toBe(groupBuy().endAt)
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).items[0].endAt).toBe(groupBuy().endAt)
    })

    it('shows staff a live group-buy no campaign wraps, and lets them switch it off and on, audited', async () => {
      await store.putGroupBuy(groupBuy())
      const listed = await ok<{ campaigns: CampaignAdminView[]; groupBuys: GroupBuyAdminView[] }>(run('list'))
      expect(listed.campaigns).toEqual([])
      expect(listed.groupBuys).toEqual([
        expect.objectContaining({ id: 'gb1', title: '龙井两人团', enabled: true, live: true, campaignIds: [], problems: [] }),
      ])
      expect(await ok<GroupBuyAdminView>(run('switchGroupBuy', { id: 'gb1', enabled: false }))).toMatchObject({
        enabled: false,
        live: false,
      })
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(0)
      expect(await call('groupbuy', 'detail', { id: 'gb1' }, 'v1')).toMatchObject({ ok: false, code: 'GROUPBUY_CLOSED' })
      // Switching to where it already is writes nothing more.
      await ok(run('switchGroupBuy', { id: 'gb1', enabled: false }))
      expect(await ok<GroupBuyAdminView>(run('switchGroupBuy', { id: 'gb1', enabled: true }))).toMatchObject({ enabled: true, live: true })
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(1)
      const audit = (await ok<Page<AuditEntry>>(run('audit', {}))).items
      expect(audit.map((e) => [e.action, e.target, e.actor])).toEqual([
        ['groupbuy:enable', 'gb1', 'brand'],
        ['groupbuy:disable', 'gb1', 'brand'],
      ])
      expect(await run('switchGroupBuy', { id: 'nope', enabled: false })).toMatchObject({ ok: false, code: 'GROUPBUY_NOT_FOUND' })
      expect(await run('switchGroupBuy', { id: 'gb1', enabled: 'no' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('switchGroupBuy', { id: 'gb1', enabled: false }, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect((await ok<Page<GroupBuyCard>>(call('groupbuy', 'list', {}, null))).total).toBe(1)
    })

    it('sells at a flash price within its allotment, never below the cost floor, and gives units back on cancellation', async () => {
      const flash = (price: number, stock: number) =>
        pointsDay({
          id: 'flash',
          type: 'flash_price',
          title: '龙井限时价',
          params: { productId: 'p1', skus: [{ skuId: 'p1-s1', price }], stock },
        })
      const created = await ok<CampaignAdminView>(run('create', flash(1, 2)))
      // The clamp is reported like every other, and every list shows the price that will be charged.
      expect(created.problems).toEqual(['活动 龙井限时价：p1-s1 限时价 ¥0.01 低于成本底线（标价的 30%），已按 ¥38.40 执行'])
      expect((await ok<{ campaigns: CampaignAdminView[] }>(run('list'))).campaigns[0].problems).toEqual(created.problems)
      expect((await active()).find((c) => c.id === 'flash')?.params).toMatchObject({ skus: [{ skuId: 'p1-s1', price: 3_840 }] })
      const items = [{ skuId: 'p1-s1', quantity: 2 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      // ¥1 asked, but never below 30% of the ¥128 list price.
      expect(q.lines[0]).toMatchObject({ memberUnitPrice: 3_840, flash: { campaignId: 'flash', allotment: 2 } })
      expect(q.payable).toBe(2 * 3_840 + 800)
      const { order } = await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'flash-0000001', items, address, expectedPayable: q.payable }, 'v1'),
      )
      expect(await store.flashSold('flash')).toBe(2)
      // The allotment is used up: the next buyer sees the ordinary price.
      const after = await ok<QuoteView>(call('order', 'quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))
      expect(after.lines[0].flash).toBeUndefined()
      await ok(call('order', 'cancel', { orderId: order.id }, 'v1'))
      expect(await store.flashSold('flash')).toBe(0)
      const again = await ok<QuoteView>(call('order', 'quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v4'))
      expect(again.lines[0]).toMatchObject({ memberUnitPrice: 3_840 })
    })

    it('never sells more flash-priced units than the allotment, however many buy at once', async () => {
      await ok(
        run(
          'create',
          pointsDay({ id: 'flash', type: 'flash_price', params: { productId: 'p3', skus: [{ skuId: 'p3-s1', price: 1_990 }], stock: 5 } }),
        ),
      )
      const items = [{ skuId: 'p3-s1', quantity: 1 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      expect(q.lines[0].memberUnitPrice).toBe(1_990)
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          call(
            'order',
            'create',
            { requestId: `flash-race-${String(i).padStart(4, '0')}`, items, address, expectedPayable: q.payable },
            i % 2 === 0 ? 'v1' : 'v4',
          ),
        ),
      )
      const placed = results.filter((r) => r.ok)
      expect(placed).toHaveLength(5)
      expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(Array(15).fill('PRICE_CHANGED'))
      expect(await store.flashSold('flash')).toBe(5)
      // The units that were not sold at the flash price stayed on the shelf.
      expect((await store.findSkus(['p3-s1']))[0].stock).toBe(100 - 5)
    })

    it('gives a new member the offer on one order at a time, gives it back on cancellation, and never to older members', async () => {
      // Members of the small shop joined at T0 (new); this one joined long ago.
      await saveMember(store, member('old1', 2, { createdAt: T0 - 100 * DAY }))
      await ok(
        run(
          'create',
          pointsDay({
            id: 'welcome',
            type: 'new_member',
            title: '新人礼',
            params: { joinedWithinDays: 30, amountOff: 2_000, minSpend: 5_000 },
          }),
        ),
      )
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      expect(q.offer).toEqual({ campaignId: 'welcome', title: '新人礼', amountOff: 2_000, minSpend: 5_000 })
      expect(q.couponDiscount).toBe(2_000)
      expect((await ok<QuoteView>(call('order', 'quote', { items }, 'old1'))).offer).toBeNull()
      expect((await ok<QuoteView>(call('order', 'quote', { items: [{ skuId: 'p3-s1', quantity: 1 }] }, 'v1'))).offer).toBeNull()
      // Two orders at once: only one takes the offer; the other is told the price changed.
      const racing = await Promise.all(
        ['welcome-0000001', 'welcome-0000002'].map((requestId) =>
          call('order', 'create', { requestId, items, address, expectedPayable: q.payable }, 'v1'),
        ),
      )
      expect(racing.filter((r) => r.ok)).toHaveLength(1)
      expect(racing.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(['PRICE_CHANGED'])
      const taken = (racing.find((r) => r.ok)!.data as { order: OrderView }).order
      expect(taken.couponDiscount).toBe(2_000)
      expect((await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))).offer).toBeNull()
      await ok(call('order', 'cancel', { orderId: taken.id }, 'v1'))
      expect((await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))).offer).toMatchObject({ campaignId: 'welcome' })
    })

    it('doubles the purchase points of orders paid inside a points day, and adds a check-in bonus', async () => {
      await ok(run('create', pointsDay()))
      await ok(run('create', pointsDay({ id: 'bonus', type: 'checkin_bonus', params: { bonusPoints: 7 } })))
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const q = await ok<QuoteView>(call('order', 'quote', { items }, 'v1'))
      const { order } = await ok<{ order: OrderView }>(
        call('order', 'create', { requestId: 'points-day-01', items, address, expectedPayable: q.payable }, 'v1'),
      )
      await pay.pay(order.id, false)
      await JOBS.find((j) => j.name === 'pointsFromOrders')!.run(store, clock.now(), pay)
      // ¥128 at 1 point per yuan for V1, doubled.
      expect((await store.findPoints('v1')).account.pending).toBe(256)
      const checked = await ok<CheckInStatus & { credited: number }>(call('points', 'checkIn', {}, 'v1'))
      expect(checked.credited).toBe(checked.todayPoints)
      // Where the number is shown, it is explained: the streak reward of the table plus the campaign's extra.
      expect(checked.todayBreakdown).toEqual({ streak: checked.bonusTable[0], bonus: { points: 7, title: '双倍积分日' } })
      expect(checked.todayPoints).toBe(checked.bonusTable[0] + 7)
      const plain = await ok<CheckInStatus>(call('points', 'checkInStatus', {}, 'v4'))
      expect(plain.todayPoints - 7).toBe(plain.bonusTable[0])
    })

    it('keeps the points day an order was paid in, though the switches are thrown before its points are credited', async () => {
      await ok(run('create', pointsDay({ params: { multiplier: 5 } })))
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const buy = async (requestId: string, memberId: string) => {
        const q = await ok<QuoteView>(call('order', 'quote', { items }, memberId))
        const { order } = await ok<{ order: OrderView }>(
          call('order', 'create', { requestId, items, address, expectedPayable: q.payable }, memberId),
        )
        await pay.pay(order.id, false)
        return order.id
      }
      await buy('paid-in-day-1', 'v1')
      await ok(run('killSwitch', { on: true }))
      const killedOrder = await buy('paid-killed-1', 'v4')
      await ok(run('disable', { id: 'double-points' }))
      await ok(run('killSwitch', { on: false }))
      await JOBS.find((j) => j.name === 'pointsFromOrders')!.run(store, clock.now(), pay)
      // ¥128 at V1's 1 point per yuan, ×5 as paid; the order paid while switched off earns its plain rate.
      expect((await store.findPoints('v1')).account.pending).toBe(640)
      const paidWhileKilled = (await store.findOrder(killedOrder))!.order
      const plain = purchasePoints(paidWhileKilled.lines[0].paidAmount, await multiplierOf(store, { tier: 4 }, clock.now()))
      expect((await store.findPoints('v4')).account.pending).toBe(plain)
    })

    it('keeps every operator action for operators, with typed errors', async () => {
      for (const [action, data] of [
        ['list', {}],
        ['create', pointsDay()],
        ['update', pointsDay()],
        ['enable', { id: 'double-points' }],
        ['disable', { id: 'double-points' }],
        ['schedule', { id: 'double-points', startAt: 1, endAt: 2 }],
        ['killSwitch', { on: true }],
        ['audit', {}],
      ] as const) {
        await refused(run(action, data, 'v1'), 'FORBIDDEN')
        await refused(run(action, data, null), 'UNAUTHENTICATED')
      }
      await refused(run('update', pointsDay({ id: 'nope' })), 'CAMPAIGN_NOT_FOUND')
      await refused(run('enable', { id: 'nope' }), 'CAMPAIGN_NOT_FOUND')
      await refused(run('killSwitch', { on: 'yes' }), 'INVALID_PAYLOAD')
      await refused(run('create', { ...pointsDay(), extra: 1 }), 'INVALID_PAYLOAD')
      await refused(run('active', { tier: 5 }, 'v1'), 'INVALID_PAYLOAD')
      expect(await store.listCampaigns()).toEqual([])
      expect((await store.listAudit(0, 10)).total).toBe(0)
    })
  })
}
