import type { AuditEntry } from '../../../../types/domain'
import type { Slice, AuditStore } from '../port'
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
}
