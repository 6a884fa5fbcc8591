import type { Member, Role, StaffRole } from '../../../types/domain'

export const STAFF_ROLES: readonly StaffRole[] = ['owner', 'merchandiser', 'service', 'finance']

export const STAFF_ROLE_NAMES: Record<StaffRole, string> = {
  owner: '店主',
  merchandiser: '商品运营',
  service: '客服',
  finance: '财务',
}

const isStaffRole = (role: Role): role is StaffRole => (STAFF_ROLES as readonly Role[]).includes(role)

/** The staff roles a member holds; none unless the account is marked as staff. */
export function staffRolesOf(member: Pick<Member, 'roles'>): StaffRole[] {
  return member.roles.includes('operator') ? member.roles.filter(isStaffRole) : []
}

/** Whether a member may run an action that any of `allowed` may run; an owner may run them all. */
export function mayAct(member: Pick<Member, 'roles'>, allowed: readonly StaffRole[]): boolean {
  const held = staffRolesOf(member)
  return held.includes('owner') || held.some((role) => allowed.includes(role))
}

/**
 * The roles after granting or revoking one staff role: the staff mark follows the staff roles (an
 * account with none left is no longer staff); consumer and distributor roles are kept as they were.
 */
export function withStaffRole(roles: readonly Role[], role: StaffRole, held: boolean): Role[] {
  const staff = new Set(roles.filter(isStaffRole))
  if (held) staff.add(role)
  else staff.delete(role)
  const others = roles.filter((r) => r !== 'operator' && !isStaffRole(r))
  return staff.size === 0 ? others : [...others, 'operator', ...STAFF_ROLES.filter((r) => staff.has(r))]
}
