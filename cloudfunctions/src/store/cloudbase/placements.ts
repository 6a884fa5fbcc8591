import type { Order } from '../../../../types/domain'
import { type CloudDatabase, type DocData, isDuplicateKey } from './database'
import type { FlashCounters } from './flash'
import { type Counter, clearMarks, giveBackMarked, markOf, takeMarked } from './marks'
import { read } from './shared'

/**
 * How long a placement holds its order id against another attempt of the same order. Far past a
 * function's timeout, so an attempt still running is never taken over; after it, a retry or the
 * order timer finishes what a cut-short attempt left.
 */
export const PLACEMENT_LEASE_MS = 60_000

/** What a placement may have taken for one line of its order, recorded before it takes anything. */
interface HeldLine {
  skuId: string
  productId: string
  quantity: number
  campaignId: string | null
  limited: boolean
}

/**
 * `placements/<order or redemption id>`: an attempt to place an order (or a points-mall redemption,
 * which takes one unit of `itemId`), until its record stands or what it took is given back.
 */
export interface Hold {
  kind?: 'redemption'
  itemId?: string
  memberId: string
  orderNo: string | null
  offerCampaignId: string | null
  lines: HeldLine[]
  leaseUntil: number
}

const purchaseCountId = (memberId: string, productId: string) => `${memberId}|${productId}`

const stockOf = (skuId: string): Counter => ({ collection: 'skus', id: skuId, field: 'stock' })

const allowanceOf = (memberId: string, productId: string): Counter => ({
  collection: 'purchase_counts',
  id: purchaseCountId(memberId, productId),
  field: 'units',
})

/** The hold an attempt to place the order records before taking anything. */
export function holdOf(order: Order): Hold {
  return {
    memberId: order.memberId,
    orderNo: order.orderNo ?? null,
    offerCampaignId: order.offer?.campaignId ?? null,
    lines: order.lines.map((l) => ({
      skuId: l.skuId,
      productId: l.productId,
      quantity: l.quantity,
      campaignId: l.flash?.campaignId ?? null,
      limited: Boolean(l.memberLimit),
    })),
    leaseUntil: order.createdAt + PLACEMENT_LEASE_MS,
  }
}

/** The hold a redemption records before taking its unit of the item. */
export function redemptionHold(memberId: string, itemId: string, now: number): Hold {
  return { kind: 'redemption', itemId, memberId, orderNo: null, offerCampaignId: null, lines: [], leaseUntil: now + PLACEMENT_LEASE_MS }
}

/** The counter of a mall item's units. */
export const itemStockOf = (itemId: string): Counter => ({ collection: 'redeem_items', id: itemId, field: 'stock' })

/** The collection whose record makes a held attempt stand. */
const recordOf = (hold: Hold) => (hold.kind === 'redemption' ? 'redemptions' : 'orders')

/**
 * The record of placements in progress on CloudBase. Stock, flash units and allowances are taken by
 * separate conditional writes (a transaction over a hot SKU would exhaust its retries), so an attempt
 * can be cut short between them: by a timeout, a lost answer or the end of the function. Every write
 * marks the counter with the order and line, and the hold names the counters before any is touched, so
 * what an attempt took can always be found and given back exactly once.
 */
export class Placements {
  constructor(
    private readonly db: CloudDatabase,
    private readonly flash: FlashCounters,
  ) {}

  /**
   * Holds the order id for this attempt: 'busy' while another attempt of the same order holds it, else
   * the hold an earlier, cut-short attempt left (null if none), which the caller undoes before taking.
   */
  async acquire(id: string, hold: Hold): Promise<'busy' | { previous: Hold | null }> {
    const ref = this.db.collection('placements')
    try {
      await ref.add({ data: { _id: id, ...hold } })
      return { previous: null }
    } catch (error) {
      if (!isDuplicateKey(error)) throw error
    }
    const previous = (await read(ref.doc(id))) as (Hold & DocData) | null
    const now = hold.leaseUntil - PLACEMENT_LEASE_MS
    if (!previous || previous.leaseUntil > now) return 'busy'
    const { stats } = await ref.where({ _id: id, leaseUntil: previous.leaseUntil }).update({ data: { leaseUntil: hold.leaseUntil } })
    return stats.updated === 1 ? { previous } : 'busy'
  }

  /** Replaces a taken-over hold with this attempt's, once the earlier attempt's takes are undone. */
  async record(id: string, hold: Hold): Promise<void> {
    await this.db.collection('placements').doc(id).set({ data: hold })
  }

  /** Ends the hold of an attempt whose takes are all given back. */
  async release(orderId: string): Promise<void> {
    await this.db.collection('placements').doc(orderId).remove()
  }

  /** Takes a line's stock: true when the SKU had the units. */
  takeStock(orderId: string, line: number, skuId: string, quantity: number): Promise<boolean> {
    return takeMarked(this.db, stockOf(skuId), { stock: this.db.command.gte(quantity) }, -quantity, quantity, markOf(orderId, line))
  }

  /** Takes a line's units of the member's allowance of its product: one conditional increment, never past the limit. */
  async takeAllowance(
    orderId: string,
    line: number,
    memberId: string,
    productId: string,
    quantity: number,
    limit: number,
  ): Promise<boolean> {
    const counter = allowanceOf(memberId, productId)
    await this.db
      .collection('purchase_counts')
      .add({ data: { _id: counter.id, memberId, productId, units: 0 } })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error
      })
    return takeMarked(this.db, counter, { units: this.db.command.lte(limit - quantity) }, quantity, quantity, markOf(orderId, line))
  }

  /** Gives back everything an attempt recorded in its hold took; safe to ask again, each take is given back once. */
  async undo(orderId: string, hold: Hold): Promise<void> {
    if (hold.itemId) await giveBackMarked(this.db, itemStockOf(hold.itemId), 1, 1, markOf(orderId, 0))
    for (const [i, line] of hold.lines.entries()) {
      const mark = markOf(orderId, i)
      if (line.limited) await giveBackMarked(this.db, allowanceOf(hold.memberId, line.productId), -line.quantity, line.quantity, mark)
      await giveBackMarked(this.db, stockOf(line.skuId), line.quantity, line.quantity, mark)
      if (line.campaignId) await this.flash.undo(line.campaignId, mark)
    }
    if (hold.offerCampaignId)
      await this.db
        .collection('offer_claims')
        .where({ _id: `${hold.offerCampaignId}|${hold.memberId}`, orderId })
        .update({ data: { orderId: null } })
    if (hold.orderNo) await this.db.collection('order_numbers').where({ _id: hold.orderNo, orderId }).remove()
  }

  /**
   * The order timer's part: every hold whose lease ran out is settled. When its record stands, the
   * marks it left are removed (the units stay taken), in one write per counter document; otherwise
   * what it took is given back. Answers how many holds it settled and how many of those gave back.
   */
  async settle(now: number, limit: number, more: () => boolean): Promise<{ settled: number; returned: number; done: boolean }> {
    let settled = 0
    let returned = 0
    for (;;) {
      const { data } = await this.db
        .collection('placements')
        .where({ leaseUntil: this.db.command.lte(now) })
        .orderBy('leaseUntil', 'asc')
        .limit(limit)
        .get()
      const standing: { orderId: string; hold: Hold }[] = []
      for (const doc of data) {
        if (!more()) {
          await this.clearStanding(standing)
          return { settled, returned, done: false }
        }
        const hold = doc as Hold & DocData
        const taken = await this.db
          .collection('placements')
          .where({ _id: doc._id, leaseUntil: hold.leaseUntil })
          .update({ data: { leaseUntil: now + PLACEMENT_LEASE_MS } })
        if (taken.stats.updated !== 1) continue
        const { data: records } = await this.db.collection(recordOf(hold)).where({ _id: doc._id }).limit(1).get()
        if (records.length === 1) standing.push({ orderId: doc._id, hold })
        else {
          await this.undo(doc._id, hold)
          await this.release(doc._id)
          returned += 1
        }
        settled += 1
      }
      await this.clearStanding(standing)
      if (data.length < limit) return { settled, returned, done: true }
    }
  }

  /** Removes the marks of orders that stand, grouped so that each counter document is written once. */
  private async clearStanding(standing: readonly { orderId: string; hold: Hold }[]): Promise<void> {
    const marksByCounter = new Map<string, string[]>()
    const add = (key: string, mark: string) => marksByCounter.set(key, [...(marksByCounter.get(key) ?? []), mark])
    for (const { orderId, hold } of standing) {
      if (hold.itemId) add(`redeem_items\u0000${hold.itemId}`, markOf(orderId, 0))
      for (const [i, line] of hold.lines.entries()) {
        const mark = markOf(orderId, i)
        add(`skus\u0000${line.skuId}`, mark)
        if (line.limited) add(`purchase_counts\u0000${purchaseCountId(hold.memberId, line.productId)}`, mark)
        if (line.campaignId) add(`flash\u0000${line.campaignId}`, mark)
      }
    }
    for (const [key, marks] of marksByCounter) {
      const [collection, id] = key.split('\u0000')
      if (collection === 'flash') await this.flash.clear(id, marks)
      else await clearMarks(this.db, collection, id, marks)
    }
    for (const { orderId } of standing) await this.release(orderId)
  }
}
