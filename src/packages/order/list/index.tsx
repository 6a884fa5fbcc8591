import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { OrderTab } from '../../../../types/api'
import { MemberList } from '../../../components'
import { useMemberList } from '../../../hooks/useMemberList'
import { api } from '../../../services/api'
import { useOrderRevision } from '../../../stores/orders'
import { PAGES } from '../../../utils/routes'
import { OrderCard } from './OrderCard'
import './index.scss'

const TABS: { tab: OrderTab; label: string; empty: string }[] = [
  { tab: 'all', label: '全部', empty: '还没有订单' },
  { tab: 'unpaid', label: '待付款', empty: '没有待付款的订单' },
  { tab: 'toShip', label: '待发货', empty: '没有待发货的订单' },
  { tab: 'toReceive', label: '待收货', empty: '没有待收货的订单' },
  { tab: 'done', label: '已完成', empty: '没有已完成的订单' },
  { tab: 'closed', label: '已关闭', empty: '没有已关闭的订单' },
  { tab: 'afterSale', label: '售后', empty: '没有退款或售后中的订单' },
]

const isTab = (value: string | undefined): value is OrderTab => TABS.some((entry) => entry.tab === value)

export default function OrderListPage() {
  const { params } = useRouter()
  const [tab, setTab] = useState<OrderTab>(isTab(params.tab) ? params.tab : 'all')
  // Paying, cancelling or refunding on a detail page shows here on the way back.
  const revision = useOrderRevision((state) => state.revision)
  const orders = useMemberList((request) => api.order.list({ tab, ...request }), [tab, revision])

  const current = TABS.find((entry) => entry.tab === tab) ?? TABS[0]

  return (
    <View className='order-list'>
      <View className='order-list__tabs'>
        {TABS.map((entry) => (
          <Text
            key={entry.tab}
            className={`order-list__tab${entry.tab === tab ? ' order-list__tab--active' : ''}`}
            onClick={() => setTab(entry.tab)}
          >
            {entry.label}
          </Text>
        ))}
      </View>
      <MemberList
        list={orders}
        signedOut={{ title: '登录后查看订单' }}
        empty={{
          title: current.empty,
          description: '去挑几件会员价好物吧',
          action: { text: '去逛逛', onClick: () => Taro.switchTab({ url: PAGES.home }) },
        }}
        itemsClassName='order-list__items'
      >
        {(order) => <OrderCard key={order.id} order={order} />}
      </MemberList>
    </View>
  )
}
