import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, OrderView, QuoteView, ShopReport } from '../../types/api'
import type { PointsLot } from '../../types/domain'
import { applyOrderEventsToCommissions } from '../../cloudfunctions/src/app/commissions'
import { groupBuyProblems } from '../../cloudfunctions/src/app/groupbuy'
import { channelGroup, shopReport } from '../../cloudfunctions/src/app/report'
import { RULES_VERSION } from '../../cloudfunctions/src/core/distribution'
import { reportHtml } from '../../cloudfunctions/src/local/report/html'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, groupBuyDoc, member, order as orderDoc, post, product, sku, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const DAY = 86_400_000
/** A Shanghai wall-clock time as an instant. */
const at = (iso: string) => Date.parse(`${iso}+08:00`)
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
const HOSTILE_TITLE = '<script>alert("x")</script>好物'
const HOSTILE_NICKNAME = '阿柚<img src=x onerror=alert(1)>'

describe('report channel groups', () => {
  it('folds share codes, posts and campaign links into one group each and WeChat scenes by kind', () => {
    expect(
      [
        'share:KOCCODE2',
        'post:post1',
        'campaign:c1',
        'scene:1007',
        'scene:1044',
        'scene:1047',
        'scene:1154',
        'scene:1089',
        'scene:9999',
        'direct',
      ].map((c) => channelGroup(c).key),
    ).toEqual([
      'share',
      'post',
      'campaign',
      'scene:chat',
      'scene:chat',
      'scene:qr',
      'scene:moments',
      'scene:recent',
      'scene:other',
      'direct',
    ])
  })
})

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`operator report over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const goTo = (iso: string) => clock.advance(at(iso) - clock.now())
    let entries = 0
    const touch = (memberId: string | null, fields: Record<string, unknown>) =>
      ok(
        call(
          'catalog',
          'touch',
          { entryId: `entry-${String((entries += 1)).padStart(4, '0')}`, path: '/pages/home/index', ...fields },
          memberId,
        ),
      )
    let requests = 0
    async function create(memberId: string, items: { skuId: string; quantity: number }[]): Promise<OrderView> {
      const q = await ok<QuoteView>(call('order', 'quote', { items }, memberId))
      const requestId = `request-${String((requests += 1)).padStart(4, '0')}`
      return (await ok<{ order: OrderView }>(call('order', 'create', { requestId, items, address, expectedPayable: q.payable }, memberId)))
        .order
    }
    async function buy(memberId: string, items: { skuId: string; quantity: number }[]): Promise<OrderView> {
      const order = await create(memberId, items)
      await pay.pay(order.id, false)
      return order
    }
    const report = (data: unknown = { from: '2026-11-20', to: '2026-11-22' }, memberId: string | null = 'brand') =>
      call('campaign', 'report', data, memberId)

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(at('2026-11-19T12:00:00'))
      pay = new LocalPayProvider(store, clock)
      await smallShop(store)
      await saveMember(store, member('koc', 3, { shareCode: 'KOCCODE2', nickname: HOSTILE_NICKNAME }))
      for (const id of ['m1', 'm2', 'm3']) await saveMember(store, member(id))
      await store.putPost(post('post-x', { title: HOSTILE_TITLE }))
      await store.addReaction('favourite', { postId: 'post-x', memberId: 'v1', at: clock.now() })
      // Two comments on post-x; only the one content security passed counts.
      await ok(call('post', 'comment', { postId: 'post-x', text: '收到了，很好喝', requestId: 'report-c1' }, 'm1'))
      await ok(call('post', 'comment', { postId: 'post-x', text: '加微信私聊返现', requestId: 'report-c2' }, 'm2'))
      await store.putGroupBuy(groupBuyDoc({ startAt: at('2026-11-19T00:00:00') }))
      await ok(call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, 'koc'))
      await ok(call('distribution', 'approve', { memberId: 'koc' }, 'brand'))
    })

    /**
     * Three report days, 20–22 Nov (Shanghai), with a day either side that must not count. Each order's
     * payable is worked out by hand: V1 pays list price and ¥8 shipping under ¥99; V4 pays 92% (half up
     * to the fen), shipping free from ¥49; a team seat is ¥99 without shipping.
     */
    /** Opens a post's page as the member, or signed out as the device with that key. */
    const view = async (memberId: string | null, id: string, visitor?: string) =>
      ok(call('catalog', 'post', visitor ? { id, visitor } : { id }, memberId))

    async function shopDays(): Promise<void> {
      // 19 Nov: a visit, a view and a paid order before the range.
      await touch('m1', { scene: 1047 })
      await view('v1', 'post1')
      await buy('v4', [{ skuId: 'p4-s1', quantity: 1 }])

      goTo('2026-11-20T12:00:00')
      await touch('v1', { scene: 1007, shareCode: 'KOCCODE2', productId: 'p1' })
      await touch('v4', { scene: 1154, postId: 'post1' })
      await touch(null, { scene: 1007 })
      await touch(null, { scene: 1007 })
      await touch('m1', { scene: 1047 })
      await touch('m2', { scene: 1007, postId: 'post-x', campaignId: 'cmp-points' })
      // Views: v4 opens post1 twice (one view that day), a signed-out device once, m2 post-x; a
      // signed-out opening without a device key is not counted.
      await view('v4', 'post1')
      await view('v4', 'post1')
      await view(null, 'post1', 'device-0001')
      await view(null, 'post1')
      await view('m2', 'post-x')
      clock.advance(60_000)
      // O1, through the distributor's share: ¥128 + 2 × ¥29.90, free shipping.
      expect(
        (
          await buy('v1', [
            { skuId: 'p1-s1', quantity: 1 },
            { skuId: 'p3-s1', quantity: 2 },
          ])
        ).payable,
      ).toBe(18_780)
      // O3, from a QR code: ¥29.90 + ¥8 shipping.
      expect((await buy('m1', [{ skuId: 'p3-s1', quantity: 1 }])).payable).toBe(3_790)
      // Cancelled unpaid: never counts.
      const cancelled = await create('m1', [{ skuId: 'p4-s1', quantity: 1 }])
      await ok(call('order', 'cancel', { orderId: cancelled.id }, 'm1'))
      // O2, after post1: V4 prices ¥117.76 + ¥27.51; the ¥27.51 line is refunded.
      const o2 = await buy('v4', [
        { skuId: 'p1-s1', quantity: 1 },
        { skuId: 'p3-s1', quantity: 1 },
      ])
      expect(o2.payable).toBe(14_527)
      const refunded = o2.lines.find((l) => l.skuId === 'p3-s1')!
      expect(refunded.paidAmount).toBe(2_751)
      await ok(call('order', 'requestRefund', { orderId: o2.id, lineIds: [refunded.id], reason: '买多了' }, 'v4'))
      // O5a and O5b: a two-person team of gb1 at ¥99 each.
      const opened = await ok<{ team: { id: string }; order: OrderView }>(
        call('groupbuy', 'open', { campaignId: 'gb1', skuId: 'p1-s1', requestId: 'request-team-1', address, expectedPayable: 9_900 }, 'm2'),
      )
      await pay.pay(opened.order.id, false)
      const joined = await ok<{ order: OrderView }>(
        call(
          'groupbuy',
          'join',
          { teamId: opened.team.id, skuId: 'p1-s1', requestId: 'request-team-2', address, expectedPayable: 9_900 },
          'v4',
        ),
      )
      await pay.pay(joined.order.id, false)

      goTo('2026-11-21T10:00:00')
      await touch('v1', { scene: 1007, shareCode: 'KOCCODE2', productId: 'p1' })
      await view('v4', 'post1')
      // O4, no touch at all: direct.
      expect((await buy('m3', [{ skuId: 'p1-s1', quantity: 1 }])).payable).toBe(12_800)
      // O6, the distributor's buyer again: ¥238; shipped and received, so its commission is frozen.
      const o6 = await buy('v1', [{ skuId: 'p1-s2', quantity: 1 }])
      expect(o6.payable).toBe(23_800)
      await ok(call('order', 'ship', { orderId: o6.id, carrier: '顺丰速运', trackingNo: 'SF123456789000' }, 'brand'))
      await ok(call('order', 'confirmReceipt', { orderId: o6.id }, 'v1'))

      goTo('2026-11-22T12:00:00')
      await touch('m2', { scene: 1089 })
      // A post that was read but brought no visit still has its row.
      await view('v1', 'post2')
      // O7, from the recently-used list: ¥29.90 + ¥8.
      expect((await buy('m2', [{ skuId: 'p3-s1', quantity: 1 }])).payable).toBe(3_790)
      // Created inside the range, paid after it: does not count.
      goTo('2026-11-22T23:55:00')
      const late = await create('m1', [{ skuId: 'p4-s1', quantity: 1 }])
      goTo('2026-11-23T00:05:00')
      await pay.pay(late.id, false)
      await touch('m1', { scene: 1047 })
      await applyOrderEventsToCommissions(store, clock.now())

      // Campaigns: a points day on the 21st, the team campaign, a flash price on the 22nd (written after
      // the sales, so no checkout priced by it), one clamped outside the range and one refused.
      await store.putCampaign({
        id: 'cmp-points',
        type: 'points_multiplier',
        title: '双倍积分日',
        enabled: true,
        startAt: at('2026-11-21T00:00:00'),
        endAt: at('2026-11-22T00:00:00'),
        params: { multiplier: 2 },
      })
      await store.putCampaign({
        id: 'cmp-gb',
        type: 'groupbuy',
        title: '龙井拼团',
        enabled: true,
        startAt: at('2026-11-19T00:00:00'),
        endAt: at('2026-12-19T00:00:00'),
        params: { groupBuyId: 'gb1' },
      })
      await store.putCampaign({
        id: 'cmp-flash',
        type: 'flash_price',
        title: '抹茶酥限时价',
        enabled: true,
        startAt: at('2026-11-22T00:00:00'),
        endAt: at('2026-11-23T00:00:00'),
        params: { productId: 'p3', skus: [{ skuId: 'p3-s1', price: 1_990 }], stock: 100 },
      })
      await store.putCampaign({
        id: 'cmp-december',
        type: 'points_multiplier',
        title: '十二月',
        enabled: true,
        startAt: at('2026-12-01T00:00:00'),
        endAt: at('2026-12-02T00:00:00'),
        params: { multiplier: 9 },
      })
      await store.putCampaign({ id: 'broken', type: 'lottery', enabled: true, startAt: 0, endAt: 1, params: {} })
      await store.putGroupBuy({
        id: 'gb-bad',
        productId: 'p1',
        skus: [{ skuId: 'p1-s1', teamPrice: -1 }],
        startAt: 0,
        endAt: 1,
        enabled: true,
      })

      // Points as they stand (written directly): v1 holds 300 expiring in 10 days and 500 in 200 days;
      // v4 holds 80 expiring in 40 days and 120 pending.
      const now = clock.now()
      const lot = (
        memberId: string,
        id: string,
        amount: number,
        expiresIn: number,
        status: PointsLot['status'] = 'available',
      ): PointsLot => ({
        id,
        memberId,
        source: 'checkin',
        ref: id,
        amount,
        remaining: amount,
        grantedAt: now - DAY,
        expiresAt: now + expiresIn,
        status,
      })
      const grant = (memberId: string, available: number, pending: number, lots: PointsLot[]) =>
        store.commitPointsChange({
          memberId,
          expectedVersion: 0,
          key: `grant:${memberId}`,
          account: { memberId, available, pending, debt: 0, lastCheckInDay: null, streak: 0, postRewardDay: null, postRewardsToday: 0 },
          lots,
          entries: lots
            .filter((l) => l.status === 'available')
            .map((l) => ({
              id: `entry:${l.id}`,
              memberId,
              kind: 'grant' as const,
              source: 'checkin' as const,
              ref: l.id,
              delta: l.amount,
              at: now - DAY,
              note: '',
            })),
        })
      await grant('v1', 800, 0, [lot('v1', 'lot-v1-a', 300, 10 * DAY), lot('v1', 'lot-v1-b', 500, 200 * DAY)])
      await grant('v4', 80, 120, [lot('v4', 'lot-v4-a', 80, 40 * DAY), lot('v4', 'lot-v4-p', 120, 400 * DAY, 'pending')])
      // The distributor's balance and a payout under way (written directly).
      await store.updateCommissions('koc', { lineIds: [] }, (state) => ({
        account: { ...state.account, available: 2_500, processing: 700 },
        lines: [],
        withdrawals: [],
        entries: [],
      }))
    }

    it('counts visits, buyers and GMV by channel, post and distributor, liabilities and campaigns, as worked out by hand', async () => {
      await shopDays()
      const result = await ok<ShopReport>(report())
      expect(result.from).toBe('2026-11-20')
      expect(result.to).toBe('2026-11-22')
      expect(result.generatedAt).toBe(clock.now())

      // Visits: v1 twice (share), v4 (post1), m2 (post-x, then recently used), m1 (QR), two signed-out chat cards.
      // Orders: O1 187.80, O3 37.90, O2 145.27 − 27.51, O5a 99, O5b 99, O4 128, O6 238, O7 37.90.
      const gmv = 18_780 + 3_790 + (14_527 - 2_751) + 9_900 + 9_900 + 12_800 + 23_800 + 3_790
      expect(gmv).toBe(94_536)
      // Buyers are visitors of the range who paid: m3 paid without a visit, so the funnel counts 4 of the 5 payers.
      expect(result.totals).toEqual({ visits: 8, visitors: 6, buyers: 4, orders: 8, gmv })
      expect(result.byChannel).toEqual([
        { key: 'share', label: '分享码（会员与分销员）', visits: 2, visitors: 1, buyers: 1, orders: 2, gmv: 18_780 + 23_800 },
        { key: 'post', label: '种草内容', visits: 2, visitors: 2, buyers: 2, orders: 3, gmv: 11_776 + 9_900 + 9_900 },
        { key: 'direct', label: '直接访问', visits: 0, visitors: 0, buyers: 0, orders: 1, gmv: 12_800 },
        { key: 'scene:qr', label: '扫码', visits: 1, visitors: 1, buyers: 1, orders: 1, gmv: 3_790 },
        { key: 'scene:recent', label: '最近使用与我的小程序', visits: 1, visitors: 1, buyers: 1, orders: 1, gmv: 3_790 },
        { key: 'scene:chat', label: '聊天卡片', visits: 2, visitors: 2, buyers: 0, orders: 0, gmv: 0 },
      ])
      expect(result.byPost).toEqual([
        // Likes, favourites and comments are the post's records as they stand: the shop's two likes of post1.
        {
          key: 'post1',
          label: '帖子post1',
          visits: 1,
          visitors: 1,
          buyers: 1,
          orders: 2,
          gmv: 11_776 + 9_900,
          views: 3,
          likes: 2,
          favourites: 0,
          comments: 0,
        },
        {
          key: 'post-x',
          label: HOSTILE_TITLE,
          visits: 1,
          visitors: 1,
          buyers: 1,
          orders: 1,
          gmv: 9_900,
          views: 1,
          likes: 0,
          favourites: 1,
          comments: 1,
        },
        {
          key: 'post2',
          label: '帖子post2',
          visits: 0,
          visitors: 0,
          buyers: 0,
          orders: 0,
          gmv: 0,
          views: 1,
          likes: 0,
          favourites: 0,
          comments: 0,
        },
      ])
      expect(result.byDistributor).toEqual([
        { key: 'koc', label: `${HOSTILE_NICKNAME}（KOCCODE2）`, visits: 2, visitors: 1, buyers: 1, orders: 2, gmv: 42_580 },
      ])
      expect(result.daily).toEqual([
        { day: '2026-11-20', gmv: 18_780 + 3_790 + 11_776 + 9_900 + 9_900, orders: 5 },
        { day: '2026-11-21', gmv: 12_800 + 23_800, orders: 2 },
        { day: '2026-11-22', gmv: 3_790, orders: 1 },
      ])
      expect(result.points).toEqual({ outstanding: 880, pending: 120, expiringIn30Days: 300 })
      // Commission at 5%: O1 pending (¥128 → 6.40, ¥59.80 → 2.99), O6 frozen (¥238 → 11.90).
      expect(result.commissions).toEqual({ pending: 640 + 299, frozen: 1_190, available: 2_500, processing: 700 })
      // The points day: O5a through its link, O4 and O6 paid in its window. The team: O5a and O5b. The flash price: O7.
      expect(result.campaigns).toEqual([
        { id: 'cmp-points', title: '双倍积分日', type: 'points_multiplier', inForce: false, orders: 3, gmv: 9_900 + 12_800 + 23_800 },
        { id: 'cmp-gb', title: '龙井拼团', type: 'groupbuy', inForce: true, orders: 2, gmv: 19_800 },
        { id: 'cmp-flash', title: '抹茶酥限时价', type: 'flash_price', inForce: false, orders: 1, gmv: 3_790 },
      ])
      const gbProblems = await groupBuyProblems(store)
      expect(gbProblems.some((p) => p.includes('gb-bad'))).toBe(true)
      expect(result.problems).toEqual([
        '活动 broken：类型 lottery 不受支持，已忽略',
        '活动 cmp-december：multiplier = 9 超出上限，已按 5 执行',
        ...gbProblems,
      ])
      // Each stage of the funnel is part of the one before it, row by row.
      for (const row of [...result.byChannel, ...result.byPost, ...result.byDistributor])
        expect(row.buyers).toBeLessThanOrEqual(row.visitors)
      // The service answers the same as the action.
      expect(await shopReport(store, { from: '2026-11-20', to: '2026-11-22' }, clock.now())).toEqual(result)

      // One day only: the 21st.
      const day = await ok<ShopReport>(report({ from: '2026-11-21', to: '2026-11-21' }))
      expect(day.totals).toEqual({ visits: 1, visitors: 1, buyers: 1, orders: 2, gmv: 36_600 })
      expect(day.daily).toEqual([{ day: '2026-11-21', gmv: 36_600, orders: 2 }])
    })

    it('writes one self-contained HTML page with the figures, and escapes every text from data', async () => {
      await shopDays()
      const html = reportHtml(await ok<ShopReport>(report()))
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
      for (const figure of [
        '¥945.36',
        '¥425.80',
        '¥315.76',
        '¥541.46',
        '¥366.00',
        '¥37.90',
        '¥9.39',
        '¥11.90',
        '¥25.00',
        '¥7.00',
        '880 积分',
        '120 积分',
        '300 积分',
        '双倍积分日',
      ]) {
        expect(html).toContain(figure)
      }
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;好物')
      expect(html).toContain('阿柚&lt;img src=x onerror=alert(1)&gt;')
      expect(html).not.toContain('<script')
      expect(html).not.toContain('<img')
      expect(html).not.toMatch(/(https?:)?\/\/[a-z]/i)
      expect(html).not.toMatch(/<link|@import|url\(/i)
      expect(html.match(/<svg /g)?.length).toBe(4)
      expect(html).toContain('<style>')
    })

    it('is for operators only, and refuses bad ranges', async () => {
      expect(await report(undefined, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await report(undefined, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      for (const data of [
        { from: '2026-11-22', to: '2026-11-20' },
        { from: '2025-11-20', to: '2026-11-21' },
        { from: '2026-02-30', to: '2026-03-01' },
        { from: '2026/11/20', to: '2026-11-21' },
        { from: '2026-11-20' },
        { from: '2026-11-20', to: '2026-11-21', channel: 'share' },
      ]) {
        expect(await report(data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      // 366 days is the most.
      expect((await ok<ShopReport>(report({ from: '2025-11-21', to: '2026-11-21' }))).daily).toHaveLength(366)
    })

    it('reads long ranges page by page without missing or repeating a row that shares its instant', async () => {
      const t = at('2026-11-20T09:00:00')
      await store.putProduct(product('p9', { skus: [sku('p9', 1, 100, 10_000)] }))
      for (let i = 0; i < 1_203; i += 1) {
        const memberId = i % 3 === 0 ? null : `visitor-${i % 7}`
        await store.recordTouch({
          id: `touch:bulk-${String(i).padStart(5, '0')}`,
          memberId,
          scene: 1007,
          shareCode: null,
          postId: null,
          campaignId: null,
          productId: null,
          path: '/',
          at: t + (i % 2),
          channel: 'scene:1007',
        })
      }
      for (let i = 0; i < 1_001; i += 1) {
        const placed = orderDoc(`o-bulk-${String(i).padStart(5, '0')}`, { memberId: `buyer-${i % 5}` }, [
          { skuId: 'p9-s1', price: 100, quantity: 1 },
        ])
        expect(await store.placeOrder(placed)).toEqual({ placed: true })
        const paidAt = t + (i % 2) * 1_000
        const paid = { ...placed, status: 'paid' as const, paidAt, transactionId: `tx-${placed.id}` }
        await store.commitOrderChange({
          order: paid,
          expectedVersion: 1,
          events: [{ id: `order.paid:${placed.id}`, type: 'order.paid', orderId: placed.id, at: paidAt, payload: {} }],
        })
      }
      const seen: string[] = []
      for (let after: { at: number; id: string } | null = null; ; ) {
        const page = await store.ordersPaidBetween(t, t + DAY, after, 300)
        seen.push(...page.map((o) => o.id))
        if (page.length < 300) break
        after = { at: page[page.length - 1].paidAt!, id: page[page.length - 1].id }
      }
      expect(seen).toHaveLength(1_001)
      expect(new Set(seen).size).toBe(1_001)
      const result = await shopReport(store, { from: '2026-11-20', to: '2026-11-20' }, t + DAY)
      // 401 signed-out visits are a visitor each, plus visitor-0 … visitor-6.
      // The buyers never visited in the range: orders and GMV count, the funnel's buyers do not.
      expect(result.totals).toEqual({ visits: 1_203, visitors: 401 + 7, buyers: 0, orders: 1_001, gmv: 100_100 })
      expect(result.byChannel).toEqual([
        { key: 'direct', label: '直接访问', visits: 0, visitors: 0, buyers: 0, orders: 1_001, gmv: 100_100 },
        { key: 'scene:chat', label: '聊天卡片', visits: 1_203, visitors: 408, buyers: 0, orders: 0, gmv: 0 },
      ])
    })
  })
}
