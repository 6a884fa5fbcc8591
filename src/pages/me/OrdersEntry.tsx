import { Text, View } from '@tarojs/components'
import { Refund, ToPay, ToReceive, Transit } from '@nutui/icons-react-taro'
import Taro from '@tarojs/taro'
import type { OrderCounts, OrderTab } from '../../../types/api'
import { badgeText } from '../../utils/badge'
import { orderListPath } from '../../utils/routes'

type Stage = keyof OrderCounts & OrderTab

const SHORTCUTS: { label: string; tab: Stage; Icon: typeof ToPay }[] = [
  { label: '待付款', tab: 'unpaid', Icon: ToPay },
  { label: '待发货', tab: 'toShip', Icon: Transit },
  { label: '待收货', tab: 'toReceive', Icon: ToReceive },
  // The badge counts open cases; the tab also lists orders whose refund has ended.
  { label: '售后', tab: 'afterSale', Icon: Refund },
]

const open = (tab: OrderTab) => Taro.navigateTo({ url: orderListPath(tab) })

/** 我的订单 with a shortcut into each stage of the order list, badged with what waits there (once known). */
export function OrdersEntry({ counts }: { counts: OrderCounts | null }) {
  return (
    <View className='orders-entry'>
      <View className='orders-entry__head' onClick={() => open('all')}>
        <Text className='orders-entry__title'>我的订单</Text>
        <Text className='orders-entry__all'>全部订单 ›</Text>
      </View>
      <View className='orders-entry__tabs'>
        {SHORTCUTS.map(({ label, tab, Icon }) => {
          const count = counts?.[tab] ?? 0
          return (
            <View
              key={tab}
              className='orders-entry__tab'
              role='button'
              aria-label={count > 0 ? `${label}，${count} 个` : label}
              onClick={() => open(tab)}
            >
              <View className='orders-entry__icon'>
                <Icon size={26} color='#333333' />
                {count > 0 && (
                  <Text className='orders-entry__badge' aria-hidden>
                    {badgeText(count)}
                  </Text>
                )}
              </View>
              <Text className='orders-entry__label'>{label}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
