import type { TierStatus } from '../../../../types/domain'
import { type CloudDatabase, type DocData, MAX_GET, isDuplicateKey } from './database'
import { FLASH_SHARDS, FlashCounters } from './flash'
import { Placements } from './placements'

/** How the adapter spreads hot counters; production keeps the defaults. */
export interface CloudbaseOptions {
  /** Counter documents per flash campaign (default FLASH_SHARDS). */
  flashShards?: number
}

/** Keys (members, distributors) one aggregation totals: its `in` list and the records it answers stay small. */
const KEYS_AT_ONCE = 100

/** What every aggregate of the adapter shares: the database handle, the flash counters, the placements in progress and the helpers. */
export class CloudbaseBase {
  protected readonly flash: FlashCounters
  protected readonly placements: Placements

  constructor(
    protected readonly db: CloudDatabase,
    options: CloudbaseOptions = {},
  ) {
    this.flash = new FlashCounters(db, options.flashShards ?? FLASH_SHARDS)
    this.placements = new Placements(db, this.flash)
  }

  /** A member's tier standing (tiers read it; so does a points change that answers the standing after it). */
  protected async readTierStatus(memberId: string): Promise<TierStatus | null> {
    const { data } = await this.db.collection('tier_status').where({ _id: memberId }).limit(1).get()
    return data[0] ? { memberId, tier: data[0].tier, attainedAt: data[0].attainedAt, keepUntil: data[0].keepUntil } : null
  }

  /** A member's growth over (from, to]. */
  protected async readGrowth(memberId: string, from: number, to: number): Promise<number> {
    return (await this.growthSums([memberId], from, to)).get(memberId) ?? 0
  }

  /** Members' growth over (from, to]; members with no entries in the window have no total. */
  protected async growthSums(memberIds: readonly string[], from: number, to: number): Promise<Map<string, number>> {
    const _ = this.db.command
    const totals = await this.totalsBy(
      'growth_entries',
      'memberId',
      memberIds,
      { at: _.gt(from).and(_.lte(to)) },
      { total: _.aggregate.sum('$amount') },
    )
    return new Map([...totals].map(([memberId, t]) => [memberId, t.total as number]))
  }

  /** Totals (`totals`: `db.command.aggregate` accumulators) of all a collection's documents that match, in one record; none when nothing matches. */
  protected async totalOf(collection: string, match: DocData, totals: DocData): Promise<DocData | undefined> {
    const { list } = await this.db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: null, ...totals })
      .end()
    return list[0]
  }

  /**
   * Totals (`totals`: `db.command.aggregate` accumulators) of a collection's documents that match, one
   * record for each of `keys` (a member or distributor id in the `key` field), summed where they are
   * stored: one aggregation per `KEYS_AT_ONCE` keys, where reading the documents would fetch all of
   * them. A key with no such document has no record.
   */
  protected async totalsBy(
    collection: string,
    key: string,
    keys: readonly string[],
    match: DocData,
    totals: DocData,
  ): Promise<Map<string, DocData>> {
    const _ = this.db.command
    const found = new Map<string, DocData>()
    for (let i = 0; i < keys.length; i += KEYS_AT_ONCE) {
      const ids = keys.slice(i, i + KEYS_AT_ONCE)
      const { list } = await this.db
        .collection(collection)
        .aggregate()
        .match({ [key]: ids.length === 1 ? ids[0] : _.in(ids), ...match })
        .group({ _id: `$${key}`, ...totals })
        // Without a limit stage the service answers at most 20 records.
        .limit(ids.length)
        .end()
      for (const record of list) found.set(record._id as string, record)
    }
    return found
  }

  /**
   * One page by (field, _id) after a position, as two index range reads (the SDK has no tuple
   * comparison): the rest of the position's instant, then the instants after it. `from` null: no
   * lower bound; `match` narrows both reads (a status).
   */
  protected async pageByTime(
    collection: string,
    field: string,
    from: number | null,
    to: number,
    after: { at: number; id: string } | null,
    limit: number,
    match: DocData = {},
  ): Promise<DocData[]> {
    const _ = this.db.command
    const found: DocData[] = []
    const size = Math.min(limit, MAX_GET)
    if (after) {
      const { data } = await this.db
        .collection(collection)
        .where({ ...match, [field]: after.at, _id: _.gt(after.id) })
        .orderBy('_id', 'asc')
        .limit(size)
        .get()
      found.push(...data)
    }
    if (found.length < size) {
      const lower = after ? _.gt(after.at) : from === null ? null : _.gte(from)
      const { data } = await this.db
        .collection(collection)
        .where({ ...match, [field]: lower ? lower.and(_.lt(to)) : _.lt(to) })
        .orderBy(field, 'asc')
        .orderBy('_id', 'asc')
        .limit(size - found.length)
        .get()
      found.push(...data)
    }
    return found
  }

  /**
   * Writes a versioned document's fields while it is still at `expectedVersion` (compare-and-set; 0: it
   * must not exist yet), moving the version on; false when another writer moved it first. Each field is
   * set whole, so nothing of an earlier value is merged into the new one.
   */
  protected async saveVersioned(collection: string, id: string, expectedVersion: number, fields: DocData): Promise<boolean> {
    if (expectedVersion === 0) {
      try {
        await this.db.collection(collection).add({ data: { _id: id, version: 1, ...fields } })
        return true
      } catch (error) {
        if (isDuplicateKey(error)) return false
        throw error
      }
    }
    const whole = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, this.db.command.set(value)]))
    const { stats } = await this.db
      .collection(collection)
      .where({ _id: id, version: expectedVersion })
      .update({ data: { version: expectedVersion + 1, ...whole } })
    return stats.updated === 1
  }

  async close(): Promise<void> {}
}
