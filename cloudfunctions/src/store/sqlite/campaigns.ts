import { SqliteBase } from './base'
import type { CampaignStore } from '../port'

/** Campaign and settings documents as operators wrote them. */
export class SqliteCampaigns extends SqliteBase implements CampaignStore {
  async findSettings(name: string): Promise<unknown> {
    const row = this.sql('SELECT doc FROM settings WHERE name = ?').get(name) as { doc: string } | undefined
    return row ? JSON.parse(row.doc) : null
  }

  async putSettings(name: string, doc: unknown): Promise<void> {
    this.sql('INSERT INTO settings (name, doc) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET doc = excluded.doc').run(
      name,
      JSON.stringify(doc),
    )
  }

  async putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void> {
    this.sql('INSERT INTO campaigns (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc').run(
      doc.id,
      JSON.stringify(doc),
    )
  }

  async listCampaigns(): Promise<unknown[]> {
    return (this.sql('SELECT doc FROM campaigns ORDER BY id').all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown)
  }

  async findCampaign(id: string): Promise<unknown | null> {
    const row = this.sql('SELECT doc FROM campaigns WHERE id = ?').get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as unknown) : null
  }
}
