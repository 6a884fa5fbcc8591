import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { AttributedOrderView } from '../../../../types/api'
import { GoodsRow, ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { distributionApi } from '../../../services/distribution'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { COMMISSION_STATUS_LABEL } from '../shared/labels'

const PAGE_SIZE = 10

/** 推广订单: orders attributed to the distributor; the buyer is a masked tag, never a name or phone. */
export function OrdersTab({ revision }: { revision: number }) {
  const orders = usePagedList((page) => distributionApi.orders({ page, pageSize: PAGE_SIZE }), [revision])

  useReachBottom(() => {
    void orders.loadMore()
  })

  if (orders.status === 'loading') return <StateView kind='loading' />
  if (orders.status === 'error') return <StateView kind='error' message={orders.message} onRetry={orders.reload} />
  if (orders.items.length === 0) {
    return <StateView kind='empty' title='还没有推广订单' description='顾客通过你分享的商品下单付款后，订单会显示在这里' />
  }
  return (
    <View className='dist-list'>
      {orders.items.map((order) => (
        <AttributedOrderCard key={order.orderId} order={order} />
      ))}
      <ListFooter more={orders.more} hasMore={orders.hasMore} onRetry={orders.loadMore} />
    </View>
  )
}

function AttributedOrderCard({ order }: { order: AttributedOrderView }) {
  return (
    <View className='dist-order'>
      <View className='dist-order__head'>
        <Text className='dist-order__buyer'>{order.buyer}</Text>
        <Text className='dist-order__time'>{shanghaiDateTime(order.paidAt)} 付款</Text>
      </View>
      {order.lines.map((line, index) => (
        <GoodsRow key={`${line.title}-${index}`} image={line.image} title={line.title} specs={{}} muted={line.status === 'void'}>
          <View className='dist-order__line'>
            <Text className='dist-order__quantity'>×{line.quantity}</Text>
            <Text className={`dist-status dist-status--${line.status}`}>{COMMISSION_STATUS_LABEL[line.status]}</Text>
          </View>
          <View className='dist-order__line'>
            <Text className='dist-order__base'>计佣金额 {formatFen(line.base)}</Text>
            <Text className='dist-order__commission'>佣金 {formatFen(line.commission)}</Text>
          </View>
        </GoodsRow>
      ))}
      <View className='dist-order__total'>
        <Text>本单佣金</Text>
        <Text className='dist-order__total-amount'>{formatFen(order.commission)}</Text>
      </View>
    </View>
  )
}
