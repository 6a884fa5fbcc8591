import type { Fen } from '../../../../types/domain'
import { formatFen } from '../../../utils/money'

/** What a withdrawal may be: at least `min`, at most the available balance and what is left of today's cap. */
export interface WithdrawLimits {
  available: Fen
  min: Fen
  leftToday: Fen
}

export type AmountCheck = { kind: 'empty' } | { kind: 'invalid'; message: string } | { kind: 'valid'; fen: Fen }

const DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/

/**
 * Reads an amount typed in yuan ("12", "12.5", "12.50") as fen and checks it against the limits,
 * with integer arithmetic only, so "0.29" is 29 fen and never 28.999….
 */
export function checkWithdrawAmount(text: string, limits: WithdrawLimits): AmountCheck {
  const typed = text.trim()
  if (typed === '') return { kind: 'empty' }
  if (!DECIMAL.test(typed)) return { kind: 'invalid', message: '请输入正确的金额，如 100 或 100.50' }
  const [whole, fraction = ''] = typed.split('.')
  if (fraction.length > 2) return { kind: 'invalid', message: '金额最多精确到分（两位小数）' }
  // Anything longer than this is above any balance; keeping the number small keeps it exact.
  if (whole.replace(/^0+/, '').length > 10) return { kind: 'invalid', message: `超出可提现余额 ${formatFen(limits.available)}` }
  const fen = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0'))
  if (fen < limits.min) return { kind: 'invalid', message: `单次提现不少于 ${formatFen(limits.min)}` }
  if (fen > limits.available) return { kind: 'invalid', message: `超出可提现余额 ${formatFen(limits.available)}` }
  if (fen > limits.leftToday) return { kind: 'invalid', message: `超出今日提现额度，今日还可提现 ${formatFen(limits.leftToday)}` }
  return { kind: 'valid', fen }
}

/** The most one may withdraw now: the available balance within what is left of today's cap. */
export const withdrawableNow = (limits: WithdrawLimits): Fen => Math.max(0, Math.min(limits.available, limits.leftToday))

/** Why nothing can be withdrawn now; null when a withdrawal of at least the minimum is possible. */
export function withdrawBlocker(limits: WithdrawLimits): string | null {
  if (limits.available < limits.min) return `可提现满 ${formatFen(limits.min)} 后可申请提现`
  if (limits.leftToday < limits.min) return '今日提现额度已用完，请明天再来'
  return null
}

/** Fen as the yuan text an amount field takes: 12340 -> "123.40". */
export function fenToYuanText(fen: Fen): string {
  return formatFen(fen).replace('¥', '')
}
