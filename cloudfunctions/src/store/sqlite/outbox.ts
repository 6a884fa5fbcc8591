import type { DomainEvent } from '../../../../types/domain'
import { SqliteBase } from './base'
import type { OutboxStore } from '../port'

/** The outbox of domain events and where each of its consumers got to. */
export class SqliteOutbox extends SqliteBase implements OutboxStore {
  async listEvents(fromAt: number, limit: number): Promise<DomainEvent[]> {
    const rows = this.sql('SELECT id, type, order_id AS orderId, at, payload FROM outbox WHERE at >= ? ORDER BY at, id LIMIT ?').all(
      fromAt,
      limit,
    ) as (Omit<DomainEvent, 'payload'> & { payload: string })[]
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }))
  }

  async readCursor(name: string): Promise<number> {
    return (this.sql('SELECT at FROM consumer_cursors WHERE name = ?').get(name) as { at: number } | undefined)?.at ?? 0
  }

  async saveCursor(name: string, at: number): Promise<void> {
    this.sql('INSERT INTO consumer_cursors (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at').run(name, at)
  }
}
