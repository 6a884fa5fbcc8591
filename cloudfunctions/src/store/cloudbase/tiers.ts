import { transact } from './retry'
import type { GrowthEntry, TierChange, TierStatus } from '../../../../types/domain'
import { MAX_GET, isDuplicateKey } from './database'
import { read, withoutId, fromDoc, getAll } from './shared'
import { CloudbaseBase } from './base'
import type { TierMove, TierStore } from '../port'

/** Tiers and growth. */
export class CloudbaseTiers extends CloudbaseBase implements TierStore {
  async addGrowth(entry: GrowthEntry): Promise<boolean> {
    try {
      await this.db.collection('growth_entries').add({ data: { _id: entry.id, ...withoutId(entry) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async growthBetween(memberId: string, from: number, to: number): Promise<number> {
    return this.readGrowth(memberId, from, to)
  }

  async growthOfMembers(memberIds: readonly string[], from: number, to: number): Promise<Map<string, number>> {
    const growth = new Map<string, number>()
    for (const [memberId, amount] of await this.growthSums(memberIds, from, to)) if (amount !== 0) growth.set(memberId, amount)
    return growth
  }

  /** One transaction per member: CloudBase transactions are kept small (each document written is a round trip). */
  async setTierStatuses(moves: readonly TierMove[]): Promise<boolean[]> {
    const applied: boolean[] = []
    for (const { expected, next, change } of moves) applied.push(await this.setTierStatus(expected, next, change))
    return applied
  }

  async findTierStatus(memberId: string): Promise<TierStatus | null> {
    return this.readTierStatus(memberId)
  }

  async setTierStatus(expected: TierStatus, next: TierStatus, change: TierChange | null): Promise<boolean> {
    return transact(this.db, async (tx) => {
      const current = await read(tx.collection('tier_status').doc(expected.memberId))
      if (
        !current ||
        current.tier !== expected.tier ||
        current.attainedAt !== expected.attainedAt ||
        current.keepUntil !== expected.keepUntil
      )
        return false
      await tx
        .collection('tier_status')
        .doc(expected.memberId)
        .set({ data: { tier: next.tier, attainedAt: next.attainedAt, keepUntil: next.keepUntil } })
      await tx
        .collection('members')
        .doc(expected.memberId)
        .update({ data: { tier: next.tier } })
      if (change)
        await tx
          .collection('tier_changes')
          .doc(change.id)
          .set({ data: withoutId(change) })
      return true
    })
  }

  async listTierChanges(memberId: string): Promise<TierChange[]> {
    const docs = await getAll(this.db.collection('tier_changes').where({ memberId }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<TierChange>(d))
  }

  async tierReviewsDue(before: number, afterMemberId: string, limit: number): Promise<TierStatus[]> {
    const _ = this.db.command
    const { data } = await this.db
      .collection('tier_status')
      .where({ keepUntil: _.lte(before), _id: _.gt(afterMemberId) })
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => ({ memberId: d._id, tier: d.tier, attainedAt: d.attainedAt, keepUntil: d.keepUntil }))
  }
}
