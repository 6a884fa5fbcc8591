import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { OrderView } from '../../../../types/api'
import { GoodsRow } from '../../../components'
import { formatFen } from '../../../utils/money'
import { orderDetailPath } from '../../../utils/routes'
import { shanghaiDateTime } from '../../../utils/time'
import { OrderActions } from '../shared/OrderActions'
import { LINE_STATUS_LABEL, ORDER_STATUS_LABEL, unitCount } from '../shared/status'

/** Lines shown on a card; the rest are counted. */
const SHOWN_LINES = 2

export function OrderCard({ order }: { order: OrderView }) {
  const open = () => Taro.navigateTo({ url: orderDetailPath(order.id) })
  const hidden = order.lines.length - SHOWN_LINES
  const refunding = order.lines.some((line) => line.status === 'refunding')

  return (
    <View className='order-card'>
      <View className='order-card__head' onClick={open}>
        <Text className='order-card__time'>{shanghaiDateTime(order.createdAt)}</Text>
        <Text className={`order-card__status order-card__status--${order.status}`}>
          {refunding ? `${ORDER_STATUS_LABEL[order.status]} · 退款中` : ORDER_STATUS_LABEL[order.status]}
        </Text>
      </View>
      <View className='order-card__lines' onClick={open}>
        {order.lines.slice(0, SHOWN_LINES).map((line) => (
          <GoodsRow key={line.id} image={line.image} title={line.title} specs={line.specs}>
            <View className='order-card__line-footer'>
              <Text className='order-card__unit'>
                {formatFen(line.memberUnitPrice)} ×{line.quantity}
              </Text>
              {LINE_STATUS_LABEL[line.status] && (
                <Text className={`line-status line-status--${line.status}`}>{LINE_STATUS_LABEL[line.status]}</Text>
              )}
            </View>
          </GoodsRow>
        ))}
        {hidden > 0 && <Text className='order-card__more'>还有 {hidden} 种商品</Text>}
      </View>
      <View className='order-card__sum' onClick={open}>
        <Text>共 {unitCount(order)} 件</Text>
        <Text>{order.status === 'created' || order.status === 'cancelled' ? '应付' : '实付'}</Text>
        <Text className='order-card__payable'>{formatFen(order.payable)}</Text>
        {order.refundedAmount > 0 && <Text className='order-card__refunded'>已退 {formatFen(order.refundedAmount)}</Text>}
      </View>
      <OrderActions order={order} />
    </View>
  )
}
