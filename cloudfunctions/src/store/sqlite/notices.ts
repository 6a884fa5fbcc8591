import { SqliteBase } from './base'
import type { NoticeStore } from '../port'

/** WeChat Pay notifications already handled, one row per receipt. */
export class SqliteNotices extends SqliteBase implements NoticeStore {
  async noticeHandled(receipts: readonly string[]): Promise<boolean> {
    if (receipts.length === 0) return false
    const marks = receipts.map(() => '?').join(', ')
    return this.sql(`SELECT 1 FROM handled_notices WHERE receipt IN (${marks}) LIMIT 1`).get(...receipts) !== undefined
  }

  async recordNoticeHandled(receipts: readonly string[], at: number): Promise<void> {
    const insert = this.sql('INSERT INTO handled_notices (receipt, at) VALUES (?, ?) ON CONFLICT (receipt) DO NOTHING')
    this.db.transaction(() => {
      for (const receipt of receipts) insert.run(receipt, at)
    })()
  }
}
