import { beforeEach, describe, expect, it } from 'vitest'
import type { PointsDecision, PointsState, Store } from '../../cloudfunctions/src/store/port'
import type { RedeemItem, Redemption } from '../../types/domain'
import { T0, smallShop } from '../support/fixtures'

export const item = (id: string, overrides: Partial<RedeemItem> = {}): RedeemItem => ({
  id,
  kind: 'coupon',
  title: id,
  subtitle: '',
  image: '/media/categories/c-tea.png',
  pointsPrice: 10,
  stock: 2,
  tierMin: 1,
  limits: {},
  startAt: T0 - 1000,
  endAt: T0 + 1000,
  status: 'on',
  coupon: { amountOff: 500, minSpend: 1000, validDays: 7 },
  privilege: null,
  sort: 0,
  ...overrides,
})

export const record = (id: string, itemId: string, overrides: Partial<Redemption> = {}): Redemption => ({
  id,
  memberId: 'v1',
  itemId,
  kind: 'coupon',
  title: itemId,
  image: '',
  pointsPrice: 10,
  address: null,
  status: 'fulfilled',
  createdAt: T0,
  fulfilledAt: T0,
  cancelledAt: null,
  expiresAt: T0 + 7 * 86_400_000,
  usedByOrder: null,
  coupon: { amountOff: 500, minSpend: 1000 },
  ...overrides,
})

/** A points change that records nothing but the event (the redemption's own bookkeeping is not under test here). */
const noPoints = (points: PointsState): PointsDecision => ({ account: points.account, lots: [], entries: [] })

/** The mall half of the store contract: items, atomic redemptions, cancellation, coupons. */
export function redeemContract(adapter: string, open: () => Promise<Store>) {
  describe(`redemption store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
      await smallShop(store)
      await store.putRedeemItem(item('b', { sort: 2 }))
      await store.putRedeemItem(item('a', { sort: 1 }))
    })

    it('keeps items in mall order', async () => {
      expect((await store.listRedeemItems()).map((i) => i.id)).toEqual(['a', 'b'])
      expect(await store.findRedeemItem('a')).toEqual(item('a', { sort: 1 }))
      expect(await store.findRedeemItem('zz')).toBeNull()
    })

    it('redeems a unit with its record once; a retry of the id answers the first record', async () => {
      const first = await store.redeem({ id: 'rd1', memberId: 'v1', itemId: 'a', key: 'redeem:rd1' }, ({ points }) => ({
        redemption: record('rd1', 'a'),
        points: noPoints(points),
      }))
      expect(first).toEqual({ redemption: record('rd1', 'a'), duplicate: false })
      const again = await store.redeem({ id: 'rd1', memberId: 'v1', itemId: 'a', key: 'redeem:rd1' }, ({ points }) => ({
        redemption: record('rd1', 'a', { title: 'other' }),
        points: noPoints(points),
      }))
      expect(again).toEqual({ redemption: record('rd1', 'a'), duplicate: true })
      expect((await store.findRedeemItem('a'))?.stock).toBe(1)
      expect(await store.redemptionTimes('v1', 'a')).toEqual([T0])
      expect(await store.listRedemptions('v1', 0, 10)).toEqual({ items: [record('rd1', 'a')], total: 1 })
    })

    it('changes nothing when the decision refuses', async () => {
      await expect(
        store.redeem({ id: 'rd2', memberId: 'v1', itemId: 'a', key: 'redeem:rd2' }, () => {
          throw new Error('refused')
        }),
      ).rejects.toThrow('refused')
      expect((await store.findRedeemItem('a'))?.stock).toBe(2)
      expect(await store.findRedemption('rd2')).toBeNull()
      expect(await store.hasPointsKey('redeem:rd2')).toBe(false)
    })

    it('shows the decision no item when there is none, and writes nothing', async () => {
      const seen: unknown[] = []
      await expect(
        store.redeem({ id: 'rd6', memberId: 'v1', itemId: 'gone', key: 'redeem:rd6' }, ({ item }) => {
          seen.push(item)
          throw new Error('no such item')
        }),
      ).rejects.toThrow('no such item')
      expect(seen).toEqual([null])
      expect(await store.findRedemption('rd6')).toBeNull()
      expect(await store.hasPointsKey('redeem:rd6')).toBe(false)
    })

    it('cancels a placed redemption once, putting the unit back', async () => {
      await store.redeem({ id: 'rd3', memberId: 'v1', itemId: 'a', key: 'redeem:rd3' }, ({ points }) => ({
        redemption: record('rd3', 'a', { status: 'placed' }),
        points: noPoints(points),
      }))
      const cancel = () =>
        store.cancelRedemption('rd3', 'unredeem:rd3', ({ redemption, points }) => ({
          redemption: { ...redemption, status: 'cancelled', cancelledAt: T0 + 1 },
          points: noPoints(points),
        }))
      expect(await cancel()).toMatchObject({ id: 'rd3', status: 'cancelled' })
      expect(await cancel()).toBeNull()
      expect((await store.findRedeemItem('a'))?.stock).toBe(2)
      expect(await store.redemptionTimes('v1', 'a')).toEqual([])
    })

    it('fulfils a placed redemption once', async () => {
      await store.redeem({ id: 'rd4', memberId: 'v1', itemId: 'a', key: 'redeem:rd4' }, ({ points }) => ({
        redemption: record('rd4', 'a', { status: 'placed', fulfilledAt: null }),
        points: noPoints(points),
      }))
      const parcel = { carrier: '顺丰速运', trackingNo: 'SF123456789000' }
      expect((await store.redemptionsToShip(0, 10)).items.map((r) => r.id)).toContain('rd4')
      expect(await store.fulfilRedemption('rd4', T0 + 5, parcel)).toMatchObject({
        status: 'fulfilled',
        fulfilledAt: T0 + 5,
        shipment: parcel,
      })
      expect(await store.fulfilRedemption('rd4', T0 + 6, parcel)).toBeNull()
      expect((await store.redemptionsToShip(0, 10)).items.map((r) => r.id)).not.toContain('rd4')
    })

    it('lets one order use a coupon, and gives it back only to that order', async () => {
      await store.redeem({ id: 'rd5', memberId: 'v1', itemId: 'a', key: 'redeem:rd5' }, ({ points }) => ({
        redemption: record('rd5', 'a'),
        points: noPoints(points),
      }))
      expect((await store.listCredits('v1')).map((c) => c.id)).toEqual(['rd5'])
      expect(await store.useCoupon('rd5', 'o1')).toBe(true)
      expect(await store.useCoupon('rd5', 'o2')).toBe(false)
      expect(await store.releaseCoupon('rd5', 'o2')).toBe(false)
      expect((await store.findRedemption('rd5'))?.usedByOrder).toBe('o1')
      expect(await store.releaseCoupon('rd5', 'o1')).toBe(true)
      expect((await store.findRedemption('rd5'))?.usedByOrder).toBeNull()
    })
  })
}
