import { Text, View } from '@tarojs/components'
import { Popup } from '@nutui/nutui-react-taro'
import type { QuoteView } from '../../../../types/api'
import { formatFenBrief } from '../../../utils/money'
import { shanghaiDay } from '../../../utils/time'

export type QuoteCoupon = QuoteView['coupons'][number]

/** The coupon a member most likely wants: the largest amount off this order reaches, the sooner-expiring of equals. */
export function bestUsableCoupon(coupons: readonly QuoteCoupon[]): QuoteCoupon | null {
  return [...coupons].filter((coupon) => coupon.usable).sort(byValue)[0] ?? null
}

/** Usable first, then the most off, then the soonest to expire. */
function byValue(a: QuoteCoupon, b: QuoteCoupon): number {
  return Number(b.usable) - Number(a.usable) || b.amountOff - a.amountOff || a.expiresAt - b.expiresAt
}

export const minSpendLabel = (minSpend: number) => (minSpend > 0 ? `满 ${formatFenBrief(minSpend)} 可用` : '无门槛')

interface CouponSheetProps {
  coupons: readonly QuoteCoupon[]
  visible: boolean
  /** The coupon applied now; null when none. */
  chosenId: string | null
  /** A coupon id, or null for 不使用优惠券. */
  onChoose: (couponId: string | null) => void
  onClose: () => void
}

/** 选择优惠券: the member's coupons from the points mall, those this order does not reach greyed out. */
export function CouponSheet({ coupons, visible, chosenId, onChoose, onClose }: CouponSheetProps) {
  const sorted = [...coupons].sort(byValue)
  return (
    <Popup className='coupon-sheet' visible={visible} position='bottom' round closeable title='选择优惠券' onClose={onClose}>
      <View className='coupon-sheet__list'>
        {sorted.map((coupon) => {
          const chosen = coupon.id === chosenId
          return (
            <View
              key={coupon.id}
              className={`coupon-option${chosen ? ' coupon-option--chosen' : ''}${coupon.usable ? '' : ' coupon-option--disabled'}`}
              onClick={() => coupon.usable && onChoose(coupon.id)}
            >
              <View className='coupon-option__amount'>
                <Text className='coupon-option__value'>{formatFenBrief(coupon.amountOff)}</Text>
                <Text className='coupon-option__rule'>{minSpendLabel(coupon.minSpend)}</Text>
              </View>
              <View className='coupon-option__body'>
                <Text className='coupon-option__title'>{coupon.title}</Text>
                <Text className='coupon-option__expiry'>有效期至 {shanghaiDay(coupon.expiresAt)}</Text>
                {!coupon.usable && <Text className='coupon-option__short'>未满 {formatFenBrief(coupon.minSpend)}</Text>}
              </View>
              {coupon.usable && <View className={`coupon-sheet__check${chosen ? ' coupon-sheet__check--on' : ''}`} />}
            </View>
          )
        })}
        <View className='coupon-sheet__none' onClick={() => onChoose(null)}>
          <Text>不使用优惠券</Text>
          <View className={`coupon-sheet__check${chosenId === null ? ' coupon-sheet__check--on' : ''}`} />
        </View>
      </View>
    </Popup>
  )
}
