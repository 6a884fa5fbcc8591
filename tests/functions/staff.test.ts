import { beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, StaffView } from '../../types/api'
import type { AuditEntry } from '../../types/domain'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { bootstrapOwner } from '../../cloudfunctions/src/app/staff'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`staff and roles over ${adapter}`, () => {
    let store: Store
    const clock = new SteppedClock(T0)
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId })
    const staff = (action: string, data: unknown, memberId: string | null = 'brand') => call('staff', action, data, memberId)
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }
    const rolesOf = async (id: string) => (await store.findMember(id))!.roles
    const audit = async () => (await store.listAudit(0, 50)).items as AuditEntry[]

    beforeEach(async () => {
      store = open()
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { shareCode: 'CLERK234' }))
    })

    it('lets the owner list staff and grant a role; the new 客服 may do service work and nothing else', async () => {
      expect(await ok<StaffView[]>(staff('list', {}))).toEqual([
        { memberId: 'brand', nickname: '会员brand', avatar: '/media/avatars/brand.jpg', roles: ['owner'] },
      ])
      expect(await ok<StaffView>(staff('grant', { memberId: 'clerk', role: 'service' }))).toMatchObject({
        memberId: 'clerk',
        roles: ['service'],
      })
      expect(await rolesOf('clerk')).toEqual(['consumer', 'operator', 'service'])
      expect((await ok<StaffView[]>(staff('list', {}))).map((s) => s.memberId)).toEqual(['brand', 'clerk'])

      expect(await call('post', 'queue', {}, 'clerk')).toMatchObject({ ok: true })
      const before = await store.listCampaigns()
      const refused = await call('campaign', 'killSwitch', { on: true }, 'clerk')
      expect(refused).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '你的岗位（客服）不能执行此操作，需要：商品运营' })
      expect(await store.listCampaigns()).toEqual(before)
      expect(await store.findSettings('campaigns')).toBeNull()
      expect(await staff('list', {}, 'clerk')).toMatchObject({ ok: false, code: 'FORBIDDEN' })

      const [entry] = await audit()
      expect(entry).toMatchObject({ actor: 'brand', action: 'staff:grant:service', target: 'clerk' })
      expect(entry.before).toEqual({ roles: ['consumer'] })
      expect(entry.after).toEqual({ roles: ['consumer', 'operator', 'service'] })
    })

    it('ends staff access with the last role revoked, and changes nothing when the role is not held', async () => {
      await ok(staff('grant', { memberId: 'clerk', role: 'finance' }))
      await ok(staff('grant', { memberId: 'clerk', role: 'finance' }))
      expect((await audit()).filter((e) => e.action.startsWith('staff:'))).toHaveLength(1)
      expect(await ok<StaffView>(staff('revoke', { memberId: 'clerk', role: 'finance' }))).toMatchObject({ roles: [] })
      expect(await rolesOf('clerk')).toEqual(['consumer'])
      expect(await call('campaign', 'report', { from: '2026-11-01', to: '2026-11-20' }, 'clerk')).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
        message: '仅运营人员可以执行此操作',
      })
      await ok(staff('revoke', { memberId: 'clerk', role: 'finance' }))
      expect((await audit()).filter((e) => e.action.startsWith('staff:'))).toHaveLength(2)
    })

    it('keeps one owner: the last cannot be revoked, a second can take over', async () => {
      expect(await staff('revoke', { memberId: 'brand', role: 'owner' })).toMatchObject({ ok: false, code: 'STAFF_LAST_OWNER' })
      expect(await rolesOf('brand')).toContain('owner')
      await ok(staff('grant', { memberId: 'clerk', role: 'owner' }))
      await ok(staff('revoke', { memberId: 'brand', role: 'owner' }, 'clerk'))
      expect(await rolesOf('brand')).toEqual([])
      expect(await staff('list', {}, 'brand')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
    })

    it('keeps both of two roles granted at the same moment (compare-and-set)', async () => {
      await Promise.all((['service', 'finance', 'merchandiser'] as const).map((role) => ok(staff('grant', { memberId: 'clerk', role }))))
      expect(await rolesOf('clerk')).toEqual(['consumer', 'operator', 'merchandiser', 'service', 'finance'])
      expect((await audit()).filter((e) => e.action.startsWith('staff:grant'))).toHaveLength(3)
    })

    it('refuses bad input, consumers and visitors, changing nothing', async () => {
      const before = await rolesOf('clerk')
      for (const data of [
        { memberId: 'clerk', role: 'boss' },
        { memberId: 'clerk' },
        { memberId: 'clerk', role: 'service', extra: 1 },
        [],
      ]) {
        expect(await staff('grant', data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      expect(await staff('grant', { memberId: 'nobody', role: 'service' })).toMatchObject({ ok: false, code: 'MEMBER_NOT_FOUND' })
      expect(await staff('grant', { memberId: 'clerk', role: 'service' }, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await staff('grant', { memberId: 'clerk', role: 'service' }, null)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' })
      expect(await rolesOf('clerk')).toEqual(before)
      expect(await audit()).toEqual([])
    })

    it('makes the first owner from the command line, and only the first', async () => {
      await expect(bootstrapOwner(store, 'clerk', clock.now())).rejects.toMatchObject({ code: 'FORBIDDEN' })
      await store.updateMemberRoles('brand', await rolesOf('brand'), [])
      expect(await bootstrapOwner(store, 'clerk', clock.now())).toMatchObject({ memberId: 'clerk', roles: ['owner'] })
      expect((await audit())[0]).toMatchObject({ actor: 'ops-cli', action: 'staff:grant:owner', target: 'clerk' })
    })
  })
}
