import { describe, expect, it } from 'vitest'
import type { CommissionLine } from '../../types/domain'
import {
  DEFAULT_DISTRIBUTION_SETTINGS,
  DISTRIBUTION_RULES,
  SETTLE_AFTER_RECEIPT_MS,
  clawBack,
  emptyAccount,
  freezeLine,
  maskedBuyer,
  openCommissionLines,
  readDistributionSettings,
  refundLine,
  settleLines,
} from '../../cloudfunctions/src/core/distribution'
import { quoteWithdrawal, transferFailed, transferSent, withdraw } from '../../cloudfunctions/src/core/withdrawals'
import { T0, order } from '../support/fixtures'

const DAY = 86_400_000
const at = (iso: string) => Date.parse(`${iso}+08:00`)

function attributed(distributorId = 'koc') {
  const o = order('o1', { memberId: 'v1', paidAt: T0, status: 'paid' })
  return { ...o, lines: o.lines.map((l) => ({ ...l, distributorId })) }
}

function line(overrides: Partial<CommissionLine> = {}): CommissionLine {
  return openCommissionLines(attributed(), 'koc', new Map([['p1', 1_000]]), 500, T0).map((l) => ({ ...l, ...overrides }))[0]
}

describe('the distribution settings document', () => {
  it('reads defaults from nothing and clamps hostile values, reporting each', () => {
    expect(readDistributionSettings(undefined)).toEqual({ settings: DEFAULT_DISTRIBUTION_SETTINGS, problems: [] })
    const { settings, problems } = readDistributionSettings({
      defaultBps: 9_000,
      bindingDays: 365,
      minWithdraw: -5,
      dailyCap: 'lots',
      autoApprove: 'yes',
    })
    expect(settings).toEqual({
      defaultBps: 3_000,
      bindingDays: 30,
      minWithdraw: 100,
      dailyCap: DEFAULT_DISTRIBUTION_SETTINGS.dailyCap,
      autoApprove: false,
    })
    expect(problems).toHaveLength(5)
    expect(readDistributionSettings([1, 2]).problems).toEqual(['分销设置不是一个对象，已使用默认值'])
    expect(readDistributionSettings({ defaultBps: Number.NaN }).settings.defaultBps).toBe(500)
    expect(readDistributionSettings({ defaultBps: 1e308 }).settings.defaultBps).toBe(3_000)
  })
})

describe('the published rules', () => {
  it('say joining is free and one level only, and promise no income', () => {
    const text = DISTRIBUTION_RULES.sections.flatMap((s) => s.lines).join('\n')
    expect(text).toContain('申请免费')
    expect(text).toContain('只有一级')
    expect(text).toContain('最高不超过实付金额的 30%')
    for (const forbidden of ['月入', '躺赚', '轻松赚', '保证收益', '发展下线']) expect(text).not.toContain(forbidden)
  })
})

describe('opening commission lines at payment', () => {
  it('opens one pending line per attributed order line, at the product rate or the default', () => {
    const lines = openCommissionLines(attributed(), 'koc', new Map([['p1', 1_000]]), 500, T0)
    expect(lines.map((l) => [l.id, l.orderLineId, l.bps, l.amount, l.status, l.buyerId])).toEqual([
      ['cm-o1-1', 'o1-1', 1_000, 1_280, 'pending', 'v1'],
      ['cm-o1-2', 'o1-2', 500, 149, 'pending', 'v1'],
    ])
  })

  it('opens nothing for lines attributed to no one or to someone else', () => {
    expect(openCommissionLines(attributed('koc2'), 'koc', new Map(), 500, T0)).toEqual([])
    expect(openCommissionLines(order('o2', { paidAt: T0 }), 'koc', new Map(), 500, T0)).toEqual([])
  })

  it('clamps a rate above the cap and marks the line', () => {
    const [l] = openCommissionLines(attributed(), 'koc', new Map([['p1', 10_000]]), 500, T0)
    expect(l).toMatchObject({ bps: 3_000, capped: true, amount: 3_840 })
  })

  it('opens a line already refunded when the payment is read as void', () => {
    const o = attributed()
    const refunded = {
      ...o,
      lines: o.lines.map((l, i) => (i === 0 ? { ...l, refundedAmount: l.paidAmount, status: 'refunded' as const } : l)),
    }
    const [first] = openCommissionLines(refunded, 'koc', new Map(), 500, T0 + 5)
    expect(first).toMatchObject({ status: 'void', amount: 0, voidedAt: T0 + 5 })
  })
})

describe('a line through its life', () => {
  it('freezes at receipt until 7 days later, and only from pending', () => {
    const frozen = freezeLine(line(), T0 + DAY)!
    expect(frozen).toMatchObject({ status: 'frozen', frozenAt: T0 + DAY, availableAt: T0 + DAY + SETTLE_AFTER_RECEIPT_MS })
    expect(freezeLine(frozen, T0 + 2 * DAY)).toBeNull()
    expect(freezeLine(line({ status: 'void' }), T0)).toBeNull()
  })

  it('settles only due frozen lines, repaying debt first, with a ledger that sums to the balance', () => {
    const due = freezeLine(line(), T0)!
    const notYet = freezeLine(line({ id: 'cm-other' }), T0 + DAY)!
    const account = { ...emptyAccount('koc'), debt: 300 }
    expect(settleLines(account, [due, notYet], T0 + 7 * DAY - 1)).toBeNull()
    const decision = settleLines(account, [due, notYet, line({ id: 'pending-one' })], T0 + 7 * DAY)!
    expect(decision.lines.map((l) => [l.id, l.status])).toEqual([['cm-o1-1', 'available']])
    expect(decision.account).toMatchObject({ available: 1_280 - 300, debt: 0 })
    expect(decision.entries.map((e) => [e.kind, e.delta])).toEqual([
      ['settle', 1_280],
      ['repay', -300],
    ])
    expect(decision.entries.reduce((s, e) => s + e.delta, 0)).toBe(decision.account.available)
  })

  it('shrinks or voids a line refunded before settlement, and is a no-op on a second reading', () => {
    const voided = refundLine(line(), 12_800, T0 + 1)!
    expect(voided).toEqual({
      line: expect.objectContaining({ status: 'void', amount: 0, refundedAmount: 12_800, voidedAt: T0 + 1 }),
      clawback: 0,
    })
    expect(refundLine(voided.line, 12_800, T0 + 2)).toBeNull()
    const partial = refundLine(line(), 2_800, T0)!
    expect(partial.line).toMatchObject({ status: 'pending', amount: 1_000 })
    expect(refundLine(partial.line, 2_800, T0)).toBeNull()
  })

  it('claws back the difference when the line was already available', () => {
    const available = line({ status: 'available', settledAt: T0 })
    const { line: after, clawback } = refundLine(available, 12_800, T0 + 1)!
    expect(after).toMatchObject({ status: 'available', amount: 0, clawedBack: 1_280 })
    expect(clawback).toBe(1_280)
    const taken = clawBack({ ...emptyAccount('koc'), available: 1_000 }, after, clawback, T0 + 1)
    expect(taken.account).toMatchObject({ available: 0, debt: 280 })
    expect(taken.entries.map((e) => e.delta)).toEqual([-1_000])
  })
})

describe('withdrawals', () => {
  const settings = { minWithdraw: 1_000, dailyCap: 100_000 }
  const rich = { ...emptyAccount('koc'), available: 1_000_000 }

  it('refuses below the minimum, beyond the balance and over the daily cap', () => {
    expect(withdraw(rich, { id: 'w1', amount: 999 }, settings, T0)).toMatchObject({ code: 'WITHDRAW_TOO_SMALL' })
    expect(withdraw({ ...rich, available: 5_000 }, { id: 'w1', amount: 5_001 }, settings, T0)).toMatchObject({ code: 'BALANCE_SHORT' })
    const today = { ...rich, day: '2026-11-20', dayWithdrawn: 99_500 }
    expect(withdraw(today, { id: 'w1', amount: 1_000 }, settings, at('2026-11-20T23:59:59'))).toMatchObject({ code: 'DAILY_CAP' })
    // The cap resets at midnight in Shanghai, not UTC.
    expect(withdraw(today, { id: 'w1', amount: 1_000 }, settings, at('2026-11-21T00:00:00'))).not.toHaveProperty('code')
  })

  it('moves the amount to processing with its tax, and a month is assessed as one payment', () => {
    const first = withdraw(rich, { id: 'w1', amount: 60_000 }, { ...settings, dailyCap: 199_900 }, at('2026-11-03T10:00:00'))
    if ('code' in first) throw new Error(first.message)
    expect(first.withdrawals[0]).toMatchObject({ amount: 60_000, tax: 0, net: 60_000, status: 'processing' })
    expect(first.account).toMatchObject({ available: 940_000, processing: 60_000, month: '2026-11', monthIncome: 60_000, monthTax: 0 })
    // ¥600 + ¥3 400 = ¥4 000 in November: (4 000 − 800) × 20% = ¥640 on the second payment.
    expect(quoteWithdrawal(first.account, 340_000, at('2026-11-29T10:00:00'))).toEqual({
      amount: 340_000,
      tax: 64_000,
      net: 276_000,
      monthIncome: 60_000,
    })
    // December starts a new assessment.
    expect(quoteWithdrawal(first.account, 60_000, at('2026-12-01T00:00:00'))).toMatchObject({ tax: 0, monthIncome: 0 })
  })

  it('pays once, or returns a failed transfer to the balance and to the day and month figures', () => {
    const taken = withdraw(rich, { id: 'w1', amount: 5_000 }, settings, T0)
    if ('code' in taken) throw new Error(taken.message)
    const w = taken.withdrawals[0]
    const paid = transferSent(taken.account, w, { transferId: 't1', paid: true }, T0 + 1)!
    expect(paid.account).toMatchObject({ processing: 0, withdrawn: 5_000 })
    expect(transferSent(paid.account, paid.withdrawals[0], { transferId: 't1', paid: true }, T0 + 2)).toBeNull()
    const failed = transferFailed(taken.account, w, '账户异常', T0 + 1)!
    expect(failed.account).toMatchObject({ available: 1_000_000, processing: 0, dayWithdrawn: 0, monthIncome: 0, monthTax: 0 })
    expect(failed.withdrawals[0]).toMatchObject({ status: 'failed', failReason: '账户异常' })
    expect(transferFailed(failed.account, failed.withdrawals[0], 'again', T0 + 2)).toBeNull()
    const waiting = transferSent(taken.account, w, { transferId: 't9', paid: false, packageInfo: 'pkg' }, T0 + 1)!
    expect(waiting.withdrawals[0]).toMatchObject({ status: 'processing', transferId: 't9', packageInfo: 'pkg' })
  })
})

describe('masked buyers', () => {
  it('are stable for one distributor, differ between distributors, and carry nothing of the buyer', () => {
    const tag = maskedBuyer('koc', 'oAbC123-openid')
    expect(tag).toMatch(/^顾客·[0-9A-F]{6}$/)
    expect(maskedBuyer('koc', 'oAbC123-openid')).toBe(tag)
    expect(maskedBuyer('koc2', 'oAbC123-openid')).not.toBe(tag)
    expect(tag).not.toContain('oAbC')
    const tags = new Set(Array.from({ length: 2_000 }, (_, i) => maskedBuyer('koc', `buyer-${i}`)))
    expect(tags.size).toBeGreaterThan(1_990)
  })
})
