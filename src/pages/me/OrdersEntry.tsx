import { Text, View } from '@tarojs/components'
import { Refund, ToPay, ToReceive, Transit } from '@nutui/icons-react-taro'
import Taro from '@tarojs/taro'
import type { OrderTab } from '../../../types/api'
import { orderListPath } from '../../utils/routes'

const SHORTCUTS: { label: string; tab: OrderTab; Icon: typeof ToPay }[] = [
  { label: '待付款', tab: 'unpaid', Icon: ToPay },
  { label: '待发货', tab: 'toShip', Icon: Transit },
  { label: '待收货', tab: 'toReceive', Icon: ToReceive },
  // Fully refunded orders end up closed; there is no list of open after-sale cases yet.
  { label: '售后', tab: 'afterSale', Icon: Refund },
]

const open = (tab: OrderTab) => Taro.navigateTo({ url: orderListPath(tab) })

/** 我的订单 with a shortcut into each stage of the order list. */
export function OrdersEntry() {
  return (
    <View className='orders-entry'>
      <View className='orders-entry__head' onClick={() => open('all')}>
        <Text className='orders-entry__title'>我的订单</Text>
        <Text className='orders-entry__all'>全部订单 ›</Text>
      </View>
      <View className='orders-entry__tabs'>
        {SHORTCUTS.map(({ label, tab, Icon }) => (
          <View key={tab} className='orders-entry__tab' onClick={() => open(tab)}>
            <Icon size={26} color='#333333' />
            <Text className='orders-entry__label'>{label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
