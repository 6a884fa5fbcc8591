import type { MessageOptIn, OutboxMessage } from '../../../../types/domain'
import type { Slice, MessageStore } from '../port'
import { isDuplicateKey } from './database'
import { withoutId, fromDoc, getAll, pageOf } from './shared'
import { CloudbaseBase } from './base'

/** Subscription messages: one-time opt-ins and the message outbox. */
export class CloudbaseMessages extends CloudbaseBase implements MessageStore {
  async recordOptIn(optIn: MessageOptIn): Promise<boolean> {
    try {
      await this.db.collection('message_optins').add({ data: { _id: optIn.id, ...withoutId(optIn) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async optInsFor(topic: string): Promise<MessageOptIn[]> {
    const docs = await getAll(this.db.collection('message_optins').where({ topic }).orderBy('at', 'asc').orderBy('_id', 'asc'))
    return docs.map((d) => fromDoc<MessageOptIn>(d))
  }

  async queueMessage(message: OutboxMessage): Promise<boolean> {
    try {
      await this.db.collection('message_outbox').add({ data: { _id: message.id, ...withoutId(message) } })
      return true
    } catch (error) {
      if (isDuplicateKey(error)) return false
      throw error
    }
  }

  async listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>> {
    return pageOf(
      this.db.collection('message_outbox').orderBy('at', 'desc').orderBy('_id', 'asc'),
      this.db.collection('message_outbox'),
      { offset, limit },
      (data) => data.map((d) => fromDoc<OutboxMessage>(d)),
    )
  }

  async markMessageSent(id: string, at: number): Promise<void> {
    await this.db
      .collection('message_outbox')
      .where({ _id: id, sentAt: null })
      .update({ data: { sentAt: at } })
  }
}
