import { beforeEach, describe, expect, it } from 'vitest'
import type { SettingsView } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { SETTINGS_CACHE_MS, afterSaleSettings } from '../../cloudfunctions/src/app/settings'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`settings in the console over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    const call = (action: string, data: unknown, memberId: string | null = 'books') =>
      dispatch(FUNCTIONS.staff, { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId })
    async function ok<T>(promise: ReturnType<typeof call>): Promise<T> {
      const result = await promise
      if (!result.ok) throw new Error(`${result.code}: ${result.message}`)
      return result.data as T
    }

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      await smallShop(store)
      await saveMember(store, member('books', 1, { roles: ['operator', 'finance'], shareCode: 'BOOKS234', nickname: '账房' }))
    })

    it('shows a document as stored, as the rules read it, and its problems', async () => {
      const view = await ok<SettingsView>(call('settings', { name: 'afterSale' }))
      expect(view).toMatchObject({
        name: 'afterSale',
        doc: null,
        problems: [],
        settings: { reviewHours: 48, returnDays: 7, returnAddress: null },
      })
    })

    it('saves through the rules’ own reader: out-of-range values clamped and named, audited, in force within a minute', async () => {
      const saved = await ok<SettingsView>(call('saveSettings', { name: 'afterSale', doc: { reviewHours: 200, returnDays: 5 } }))
      expect(saved.settings).toMatchObject({ reviewHours: 168, returnDays: 5 })
      expect(saved.problems).toEqual(['reviewHours = 200 超出范围，已按 168 执行'])
      expect(saved.doc).toEqual({ reviewHours: 200, returnDays: 5 })
      clock.advance(SETTINGS_CACHE_MS)
      expect((await afterSaleSettings(store, clock.now())).settings.reviewHours).toBe(168)
      const [entry] = (await store.searchAudit({ actions: ['settings:afterSale'], offset: 0, limit: 5 })).items
      expect(entry).toMatchObject({ actor: 'books', roles: ['finance'], before: null, after: { reviewHours: 200, returnDays: 5 } })
    })

    it('refuses what is not a settings document, and other roles, changing nothing', async () => {
      for (const data of [
        { name: 'afterSale', doc: [] },
        { name: 'afterSale', doc: 'reviewHours=48' },
        { name: 'secrets', doc: {} },
        { name: 'afterSale', doc: { note: 'x'.repeat(20_001) } },
      ]) {
        expect(await call('saveSettings', data), JSON.stringify(data).slice(0, 60)).toMatchObject({ ok: false, code: 'INVALID_PAYLOAD' })
      }
      expect(await call('saveSettings', { name: 'tiers', doc: {} }, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
      expect(await store.findSettings('afterSale')).toBeNull()
      expect(await store.findSettings('tiers')).toBeNull()
    })
  })
}
