import type { LedgerKind, PointsSource } from '../../../../types/domain'

export const LEDGER_KIND_LABEL: Record<LedgerKind, string> = {
  grant: '获得',
  spend: '使用',
  return: '退回',
  expire: '过期',
  reverse: '扣回',
  repay: '抵欠',
}

export const POINTS_SOURCE_LABEL: Record<PointsSource, string> = {
  purchase: '购物',
  checkin: '签到',
  post: '种草',
  challenge: '打卡挑战',
  // Points spent on an order and later given back (cancelled or refunded) come back as this source.
  order_spend: '订单退回',
  adjustment: '调整',
}

/** A change of points with its sign: "+15", "-300". */
export const signedPoints = (delta: number) => (delta > 0 ? `+${delta}` : `${delta}`)
