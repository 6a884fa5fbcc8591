import type { RedeemItem, Redemption } from '../../../../types/domain'
import type { PointsDecision, PointsState, Slice, RedeemStore, RedemptionDecision } from '../port'
import { SqliteBase } from './base'
import { type DocRow, parseDoc } from './paging'

/** The redemption mall: items, redemptions and the coupons they credit. */
export class SqliteRedeem extends SqliteBase implements RedeemStore {
  async putRedeemItem(item: RedeemItem): Promise<void> {
    this.sql(
      `INSERT INTO redeem_items (id, stock, sort, doc) VALUES (@id, @stock, @sort, @doc)
       ON CONFLICT (id) DO UPDATE SET stock = excluded.stock, sort = excluded.sort, doc = excluded.doc`,
    ).run({ id: item.id, stock: item.stock, sort: item.sort, doc: JSON.stringify(item) })
  }

  private toItem(row: { stock: number; doc: string }): RedeemItem {
    return { ...(JSON.parse(row.doc) as RedeemItem), stock: row.stock }
  }

  async listRedeemItems(): Promise<RedeemItem[]> {
    return (this.sql('SELECT stock, doc FROM redeem_items ORDER BY sort, id').all() as { stock: number; doc: string }[]).map((r) =>
      this.toItem(r),
    )
  }

  async findRedeemItem(id: string): Promise<RedeemItem | null> {
    const row = this.sql('SELECT stock, doc FROM redeem_items WHERE id = ?').get(id) as { stock: number; doc: string } | undefined
    return row ? this.toItem(row) : null
  }

  async redemptionTimes(memberId: string, itemId: string): Promise<number[]> {
    const rows = this.sql(
      "SELECT created_at FROM redemptions WHERE member_id = ? AND item_id = ? AND status != 'cancelled' ORDER BY created_at",
    ).all(memberId, itemId) as {
      created_at: number
    }[]
    return rows.map((r) => r.created_at)
  }

  async findRedemption(id: string): Promise<Redemption | null> {
    const row = this.sql('SELECT doc FROM redemptions WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? JSON.parse(row.doc) : null
  }

  async listRedemptions(memberId: string, offset: number, limit: number): Promise<Slice<Redemption>> {
    const listing = {
      rows: 'SELECT doc FROM redemptions WHERE member_id = ? ORDER BY created_at DESC, id DESC',
      count: 'SELECT COUNT(*) AS n FROM redemptions WHERE member_id = ?',
      params: [memberId],
    }
    return this.slice<DocRow, Redemption>(listing, { offset, limit }, (rows) => rows.map(parseDoc<Redemption>))
  }

  async redemptionsToShip(offset: number, limit: number): Promise<Slice<Redemption>> {
    const listing = {
      rows: "SELECT doc FROM redemptions WHERE status = 'placed' ORDER BY created_at, id",
      count: "SELECT COUNT(*) AS n FROM redemptions WHERE status = 'placed'",
      params: [],
    }
    return this.slice<DocRow, Redemption>(listing, { offset, limit }, (rows) => rows.map(parseDoc<Redemption>))
  }

  private writeRedemption(r: Redemption, insert: boolean): void {
    if (insert) {
      this.sql('INSERT INTO redemptions (id, member_id, item_id, status, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
        r.id,
        r.memberId,
        r.itemId,
        r.status,
        r.createdAt,
        JSON.stringify(r),
      )
    } else {
      this.sql('UPDATE redemptions SET status = ?, doc = ? WHERE id = ?').run(r.status, JSON.stringify(r), r.id)
    }
  }

  /** One immediate transaction: limits, points, stock and the record cannot drift apart. */
  async redeem(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: RedemptionDecision,
  ): Promise<{ redemption: Redemption; duplicate: boolean }> {
    return this.transactionOf('redeem', (at: typeof target, decideNow: typeof decide) => this.redeemNow(at, decideNow)).immediate(
      target,
      decide,
    )
  }

  private redeemNow(
    target: { id: string; memberId: string; itemId: string; key: string },
    decide: RedemptionDecision,
  ): { redemption: Redemption; duplicate: boolean } {
    const existing = this.sql('SELECT doc FROM redemptions WHERE id = ?').get(target.id) as { doc: string } | undefined
    if (existing) return { redemption: JSON.parse(existing.doc) as Redemption, duplicate: true }
    const itemRow = this.sql('SELECT stock, doc FROM redeem_items WHERE id = ?').get(target.itemId) as
      | { stock: number; doc: string }
      | undefined
    const redeemedAt = (
      this.sql("SELECT created_at FROM redemptions WHERE member_id = ? AND item_id = ? AND status != 'cancelled'").all(
        target.memberId,
        target.itemId,
      ) as { created_at: number }[]
    ).map((r) => r.created_at)
    const points = this.readPoints(target.memberId)
    const decision = decide({ item: itemRow ? this.toItem(itemRow) : null, redeemedAt, points })
    if (!itemRow) throw new Error(`no redeem item ${target.itemId}`)
    if (this.sql('UPDATE redeem_items SET stock = stock - 1 WHERE id = ? AND stock >= 1').run(target.itemId).changes !== 1) {
      throw new Error(`redeem item ${target.itemId} ran out inside a transaction`)
    }
    // The points were read above in this same immediate transaction; the key is the redemption's, whose record is absent.
    // With the lots as read, a lot whose remainder alone moved is written as that one column.
    this.applyPointsChange({ memberId: target.memberId, key: target.key, expectedVersion: points.version, ...decision.points }, points.lots)
    this.writeRedemption(decision.redemption, true)
    return { redemption: decision.redemption, duplicate: false }
  }

  async cancelRedemption(
    id: string,
    key: string,
    decide: (context: { redemption: Redemption; points: PointsState }) => { redemption: Redemption; points: PointsDecision },
  ): Promise<Redemption | null> {
    const run = this.db.transaction((): Redemption | null => {
      const row = this.sql("SELECT doc FROM redemptions WHERE id = ? AND status = 'placed'").get(id) as { doc: string } | undefined
      if (!row) return null
      const redemption = JSON.parse(row.doc) as Redemption
      const points = this.readPoints(redemption.memberId)
      const decision = decide({ redemption, points })
      if (this.writePoints({ memberId: redemption.memberId, key, expectedVersion: points.version, ...decision.points }) !== 'applied')
        return null
      this.sql('UPDATE redeem_items SET stock = stock + 1 WHERE id = ?').run(redemption.itemId)
      this.writeRedemption(decision.redemption, false)
      return decision.redemption
    })
    return run.immediate()
  }

  async listCredits(memberId: string): Promise<Redemption[]> {
    const rows = this.sql(
      `SELECT doc FROM redemptions WHERE member_id = ? AND status = 'fulfilled' AND json_extract(doc, '$.kind') IN ('coupon', 'privilege') ORDER BY created_at, id`,
    ).all(memberId) as { doc: string }[]
    return rows.map((r) => JSON.parse(r.doc) as Redemption)
  }

  async useCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE redemptions SET doc = json_set(doc, '$.usedByOrder', ?) WHERE id = ? AND status = 'fulfilled' AND json_extract(doc, '$.usedByOrder') IS NULL`,
      ).run(orderId, redemptionId).changes === 1
    )
  }

  async releaseCoupon(redemptionId: string, orderId: string): Promise<boolean> {
    return (
      this.sql(
        `UPDATE redemptions SET doc = json_set(doc, '$.usedByOrder', json('null')) WHERE id = ? AND json_extract(doc, '$.usedByOrder') = ?`,
      ).run(redemptionId, orderId).changes === 1
    )
  }

  async fulfilRedemption(id: string, at: number, shipment: { carrier: string; trackingNo: string } | null): Promise<Redemption | null> {
    const run = this.db.transaction((): Redemption | null => {
      const row = this.sql("SELECT doc FROM redemptions WHERE id = ? AND status = 'placed'").get(id) as { doc: string } | undefined
      if (!row) return null
      const fulfilled: Redemption = { ...(JSON.parse(row.doc) as Redemption), status: 'fulfilled', fulfilledAt: at, shipment }
      this.writeRedemption(fulfilled, false)
      return fulfilled
    })
    return run.immediate()
  }
}
