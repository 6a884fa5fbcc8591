import { type CloudDatabase, type DocData, type Transaction, isDuplicateKey } from './database'
import { clearMarks, giveBackMarked, markedUnits, takeMarked } from './marks'
import { read } from './shared'

/** How many counter documents carry a flash allotment by default: buyers spread their writes over them. */
export const FLASH_SHARDS = 16

/** How often a buyer looks again when every shard refused them but the counters showed room. */
const ROUNDS = 8

/** Units taken from one shard. */
export interface FlashTake {
  shard: number
  units: number
}

/** Shard 0 keeps the campaign's own id, so a counter written before sharding is shard 0. */
const shardId = (campaignId: string, shard: number) => (shard === 0 ? campaignId : `${campaignId}#${shard}`)

/** Shard k's part of the allotment: the allotment dealt out evenly, the first shards one more. */
const capOf = (allotment: number, shards: number, shard: number) => Math.floor(allotment / shards) + (shard < allotment % shards ? 1 : 0)

/**
 * A flash campaign's sold units, spread over counter documents so that buyers of one hot campaign do not
 * all queue behind one document. Each shard holds its part of the allotment and is claimed with a
 * conditional increment that never passes that part, so the shards together never pass the allotment.
 * A buyer reads the counters before placing anything (`hasRoom`), so late buyers write nothing.
 */
export class FlashCounters {
  constructor(
    private readonly db: CloudDatabase,
    private readonly shards: number,
  ) {}

  /** How many shards carry an allotment: never more than its units, so every shard can sell one. */
  private spread(allotment: number): number {
    return Math.max(1, Math.min(this.shards, allotment))
  }

  async sold(campaignId: string): Promise<number> {
    return (await this.counters(campaignId)).reduce((sum, c) => sum + c.sold, 0)
  }

  /** Whether the allotment has `quantity` units left, by one read: a late buyer is refused before writing anything. */
  async hasRoom(campaignId: string, allotment: number, quantity: number): Promise<boolean> {
    return (await this.sold(campaignId)) + quantity <= allotment
  }

  /** Every shard document of a campaign that exists, by shard number, in one read. */
  private async shardDocs(campaignId: string): Promise<Map<number, DocData>> {
    const ids = Array.from({ length: this.shards }, (_, k) => shardId(campaignId, k))
    const { data } = await this.db
      .collection('flash_sold')
      .where({ _id: this.db.command.in(ids) })
      .limit(ids.length)
      .get()
    return new Map(data.map((d: DocData) => [ids.indexOf(d._id as string), d]))
  }

  /** Every shard's sold units (0 where its document does not exist yet), in one read. */
  private async counters(campaignId: string): Promise<{ shard: number; sold: number; exists: boolean }[]> {
    const docs = await this.shardDocs(campaignId)
    return Array.from({ length: this.shards }, (_, shard) => ({
      shard,
      sold: (docs.get(shard)?.sold as number | undefined) ?? 0,
      exists: docs.has(shard),
    }))
  }

  private async claim(campaignId: string, allotment: number, shard: number, units: number, mark: string): Promise<boolean> {
    const cap = capOf(allotment, this.spread(allotment), shard)
    if (units > cap) return false
    const counter = { collection: 'flash_sold', id: shardId(campaignId, shard), field: 'sold' }
    return takeMarked(this.db, counter, { sold: this.db.command.lte(cap - units) }, units, units, mark)
  }

  /**
   * Takes `quantity` units of the allotment, or nothing (null) when it does not have them. A buyer first
   * tries one shard picked at random; refused, they read every shard and take from those with room,
   * across several if no one shard has enough. Shards stay within their parts, but a counter from before
   * sharding or a lowered allotment can leave one past its part, so a buyer keeps their units only once
   * a read after taking them finds the shards together within the allotment: of buyers who kept units,
   * the last to read saw every kept unit, so the kept total never passes the allotment.
   */
  async take(campaignId: string, allotment: number, quantity: number, mark: string): Promise<FlashTake[] | null> {
    const spread = this.spread(allotment)
    const first = Math.floor(Math.random() * spread)
    let taken: FlashTake[] | null = (await this.claim(campaignId, allotment, first, quantity, mark))
      ? [{ shard: first, units: quantity }]
      : null
    for (let round = 0; round < ROUNDS; round += 1) {
      if (taken) {
        if ((await this.sold(campaignId)) <= allotment) return taken
        await this.giveBack(campaignId, taken, mark)
      }
      const counters = await this.counters(campaignId)
      const sold = counters.reduce((sum, c) => sum + c.sold, 0)
      if (sold + quantity > allotment) return null
      taken = await this.gather(campaignId, allotment, quantity, counters.slice(0, spread), mark)
    }
    if (taken) await this.giveBack(campaignId, taken, mark)
    return null
  }

  /**
   * Takes from the shards with room, in random order so that buyers who met a full shard together do
   * not all turn to the same one; a shard's document is created by the first buyer it is handed to.
   * Gives back what it took if the shards fall short.
   */
  private async gather(
    campaignId: string,
    allotment: number,
    quantity: number,
    counters: { shard: number; sold: number; exists: boolean }[],
    mark: string,
  ): Promise<FlashTake[] | null> {
    const spread = this.spread(allotment)
    const room = counters
      .map((c) => ({ ...c, room: capOf(allotment, spread, c.shard) - c.sold, order: Math.random() }))
      .filter((c) => c.room > 0)
      .sort((a, b) => a.order - b.order)
    // One shard with room for the whole order first, then parts from several.
    room.sort((a, b) => Number(b.room >= quantity) - Number(a.room >= quantity))
    const taken: FlashTake[] = []
    let wanted = quantity
    for (const c of room) {
      if (wanted === 0) break
      if (!c.exists) await this.create(campaignId, c.shard)
      const units = Math.min(wanted, c.room)
      if (await this.claim(campaignId, allotment, c.shard, units, mark)) {
        taken.push({ shard: c.shard, units })
        wanted -= units
      }
    }
    if (wanted === 0) return taken
    await this.giveBack(campaignId, taken, mark)
    return null
  }

  private async create(campaignId: string, shard: number): Promise<void> {
    await this.db
      .collection('flash_sold')
      .add({ data: { _id: shardId(campaignId, shard), campaignId, sold: 0 } })
      .catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error
      })
  }

  /** Returns units a buyer took, to the shards they came from: the campaign is open again. */
  private async giveBack(campaignId: string, taken: readonly FlashTake[], mark: string): Promise<void> {
    for (const t of taken)
      await giveBackMarked(this.db, { collection: 'flash_sold', id: shardId(campaignId, t.shard), field: 'sold' }, -t.units, t.units, mark)
  }

  /** The shard documents of a campaign that carry any of the marks, with what each mark holds there. */
  private async marked(campaignId: string, marks: readonly string[]): Promise<{ shard: number; mark: string; units: number }[]> {
    return [...(await this.shardDocs(campaignId))].flatMap(([shard, doc]) =>
      marks.flatMap((mark) => {
        const units = markedUnits(doc, mark)
        return units === null ? [] : [{ shard, mark, units }]
      }),
    )
  }

  /** Gives back whatever a placement's line holds in the campaign (a placement that did not stand). */
  async undo(campaignId: string, mark: string): Promise<void> {
    const held = await this.marked(campaignId, [mark])
    await this.giveBack(
      campaignId,
      held.map(({ shard, units }) => ({ shard, units })),
      mark,
    )
  }

  /** Removes the marks of placements that stood: their units stay sold. */
  async clear(campaignId: string, marks: readonly string[]): Promise<void> {
    const byShard = new Map<number, string[]>()
    for (const { shard, mark } of await this.marked(campaignId, marks)) byShard.set(shard, [...(byShard.get(shard) ?? []), mark])
    for (const [shard, onShard] of byShard) await clearMarks(this.db, 'flash_sold', shardId(campaignId, shard), onShard)
  }

  /**
   * Inside an order's transaction: returns a cancelled order's units to the shards, starting at one
   * picked from the order so releases spread too, never taking a shard below zero.
   */
  async release(tx: Transaction, campaignId: string, quantity: number, orderId: string): Promise<void> {
    let left = quantity
    const start = [...orderId].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % this.shards, 0)
    for (let i = 0; i < this.shards && left > 0; i += 1) {
      const ref = tx.collection('flash_sold').doc(shardId(campaignId, (start + i) % this.shards))
      const sold = ((await read(ref))?.sold as number | undefined) ?? 0
      const units = Math.min(left, sold)
      if (units === 0) continue
      await ref.update({ data: { sold: this.db.command.inc(-units) } })
      left -= units
    }
  }
}
