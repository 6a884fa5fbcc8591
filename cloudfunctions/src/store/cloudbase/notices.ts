import { isDuplicateKey } from './database'
import { CloudbaseBase } from './base'
import type { NoticeStore } from '../port'

/** WeChat Pay notifications already handled: `handled_notices/<receipt>`. */
export class CloudbaseNotices extends CloudbaseBase implements NoticeStore {
  async noticeHandled(receipts: readonly string[]): Promise<boolean> {
    if (receipts.length === 0) return false
    const { data } = await this.db
      .collection('handled_notices')
      .where({ _id: this.db.command.in([...receipts]) })
      .limit(1)
      .get()
    return data.length > 0
  }

  async recordNoticeHandled(receipts: readonly string[], at: number): Promise<void> {
    for (const receipt of receipts) {
      try {
        await this.db.collection('handled_notices').add({ data: { _id: receipt, at } })
      } catch (error) {
        // Recorded already (a redelivery handled at the same moment): the first record stands.
        if (!isDuplicateKey(error)) throw error
      }
    }
  }
}
