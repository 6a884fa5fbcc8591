import type { Instant, MessageOptIn, OutboxMessage } from '../../../../types/domain'
import type { Slice } from './paging'

/** Subscription messages: one-time opt-ins and the message outbox. */
export interface MessageStore {
  /** Records a one-time message opt-in once under its id; false when it was there. */
  recordOptIn(optIn: MessageOptIn): Promise<boolean>
  optInsFor(topic: string): Promise<MessageOptIn[]>
  /** Queues a message once per opt-in (its id); false when it was queued before. */
  queueMessage(message: OutboxMessage): Promise<boolean>
  listMessages(offset: number, limit: number): Promise<Slice<OutboxMessage>>
  markMessageSent(id: string, at: Instant): Promise<void>
}
