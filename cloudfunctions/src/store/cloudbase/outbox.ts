import type { DomainEvent } from '../../../../types/domain'
import { MAX_GET } from './database'
import { fromDoc } from './shared'
import { CloudbaseBase } from './base'
import type { OutboxStore } from '../port'

/** The outbox of domain events and where each of its consumers got to. */
export class CloudbaseOutbox extends CloudbaseBase implements OutboxStore {
  async listEvents(fromAt: number, limit: number): Promise<DomainEvent[]> {
    const { data } = await this.db
      .collection('outbox')
      .where({ at: this.db.command.gte(fromAt) })
      .orderBy('at', 'asc')
      .orderBy('_id', 'asc')
      .limit(Math.min(limit, MAX_GET))
      .get()
    return data.map((d) => fromDoc<DomainEvent>(d))
  }

  async readCursor(name: string): Promise<number> {
    const { data } = await this.db.collection('consumer_cursors').where({ _id: name }).limit(1).get()
    return data[0]?.at ?? 0
  }

  async saveCursor(name: string, at: number): Promise<void> {
    await this.db.collection('consumer_cursors').doc(name).set({ data: { at } })
  }
}
