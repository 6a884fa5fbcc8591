import type { MemberView } from '../../types/api'
import type { StaffRole } from '../../types/domain'

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = { owner: '店主', merchandiser: '商品运营', service: '客服', finance: '财务' }
export const STAFF_ROLE_ORDER: StaffRole[] = ['owner', 'merchandiser', 'service', 'finance']

/**
 * Whether the member's staff roles open a part of the console (an owner's open all). Only spares
 * them screens of refusals: the server checks every action's role itself.
 */
export function staffMay(member: Pick<MemberView, 'roles'> | null, role: StaffRole): boolean {
  if (!member?.roles.includes('operator')) return false
  return member.roles.includes('owner') || member.roles.includes(role)
}

/** The staff roles a member holds, in the console's order; none unless the account is marked as staff. */
export function staffRolesOf(member: Pick<MemberView, 'roles'>): StaffRole[] {
  if (!member.roles.includes('operator')) return []
  return STAFF_ROLE_ORDER.filter((role) => member.roles.includes(role))
}
