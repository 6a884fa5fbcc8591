// Staff commands of `npm run ops`: the first owner, the staff list, granting and revoking roles.
import type { StaffRole } from '../../../types/domain'
import { AppError } from '../app/errors'
import { bootstrapOwner, listStaff, setStaffRole } from '../app/staff'
import { STAFF_ROLES, STAFF_ROLE_NAMES } from '../core/staff'
import { ACTOR } from './ops-actor'
import { type OpsCommand, need } from './ops-target'

function roleOf(text: string | undefined): StaffRole {
  const role = STAFF_ROLES.find((r) => r === text || STAFF_ROLE_NAMES[r] === text)
  if (!role) throw new AppError('INVALID_PAYLOAD', `岗位应为 ${STAFF_ROLES.map((r) => `${r}（${STAFF_ROLE_NAMES[r]}）`).join('、')}`)
  return role
}

const changeRole = (held: boolean): OpsCommand => ({
  usage: `staff:${held ? 'grant' : 'revoke'} <会员编号> <岗位>`,
  summary: held
    ? '授予员工岗位：owner 店主、merchandiser 商品、service 客服、finance 财务（写入审计日志）'
    : '收回员工岗位（不能收回唯一店主；写入审计日志）',
  async run(store, [memberId, role]) {
    const staff = await setStaffRole(store, ACTOR, { memberId: need(memberId, '会员编号'), role: roleOf(role), held }, Date.now())
    console.log(`${staff.nickname}（${staff.memberId}）现有岗位：${staff.roles.map((r) => STAFF_ROLE_NAMES[r]).join('、') || '无'}`)
    return 0
  },
})

export const STAFF_COMMANDS: Record<string, OpsCommand> = {
  'staff:bootstrap': {
    usage: 'staff:bootstrap <会员编号>',
    summary: '把一位会员设为店铺的第一位店主（已有店主时拒绝；之后由店主在后台授予岗位）',
    async run(store, [memberId]) {
      const owner = await bootstrapOwner(store, need(memberId, '会员编号'), Date.now())
      console.log(`${owner.nickname}（${owner.memberId}）已成为店主；岗位：${owner.roles.join('、')}`)
      return 0
    },
  },
  'staff:list': {
    usage: 'staff:list',
    summary: '列出全部员工账号与岗位',
    async run(store) {
      const staff = await listStaff(store)
      console.log(`员工 ${staff.length} 位`)
      for (const s of staff) console.log(`  ${s.memberId.padEnd(20)} ${s.nickname.padEnd(12)} ${s.roles.join('、') || '（无岗位）'}`)
      return 0
    },
  },
  'staff:grant': changeRole(true),
  'staff:revoke': changeRole(false),
}
