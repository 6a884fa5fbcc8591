import type { RedeemItemView, StockState } from '../../../../types/api'
import type { RedeemItemKind, Redemption } from '../../../../types/domain'
import { formatFenBrief } from '../../../utils/money'
import { tierLabel } from '../../../utils/tier'

export const KIND_LABEL: Record<RedeemItemKind, string> = {
  goods: '实物',
  coupon: '优惠券',
  privilege: '权益',
}

/** What one unit of a kind is counted in: 1 件 of goods, 1 张 coupon, 1 次 privilege. */
const UNIT: Record<RedeemItemKind, string> = {
  goods: '件',
  coupon: '张',
  privilege: '次',
}

/** The tier gate in words ("V3 及以上"); null when every member may redeem. */
export const tierGateLabel = (item: Pick<RedeemItemView, 'tierMin'>) => (item.tierMin > 1 ? `${tierLabel(item.tierMin)} 及以上` : null)

/** The per-member limits in one phrase: "每人每日限 1 件", "每人每周限 2 张，累计限兑 5 张"; null when there are none. */
export function limitsLabel(item: Pick<RedeemItemView, 'kind' | 'limits'>): string | null {
  const unit = UNIT[item.kind]
  const { perDay, perWeek, perMonth, ever } = item.limits
  const periods: [string, number | undefined][] = [
    ['每日', perDay],
    ['每周', perWeek],
    ['每月', perMonth],
  ]
  const parts = periods.filter(([, limit]) => limit !== undefined).map(([period, limit]) => `${period}限 ${limit} ${unit}`)
  if (ever !== undefined) parts.push(`${parts.length > 0 ? '累计' : ''}限兑 ${ever} ${unit}`)
  return parts.length > 0 ? `每人${parts.join('，')}` : null
}

/** What the caller may still redeem under the limits: "你还可兑换 1 件"; null when no limit applies. */
export function allowanceLabel(item: Pick<RedeemItemView, 'kind' | 'allowance'>): string | null {
  if (item.allowance === null) return null
  return item.allowance > 0 ? `你还可兑换 ${item.allowance} ${UNIT[item.kind]}` : '你已达到兑换上限'
}

/** Stock in mall words for cards and the price row: "库存 30 件", "仅剩 3 件", "已兑完". */
export function stockLabel(item: { kind: RedeemItemKind; stock: number; stockState: StockState }): string {
  if (item.stockState === 'soldOut') return '已兑完'
  if (item.stockState === 'low') return `仅剩 ${item.stock} ${UNIT[item.kind]}`
  return `库存 ${item.stock} ${UNIT[item.kind]}`
}

/** The stock as a figure for the terms list: "30 件", "3 件，库存紧张", "已兑完". */
export function stockAmount(item: { kind: RedeemItemKind; stock: number; stockState: StockState }): string {
  if (item.stockState === 'soldOut') return '已兑完'
  return `${item.stock} ${UNIT[item.kind]}${item.stockState === 'low' ? '，库存紧张' : ''}`
}

/** What a coupon or privilege gives, in one sentence; null for goods. */
export function benefitTerms(item: Pick<RedeemItemView, 'coupon' | 'privilege'>): string | null {
  if (item.coupon) {
    const { amountOff, minSpend, validDays } = item.coupon
    const rule = minSpend > 0 ? `满 ${formatFenBrief(minSpend)} 减 ${formatFenBrief(amountOff)}` : `无门槛减 ${formatFenBrief(amountOff)}`
    return `${rule}，兑换后 ${validDays} 天内有效`
  }
  if (item.privilege) return `兑换后 ${item.privilege.freeShippingDays} 天内下单全场包邮`
  return null
}

/**
 * A redemption's status in words. Coupons and privileges are credited at once (已到账); goods wait
 * for the shop to ship them (待发货 -> 已发货) and may be cancelled until then.
 */
export function redemptionStatusLabel(redemption: Pick<Redemption, 'kind' | 'status'>): string {
  if (redemption.status === 'cancelled') return '已取消'
  if (redemption.kind === 'goods') return redemption.status === 'placed' ? '待发货' : '已发货'
  return redemption.status === 'fulfilled' ? '已到账' : '处理中'
}
