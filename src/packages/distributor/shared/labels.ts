import type { CommissionStatus, Withdrawal } from '../../../../types/domain'

export const COMMISSION_STATUS_LABEL: Record<CommissionStatus, string> = {
  pending: '待结算',
  frozen: '冻结中',
  available: '可提现',
  void: '已失效',
}

export const WITHDRAWAL_STATUS_LABEL: Record<Withdrawal['status'], string> = {
  processing: '处理中',
  paid: '已到账',
  failed: '失败',
}

/** A rate in basis points as a percentage: 1000 -> "10%", 1250 -> "12.5%", 5 -> "0.05%". */
export function formatRate(bps: number): string {
  const whole = Math.floor(bps / 100)
  const fraction = String(bps % 100)
    .padStart(2, '0')
    .replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}%` : `${whole}%`
}
