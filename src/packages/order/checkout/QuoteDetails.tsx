import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import type { QuoteView } from '../../../../types/api'
import { GoodsRow, Price } from '../../../components'
import { formatFen } from '../../../utils/money'
import { freeShippingRule } from '../../../utils/shipping'
import { tierLabel } from '../../../utils/tier'
import { AmountList, type AmountRow } from '../shared/AmountList'

interface QuoteDetailsProps {
  quote: QuoteView
  /** Whether the member chose to pay part with points; the quote says how many the server applied. */
  usingPoints: boolean
  onUsePoints: (use: boolean) => void
  /** The coupon the member chose (or was given as the best one); null when none. */
  couponId: string | null
  onOpenCoupons: () => void
}

/** The goods being bought and the server's price breakdown for them. */
export function QuoteDetails({ quote, usingPoints, onUsePoints, couponId, onOpenCoupons }: QuoteDetailsProps) {
  const afterDiscount = quote.goodsAmount - quote.memberDiscount
  const rule = freeShippingRule(quote.freeShippingOver, quote.viewerTier)
  const shippingHint =
    quote.freeShippingUntil !== null
      ? '包邮卡生效中'
      : quote.shipping > 0
        ? `${rule}，还差 ${formatFen(Math.max(0, quote.freeShippingOver - afterDiscount))}`
        : rule
  const rows: AmountRow[] = [
    { label: '商品金额', value: formatFen(quote.goodsAmount) },
    quote.viewerTier === 1
      ? { label: '会员优惠', value: 'V2 及以上会员享会员价', tone: 'muted' }
      : {
          label: '会员优惠',
          hint: `${tierLabel(quote.viewerTier)} 会员价`,
          value: `-${formatFen(quote.memberDiscount)}`,
          tone: 'highlight',
        },
    couponRow(quote, couponId, onOpenCoupons),
    pointsRow(quote, usingPoints, onUsePoints),
    { label: '运费', hint: shippingHint, value: quote.shipping > 0 ? formatFen(quote.shipping) : '免运费' },
  ]

  return (
    <>
      <View className='order-card-box checkout__goods'>
        {quote.lines.map((line) => (
          <GoodsRow key={line.skuId} image={line.image} title={line.title} specs={line.specs}>
            <View className='checkout__line-footer'>
              <Price
                price={line.unitPrice}
                memberPrice={line.memberUnitPrice < line.unitPrice ? line.memberUnitPrice : null}
                tier={quote.viewerTier}
              />
              <Text className='checkout__quantity'>×{line.quantity}</Text>
            </View>
          </GoodsRow>
        ))}
      </View>
      <View className='order-card-box'>
        <AmountList rows={rows} total={{ label: '应付', value: formatFen(quote.payable) }} />
      </View>
    </>
  )
}

/** 优惠券: how many this order can use, the server's discount for the chosen one; opens the coupon sheet. */
function couponRow(quote: QuoteView, couponId: string | null, onOpen: () => void): AmountRow {
  // Without a chosen coupon a new member's offer applies in its place.
  if (couponId === null && quote.offer && quote.couponDiscount > 0) {
    return {
      label: quote.offer.title,
      value: `-${formatFen(quote.couponDiscount)}`,
      tone: 'highlight',
      ...(quote.coupons.length > 0 ? { onClick: onOpen } : {}),
    }
  }
  if (quote.coupons.length === 0) return { label: '优惠券', value: '暂无优惠券', tone: 'muted' }
  const usable = quote.coupons.filter((coupon) => coupon.usable).length
  const hint = `${usable} 张可用`
  if (couponId !== null && quote.couponDiscount > 0) {
    return { label: '优惠券', hint, value: `-${formatFen(quote.couponDiscount)}`, tone: 'highlight', onClick: onOpen }
  }
  return { label: '优惠券', hint, value: usable > 0 ? '不使用' : '本单暂不可用', tone: 'muted', onClick: onOpen }
}

/** 积分抵扣: a switch when this order can use points, the server's deduction once it does. */
function pointsRow(quote: QuoteView, usingPoints: boolean, onUsePoints: (use: boolean) => void): AmountRow {
  const { balance, maxUsable } = quote.points
  if (maxUsable === 0 && quote.pointsUsed === 0) {
    return { label: '积分抵扣', hint: `共 ${balance} 积分`, value: balance > 0 ? '本单暂不可用' : '暂无可用积分', tone: 'muted' }
  }
  return {
    label: '积分抵扣',
    hint: usingPoints && quote.pointsUsed > 0 ? `已用 ${quote.pointsUsed} 积分` : `可用 ${maxUsable} 积分`,
    value: (
      <View className='checkout__points'>
        {usingPoints && quote.pointsDeduction > 0 && <Text className='checkout__points-amount'>-{formatFen(quote.pointsDeduction)}</Text>}
        <Switch checked={usingPoints} onChange={onUsePoints} />
      </View>
    ),
  }
}
