import type { ChannelDay } from '../../../../types/domain'
import type { StoredTouch, TouchpointStore } from '../port'
import { isDuplicateKey } from './database'
import { withoutId, fromDoc, getAll } from './shared'
import { CloudbaseBase } from './base'

/** Touchpoints: where visits came from, and their daily roll-up by channel. */
export class CloudbaseTouchpoints extends CloudbaseBase implements TouchpointStore {
  async recordTouch(t: StoredTouch): Promise<boolean> {
    try {
      await this.db.collection('touchpoints').add({ data: { _id: t.id, ...withoutId(t) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async lastTouch(memberId: string, since: number): Promise<StoredTouch | null> {
    const { data } = await this.db
      .collection('touchpoints')
      .where({ memberId, at: this.db.command.gte(since) })
      .orderBy('at', 'desc')
      .orderBy('_id', 'desc')
      .limit(1)
      .get()
    return data[0] ? fromDoc<StoredTouch>(data[0]) : null
  }

  async replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void> {
    const keep = new Set(rows.map((r) => `${day}|${r.channel}`))
    for (const row of rows) {
      await this.db
        .collection('channel_days')
        .doc(`${day}|${row.channel}`)
        .set({ data: { ...row, day } })
    }
    const stale = (await getAll(this.db.collection('channel_days').where({ day }))).filter((d) => !keep.has(d._id))
    for (const doc of stale) await this.db.collection('channel_days').doc(doc._id).remove()
  }

  async listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]> {
    const _ = this.db.command
    const docs = await getAll(
      this.db
        .collection('channel_days')
        .where({ day: _.gte(fromDay).and(_.lte(toDay)) })
        .orderBy('day', 'asc')
        .orderBy('channel', 'asc'),
    )
    return docs.map(({ day, channel, visits, visitors }) => ({ day, channel, visits, visitors }))
  }

  async touchesBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<StoredTouch[]> {
    return (await this.pageByTime('touchpoints', 'at', from, to, after, limit)).map((d) => fromDoc<StoredTouch>(d))
  }
}
