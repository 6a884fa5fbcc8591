import { createHash } from 'node:crypto'
import type { AuditEntryView, Page } from '../../../types/api'
import { nameAuditEntries } from './audit-names'
import { pageAt, paging } from '../core/catalog'
import { staffRolesOf } from '../core/staff'
import { shopDayBounds } from '../core/time'
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
  // The roles the actor acted under, as they were at the time (the command line has none).
  const [member] = await store.findMembers([actor])
  const roles = member ? staffRolesOf(member) : []
  await store.appendAudit({ id, at: now, actor, roles, action, target, before, after })
}

const STAFF_ACTIONS = (['owner', 'merchandiser', 'service', 'finance'] as const).flatMap((role) => [
  `staff:grant:${role}`,
  `staff:revoke:${role}`,
])

/** What staff search the log by: each kind of change and the actions written for it. */
export const AUDIT_KINDS = {
  campaign: [
    'create',
    'update',
    'enable',
    'disable',
    'schedule',
    'killSwitch:on',
    'killSwitch:off',
    'groupbuy:enable',
    'groupbuy:disable',
    'groupbuy:save',
  ],
  order: ['order:ship'],
  afterSale: ['refund:approve', 'refund:reject', 'refund:returnReceived'],
  member: ['points:adjust', 'creator:certify', 'creator:uncertify'],
  settings: ['settings:tiers', 'settings:distribution', 'settings:afterSale'],
  catalog: ['product:create', 'product:update', 'product:shelve', 'product:unshelve', 'stock:adjust', 'category:create', 'category:update'],
  mall: ['redeemItem:create', 'redeemItem:update', 'redemption:fulfil'],
  distribution: ['distributor:approved', 'distributor:rejected', 'distributor:frozen', 'distribution:defaultRate'],
  post: ['post:approved', 'post:rejected', 'topic:create', 'topic:update'],
  comment: ['comment:hidden', 'comment:shown'],
  staff: STAFF_ACTIONS,
} as const satisfies Record<string, readonly string[]>

export type AuditKind = keyof typeof AUDIT_KINDS

/** The audit log by who, what kind of change and which Shanghai days (both included), newest first. */
export async function searchAudit(
  store: Store,
  req: { actor?: string; kind?: AuditKind; from?: string; to?: string; page?: number; pageSize?: number },
): Promise<Page<AuditEntryView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.searchAudit({
    actor: req.actor,
    actions: req.kind ? AUDIT_KINDS[req.kind] : undefined,
    from: req.from ? shopDayBounds(req.from).start : undefined,
    to: req.to ? shopDayBounds(req.to).end : undefined,
    offset: p.offset,
    limit: p.pageSize,
  })
  return pageAt(p, await nameAuditEntries(store, items), total)
}
