import type { RedeemItem, Redemption } from '../../../../types/domain'
import type { PointsDecision, PointsState, Slice, RedeemStore } from '../port'
import { withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbasePoints } from './points'

/** The redemption mall: items, redemptions and the coupons they credit. Moves points through the points adapter. */
export class CloudbaseRedeem extends CloudbasePoints implements RedeemStore {
  async putRedeemItem(item: RedeemItem): Promise<void> {
    await this.db
      .collection('redeem_items')
      .doc(item.id)
      .set({ data: withoutId(item) })
  }

  async listRedeemItems(): Promise<RedeemItem[]> {
    const docs = await getAll(this.db.collection('redeem_items').orderBy('sort', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<RedeemItem>(d))
  }

  async findRedeemItem(id: string): Promise<RedeemItem | null> {
    const { data } = await this.db.collection('redeem_items').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<RedeemItem>(data[0]) : null
  }

  async redemptionTimes(memberId: string, itemId: string): Promise<number[]> {
    const docs = await getAll(
      this.db
        .collection('redemptions')
        .where({ memberId, itemId, status: this.db.command.in(['placed', 'fulfilled']) })
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => d.createdAt as number).sort((a, b) => a - b)
  }

  async findRedemption(id: string): Promise<Redemption | null> {
    const { data } = await this.db.collection('redemptions').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<Redemption>(data[0]) : null
  }

  async listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>> {
    return pageOf(
      this.db.collection('redemptions').where({ memberId }).orderBy('createdAt', 'desc').orderBy('_id', 'desc'),
      this.db.collection('redemptions').where({ memberId }),
      { offset, limit },
      (data) => data.map((d) => fromDoc<Redemption>(d)),
    )
  }

  async redemptionsToShip(offset: number, limit: number): Promise<Slice<Redemption>> {
    return pageOf(
      this.db.collection('redemptions').where({ status: 'placed' }).orderBy('createdAt', 'asc').orderBy('_id', 'asc'),
      this.db.collection('redemptions').where({ status: 'placed' }),
      { offset, limit },
      (data) => data.map((d) => fromDoc<Redemption>(d)),
    )
  }

  /**
   * The unit is taken with a conditional decrement first (a hot item must not exhaust transaction
   * retries), then the points change applies once under its key, then the record is kept; a refused
   * step gives back what the earlier ones took. The member's points changes are serialised by their
   * account version, so the balance is never spent twice.
   */
  async redeem(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: (context: { item: RedeemItem; redeemedAt: number[]; points: PointsState }) => {
      redemption: Redemption
      points: PointsDecision
    },
  ): Promise<{ redemption: Redemption; duplicate: boolean }> {
    const existing = await this.findRedemption(target.id)
    if (existing) return { redemption: existing, duplicate: true }
    const [item, redeemedAt, points] = await Promise.all([
      this.findRedeemItem(target.itemId),
      this.redemptionTimes(target.memberId, target.itemId),
      this.findPoints(target.memberId),
    ])
    if (!item) throw new Error(`no redeem item ${target.itemId}`)
    decide({ item, redeemedAt, points })
    const _ = this.db.command
    const { stats } = await this.db
      .collection('redeem_items')
      .where({ _id: target.itemId, stock: _.gte(1) })
      .update({ data: { stock: _.inc(-1) } })
    const giveBack = () =>
      this.db
        .collection('redeem_items')
        .doc(target.itemId)
        .update({ data: { stock: _.inc(1) } })
    if (stats.updated !== 1) {
      decide({ item: { ...item, stock: 0 }, redeemedAt, points })
      throw new Error(`redeem item ${target.itemId} is sold out`)
    }
    // Each attempt's redemption, by the points decision it came with: the one kept is the applied one's.
    const redemptionOf = new WeakMap<PointsDecision, Redemption>()
    let decided: Redemption | undefined
    try {
      const update = await this.updatePoints(target.memberId, target.key, (state) => {
        const decision = decide({ item, redeemedAt, points: state })
        redemptionOf.set(decision.points, decision.redemption)
        return decision.points
      })
      decided = update.applied ? redemptionOf.get(update.applied) : undefined
    } catch (error) {
      await giveBack()
      throw error
    }
    if (!decided) {
      await giveBack()
      const first = await this.findRedemption(target.id)
      if (first) return { redemption: first, duplicate: true }
      throw new Error(`redemption ${target.id}: points key used without a record`)
    }
    const redemption: Redemption = decided
    await this.db.collection('redemptions').add({ data: { _id: redemption.id, ...withoutId(redemption) } })
    return { redemption, duplicate: false }
  }

  async cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null> {
    const placed = await this.findRedemption(id)
    if (placed?.status !== 'placed') return null
    const redemptionOf = new WeakMap<PointsDecision, Redemption>()
    const { applied } = await this.updatePoints(placed.memberId, key, (state) => {
      const decision = decide({ redemption: placed, points: state })
      redemptionOf.set(decision.points, decision.redemption)
      return decision.points
    })
    const done = applied ? redemptionOf.get(applied) : undefined
    if (!done) return null
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: id, status: 'placed' })
      .update({ data: { status: 'cancelled', cancelledAt: done.cancelledAt } })
    if (stats.updated === 1)
      await this.db
        .collection('redeem_items')
        .doc(placed.itemId)
        .update({ data: { stock: this.db.command.inc(1) } })
    return done
  }

  async listCredits(memberId: string): Promise<Redemption[]> {
    const docs = await getAll(
      this.db
        .collection('redemptions')
        .where({ memberId, status: 'fulfilled', kind: this.db.command.in(['coupon', 'privilege']) })
        .orderBy('createdAt', 'asc')
        .orderBy('_id', 'asc'),
    )
    return docs.map((d) => fromDoc<Redemption>(d))
  }

  async useCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: redemptionId, status: 'fulfilled', usedByOrder: null })
      .update({ data: { usedByOrder: orderId } })
    return stats.updated === 1
  }

  async releaseCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: redemptionId, usedByOrder: orderId })
      .update({ data: { usedByOrder: null } })
    return stats.updated === 1
  }

  async fulfilRedemption(id: string, at: number, shipment: { carrier: string; trackingNo: string } | null): Promise<Redemption | null> {
    const { stats } = await this.db
      .collection('redemptions')
      .where({ _id: id, status: 'placed' })
      .update({ data: { status: 'fulfilled', fulfilledAt: at, shipment } })
    return stats.updated === 1 ? this.findRedemption(id) : null
  }
}
