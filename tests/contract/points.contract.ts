import { beforeEach, describe, expect, it } from 'vitest'
import type { PointsChange, Store } from '../../cloudfunctions/src/store/port'
import type { LedgerEntry, PointsLot, TierStatus } from '../../types/domain'
import { T0, member } from '../support/fixtures'

const lot = (id: string, overrides: Partial<PointsLot> = {}): PointsLot => ({
  id,
  memberId: 'm1',
  source: 'checkin',
  ref: id,
  amount: 10,
  remaining: 10,
  grantedAt: T0,
  expiresAt: T0 + 1000,
  status: 'available',
  ...overrides,
})
const entry = (id: string, delta: number, overrides: Partial<LedgerEntry> = {}): LedgerEntry => ({
  id,
  memberId: 'm1',
  kind: 'grant',
  source: 'checkin',
  ref: id,
  delta,
  at: T0,
  note: '',
  ...overrides,
})
const account = (available: number, overrides = {}) => ({
  memberId: 'm1',
  available,
  pending: 0,
  debt: 0,
  lastCheckInDay: null,
  streak: 0,
  postRewardDay: null,
  postRewardsToday: 0,
  ...overrides,
})

/** A member's first change (at version 0), holding 10 available points unless `overrides` say otherwise. */
const firstChange = (memberId: string, key: string, lots: PointsLot[], overrides: Partial<PointsChange> = {}): PointsChange => ({
  memberId,
  expectedVersion: 0,
  key,
  account: { ...account(10), memberId },
  lots,
  entries: [],
  ...overrides,
})

/** The points half of the store contract: versioned, idempotent changes of accounts, lots and ledger. */
export function pointsContract(adapter: string, open: () => Promise<Store>) {
  describe(`points store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })

    it('starts a member with an empty account at version 0', async () => {
      expect(await store.findPoints('m1')).toEqual({ account: account(0), lots: [], version: 0 })
    })

    it('applies a change at the expected version, once per key', async () => {
      const grant: PointsChange = {
        memberId: 'm1',
        expectedVersion: 0,
        key: 'checkin:m1:20261120',
        account: account(10, { lastCheckInDay: '2026-11-20', streak: 1 }),
        lots: [lot('a')],
        entries: [entry('checkin:m1:20261120', 10)],
      }
      expect(await store.commitPointsChange(grant)).toBe('applied')
      expect(await store.commitPointsChange({ ...grant, expectedVersion: 1 })).toBe('duplicate')
      expect(await store.hasPointsKey('checkin:m1:20261120')).toBe(true)
      expect(await store.hasPointsKey('checkin:m1:20261121')).toBe(false)
      const state = await store.findPoints('m1')
      expect(state).toEqual({ account: account(10, { lastCheckInDay: '2026-11-20', streak: 1 }), lots: [lot('a')], version: 1 })
    })

    it('answers the decision it applied, made on the state it was applied to, however many callers race', async () => {
      const add = (n: number) =>
        store.updatePoints('m1', `grant:${n}`, (state) => ({
          account: account(state.account.available + 10),
          lots: [lot(`g${n}`)],
          entries: [entry(`grant:${n}`, 10)],
        }))
      const updates = await Promise.all([1, 2, 3, 4, 5].map(add))
      // Each applied decision is one the store wrote: the balances it names are 10, 20 … 50, once each.
      expect(updates.map((u) => u.outcome)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied'])
      expect(updates.map((u) => u.applied?.account.available).sort((a = 0, b = 0) => a - b)).toEqual([10, 20, 30, 40, 50])
      expect(await add(1)).toEqual({ outcome: 'duplicate', applied: null })
      expect(await store.updatePoints('m1', 'nothing', () => null)).toEqual({ outcome: 'nothing', applied: null })
      expect((await store.findPoints('m1')).account.available).toBe(50)
    })

    it('answers the standing and the growth as they are after a change that earns growth, and after none', async () => {
      await store.putMember(member('m1', 2), { memberId: 'm1', tier: 2, attainedAt: T0, keepUntil: T0 + 5000 })
      await store.addGrowth({ id: 'growth:old', memberId: 'm1', amount: 7, reason: 'purchase', at: T0 - 10 })
      await store.addGrowth({ id: 'growth:before', memberId: 'm1', amount: 3, reason: 'purchase', at: T0 - 1 })
      const decidedAt: (TierStatus | null)[] = []
      const earn = (key: string) =>
        store.updatePointsAndStanding(
          'm1',
          key,
          (state, standing) => {
            decidedAt.push(standing)
            return {
              account: account(state.account.available + 10),
              lots: [lot(key)],
              entries: [entry(key, 10)],
              growth: { id: `growth:${key}`, memberId: 'm1', amount: 1, reason: 'checkin', at: T0 },
            }
          },
          { from: T0 - 5, to: T0 },
        )
      const first = await earn('checkin:a')
      expect(first.outcome).toBe('applied')
      expect(first.standing).toEqual({ status: { memberId: 'm1', tier: 2, attainedAt: T0, keepUntil: T0 + 5000 }, growth: 4 })
      const second = await earn('checkin:a')
      expect(second).toMatchObject({ outcome: 'duplicate', applied: null })
      expect(second.standing).toEqual(first.standing)
      // The change is decided at the standing it does not move; a repeat is not decided again.
      expect(decidedAt).toEqual([{ memberId: 'm1', tier: 2, attainedAt: T0, keepUntil: T0 + 5000 }])
      const unknown = await store.updatePointsAndStanding(
        'nobody',
        'k',
        (_, standing) => {
          decidedAt.push(standing)
          return null
        },
        { from: T0 - 5, to: T0 },
      )
      expect(unknown).toEqual({ outcome: 'nothing', applied: null, standing: { status: null, growth: 0 } })
      expect(decidedAt.at(-1)).toBeNull()
    })

    it('sums growth over (from, to] for one member and for more members than one aggregation answers', async () => {
      // 101 members: more than the 20 records an aggregation answers unasked, and more than one sum's 100 members.
      const ids = Array.from({ length: 101 }, (_, i) => `g${String(i).padStart(3, '0')}`)
      for (const [i, id] of ids.entries()) {
        await store.addGrowth({ id: `growth:${id}:in`, memberId: id, amount: i + 1, reason: 'purchase', at: T0 })
        await store.addGrowth({ id: `growth:${id}:last`, memberId: id, amount: 1000, reason: 'checkin', at: T0 + 10 })
      }
      // The window's start is not in it; what comes after its end is not either.
      await store.addGrowth({ id: 'growth:g000:start', memberId: 'g000', amount: 50, reason: 'post', at: T0 - 10 })
      await store.addGrowth({ id: 'growth:g000:after', memberId: 'g000', amount: 70, reason: 'post', at: T0 + 11 })
      await store.addGrowth({ id: 'growth:g100:more', memberId: 'g100', amount: 5, reason: 'post', at: T0 - 9 })
      const growth = await store.growthOfMembers([...ids, 'nobody'], T0 - 10, T0 + 10)
      expect(growth.size).toBe(101)
      expect(growth.get('g000')).toBe(1001)
      expect(growth.get('g050')).toBe(1051)
      expect(growth.get('g100')).toBe(1106)
      expect(growth.has('nobody')).toBe(false)
      expect(await store.growthBetween('g100', T0 - 10, T0 + 10)).toBe(1106)
      expect(await store.growthBetween('g000', T0 + 10, T0 + 11)).toBe(70)
      expect(await store.growthBetween('nobody', T0 - 10, T0 + 10)).toBe(0)
    })

    it('refuses a change computed from an older version and writes nothing', async () => {
      await store.commitPointsChange({
        memberId: 'm1',
        expectedVersion: 0,
        key: 'k1',
        account: account(10),
        lots: [lot('a')],
        entries: [entry('k1', 10)],
      })
      expect(
        await store.commitPointsChange({
          memberId: 'm1',
          expectedVersion: 0,
          key: 'k2',
          account: account(20),
          lots: [lot('b')],
          entries: [entry('k2', 10)],
        }),
      ).toBe('stale')
      expect((await store.findPoints('m1')).lots.map((l) => l.id)).toEqual(['a'])
      expect(await store.hasPointsKey('k2')).toBe(false)
    })

    it('lists live and pending lots soonest-expiring first; spent and void lots drop out', async () => {
      await store.commitPointsChange({
        memberId: 'm1',
        expectedVersion: 0,
        key: 'k1',
        account: account(10, { pending: 5 }),
        lots: [
          lot('late', { expiresAt: T0 + 9000 }),
          lot('soon', { expiresAt: T0 + 10 }),
          lot('spent', { remaining: 0 }),
          lot('void', { status: 'void' }),
          lot('wait', { status: 'pending', amount: 5, remaining: 5, source: 'purchase' }),
        ],
        entries: [],
      })
      expect((await store.findPoints('m1')).lots.map((l) => l.id)).toEqual(['soon', 'wait', 'late'])
    })

    it('decides on the live lots when the decision looks at them, and writes a grant that does not look alongside them', async () => {
      await store.commitPointsChange(
        firstChange(
          'm1',
          'k1',
          [lot('late', { expiresAt: T0 + 9000 }), lot('soon', { expiresAt: T0 + 10 }), lot('spent', { remaining: 0 })],
          {
            account: account(20),
          },
        ),
      )
      const seen: string[][] = []
      const spend = await store.updatePoints('m1', 'spend', (state) => {
        seen.push(state.lots.map((l) => l.id))
        const [oldest] = state.lots
        return {
          account: account(state.account.available - 4),
          lots: [{ ...oldest, remaining: oldest.remaining - 4 }],
          entries: [entry('spend', -4, { kind: 'spend' })],
        }
      })
      expect(spend.outcome).toBe('applied')
      // However often the store made the decision, every time on the live lots, soonest expiring first.
      expect(seen.length).toBeGreaterThan(0)
      for (const ids of seen) expect(ids).toEqual(['soon', 'late'])
      const grant = await store.updatePoints('m1', 'grant', (state) => ({
        account: account(state.account.available + 10),
        lots: [lot('new', { expiresAt: T0 + 5000 })],
        entries: [entry('grant', 10)],
      }))
      expect(grant.outcome).toBe('applied')
      const after = await store.findPoints('m1')
      expect(after.account.available).toBe(26)
      expect(after.lots.map((l) => [l.id, l.remaining])).toEqual([
        ['soon', 6],
        ['new', 10],
        ['late', 10],
      ])
    })

    it('counts the available points past their expiry that the expiry job has not taken, and only those', async () => {
      await store.commitPointsChange(
        firstChange('m1', 'k1', [
          lot('live', { expiresAt: T0 + 1000 }),
          lot('lapsed', { expiresAt: T0 + 100, remaining: 7 }),
          lot('at the instant', { expiresAt: T0 + 500, remaining: 3 }),
          lot('spent', { expiresAt: T0 + 100, remaining: 0 }),
          lot('void', { expiresAt: T0 + 100, status: 'void', remaining: 5 }),
          lot('wait', { expiresAt: T0 + 100, status: 'pending', amount: 5, remaining: 5, source: 'purchase' }),
        ]),
      )
      await store.commitPointsChange(firstChange('m2', 'k2', [lot('theirs', { memberId: 'm2', expiresAt: T0 + 100 })]))
      expect(await store.lapsedPoints('m1', T0 + 50)).toBe(0)
      // A lot stops counting at the instant it expires.
      expect(await store.lapsedPoints('m1', T0 + 500)).toBe(10)
      expect(await store.lapsedPoints('m1', T0 + 2000)).toBe(20)
      expect(await store.lapsedPoints('nobody', T0 + 2000)).toBe(0)
    })

    it('finds the available lots expiring in a window, soonest first, and the pending lots, only the member’s own', async () => {
      await store.commitPointsChange(
        firstChange('m1', 'k1', [
          lot('later', { expiresAt: T0 + 900 }),
          lot('soon', { expiresAt: T0 + 200, grantedAt: T0 - 5 }),
          lot('soon too', { expiresAt: T0 + 200, grantedAt: T0 - 9 }),
          lot('past', { expiresAt: T0 + 100 }),
          lot('spent', { expiresAt: T0 + 300, remaining: 0 }),
          lot('void', { expiresAt: T0 + 300, status: 'void' }),
          lot('wait', { expiresAt: T0 + 300, status: 'pending', amount: 5, remaining: 5, source: 'purchase' }),
          lot('beyond', { expiresAt: T0 + 5000 }),
        ]),
      )
      await store.commitPointsChange(
        firstChange('m2', 'k2', [
          lot('theirs', { memberId: 'm2', expiresAt: T0 + 200 }),
          lot('their wait', { memberId: 'm2', status: 'pending' }),
        ]),
      )
      const outlook = await store.findPointsOutlook('m1', T0 + 100, T0 + 900)
      expect(outlook.expiring.map((l) => l.id)).toEqual(['soon too', 'soon', 'later'])
      expect(outlook.expiring[0]).toEqual(lot('soon too', { expiresAt: T0 + 200, grantedAt: T0 - 9 }))
      expect(outlook.pending.map((l) => l.id)).toEqual(['wait'])
      expect(await store.findPointsOutlook('nobody', T0, T0 + 900)).toEqual({ expiring: [], pending: [] })
    })

    it("finds lots by id whatever became of them, and only the member's own", async () => {
      await store.commitPointsChange(
        firstChange('m1', 'k1', [lot('live'), lot('spent', { remaining: 0 }), lot('gone', { status: 'void', remaining: 0 })]),
      )
      await store.commitPointsChange(firstChange('m2', 'k2', [lot('theirs', { memberId: 'm2' })]))
      const found = await store.findPointsLots('m1', ['spent', 'gone', 'live', 'theirs', 'never'])
      expect(found.map((l) => l.id).sort()).toEqual(['gone', 'live', 'spent'])
      expect(found.find((l) => l.id === 'spent')).toEqual(lot('spent', { remaining: 0 }))
      expect(await store.findPointsLots('m1', [])).toEqual([])
    })

    it('answers the account alone as findPoints answers it, an empty one for a member without points', async () => {
      await store.commitPointsChange(
        firstChange('m1', 'k1', [lot('a')], { account: account(10, { streak: 3, lastCheckInDay: '2026-11-20' }) }),
      )
      expect(await store.findPointsAccount('m1')).toEqual((await store.findPoints('m1')).account)
      expect(await store.findPointsAccount('m1')).toMatchObject({ available: 10, streak: 3, lastCheckInDay: '2026-11-20' })
      expect(await store.findPointsAccount('nobody')).toEqual((await store.findPoints('nobody')).account)
    })

    it('pages the ledger newest first', async () => {
      await store.commitPointsChange({
        memberId: 'm1',
        expectedVersion: 0,
        key: 'k1',
        account: account(10),
        lots: [],
        entries: [entry('e1', 10, { at: T0 })],
      })
      await store.commitPointsChange({
        memberId: 'm1',
        expectedVersion: 1,
        key: 'k2',
        account: account(7),
        lots: [],
        entries: [entry('e2', -3, { at: T0 + 1, kind: 'spend' })],
      })
      expect(await store.listLedger('m1', 0, 1)).toEqual({ items: [entry('e2', -3, { at: T0 + 1, kind: 'spend' })], total: 2 })
      expect((await store.listLedger('m1', 1, 5)).items.map((e) => e.id)).toEqual(['e1'])
    })

    it('finds members whose available lots expired with points left', async () => {
      await store.commitPointsChange(firstChange('m1', 'k1', [lot('a', { expiresAt: T0 + 5 })]))
      await store.commitPointsChange(firstChange('m2', 'k2', [lot('b', { memberId: 'm2', expiresAt: T0 + 50 })]))
      expect(await store.membersWithExpiredLots(T0 + 10, '', 10)).toEqual(['m1'])
      expect(await store.membersWithExpiredLots(T0 + 100, '', 10)).toEqual(['m1', 'm2'])
      expect(await store.membersWithExpiredLots(T0 + 100, 'm1', 10)).toEqual(['m2'])
    })

    it('adds up accounts, lots and ledgers per member for reconciliation', async () => {
      await store.commitPointsChange(firstChange('m1', 'k1', [lot('a'), lot('p', { status: 'pending' })], { entries: [entry('e1', 10)] }))
      await store.commitPointsChange(
        firstChange('m2', 'k2', [lot('b', { memberId: 'm2', remaining: 4 })], {
          account: { ...account(3), memberId: 'm2' },
          entries: [entry('e2', 5, { memberId: 'm2' })],
        }),
      )
      expect(await store.pointsTotals('', 10)).toEqual([
        { memberId: 'm1', available: 10, lotRemainder: 10, ledgerSum: 10 },
        { memberId: 'm2', available: 3, lotRemainder: 4, ledgerSum: 5 },
      ])
      expect((await store.pointsTotals('m1', 10)).map((t) => t.memberId)).toEqual(['m2'])
    })

    it('adds up what the shop owes in points: available and pending over every account, and what expires before an instant', async () => {
      expect(await store.pointsLiability(T0 + 100)).toEqual({ available: 0, pending: 0, expiring: 0 })
      await store.commitPointsChange(
        firstChange(
          'm1',
          'k1',
          [lot('a', { expiresAt: T0 + 50 }), lot('z', { remaining: 0, expiresAt: T0 + 50 }), lot('p', { status: 'pending' })],
          {
            account: account(10, { pending: 10 }),
          },
        ),
      )
      await store.commitPointsChange(
        firstChange('m2', 'k2', [lot('b', { memberId: 'm2', remaining: 4, expiresAt: T0 + 500 })], {
          account: { ...account(4), memberId: 'm2' },
        }),
      )
      expect(await store.pointsLiability(T0 + 100)).toEqual({ available: 14, pending: 10, expiring: 10 })
      expect(await store.pointsLiability(T0 + 501)).toEqual({ available: 14, pending: 10, expiring: 14 })
    })

    it('keeps outbox consumer cursors', async () => {
      expect(await store.readCursor('points')).toBe(0)
      await store.saveCursor('points', T0)
      expect(await store.readCursor('points')).toBe(T0)
    })
  })
}
