import { createHash } from 'node:crypto'
import type { Store } from '../store/port'

let auditSequence = 0

/**
 * One entry of the operators' audit log: who changed what, when, and the document before and after.
 * Ids sort by time, then by the order this process wrote them, then apart from other processes'.
 */
export async function recordAudit(
  store: Store,
  actor: string,
  action: string,
  target: string,
  before: unknown,
  after: unknown,
  now: number,
): Promise<void> {
  auditSequence = (auditSequence + 1) % 1_000_000
  const salt = createHash('sha256')
    .update(`${actor}\u0000${action}\u0000${target}\u0000${process.pid}\u0000${Math.random()}`)
    .digest('hex')
    .slice(0, 8)
  const id = `audit-${String(now).padStart(15, '0')}-${String(auditSequence).padStart(6, '0')}-${salt}`
  await store.appendAudit({ id, at: now, actor, action, target, before, after })
}
