import type { StaffView } from '../../../types/api'
import type { Member, StaffRole } from '../../../types/domain'
import { STAFF_ROLE_NAMES, staffRolesOf, withStaffRole } from '../core/staff'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'

const view = (member: Member): StaffView => ({
  memberId: member.id,
  nickname: member.nickname,
  avatar: member.avatar,
  roles: staffRolesOf(member),
})

/** Every staff account with its staff roles. */
export async function listStaff(store: Store): Promise<StaffView[]> {
  return (await store.listStaff()).map(view)
}

/**
 * Grants or revokes one staff role, by compare-and-set on the member's roles (a concurrent change is
 * read again), audited with who did it. The last owner cannot be removed: someone must manage staff.
 */
export async function setStaffRole(
  store: Store,
  actor: string,
  req: { memberId: string; role: StaffRole; held: boolean },
  now: number,
): Promise<StaffView> {
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const member = await store.findMember(req.memberId)
    if (!member) throw new AppError('MEMBER_NOT_FOUND', '没有这位会员')
    const next = withStaffRole(member.roles, req.role, req.held)
    if (JSON.stringify(next) === JSON.stringify(member.roles)) return view(member)
    if (req.role === 'owner' && !req.held && staffRolesOf(member).includes('owner')) {
      const owners = (await store.listStaff()).filter((m) => staffRolesOf(m).includes('owner'))
      if (owners.length <= 1) throw new AppError('STAFF_LAST_OWNER', '这是唯一的店主，请先把店主授予另一位员工')
    }
    if (await store.updateMemberRoles(member.id, member.roles, next)) {
      const action = `staff:${req.held ? 'grant' : 'revoke'}:${req.role}`
      await recordAudit(store, actor, action, member.id, { roles: member.roles }, { roles: next }, now)
      return view({ ...member, roles: next })
    }
  }
  throw new AppError('BUSY', '员工权限正在被修改，请稍后再试')
}

/** The first owner of a shop with none (the command line's staff:bootstrap); refused once an owner exists. */
export async function bootstrapOwner(store: Store, memberId: string, now: number): Promise<StaffView> {
  const owners = (await store.listStaff()).filter((m) => staffRolesOf(m).includes('owner'))
  if (owners.length > 0) {
    throw new AppError('FORBIDDEN', `店铺已有店主（${owners.map((m) => m.id).join('、')}），请由店主在后台授予${STAFF_ROLE_NAMES.owner}`)
  }
  return setStaffRole(store, 'ops-cli', { memberId, role: 'owner', held: true }, now)
}
