import type { CommissionAccount, Fen, Instant, Withdrawal } from '../../../types/domain'
import { labourRemunerationTax } from './commission'
import { shopDay } from './time'
import type { CommissionDecision, DistributionSettings } from './distribution'

export const shopMonth = (at: Instant) => shopDay(at).slice(0, 7)

/**
 * The tax on a withdrawal. 劳务报酬 received for the same kind of work within one month counts as one
 * payment, so the month's payouts are assessed together: the tax on this one is the tax on the month
 * including it, less what was withheld already.
 */
export function quoteWithdrawal(
  account: CommissionAccount,
  amount: Fen,
  now: Instant,
): { amount: Fen; tax: Fen; net: Fen; monthIncome: Fen } {
  const month = shopMonth(now)
  const monthIncome = account.month === month ? account.monthIncome : 0
  const monthTax = account.month === month ? account.monthTax : 0
  const tax = Math.max(0, labourRemunerationTax(monthIncome + amount) - monthTax)
  return { amount, tax, net: amount - tax, monthIncome }
}

export type WithdrawRefusal = { code: 'WITHDRAW_TOO_SMALL' | 'BALANCE_SHORT' | 'DAILY_CAP'; message: string }

/** Takes a withdrawal from the available balance, or says why not. */
export function withdraw(
  account: CommissionAccount,
  request: { id: string; amount: Fen },
  settings: Pick<DistributionSettings, 'minWithdraw' | 'dailyCap'>,
  now: Instant,
): CommissionDecision | WithdrawRefusal {
  const yuan = (fen: Fen) => (fen / 100).toFixed(2)
  if (request.amount < settings.minWithdraw) return { code: 'WITHDRAW_TOO_SMALL', message: `单次提现至少 ¥${yuan(settings.minWithdraw)}` }
  if (request.amount > account.available) return { code: 'BALANCE_SHORT', message: `可提现余额为 ¥${yuan(account.available)}` }
  const day = shopDay(now)
  const dayWithdrawn = account.day === day ? account.dayWithdrawn : 0
  if (dayWithdrawn + request.amount > settings.dailyCap) {
    return {
      code: 'DAILY_CAP',
      message: `每日最多提现 ¥${yuan(settings.dailyCap)}，今天还可提现 ¥${yuan(Math.max(0, settings.dailyCap - dayWithdrawn))}`,
    }
  }
  const quote = quoteWithdrawal(account, request.amount, now)
  const month = shopMonth(now)
  const withdrawal: Withdrawal = {
    id: request.id,
    distributorId: account.distributorId,
    amount: quote.amount,
    tax: quote.tax,
    net: quote.net,
    status: 'processing',
    createdAt: now,
    paidAt: null,
    failedAt: null,
    failReason: null,
    transferId: null,
    packageInfo: null,
  }
  return {
    account: {
      ...account,
      available: account.available - quote.amount,
      processing: account.processing + quote.amount,
      day,
      dayWithdrawn: dayWithdrawn + quote.amount,
      month,
      monthIncome: quote.monthIncome + quote.amount,
      monthTax: (account.month === month ? account.monthTax : 0) + quote.tax,
    },
    lines: [],
    withdrawals: [withdrawal],
    entries: [
      {
        id: `withdraw:${withdrawal.id}`,
        distributorId: account.distributorId,
        kind: 'withdraw',
        ref: withdrawal.id,
        delta: -quote.amount,
        at: now,
      },
    ],
  }
}

/** The provider paid (or is waiting for the payee to confirm): only a processing withdrawal moves. */
export function transferSent(
  account: CommissionAccount,
  withdrawal: Withdrawal,
  result: { transferId: string; paid: boolean; packageInfo?: string | null },
  now: Instant,
): CommissionDecision | null {
  if (withdrawal.status !== 'processing') return null
  if (!result.paid) {
    const packageInfo = result.packageInfo || null
    if (withdrawal.transferId === result.transferId && withdrawal.packageInfo === packageInfo) return null
    return { account, lines: [], withdrawals: [{ ...withdrawal, transferId: result.transferId, packageInfo }], entries: [] }
  }
  return {
    account: { ...account, processing: account.processing - withdrawal.amount, withdrawn: account.withdrawn + withdrawal.amount },
    lines: [],
    withdrawals: [{ ...withdrawal, status: 'paid', paidAt: now, transferId: result.transferId, packageInfo: null }],
    entries: [],
  }
}

/** A transfer that failed: the amount returns to the balance and leaves the day's and month's figures. */
export function transferFailed(
  account: CommissionAccount,
  withdrawal: Withdrawal,
  reason: string,
  now: Instant,
): CommissionDecision | null {
  if (withdrawal.status !== 'processing') return null
  const sameDay = account.day === shopDay(withdrawal.createdAt)
  const sameMonth = account.month === shopMonth(withdrawal.createdAt)
  return {
    account: {
      ...account,
      available: account.available + withdrawal.amount,
      processing: account.processing - withdrawal.amount,
      dayWithdrawn: sameDay ? Math.max(0, account.dayWithdrawn - withdrawal.amount) : account.dayWithdrawn,
      monthIncome: sameMonth ? Math.max(0, account.monthIncome - withdrawal.amount) : account.monthIncome,
      monthTax: sameMonth ? Math.max(0, account.monthTax - withdrawal.tax) : account.monthTax,
    },
    lines: [],
    withdrawals: [{ ...withdrawal, status: 'failed', failedAt: now, failReason: reason.slice(0, 200), packageInfo: null }],
    entries: [
      {
        id: `return:${withdrawal.id}`,
        distributorId: account.distributorId,
        kind: 'return',
        ref: withdrawal.id,
        delta: withdrawal.amount,
        at: now,
      },
    ],
  }
}
