import type { RedeemItem, Redemption } from '../../../../types/domain'
import type { PointsDecision, PointsState, PointsUpdate, Slice, RedeemStore, RedemptionDecision } from '../port'
import { markOf, takeMarked, withoutMarks } from './marks'
import { itemStockOf, redemptionHold } from './placements'
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
    return docs.map((d) => fromDoc<RedeemItem>(withoutMarks(d)))
  }

  async findRedeemItem(id: string): Promise<RedeemItem | null> {
    const { data } = await this.db.collection('redeem_items').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<RedeemItem>(withoutMarks(data[0])) : null
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
   * retries), then the points change applies once under its key with the record in the same
   * transaction; a refused step gives the unit back. The member's points changes are serialised by
   * their account version, so the balance is never spent twice.
   */
  async redeem(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: RedemptionDecision,
  ): Promise<{ redemption: Redemption; duplicate: boolean }> {
    const existing = await this.findRedemption(target.id)
    if (existing) return { redemption: existing, duplicate: true }
    const [item, redeemedAt, points] = await Promise.all([
      this.findRedeemItem(target.itemId),
      this.redemptionTimes(target.memberId, target.itemId),
      this.findPoints(target.memberId),
    ])
    const first = decide({ item, redeemedAt, points })
    if (!item) throw new Error(`no redeem item ${target.itemId}`)
    // The unit is taken by a marked write and the record is written with the points: an attempt cut
    // short anywhere leaves its hold, and the unit is given back unless the redemption stands.
    const hold = redemptionHold(target.memberId, target.itemId, first.redemption.createdAt)
    const held = await this.placements.acquire(target.id, hold)
    if (held === 'busy') throw new Error(`redemption ${target.id} is under way in another attempt`)
    if (held.previous) {
      const placed = await this.findRedemption(target.id)
      if (placed) return { redemption: placed, duplicate: true }
      await this.placements.undo(target.id, held.previous)
      await this.placements.record(target.id, hold)
    }
    const giveBack = async () => {
      await this.placements.undo(target.id, hold)
      await this.placements.release(target.id)
    }
    const unit = itemStockOf(target.itemId)
    if (!(await takeMarked(this.db, unit, { stock: this.db.command.gte(1) }, -1, 1, markOf(target.id, 0)))) {
      await giveBack()
      decide({ item: { ...item, stock: 0 }, redeemedAt, points })
      throw new Error(`redeem item ${target.itemId} is sold out`)
    }
    // Each attempt's redemption, by the points decision it came with: the one written is the applied one's.
    const redemptionOf = new WeakMap<PointsDecision, Redemption>()
    let update: PointsUpdate
    try {
      update = await this.updatePointsWith(
        target.memberId,
        target.key,
        (state) => {
          const decision = decide({ item, redeemedAt, points: state })
          redemptionOf.set(decision.points, decision.redemption)
          return decision.points
        },
        async (tx, decision) => {
          const redemption = redemptionOf.get(decision) as Redemption
          await tx
            .collection('redemptions')
            .doc(redemption.id)
            .set({ data: withoutId(redemption) })
        },
      )
    } catch (error) {
      // A commit whose answer was lost stands; anything else gives the unit back (or leaves it to the order timer).
      const placed = await this.findRedemption(target.id).catch(() => null)
      if (placed) return { redemption: placed, duplicate: false }
      // The hold stays for the order timer: a write that timed out may still be applied.
      await this.placements.undo(target.id, hold).catch(() => undefined)
      throw error
    }
    const decided = update.applied ? redemptionOf.get(update.applied) : undefined
    if (decided) return { redemption: decided, duplicate: false }
    const placed = await this.findRedemption(target.id)
    if (placed) return { redemption: placed, duplicate: true }
    await giveBack()
    throw new Error(`redemption ${target.id}: points key used without a record`)
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
