import type { MessageOptIn, OutboxMessage } from '../../../../types/domain'
import type { Slice, MessageStore } from '../port'
import { SqliteBase } from './base'
import type { DocRow } from './paging'

/** Subscription messages: one-time opt-ins and the message outbox. */
export class SqliteMessages extends SqliteBase implements MessageStore {
  async recordOptIn(optIn: MessageOptIn): Promise<boolean> {
    return (
      this.sql('INSERT INTO message_optins (id, member_id, topic, at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
        optIn.id,
        optIn.memberId,
        optIn.topic,
        optIn.at,
      ).changes === 1
    )
  }

  async optInsFor(topic: string): Promise<MessageOptIn[]> {
    const rows = this.sql('SELECT id, member_id, topic, at FROM message_optins WHERE topic = ? ORDER BY at, id').all(topic) as {
      id: string
      member_id: string
      topic: string
      at: number
    }[]
    return rows.map((r) => ({ id: r.id, memberId: r.member_id, topic: r.topic, at: r.at }))
  }

  async queueMessage(message: OutboxMessage): Promise<boolean> {
    return (
      this.sql('INSERT INTO message_outbox (id, member_id, at, sent_at, doc) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING').run(
        message.id,
        message.memberId,
        message.at,
        message.sentAt,
        JSON.stringify(message),
      ).changes === 1
    )
  }

  async listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>> {
    const listing = {
      rows: 'SELECT doc, sent_at FROM message_outbox ORDER BY at DESC, id',
      count: 'SELECT COUNT(*) AS n FROM message_outbox',
      params: [],
    }
    return this.slice<DocRow & { sent_at: number | null }, OutboxMessage>(listing, { offset, limit }, (rows) =>
      rows.map((r) => ({ ...(JSON.parse(r.doc) as OutboxMessage), sentAt: r.sent_at })),
    )
  }

  async markMessageSent(id: string, at: number): Promise<void> {
    this.sql('UPDATE message_outbox SET sent_at = ? WHERE id = ? AND sent_at IS NULL').run(at, id)
  }
}
