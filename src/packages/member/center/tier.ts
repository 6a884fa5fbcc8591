import type { Fen } from '../../../../types/domain'

/** A member price as a discount the way shoppers read it: 92 -> "9.2折", 90 -> "9折"; 100 -> "原价". */
export const discountLabel = (memberPricePct: number) => (memberPricePct >= 100 ? '原价' : `${memberPricePct / 10}折`)

export const multiplierLabel = (multiplier: number) => `×${multiplier}`

/** A free-shipping threshold in fen: 9900 -> "满¥99", 0 -> "全场包邮". */
export function freeShippingLabel(over: Fen): string {
  if (over <= 0) return '全场包邮'
  return `满¥${over % 100 === 0 ? over / 100 : (over / 100).toFixed(2)}`
}

/** How growth value is earned (the server's defaults; see README "member"). */
export const GROWTH_RULES = [
  '购物：订单售后期结束后，实付商品金额每 1 元计 1 成长值；退款会扣回相应的成长值。',
  '每日签到：每次签到 +1 成长值。',
  '种草：发布的内容审核通过后每篇 +5 成长值，每天最多计 3 篇。',
  '成长值按近 12 个月累计，达到下一等级的门槛立即升级。',
  '等级只看你自己的消费和活跃，与邀请他人无关；等级不出售，也不能购买。',
]
