import type { AuditEntry } from '../../../../types/domain'
import type { AuditQuery, AuditStore, Slice } from '../port'
import { SqliteBase } from './base'
import { type DocRow, parseDoc } from './paging'

/** The audit log of operator changes. */
export class SqliteAudit extends SqliteBase implements AuditStore {
  async appendAudit(entry: AuditEntry): Promise<void> {
    this.sql('INSERT INTO audit_log (id, at, actor, action, target, doc) VALUES (?, ?, ?, ?, ?, ?)').run(
      entry.id,
      entry.at,
      entry.actor,
      entry.action,
      entry.target,
      JSON.stringify(entry),
    )
  }

  async listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>> {
    const listing = {
      rows: 'SELECT doc FROM audit_log ORDER BY at DESC, id DESC',
      count: 'SELECT COUNT(*) AS n FROM audit_log',
      params: [],
    }
    return this.slice<DocRow, AuditEntry>(listing, { offset, limit }, (rows) => rows.map(parseDoc<AuditEntry>))
  }

  async searchAudit(q: AuditQuery): Promise<Slice<AuditEntry>> {
    const filter = `(? IS NULL OR actor = ?) AND (? IS NULL OR action IN (SELECT value FROM json_each(?))) AND at >= ? AND at < ?`
    const actions = q.actions ? JSON.stringify(q.actions) : null
    const listing = {
      rows: `SELECT doc FROM audit_log WHERE ${filter} ORDER BY at DESC, id DESC`,
      count: `SELECT COUNT(*) AS n FROM audit_log WHERE ${filter}`,
      params: [q.actor ?? null, q.actor ?? null, actions, actions, q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER],
    }
    return this.slice<DocRow, AuditEntry>(listing, q, (rows) => rows.map(parseDoc<AuditEntry>))
  }
}
