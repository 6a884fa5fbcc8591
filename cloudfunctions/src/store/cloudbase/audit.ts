import type { AuditEntry } from '../../../../types/domain'
import type { AuditQuery, AuditStore, Slice } from '../port'
import type { DocData } from './database'
import { withoutId, fromDoc, pageOf } from './shared'
import { CloudbaseBase } from './base'

/** The audit log of operator changes. */
export class CloudbaseAudit extends CloudbaseBase implements AuditStore {
  async appendAudit(entry: AuditEntry): Promise<void> {
    await this.db.collection('audit_log').add({ data: { _id: entry.id, ...withoutId(entry) } })
  }

  async listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>> {
    return pageOf(
      this.db.collection('audit_log').orderBy('at', 'desc').orderBy('_id', 'desc'),
      this.db.collection('audit_log'),
      { offset, limit },
      (data) => data.map((d) => fromDoc<AuditEntry>(d)),
    )
  }

  async searchAudit(q: AuditQuery): Promise<Slice<AuditEntry>> {
    const _ = this.db.command
    const condition: DocData = { at: _.gte(q.from ?? 0).and(_.lt(q.to ?? Number.MAX_SAFE_INTEGER)) }
    if (q.actor !== undefined) condition.actor = q.actor
    if (q.actions !== undefined) condition.action = _.in([...q.actions])
    return pageOf(
      this.db.collection('audit_log').where(condition).orderBy('at', 'desc').orderBy('_id', 'desc'),
      this.db.collection('audit_log').where(condition),
      { offset: q.offset, limit: q.limit },
      (data) => data.map((d) => fromDoc<AuditEntry>(d)),
    )
  }
}
