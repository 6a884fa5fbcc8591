import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_COMMISSION_BPS } from '../../cloudfunctions/src/core/commission'
import { RULES_VERSION, emptyAccount, freezeLine, openCommissionLines, settleLines } from '../../cloudfunctions/src/core/distribution'
import { transferSent, withdraw } from '../../cloudfunctions/src/core/withdrawals'
import type { CommissionState, CommissionWrite, Store } from '../../cloudfunctions/src/store/port'
import type { BuyerBinding, CommissionEntry, CommissionLine, Distributor, Order } from '../../types/domain'
import { T0, order } from '../support/fixtures'

const DAY = 86_400_000
const WITHDRAW_SETTINGS = { minWithdraw: 100, dailyCap: 100_000 }

const distributor = (memberId: string, overrides: Partial<Distributor> = {}): Distributor => ({
  memberId,
  status: 'pending',
  code: `CODE${memberId.toUpperCase()}`,
  attestedAdult: true,
  rulesVersion: RULES_VERSION,
  appliedAt: T0,
  decidedAt: null,
  note: '',
  ...overrides,
})

const binding = (buyerId: string, distributorId: string, boundAt = T0): BuyerBinding => ({
  buyerId,
  distributorId,
  boundAt,
  expiresAt: boundAt + 15 * DAY,
})

/** A commission line as the rules open it (¥128 at 5%), moved along by the overrides. */
const line = (id: string, overrides: Partial<CommissionLine> = {}): CommissionLine => ({
  id,
  distributorId: 'd1',
  orderId: 'o1',
  orderLineId: id.replace(/^cm-/, ''),
  buyerId: 'v1',
  productId: 'p1',
  title: '明前龙井',
  image: '',
  quantity: 1,
  paidAmount: 12800,
  refundedAmount: 0,
  bps: 500,
  capped: false,
  amount: 640,
  status: 'pending',
  createdAt: T0,
  frozenAt: null,
  availableAt: null,
  settledAt: null,
  voidedAt: null,
  clawedBack: 0,
  ...overrides,
})

/** A paid order whose every line was attributed to `distributorId` (p1-s1 ¥128 and p3-s1 ¥29.9). */
const paidOrder = (id: string, distributorId: string, paidAt: number): Order => {
  const placed = order(id, { status: 'paid', paidAt })
  return { ...placed, lines: placed.lines.map((l) => ({ ...l, distributorId })) }
}

const opened = (o: Order, distributorId: string) => openCommissionLines(o, distributorId, new Map(), DEFAULT_COMMISSION_BPS, o.paidAt!)

/** Writes lines as they are, leaving the account alone. */
const writeLines = (store: Store, distributorId: string, lines: CommissionLine[]) =>
  store.updateCommissions(distributorId, { lineIds: [] }, (s) => ({ account: s.account, lines, withdrawals: [], entries: [] }))

/** Credits the balance the way the settlement job does: one frozen line of `amount` becomes available. */
const fund = (store: Store, distributorId: string, amount: number) =>
  store.updateCommissions(distributorId, { lineIds: [] }, (s) =>
    settleLines(
      s.account,
      [line(`cm-fund-${distributorId}`, { distributorId, amount, status: 'frozen', frozenAt: T0 - 7 * DAY, availableAt: T0 })],
      T0,
    ),
  )

/** A withdrawal decision that refuses by throwing, as the withdraw service does. */
const withdrawing =
  (id: string, amount: number, now = T0) =>
  (s: CommissionState): CommissionWrite => {
    const decision = withdraw(s.account, { id, amount }, WITHDRAW_SETTINGS, now)
    if ('code' in decision) throw new Error(decision.code)
    return decision
  }

const ids = (lines: readonly { id: string }[]) => lines.map((l) => l.id)

/** The distribution half of the store contract: standings, bindings, commission lines, the account, withdrawals. */
export function distributionContract(adapter: string, open: () => Promise<Store>) {
  describe(`distribution store contract: ${adapter}`, () => {
    let store: Store
    beforeEach(async () => {
      store = await open()
    })

    it('takes an application once and moves a standing only from the status it was read in', async () => {
      expect(await store.findDistributor('d1')).toBeNull()
      expect(await store.saveDistributor(distributor('d1'), null)).toBe(true)
      expect(await store.saveDistributor(distributor('d1', { code: 'OTHER' }), null)).toBe(false)
      const approved = distributor('d1', { status: 'approved', decidedAt: T0 + 1 })
      expect(await store.saveDistributor(approved, 'pending')).toBe(true)
      expect(await store.saveDistributor(distributor('d1', { status: 'rejected', decidedAt: T0 + 2, note: '资料不全' }), 'pending')).toBe(
        false,
      )
      expect(await store.findDistributor('d1')).toEqual(approved)
      expect(await store.saveDistributor(distributor('d2', { status: 'approved' }), 'pending')).toBe(false)
      expect(await store.findDistributor('d2')).toBeNull()
    })

    it('lists standings newest application first, by status, a page at a time', async () => {
      await store.saveDistributor(distributor('d1', { appliedAt: T0 }), null)
      await store.saveDistributor(distributor('d2', { appliedAt: T0 + 2, status: 'approved' }), null)
      await store.saveDistributor(distributor('d3', { appliedAt: T0 + 1 }), null)
      await store.saveDistributor(distributor('d4', { appliedAt: T0 + 1 }), null)
      const all = await store.listDistributors({ offset: 0, limit: 10 })
      expect({ ids: all.items.map((d) => d.memberId), total: all.total }).toEqual({ ids: ['d2', 'd3', 'd4', 'd1'], total: 4 })
      const pending = await store.listDistributors({ status: 'pending', offset: 1, limit: 1 })
      expect({ ids: pending.items.map((d) => d.memberId), total: pending.total }).toEqual({ ids: ['d4'], total: 3 })
      expect(pending.items[0]).toEqual(distributor('d4', { appliedAt: T0 + 1 }))
      expect(await store.listDistributors({ status: 'frozen', offset: 0, limit: 10 })).toEqual({ items: [], total: 0 })
    })

    it('binds a buyer on first touch and moves the binding only from the exact one read', async () => {
      expect(await store.findBinding('b1')).toBeNull()
      const first = binding('b1', 'd1')
      expect(await store.saveBinding(null, first)).toBe(true)
      expect(await store.saveBinding(null, binding('b1', 'd2'))).toBe(false)
      expect(await store.saveBinding({ ...first, expiresAt: first.expiresAt + 1 }, binding('b1', 'd2', T0 + 5))).toBe(false)
      expect(await store.saveBinding({ ...first, distributorId: 'd2' }, binding('b1', 'd2', T0 + 5))).toBe(false)
      expect(await store.findBinding('b1')).toEqual(first)
      const extended = { ...first, expiresAt: T0 + 20 * DAY }
      expect(await store.saveBinding(first, extended)).toBe(true)
      expect(await store.findBinding('b1')).toEqual(extended)
      expect(await store.saveBinding(binding('b2', 'd1'), binding('b2', 'd2'))).toBe(false)
      expect(await store.findBinding('b2')).toBeNull()
    })

    it('lets exactly one of 20 racing first touches bind the buyer', async () => {
      const touches = Array.from({ length: 20 }, (_, i) => binding('b1', `d${i}`, T0 + i))
      const won = await Promise.all(touches.map((t) => store.saveBinding(null, t)))
      expect(won.filter(Boolean)).toHaveLength(1)
      expect(await store.findBinding('b1')).toEqual(touches[won.indexOf(true)])
    })

    it('opens an order’s lines and the account in one step', async () => {
      const o1 = paidOrder('o1', 'd1', T0)
      expect(await store.findCommissions('d1', { lineIds: [] })).toEqual({
        account: emptyAccount('d1'),
        lines: [],
        withdrawal: null,
        version: 0,
      })
      expect(await writeLines(store, 'd1', opened(o1, 'd1'))).toBe('applied')
      const [p1, p3] = opened(o1, 'd1')
      expect([p1.amount, p3.amount]).toEqual([640, 149])
      expect(await store.commissionLinesOfOrder('o1')).toEqual([p1, p3])
      expect((await store.findCommissionLines(['cm-o1-2', 'cm-o1-1', 'cm-none'])).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([p1, p3])
      expect(await store.findCommissionLines([])).toEqual([])
      expect(await store.findCommissions('d1', { lineIds: ['cm-o1-1'] })).toEqual({
        account: emptyAccount('d1'),
        lines: [p1],
        withdrawal: null,
        version: 1,
      })
      expect(await store.commissionLinesOfOrder('o2')).toEqual([])
    })

    it('shows decide the asked-for lines and withdrawal of this distributor only, with the version', async () => {
      await writeLines(store, 'd1', opened(paidOrder('o1', 'd1', T0), 'd1'))
      await writeLines(store, 'd2', opened(paidOrder('o2', 'd2', T0), 'd2'))
      await fund(store, 'd1', 1000)
      await fund(store, 'd2', 1000)
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, withdrawing('w1', 300))
      await store.updateCommissions('d2', { lineIds: [], withdrawalId: 'w2' }, withdrawing('w2', 300))
      const seen: CommissionState[] = []
      const look = (read: { lineIds: string[]; withdrawalId?: string }) =>
        store.updateCommissions('d1', read, (s) => {
          seen.push(s)
          return null
        })
      expect(await look({ lineIds: ['cm-o1-2', 'cm-none', 'cm-o2-1'], withdrawalId: 'w1' })).toBe('nothing')
      expect(await look({ lineIds: [] })).toBe('nothing')
      expect(await look({ lineIds: [], withdrawalId: 'w2' })).toBe('nothing')
      expect(
        seen.map((s) => ({
          lines: ids(s.lines),
          withdrawal: s.withdrawal?.id ?? null,
          version: s.version,
          available: s.account.available,
        })),
      ).toEqual([
        { lines: ['cm-o1-2'], withdrawal: 'w1', version: 3, available: 700 },
        { lines: [], withdrawal: null, version: 3, available: 700 },
        { lines: [], withdrawal: null, version: 3, available: 700 },
      ])
      expect(seen[0].withdrawal).toEqual(await store.findWithdrawal('w1'))
      expect((await store.findCommissions('d1', { lineIds: [] })).version).toBe(3)
    })

    it('leaves everything as it was when decide throws', async () => {
      await fund(store, 'd1', 1000)
      const before = await store.findCommissions('d1', { lineIds: ['cm-o1-1'] })
      await expect(
        store.updateCommissions('d1', { lineIds: [] }, (s) => {
          withdrawing('w1', 300)(s)
          throw new Error('refused')
        }),
      ).rejects.toThrow('refused')
      await expect(store.updateCommissions('d1', { lineIds: [] }, withdrawing('w2', 5000))).rejects.toThrow('BALANCE_SHORT')
      expect(await store.findCommissions('d1', { lineIds: ['cm-o1-1'] })).toEqual(before)
      expect(await store.findWithdrawal('w1')).toBeNull()
      expect(await store.listWithdrawals('d1', 0, 10)).toEqual({ items: [], total: 0 })
      expect(ids(await store.listCommissionEntries('d1'))).toEqual(['settle:cm-fund-d1'])
    })

    it('refuses a line of another distributor and writes nothing of that change', async () => {
      await expect(
        store.updateCommissions('d1', { lineIds: [] }, (s) => ({
          account: { ...s.account, available: 5 },
          lines: [line('cm-a'), line('cm-b', { distributorId: 'd2' })],
          withdrawals: [],
          entries: [],
        })),
      ).rejects.toThrow()
      expect(await store.findCommissionLines(['cm-a', 'cm-b'])).toEqual([])
      expect(await store.findCommissions('d1', { lineIds: [] })).toEqual({
        account: emptyAccount('d1'),
        lines: [],
        withdrawal: null,
        version: 0,
      })
      expect(await store.findCommissions('d2', { lineIds: [] })).toEqual({
        account: emptyAccount('d2'),
        lines: [],
        withdrawal: null,
        version: 0,
      })
    })

    it('writes a ledger entry once: a change repeating an entry id is refused whole', async () => {
      await fund(store, 'd1', 1000)
      await expect(
        store.updateCommissions('d1', { lineIds: [] }, (s) => ({
          account: { ...s.account, available: s.account.available + 1000 },
          lines: [line('cm-again', { status: 'available', amount: 1000 })],
          withdrawals: [],
          entries: [{ id: 'settle:cm-fund-d1', distributorId: 'd1', kind: 'settle', ref: 'cm-again', delta: 1000, at: T0 + 1 }],
        })),
      ).rejects.toThrow()
      expect((await store.findCommissions('d1', { lineIds: [] })).account.available).toBe(1000)
      expect(await store.findCommissionLines(['cm-again'])).toEqual([])
      expect(await store.listCommissionEntries('d1')).toEqual([
        { id: 'settle:cm-fund-d1', distributorId: 'd1', kind: 'settle', ref: 'cm-fund-d1', delta: 1000, at: T0 },
      ])
    })

    it('of 50 concurrent withdrawals of ¥1 from ¥10, exactly 10 are taken', async () => {
      await fund(store, 'd1', 1000)
      const outcomes = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) =>
          store.updateCommissions('d1', { lineIds: [], withdrawalId: `w${i}` }, withdrawing(`w${i}`, 100)),
        ),
      )
      expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'applied')).toHaveLength(10)
      const refusals = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => (o.reason as Error).message)
      expect(refusals).toEqual(Array(40).fill('BALANCE_SHORT'))
      const { account } = await store.findCommissions('d1', { lineIds: [] })
      expect({ available: account.available, processing: account.processing, dayWithdrawn: account.dayWithdrawn }).toEqual({
        available: 0,
        processing: 1000,
        dayWithdrawn: 1000,
      })
      expect((await store.listCommissionEntries('d1')).filter((e) => e.kind === 'withdraw')).toHaveLength(10)
      expect((await store.listWithdrawals('d1', 0, 100)).total).toBe(10)
      expect(await store.commissionTotals('', 10)).toEqual([{ distributorId: 'd1', available: 0, ledgerSum: 0 }])
    })

    it('lists a distributor’s lines newest first, by status, a page at a time', async () => {
      await writeLines(store, 'd1', [
        line('cm-a', { createdAt: T0 }),
        line('cm-b', { createdAt: T0 + 2, status: 'frozen', frozenAt: T0 + 3, availableAt: T0 + 3 + 7 * DAY }),
        line('cm-c', { createdAt: T0 + 1 }),
        line('cm-d', { createdAt: T0 + 1, status: 'void', amount: 0, voidedAt: T0 + 2 }),
      ])
      await writeLines(store, 'd2', [line('cm-e', { distributorId: 'd2', createdAt: T0 + 9 })])
      const all = await store.listCommissionLines({ distributorId: 'd1', offset: 0, limit: 10 })
      expect({ ids: ids(all.items), total: all.total }).toEqual({ ids: ['cm-b', 'cm-c', 'cm-d', 'cm-a'], total: 4 })
      const page = await store.listCommissionLines({ distributorId: 'd1', offset: 1, limit: 2 })
      expect({ ids: ids(page.items), total: page.total }).toEqual({ ids: ['cm-c', 'cm-d'], total: 4 })
      const pending = await store.listCommissionLines({ distributorId: 'd1', status: 'pending', offset: 0, limit: 10 })
      expect({ ids: ids(pending.items), total: pending.total }).toEqual({ ids: ['cm-c', 'cm-a'], total: 2 })
      expect((await store.listCommissionLines({ distributorId: 'd1', status: 'frozen', offset: 0, limit: 10 })).items).toEqual([
        line('cm-b', { createdAt: T0 + 2, status: 'frozen', frozenAt: T0 + 3, availableAt: T0 + 3 + 7 * DAY }),
      ])
      expect(await store.listCommissionLines({ distributorId: 'd1', status: 'available', offset: 0, limit: 10 })).toEqual({
        items: [],
        total: 0,
      })
    })

    it('lists attributed orders once each with their own lines, newest payment first', async () => {
      await writeLines(store, 'd1', opened(paidOrder('o1', 'd1', T0), 'd1'))
      await writeLines(store, 'd1', opened(paidOrder('o2', 'd1', T0 + 2), 'd1'))
      await writeLines(store, 'd1', opened(paidOrder('o3', 'd1', T0 + 1), 'd1'))
      const shared = paidOrder('o4', 'd1', T0 + 3)
      const split = { ...shared, lines: [shared.lines[0], { ...shared.lines[1], distributorId: 'd2' }] }
      await writeLines(store, 'd1', opened(split, 'd1'))
      await writeLines(store, 'd2', opened(split, 'd2'))
      const all = await store.listAttributedOrders('d1', 0, 10)
      expect(all.total).toBe(4)
      expect(all.items.map((o) => ({ orderId: o.orderId, lines: ids(o.lines) }))).toEqual([
        { orderId: 'o4', lines: ['cm-o4-1'] },
        { orderId: 'o2', lines: ['cm-o2-1', 'cm-o2-2'] },
        { orderId: 'o3', lines: ['cm-o3-1', 'cm-o3-2'] },
        { orderId: 'o1', lines: ['cm-o1-1', 'cm-o1-2'] },
      ])
      expect(all.items[1].lines).toEqual(opened(paidOrder('o2', 'd1', T0 + 2), 'd1'))
      const page = await store.listAttributedOrders('d1', 1, 2)
      expect({ orders: page.items.map((o) => o.orderId), total: page.total }).toEqual({ orders: ['o2', 'o3'], total: 4 })
      const other = await store.listAttributedOrders('d2', 0, 10)
      expect({ orders: other.items.map((o) => ({ orderId: o.orderId, lines: ids(o.lines) })), total: other.total }).toEqual({
        orders: [{ orderId: 'o4', lines: ['cm-o4-2'] }],
        total: 1,
      })
      expect(await store.listAttributedOrders('d3', 0, 10)).toEqual({ items: [], total: 0 })
    })

    it('reads the lines paid in [from, to), void ones left out', async () => {
      await writeLines(store, 'd1', [
        line('cm-before', { createdAt: T0 - 1 }),
        line('cm-from', { createdAt: T0 }),
        line('cm-void', { createdAt: T0 + 5, status: 'void', amount: 0, voidedAt: T0 + 6 }),
        line('cm-settled', { createdAt: T0 + 7, status: 'available', settledAt: T0 + 8 }),
        line('cm-last', { createdAt: T0 + 9, status: 'frozen', frozenAt: T0 + 9, availableAt: T0 + 9 + 7 * DAY }),
        line('cm-to', { createdAt: T0 + 10 }),
      ])
      await writeLines(store, 'd2', [line('cm-other', { distributorId: 'd2', createdAt: T0 + 1 })])
      expect(ids(await store.commissionLinesPaidBetween('d1', T0, T0 + 10))).toEqual(['cm-from', 'cm-settled', 'cm-last'])
      expect(await store.commissionLinesPaidBetween('d1', T0, T0)).toEqual([])
    })

    it('adds up what is pending and what is frozen, apart', async () => {
      expect(await store.commissionInFlight('d1')).toEqual({ pending: 0, frozen: 0 })
      const [p1, p3] = opened(paidOrder('o1', 'd1', T0), 'd1')
      await writeLines(store, 'd1', [
        p1,
        freezeLine(p3, T0 + DAY)!,
        line('cm-frozen', { amount: 300, status: 'frozen', frozenAt: T0, availableAt: T0 + 7 * DAY }),
        line('cm-available', { amount: 1000, status: 'available', settledAt: T0 }),
        line('cm-void', { amount: 0, status: 'void', voidedAt: T0 }),
      ])
      await writeLines(store, 'd2', [line('cm-other', { distributorId: 'd2', amount: 77 })])
      expect(await store.commissionInFlight('d1')).toEqual({ pending: 640, frozen: 149 + 300 })
      expect(await store.commissionInFlight('d2')).toEqual({ pending: 77, frozen: 0 })
    })

    it('reads frozen lines due by an instant in (availableAt, id) order, the cursor continuing exactly where it stopped', async () => {
      const frozen = (id: string, availableAt: number, distributorId = 'd1') =>
        line(id, { distributorId, status: 'frozen', frozenAt: availableAt - 7 * DAY, availableAt })
      const atOneInstant = ['cm-s7', 'cm-s1', 'cm-s5', 'cm-s3', 'cm-s2', 'cm-s6', 'cm-s4'].map((id) => frozen(id, T0 + 5))
      await writeLines(store, 'd1', [
        ...atOneInstant,
        frozen('cm-early', T0),
        frozen('cm-late', T0 + 9),
        frozen('cm-edge', T0 + 10),
        frozen('cm-not-yet', T0 + 11),
        line('cm-pending'),
        line('cm-available', { status: 'available', frozenAt: T0 - 7 * DAY, availableAt: T0, settledAt: T0 }),
      ])
      await writeLines(store, 'd2', [frozen('cm-other', T0 + 5, 'd2')])
      const read: string[] = []
      let after: { at: number; id: string } | null = null
      for (let page = 0; page < 10; page += 1) {
        const due = await store.dueCommissionLines(T0 + 10, after, 3)
        expect(due.length).toBeLessThanOrEqual(3)
        if (due.length === 0) break
        read.push(...ids(due))
        const last = due[due.length - 1]
        after = { at: last.availableAt!, id: last.id }
      }
      expect(read).toEqual(['cm-early', 'cm-other', 'cm-s1', 'cm-s2', 'cm-s3', 'cm-s4', 'cm-s5', 'cm-s6', 'cm-s7', 'cm-late', 'cm-edge'])
      expect(ids(await store.dueCommissionLines(T0 + 10, { at: T0 + 5, id: 'cm-s4' }, 100))).toEqual([
        'cm-s5',
        'cm-s6',
        'cm-s7',
        'cm-late',
        'cm-edge',
      ])
      expect(await store.dueCommissionLines(T0 + 10, { at: T0 + 10, id: 'cm-edge' }, 100)).toEqual([])
      expect(await store.dueCommissionLines(T0 - 1, null, 100)).toEqual([])
    })

    it('finds withdrawals and lists them newest first, a page at a time', async () => {
      await fund(store, 'd1', 5000)
      await fund(store, 'd2', 5000)
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, withdrawing('w1', 1000, T0 + 1))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w2' }, withdrawing('w2', 1000, T0 + 3))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w3' }, withdrawing('w3', 1000, T0 + 2))
      await store.updateCommissions('d2', { lineIds: [], withdrawalId: 'w4' }, withdrawing('w4', 1000, T0 + 4))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, (s) =>
        transferSent(s.account, s.withdrawal!, { transferId: 'tr-1', paid: true }, T0 + 5),
      )
      expect(await store.findWithdrawal('w1')).toMatchObject({
        id: 'w1',
        distributorId: 'd1',
        amount: 1000,
        status: 'paid',
        paidAt: T0 + 5,
        transferId: 'tr-1',
      })
      expect(await store.findWithdrawal('w9')).toBeNull()
      const all = await store.listWithdrawals('d1', 0, 10)
      expect({ ids: ids(all.items), total: all.total }).toEqual({ ids: ['w2', 'w3', 'w1'], total: 3 })
      expect(all.items[0]).toEqual(await store.findWithdrawal('w2'))
      const page = await store.listWithdrawals('d1', 1, 1)
      expect({ ids: ids(page.items), total: page.total }).toEqual({ ids: ['w3'], total: 3 })
      const { account } = await store.findCommissions('d1', { lineIds: [] })
      expect({ available: account.available, processing: account.processing, withdrawn: account.withdrawn }).toEqual({
        available: 2000,
        processing: 2000,
        withdrawn: 1000,
      })
    })

    it('pages processing withdrawals by (createdAt, id) after a position', async () => {
      await fund(store, 'd1', 5000)
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, withdrawing('w1', 1000, T0 + 1))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w2' }, withdrawing('w2', 1000, T0 + 1))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w3' }, withdrawing('w3', 1000, T0 + 2))
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, (s) =>
        transferSent(s.account, s.withdrawal!, { transferId: 'tr-1', paid: true }, T0 + 5),
      )
      expect(ids(await store.processingWithdrawals(T0 + 10, null, 10))).toEqual(['w2', 'w3'])
      expect(ids(await store.processingWithdrawals(T0 + 10, null, 1))).toEqual(['w2'])
      expect(ids(await store.processingWithdrawals(T0 + 10, { at: T0 + 1, id: 'w2' }, 10))).toEqual(['w3'])
      expect(await store.processingWithdrawals(T0 + 2, { at: T0 + 1, id: 'w2' }, 10)).toEqual([])
    })

    it('lists a distributor’s ledger oldest first', async () => {
      const entry = (id: string, at: number, delta: number, distributorId = 'd1'): CommissionEntry => ({
        id,
        distributorId,
        kind: 'settle',
        ref: id,
        delta,
        at,
      })
      await store.updateCommissions('d1', { lineIds: [] }, (s) => ({
        account: { ...s.account, available: 60 },
        lines: [],
        withdrawals: [],
        entries: [entry('e3', T0 + 1, 30), entry('e1', T0 + 2, 10)],
      }))
      await store.updateCommissions('d1', { lineIds: [] }, (s) => ({
        account: { ...s.account, available: 80 },
        lines: [],
        withdrawals: [],
        entries: [entry('e2', T0 + 1, 20)],
      }))
      await store.updateCommissions('d2', { lineIds: [] }, (s) => ({
        account: { ...s.account, available: 5 },
        lines: [],
        withdrawals: [],
        entries: [entry('e0', T0, 5, 'd2')],
      }))
      expect(await store.listCommissionEntries('d1')).toEqual([entry('e2', T0 + 1, 20), entry('e3', T0 + 1, 30), entry('e1', T0 + 2, 10)])
      expect(await store.listCommissionEntries('d3')).toEqual([])
    })

    it('sets each distributor’s balance against their ledger, a page at a time by id', async () => {
      await fund(store, 'd2', 700)
      await fund(store, 'd1', 1000)
      await store.updateCommissions('d1', { lineIds: [], withdrawalId: 'w1' }, withdrawing('w1', 400))
      await store.updateCommissions('d3', { lineIds: [] }, (s) => ({
        account: { ...s.account, available: 50 },
        lines: [],
        withdrawals: [],
        entries: [],
      }))
      expect(await store.commissionTotals('', 10)).toEqual([
        { distributorId: 'd1', available: 600, ledgerSum: 600 },
        { distributorId: 'd2', available: 700, ledgerSum: 700 },
        { distributorId: 'd3', available: 50, ledgerSum: 0 },
      ])
      expect(await store.commissionTotals('d1', 1)).toEqual([{ distributorId: 'd2', available: 700, ledgerSum: 700 }])
      expect(await store.commissionTotals('d3', 10)).toEqual([])
    })
  })
}
