import type { DomainEvent, Instant } from '../../../../types/domain'

/** The outbox of domain events and where each of its consumers got to. */
export interface OutboxStore {
  /** Outbox events at or after an instant, by time then id (consumers apply each id once). */
  listEvents(fromAt: Instant, limit: number): Promise<DomainEvent[]>
  /** Where a consumer of the outbox got to. */
  readCursor(name: string): Promise<Instant>
  saveCursor(name: string, at: Instant): Promise<void>
}
