import { ParcelForm } from '../../../components'
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { Redemption } from '../../../../types/domain'
import { usePagedList } from '../../../hooks/usePagedList'
import { redeemStaffApi } from '../../../services/redeem'
import { shanghaiDateTime } from '../../../utils/time'
import { PagedRows } from './parts'

/** 兑换 (service): goods redeemed with points, oldest first, each shipped with a carrier and number. */
export function MallGoodsTab() {
  const list = usePagedList((page) => redeemStaffApi.toShip({ page, pageSize: 10 }), [])
  const [shipped, setShipped] = useState<Record<string, Redemption>>({})
  useReachBottom(() => {
    void list.loadMore()
  })
  return (
    <PagedRows list={list} empty={{ title: '没有待发货的兑换', description: '会员用积分兑换的实物会在这里等待发货' }}>
      {(r) => (
        <MallGoodsCard
          key={r.id}
          redemption={shipped[r.id] ?? r}
          onShipped={(view) => setShipped((all) => ({ ...all, [view.id]: view }))}
        />
      )}
    </PagedRows>
  )
}

function MallGoodsCard({ redemption, onShipped }: { redemption: Redemption; onShipped: (r: Redemption) => void }) {
  const { address } = redemption
  return (
    <View className='ops-order' data-redemption={redemption.id}>
      <View className='ops-order__head'>
        <Text className='ops-order__no'>{redemption.title}</Text>
        <Text>{`${shanghaiDateTime(redemption.createdAt)} 兑换`}</Text>
      </View>
      {address && <Text className='ops-order__address'>{`${address.name} ${address.phone} ${address.region} ${address.detail}`}</Text>}
      {redemption.status === 'fulfilled' ? (
        <Text className='ops-order__shipment'>{`已发货：${redemption.shipment?.carrier ?? ''} ${redemption.shipment?.trackingNo ?? ''}`}</Text>
      ) : (
        <ParcelForm send={async (parcel) => onShipped(await redeemStaffApi.fulfil({ redemptionId: redemption.id, ...parcel }))} />
      )}
    </View>
  )
}
