import { beforeEach, describe, expect, it } from 'vitest'
import type { SettingsView } from '../../types/api'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { changePoints, grant } from '../../cloudfunctions/src/app/points'
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

    it('tunes the points rules: the check-in base and the deduction cap follow the document, and the published rules say so', async () => {
      const as = (fn: 'points' | 'order', action: string, data: unknown, memberId: string) =>
        dispatch(FUNCTIONS[fn], { action, data }, { store, pay: new LocalPayProvider(store, clock), now: clock.now(), memberId })
      const saved = await ok<SettingsView>(
        call('saveSettings', { name: 'points', doc: { checkInBase: 8, maxDeductPct: 80, postRewardsPerDay: 'three' } }),
      )
      expect(saved.settings).toEqual({ checkInBase: 8, postRewardPoints: 20, postRewardsPerDay: 3, maxDeductPct: 50 })
      expect(saved.problems).toEqual(['postRewardsPerDay 不是数字，已使用默认值 3', 'maxDeductPct = 80 超出范围，已按 50 执行'])
      await ok(call('saveSettings', { name: 'points', doc: { checkInBase: 8, maxDeductPct: 20 } }))
      clock.advance(SETTINGS_CACHE_MS)
      // V1 (×1), first day of a streak: the base alone.
      expect(await as('points', 'checkIn', {}, 'v1')).toMatchObject({ ok: true, data: { credited: 8 } })
      const rules = await as('points', 'rules', {}, 'v1')
      const lines = rules.ok ? (rules.data as { sections: { lines: string[] }[] }).sections.flatMap((s) => s.lines) : []
      expect(lines.some((l) => l.includes('基础 8 积分'))).toBe(true)
      expect(lines.some((l) => l.includes('最多抵商品金额（会员价）的 20%'))).toBe(true)
      await changePoints(store, 'v1', 'settings:points:v1', (state) =>
        grant(state, { id: 'settings:points:v1', source: 'adjustment', ref: 'test', amount: 50_000, at: clock.now(), note: '测试积分' }),
      )
      // ¥128 of goods: at most 20 % of it in points (100 points a yuan).
      const quote = await as('order', 'quote', { items: [{ skuId: 'p1-s1', quantity: 1 }] }, 'v1')
      expect(quote).toMatchObject({ ok: true, data: { points: { maxUsable: 2_560 } } })
      expect(await call('saveSettings', { name: 'points', doc: { checkInBase: 1 } }, 'v1')).toMatchObject({ ok: false, code: 'FORBIDDEN' })
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
