import type { AuditEntry, Instant } from '../../../../types/domain'
import type { Slice } from './paging'

/** The audit log of operator changes. */
export interface AuditStore {
  appendAudit(entry: AuditEntry): Promise<void>
  /** The audit log, newest first. */
  listAudit(offset: number, limit: number): Promise<Slice<AuditEntry>>
  /** The entries matching every given filter (an actor, one of some actions, a time range [from, to)), newest first. */
  searchAudit(query: AuditQuery): Promise<Slice<AuditEntry>>
}

export interface AuditQuery {
  actor?: string
  actions?: readonly string[]
  from?: Instant
  to?: Instant
  offset: number
  limit: number
}
