import { Text, View } from '@tarojs/components'
import { withPrivacyGuide } from '../../../services/privacy.gate'
import Taro from '@tarojs/taro'
import type { OrderDetailView } from '../../../../types/api'
import { GoodsRow } from '../../../components'
import { formatFen } from '../../../utils/money'
import { productPath } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'
import { AmountList, type AmountRow } from '../shared/AmountList'
import { LINE_STATUS_LABEL } from '../shared/status'
import { AfterSaleCases } from './AfterSaleCases'

/** Everything under the status header: address, goods, amounts, refunds, order facts and history. */
export function OrderSections({ order }: { order: OrderDetailView }) {
  const paid = order.paidAt !== null
  const rows: AmountRow[] = [
    { label: '商品金额', value: formatFen(order.goodsAmount) },
    ...(order.memberDiscount > 0 ? [{ label: '会员优惠', value: `-${formatFen(order.memberDiscount)}`, tone: 'highlight' as const }] : []),
    ...(order.couponDiscount > 0 ? [{ label: '优惠券', value: `-${formatFen(order.couponDiscount)}`, tone: 'highlight' as const }] : []),
    ...(order.pointsDeduction > 0
      ? [{ label: '积分抵扣', hint: `${order.pointsUsed} 积分`, value: `-${formatFen(order.pointsDeduction)}`, tone: 'highlight' as const }]
      : []),
    { label: '运费', value: order.shipping > 0 ? formatFen(order.shipping) : '免运费' },
  ]
  const facts: { label: string; value: string }[] = [
    { label: '订单编号', value: order.orderNo },
    { label: '下单时间', value: shanghaiDateTime(order.createdAt) },
    ...(order.paidAt !== null ? [{ label: '支付时间', value: shanghaiDateTime(order.paidAt) }] : []),
    ...(order.shipment ? [{ label: '物流', value: `${order.shipment.carrier} ${order.shipment.trackingNo}` }] : []),
    ...(order.remark ? [{ label: '备注', value: order.remark }] : []),
  ]
  // Newest first, as a parcel's tracking reads.
  const history = [...order.timeline].reverse()

  return (
    <>
      <View className='order-card-box order-detail__address'>
        <View className='order-detail__recipient'>
          <Text className='order-detail__name'>{order.address.name}</Text>
          <Text className='order-detail__phone'>{order.address.phone}</Text>
        </View>
        <Text className='order-detail__where'>
          {order.address.region} {order.address.detail}
        </Text>
      </View>

      <View className='order-card-box order-detail__goods'>
        {order.lines.map((line) => (
          <GoodsRow
            key={line.id}
            image={line.image}
            title={line.title}
            specs={line.specs}
            onClick={() => Taro.navigateTo({ url: productPath(line.productId) })}
          >
            <View className='order-detail__line-row'>
              <Text className='order-detail__unit'>
                {formatFen(line.memberUnitPrice)} ×{line.quantity}
              </Text>
              {LINE_STATUS_LABEL[line.status] && (
                <Text className={`line-status line-status--${line.status}`}>{LINE_STATUS_LABEL[line.status]}</Text>
              )}
            </View>
            <View className='order-detail__line-row'>
              <Text className='order-detail__line-paid'>
                {paid ? '实付' : '应付'} {formatFen(line.paidAmount)}
              </Text>
              {line.refundedAmount > 0 && <Text className='order-detail__line-refunded'>已退 {formatFen(line.refundedAmount)}</Text>}
            </View>
          </GoodsRow>
        ))}
      </View>

      <View className='order-card-box'>
        <AmountList rows={rows} total={{ label: paid ? '实付款' : '应付款', value: formatFen(order.payable) }} />
        {order.refundedAmount > 0 && <Text className='order-detail__refunded-total'>已退款 {formatFen(order.refundedAmount)}</Text>}
      </View>

      {order.refunds.length > 0 && <AfterSaleCases refunds={order.refunds} />}

      <View className='order-card-box order-detail__facts'>
        {facts.map((fact) => (
          <View key={fact.label} className='order-detail__fact'>
            <Text className='order-detail__fact-label'>{fact.label}</Text>
            <Text className='order-detail__fact-value'>{fact.value}</Text>
            {fact.label === '订单编号' && (
              <Text className='order-detail__copy' onClick={() => withPrivacyGuide(() => Taro.setClipboardData({ data: order.orderNo }))}>
                复制
              </Text>
            )}
          </View>
        ))}
      </View>

      <View className='order-card-box'>
        <Text className='order-card-title'>订单进度</Text>
        <View className='order-detail__timeline'>
          {history.map((entry, index) => (
            <View key={`${entry.at}-${index}`} className={`order-detail__event${index === 0 ? ' order-detail__event--latest' : ''}`}>
              <View className='order-detail__dot' />
              <View className='order-detail__event-body'>
                <Text className='order-detail__event-label'>{entry.label}</Text>
                <Text className='order-detail__event-time'>{shanghaiDateTime(entry.at)}</Text>
              </View>
            </View>
          ))}
        </View>
      </View>
    </>
  )
}
