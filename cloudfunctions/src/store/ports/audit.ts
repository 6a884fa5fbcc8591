import type { AuditEntry } from '../../../../types/domain'
import type { Slice } from './paging'

/** The audit log of operator changes. */
export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>
  /** The audit log, newest first. */
  listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>>
}
