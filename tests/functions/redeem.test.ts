import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { Page, RedeemItemView } from '../../types/api'
import type { Member, RedeemItem, Redemption } from '../../types/domain'
import { changePoints, grant, reconcilePoints } from '../../cloudfunctions/src/app/points'
import { redeem as redeemFn } from '../../cloudfunctions/src/functions/redeem/actions'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'
import { saveMember } from '../../cloudfunctions/src/app/members'

const DAY = 86_400_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

function item(id: string, overrides: Partial<RedeemItem> = {}): RedeemItem {
  return {
    id,
    kind: 'coupon',
    title: `兑换品${id}`,
    subtitle: '',
    image: '/media/categories/c-tea.png',
    pointsPrice: 100,
    stock: 10,
    tierMin: 1,
    limits: {},
    startAt: T0 - DAY,
    endAt: T0 + 30 * DAY,
    status: 'on',
    coupon: { amountOff: 1000, minSpend: 9900, validDays: 30 },
    privilege: null,
    sort: 0,
    ...overrides,
  }
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`redemption mall over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    const run = (action: string, data: unknown, memberId: string | null = 'v1') =>
      dispatch(redeemFn, { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof run>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const give = (memberId: string, amount: number) =>
      changePoints(store, memberId, `test-grant:${memberId}:${amount}`, (state) =>
        grant(state, { id: `test-grant:${memberId}:${amount}`, source: 'adjustment', ref: 'test', amount, at: T0, note: '' }),
      )
    const balance = async (memberId = 'v1') => (await store.findPoints(memberId)).account.available
    const stock = async (id: string) => (await store.findRedeemItem(id))!.stock
    const books = async () => expect((await reconcilePoints(store)).mismatches).toEqual([])

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      await smallShop(store)
      await give('v1', 1000)
      await store.putRedeemItem(item('coupon'))
      await store.putRedeemItem(item('cup', { kind: 'goods', coupon: null, pointsPrice: 300, limits: { perDay: 1 } }))
      await store.putRedeemItem(item('gift', { kind: 'goods', coupon: null, pointsPrice: 200, tierMin: 3 }))
      await store.putRedeemItem(item('off', { status: 'off' }))
    })

    it('lists items on the shelf with what the caller may do', async () => {
      const items = await ok<RedeemItemView[]>(run('items', {}))
      expect(items.map((i) => [i.id, i.canRedeem, i.refusal, i.allowance, i.balance])).toEqual([
        ['coupon', true, null, null, 1000],
        ['cup', true, null, 1, 1000],
        ['gift', false, '会员等级未达到兑换要求', null, 1000],
      ])
      expect((await ok<RedeemItemView[]>(run('items', { kind: 'goods' }))).map((i) => i.id)).toEqual(['cup', 'gift'])
      expect((await ok<RedeemItemView[]>(run('items', {}, null)))[0]).toMatchObject({ canRedeem: false, refusal: '请先登录', balance: 0 })
      expect((await ok<RedeemItemView[]>(run('items', { affordable: true }, 'v4'))).map((i) => i.id)).toEqual([])
    })

    it('redeems in one step: points from the oldest lots, a unit of stock, a record; a retry changes nothing', async () => {
      const first = await ok<Redemption>(run('redeem', { itemId: 'coupon', idempotencyKey: 'tap-00000001' }))
      expect(first).toMatchObject({ itemId: 'coupon', status: 'fulfilled', pointsPrice: 100 })
      const again = await ok<Redemption>(run('redeem', { itemId: 'coupon', idempotencyKey: 'tap-00000001' }))
      expect(again).toEqual(first)
      expect(await balance()).toBe(900)
      expect(await stock('coupon')).toBe(9)
      const goods = await ok<Redemption>(run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000002', address }))
      expect(goods).toMatchObject({ status: 'placed', address })
      expect((await ok<Page<Redemption>>(run('mine', {}))).total).toBe(2)
      await books()
    })

    it('refuses by tier, limit, window, stock and balance, changing nothing', async () => {
      await ok(run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000010', address }))
      const before = [await balance(), await stock('cup'), await stock('gift')]
      expect(await run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000011', address })).toMatchObject({
        ok: false,
        code: 'LIMIT_REACHED',
      })
      expect(await run('redeem', { itemId: 'gift', idempotencyKey: 'tap-00000012', address })).toMatchObject({
        ok: false,
        code: 'REDEEM_REFUSED',
      })
      expect(await run('redeem', { itemId: 'off', idempotencyKey: 'tap-00000013' })).toMatchObject({ ok: false, code: 'REDEEM_REFUSED' })
      expect(await run('redeem', { itemId: 'nope', idempotencyKey: 'tap-00000014' })).toMatchObject({ ok: false, code: 'ITEM_NOT_FOUND' })
      expect(await run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000015' })).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect([await balance(), await stock('cup'), await stock('gift')]).toEqual(before)
      clock.advance(DAY)
      expect(await run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000016', address })).toMatchObject({ ok: true })
      clock.advance(60 * DAY)
      expect(await run('redeem', { itemId: 'coupon', idempotencyKey: 'tap-00000017' })).toMatchObject({
        ok: false,
        code: 'REDEEM_REFUSED',
        message: '兑换已结束',
      })
    })

    it('answers the list and the detail by one rule: an item whose window is over is gone from both', async () => {
      expect(await ok<RedeemItemView>(run('item', { id: 'coupon' }))).toMatchObject({ id: 'coupon' })
      clock.advance(61 * DAY)
      expect((await ok<RedeemItemView[]>(run('items', {}))).map((i) => i.id)).toEqual([])
      expect(await run('item', { id: 'coupon' })).toMatchObject({ ok: false, code: 'ITEM_NOT_FOUND' })
      expect(await run('item', { id: 'off' })).toMatchObject({ ok: false, code: 'ITEM_NOT_FOUND' })
    })

    it('refuses when the balance is short or the stock is gone', async () => {
      await store.putRedeemItem(item('dear', { pointsPrice: 5000 }))
      await store.putRedeemItem(item('last', { stock: 0 }))
      expect(await run('redeem', { itemId: 'dear', idempotencyKey: 'tap-00000020' })).toMatchObject({ ok: false, code: 'POINTS_SHORT' })
      expect(await run('redeem', { itemId: 'last', idempotencyKey: 'tap-00000021' })).toMatchObject({ ok: false, code: 'SOLD_OUT' })
      expect(await balance()).toBe(1000)
    })

    it('cancels a goods redemption before it ships: points and stock back exactly once', async () => {
      const placed = await ok<Redemption>(run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000030', address }))
      expect(await run('cancel', { redemptionId: placed.id }, 'v4')).toMatchObject({ ok: false, code: 'REDEMPTION_STATE' })
      const cancelled = await ok<Redemption>(run('cancel', { redemptionId: placed.id }))
      expect(cancelled.status).toBe('cancelled')
      expect(await ok<Redemption>(run('cancel', { redemptionId: placed.id }))).toMatchObject({ status: 'cancelled' })
      expect(await balance()).toBe(1000)
      expect(await stock('cup')).toBe(10)
      // A cancelled redemption does not count against the daily limit.
      expect(await run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000031', address })).toMatchObject({ ok: true })
      await books()
    })

    it('lets only operators manage items and ship, and never cancels what shipped', async () => {
      const placed = await ok<Redemption>(run('redeem', { itemId: 'cup', idempotencyKey: 'tap-00000040', address }))
      const parcel = { carrier: '顺丰速运', trackingNo: 'SF123456789000' }
      expect(await run('fulfil', { redemptionId: placed.id, ...parcel }, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await run('toShip', {}, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      // Staff see every member's goods waiting, and ship them with a parcel they name.
      expect((await ok<Page<Redemption>>(run('toShip', {}, 'brand'))).items.map((r) => r.id)).toEqual([placed.id])
      expect(await run('fulfil', { redemptionId: placed.id }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('fulfil', { redemptionId: placed.id, carrier: '飞鸽快递', trackingNo: 'SF123456789000' }, 'brand')).toMatchObject({
        ok: false,
        code: 'INVALID_PAYLOAD',
      })
      expect(await ok<Redemption>(run('fulfil', { redemptionId: placed.id, ...parcel }, 'brand'))).toMatchObject({
        status: 'fulfilled',
        shipment: parcel,
      })
      expect((await ok<Page<Redemption>>(run('toShip', {}, 'brand'))).total).toBe(0)
      expect(await run('fulfil', { redemptionId: placed.id, ...parcel }, 'brand')).toMatchObject({ ok: false, code: 'REDEMPTION_STATE' })
      expect(await run('cancel', { redemptionId: placed.id })).toMatchObject({ ok: false, code: 'REDEMPTION_STATE' })
      const { id: _id, ...fresh } = item('new')
      expect(await run('upsertItem', fresh, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      const created = await ok<RedeemItem>(run('upsertItem', fresh, 'brand'))
      expect((await store.findRedeemItem(created.id))?.title).toBe('兑换品new')
      expect(await run('upsertItem', { ...fresh, endAt: fresh.startAt }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('upsertItem', { ...fresh, pointsPrice: -5 }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await run('upsertItem', { ...fresh, kind: 'goods' }, 'brand')).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      // Every staff write is in the audit log: the shipment, and the item as it was and as it is.
      await ok(run('upsertItem', { ...fresh, id: created.id, title: '改名的兑换品' }, 'brand'))
      const audit = (await store.listAudit(0, 10)).items
      expect(audit.map((e) => [e.actor, e.action, e.target])).toEqual([
        ['brand', 'redeemItem:update', created.id],
        ['brand', 'redeemItem:create', created.id],
        ['brand', 'redemption:fulfil', placed.id],
      ])
      expect(audit[0].before).toMatchObject({ title: '兑换品new' })
      expect(audit[0].after).toMatchObject({ title: '改名的兑换品' })
    })

    it.each([
      [{ itemId: 'coupon' }],
      [{ itemId: 'coupon', idempotencyKey: 'x' }],
      [{ itemId: 'coupon', idempotencyKey: 'tap-00000050', memberId: 'v4' }],
      [{ itemId: 'coupon', idempotencyKey: 'tap-00000050', pointsPrice: 1 }],
      [{ itemId: 'cup', idempotencyKey: 'tap-00000050', address: { ...address, phone: '1' } }],
    ])('rejects redeem %j and changes nothing', async (data) => {
      expect(await run('redeem', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      expect(await balance()).toBe(1000)
    })

    it('never oversells: 500 concurrent redemptions by 100 members for 50 units', async () => {
      await store.putRedeemItem(item('hot', { stock: 50, pointsPrice: 10 }))
      const members: Member[] = Array.from({ length: 100 }, (_, i) =>
        member(`r${i}`, 1, { shareCode: `RACE${'ABCDEFGHJK'[Math.floor(i / 10)]}${'ABCDEFGHJK'[i % 10]}` }),
      )
      for (const m of members) {
        await saveMember(store, m)
        await give(m.id, 30)
      }
      const results = await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          run('redeem', { itemId: 'hot', idempotencyKey: `race-${String(i).padStart(6, '0')}` }, members[i % 100].id),
        ),
      )
      expect(results.filter((r) => r.ok)).toHaveLength(50)
      expect(results.filter((r) => !r.ok).every((r) => !r.ok && ['SOLD_OUT', 'POINTS_SHORT', 'BUSY'].includes(r.code))).toBe(true)
      expect(await stock('hot')).toBe(0)
      const spent = (await Promise.all(members.map((m) => balance(m.id)))).reduce((sum, b) => sum + (30 - b), 0)
      expect(spent).toBe(50 * 10)
      await books()
    }, 60_000)

    it('never double-charges: a member with points for 3 racing 20 requests redeems exactly 3', async () => {
      await store.putRedeemItem(item('three', { stock: 100, pointsPrice: 300 }))
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => run('redeem', { itemId: 'three', idempotencyKey: `burst-${String(i).padStart(6, '0')}` })),
      )
      expect(results.filter((r) => r.ok)).toHaveLength(3)
      expect(await balance()).toBe(100)
      expect(await stock('three')).toBe(97)
      await books()
    })
  })
}

describe('coupons and privileges from the mall at checkout', () => {
  it('takes a coupon off the order once, gives it back when the unpaid order is cancelled, and waives shipping with a privilege', async () => {
    const { order: orderFn } = await import('../../cloudfunctions/src/functions/order/actions')
    const { JOBS } = await import('../../cloudfunctions/src/app/jobs')
    const store = new SqliteStore(':memory:')
    const clock = new SteppedClock(T0)
    await smallShop(store)
    await changePoints(store, 'v1', 'g', (state) =>
      grant(state, { id: 'g', source: 'adjustment', ref: 't', amount: 5000, at: T0, note: '' }),
    )
    await store.putRedeemItem(item('c10', { coupon: { amountOff: 1000, minSpend: 9900, validDays: 30 } }))
    await store.putRedeemItem(item('ship', { kind: 'privilege', coupon: null, privilege: { freeShippingDays: 30 } }))
    const call = (fn: typeof orderFn | typeof redeemFn, action: string, data: unknown) =>
      dispatch(fn, { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId: 'v1' })
    const coupon = (await call(redeemFn, 'redeem', { itemId: 'c10', idempotencyKey: 'coupon-0001' })) as { ok: true; data: Redemption }
    const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }
    const items = [{ skuId: 'p1-s1', quantity: 1 }]

    const quoted = (await call(orderFn, 'quote', { items, couponId: coupon.data.id })) as {
      ok: true
      data: {
        couponDiscount: number
        payable: number
        shipping: number
        coupons: { id: string; usable: boolean }[]
        lines: { couponDeduction: number; paidAmount: number }[]
      }
    }
    expect(quoted.data).toMatchObject({
      couponDiscount: 1000,
      payable: 12800 - 1000,
      shipping: 0,
      coupons: [{ id: coupon.data.id, usable: true }],
    })
    expect(quoted.data.lines[0]).toMatchObject({ couponDeduction: 1000, paidAmount: 11800 })
    expect(await call(orderFn, 'quote', { items: [{ skuId: 'p4-s1', quantity: 1 }], couponId: coupon.data.id })).toMatchObject({
      ok: false,
      code: 'COUPON_INVALID',
    })

    const created = (await call(orderFn, 'create', {
      requestId: 'coupon-order-1',
      items,
      address,
      couponId: coupon.data.id,
      expectedPayable: 11800,
    })) as { ok: true; data: { order: { id: string } } }
    expect(created.ok).toBe(true)
    expect(await call(orderFn, 'quote', { items, couponId: coupon.data.id })).toMatchObject({ ok: false, code: 'COUPON_INVALID' })
    await call(orderFn, 'cancel', { orderId: created.data.order.id })
    await JOBS.find((j) => j.name === 'pointsFromOrders')!.run(store, clock.now(), new LocalPayProvider(store, clock))
    expect(await call(orderFn, 'quote', { items, couponId: coupon.data.id })).toMatchObject({ ok: true, data: { couponDiscount: 1000 } })

    // Shipping on a small order, until a free-shipping privilege is redeemed.
    const small = [{ skuId: 'p4-s1', quantity: 1 }]
    expect(await call(orderFn, 'quote', { items: small })).toMatchObject({ ok: true, data: { shipping: 800, freeShippingUntil: null } })
    await call(redeemFn, 'redeem', { itemId: 'ship', idempotencyKey: 'ship-00000001' })
    expect(await call(orderFn, 'quote', { items: small })).toMatchObject({
      ok: true,
      data: { shipping: 0, freeShippingUntil: T0 + 30 * DAY },
    })
    clock.advance(30 * DAY)
    expect(await call(orderFn, 'quote', { items: small })).toMatchObject({ ok: true, data: { shipping: 800 } })
  })
})

describe('redemption writes on SQLite', () => {
  it('writes the spent lot’s remainder as that one column, as other spends do, leaving the indexes over its other columns alone', async () => {
    const store = new SqliteStore(':memory:')
    await smallShop(store)
    await store.putRedeemItem(item('coupon'))
    await changePoints(store, 'v1', 'test-grant', (state) =>
      grant(state, { id: 'test-grant', source: 'adjustment', ref: 'test', amount: 500, at: T0, note: '' }),
    )
    const sql = vi.spyOn(store as unknown as { sql: (text: string) => unknown }, 'sql')
    const event = { action: 'redeem', data: { itemId: 'coupon', idempotencyKey: 'tap-00000001' } }
    const answer = await dispatch(redeemFn, event, {
      store,
      pay: new LocalPayProvider(store, new SteppedClock(T0)),
      now: T0,
      memberId: 'v1',
    })
    expect(answer).toEqual({ ok: true, data: expect.objectContaining({ itemId: 'coupon' }) })
    const lotWrites = sql.mock.calls.map(([text]) => String(text).trim()).filter((text) => /^(INSERT INTO|UPDATE) points_lots/.test(text))
    expect(lotWrites).toEqual(['UPDATE points_lots SET remaining = ? WHERE id = ?'])
    expect((await store.findPoints('v1')).lots.map((l) => [l.id, l.remaining])).toEqual([['test-grant', 400]])
    await store.close()
  })
})
