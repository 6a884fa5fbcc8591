import type { ChannelDay } from '../../../../types/domain'
import type { StoredTouch, TouchpointStore } from '../port'
import { SqliteBase } from './base'

/** Touchpoints: where visits came from, and their daily roll-up by channel. */
export class SqliteTouchpoints extends SqliteBase implements TouchpointStore {
  async recordTouch(t: StoredTouch): Promise<boolean> {
    const result = this.sql(
      `INSERT INTO touchpoints (id, member_id, scene, share_code, post_id, campaign_id, product_id, path, at, channel)
       VALUES (@id, @memberId, @scene, @shareCode, @postId, @campaignId, @productId, @path, @at, @channel) ON CONFLICT (id) DO NOTHING`,
    ).run(t)
    return result.changes === 1
  }

  async lastTouch(memberId: string, since: number): Promise<StoredTouch | null> {
    const row = this.sql(
      'SELECT id, member_id, scene, share_code, post_id, campaign_id, product_id, path, at, channel FROM touchpoints WHERE member_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT 1',
    ).get(memberId, since) as
      | {
          id: string
          member_id: string
          scene: number
          share_code: string | null
          post_id: string | null
          campaign_id: string | null
          product_id: string | null
          path: string
          at: number
          channel: string
        }
      | undefined
    if (!row) return null
    return {
      id: row.id,
      memberId: row.member_id,
      scene: row.scene,
      shareCode: row.share_code,
      postId: row.post_id,
      campaignId: row.campaign_id,
      productId: row.product_id,
      path: row.path,
      at: row.at,
      channel: row.channel,
    }
  }

  async replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void> {
    const insert = this.sql('INSERT INTO channel_days (day, channel, visits, visitors) VALUES (@day, @channel, @visits, @visitors)')
    this.db.transaction(() => {
      this.sql('DELETE FROM channel_days WHERE day = ?').run(day)
      for (const row of rows) insert.run(row)
    })()
  }

  async listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]> {
    return this.sql('SELECT day, channel, visits, visitors FROM channel_days WHERE day >= ? AND day <= ? ORDER BY day, channel').all(
      fromDay,
      toDay,
    ) as ChannelDay[]
  }

  async touchesBetween(from: number, to: number, after: { at: number; id: string } | null, limit: number): Promise<StoredTouch[]> {
    return this.sql(
      `SELECT id, member_id AS memberId, scene, share_code AS shareCode, post_id AS postId, campaign_id AS campaignId, product_id AS productId, path, at, channel
       FROM touchpoints WHERE at >= @lower AND at < @to AND (at > @afterAt OR id > @afterId) ORDER BY at, id LIMIT @limit`,
    ).all({
      lower: after ? after.at : from,
      to,
      afterAt: after ? after.at : from - 1,
      afterId: after ? after.id : '',
      limit,
    }) as StoredTouch[]
  }
}
