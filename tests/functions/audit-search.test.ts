import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntryView, Page } from '../../types/api'
import type { AuditEntry } from '../../types/domain'
import { recordAudit } from '../../cloudfunctions/src/app/audit'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

const at = (iso: string) => Date.parse(`${iso}+08:00`)

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`the audit log, searched, over ${adapter}`, () => {
    let store: Store
    const clock = new SteppedClock(T0)
    const audit = (data: unknown, memberId: string | null = 'brand') =>
      dispatch(
        FUNCTIONS.campaign,
        { action: 'audit', data },
        { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId },
      )
    const actions = async (data: unknown) => {
      const result = await audit(data)
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return (result.data as Page<AuditEntry>).items.map((e) => `${e.actor} ${e.action} ${e.target}`)
    }

    beforeEach(async () => {
      store = open()
      await smallShop(store)
      await saveMember(store, member('clerk', 1, { roles: ['operator', 'service'], shareCode: 'CLERK234' }))
      await saveMember(store, member('books', 1, { roles: ['operator', 'finance'], shareCode: 'BOOKS234' }))
      // Written at 23:59 and 00:01 Shanghai time, either side of a day's end.
      await recordAudit(store, 'brand', 'enable', 'points-week', null, null, at('2026-11-20T23:59:00'))
      await recordAudit(store, 'clerk', 'order:ship', 'o1', null, null, at('2026-11-21T00:01:00'))
      await recordAudit(store, 'clerk', 'post:approved', 'post1', null, null, at('2026-11-21T09:00:00'))
      await recordAudit(store, 'brand', 'staff:grant:service', 'clerk', null, null, at('2026-11-22T10:00:00'))
    })

    it('finds entries by actor, by kind and by Shanghai days, newest first, every filter at once', async () => {
      expect(await actions({})).toEqual([
        'brand staff:grant:service clerk',
        'clerk post:approved post1',
        'clerk order:ship o1',
        'brand enable points-week',
      ])
      expect(await actions({ actor: 'clerk' })).toEqual(['clerk post:approved post1', 'clerk order:ship o1'])
      expect(await actions({ kind: 'order' })).toEqual(['clerk order:ship o1'])
      expect(await actions({ kind: 'staff' })).toEqual(['brand staff:grant:service clerk'])
      expect(await actions({ from: '2026-11-21', to: '2026-11-21' })).toEqual(['clerk post:approved post1', 'clerk order:ship o1'])
      expect(await actions({ actor: 'clerk', kind: 'post', from: '2026-11-21', to: '2026-11-22' })).toEqual(['clerk post:approved post1'])
      expect(await actions({ actor: 'nobody' })).toEqual([])
    })

    it('names who acted, with the roles they held, and what they changed', async () => {
      const result = await audit({ kind: 'staff' })
      const [entry] = (result as { data: Page<AuditEntryView> }).data.items
      expect(entry).toMatchObject({
        actor: 'brand',
        roles: ['owner'],
        actorName: expect.any(String),
        target: 'clerk',
        targetName: expect.any(String),
      })
      expect(entry.targetName).toBe((await store.findMember('clerk'))!.nickname)
      expect(entry.actorName).toBe((await store.findMember('brand'))!.nickname)
      const posts = (await audit({ kind: 'post' })) as { data: Page<AuditEntryView> }
      expect(posts.data.items[0].targetName).toBe((await store.findPost('post1'))!.title)
      // A reference to a record that is gone shows as it was stored.
      const orders = (await audit({ kind: 'order' })) as { data: Page<AuditEntryView> }
      expect(orders.data.items[0].targetName).toBe('o1')
    })

    it('is for finance and owners; bad filters are refused', async () => {
      expect(await audit({}, 'books')).toMatchObject({ ok: true })
      expect(await audit({}, 'clerk')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await audit({}, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      for (const data of [{ kind: 'everything' }, { from: '2026-13-01' }, { actor: '../x' }, { page: 0 }]) {
        expect(await audit(data)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
    })
  })
}
