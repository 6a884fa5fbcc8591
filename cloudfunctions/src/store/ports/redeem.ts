import type { Instant, RedeemItem, Redemption } from '../../../../types/domain'
import type { PointsDecision } from './points'
import type { PointsState } from './points'
import type { Slice } from './paging'

/**
 * What a redemption decides from what the store read in its transaction (pure): the item (null when
 * there is none), the member's redemption times of it and their points; answers the record and the
 * points change, or throws to refuse.
 */
export type RedemptionDecision = (context: { item: RedeemItem | null; redeemedAt: Instant[]; points: PointsState }) => {
  redemption: Redemption
  points: PointsDecision
}

/** The redemption mall: items, redemptions and the coupons they credit. */
export interface RedeemStore {
  putRedeemItem(item: RedeemItem): Promise<void>
  listRedeemItems(): Promise<RedeemItem[]>
  findRedeemItem(id: string): Promise<RedeemItem | null>
  /** When the member redeemed the item (cancelled redemptions excluded), for the limits. */
  redemptionTimes(memberId: string, itemId: string): Promise<Instant[]>
  findRedemption(id: string): Promise<Redemption | null>
  listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>>
  /** Every member's goods redemptions waiting to be shipped, oldest first (the order staff pack them in). */
  redemptionsToShip(offset: number, limit: number): Promise<Slice<Redemption>>
  /**
   * One redemption, all or nothing, as `decide` answers it. The store takes one unit of stock (never
   * below zero), applies the points change once under `key` and keeps the record. A redemption whose
   * id exists is answered as it is (a retry).
   */
  redeem(
    redemption: { id: string; memberId: string; itemId: string; key: string },
    decide: RedemptionDecision,
  ): Promise<{ redemption: Redemption; duplicate: boolean }>
  /**
   * Cancels a placed redemption once: the record becomes cancelled, the unit goes back to stock and
   * `decide`'s points change (the refund) applies under `key`. Null when it is no longer placed.
   */
  cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null>
  /** The member's credited coupons and privileges (fulfilled redemptions of those kinds). */
  listCredits(memberId: string): Promise<Redemption[]>
  /** Marks an unused coupon as used by an order (compare-and-set); false when it is used already. */
  useCoupon(redemptionId: string, orderId: string): Promise<boolean>
  /** Gives a coupon back when the order that used it is cancelled; false when that order did not hold it. */
  releaseCoupon(redemptionId: string, orderId: string): Promise<boolean>
  /** Placed -> fulfilled, compare-and-set; null when it is not placed. */
  fulfilRedemption(id: string, at: Instant, shipment: { carrier: string; trackingNo: string } | null): Promise<Redemption | null>
}
