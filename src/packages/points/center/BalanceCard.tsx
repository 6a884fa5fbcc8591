import { Text, View } from '@tarojs/components'
import type { PointsBalance } from '../../../../types/api'
import { shanghaiDay } from '../../../utils/time'

/** Available points up front; what is on its way, what expires soon and any debt spelled out. */
export function BalanceCard({ balance }: { balance: PointsBalance }) {
  const { available, pending, debt, expiringSoon } = balance
  return (
    <View className='points-balance'>
      <Text className='points-balance__label'>可用积分</Text>
      <Text className='points-balance__available'>{available}</Text>
      <View className='points-balance__figures'>
        <View className='points-balance__figure'>
          <Text className='points-balance__value'>{pending}</Text>
          <Text className='points-balance__name'>待到账</Text>
        </View>
        <View className='points-balance__figure'>
          <Text className='points-balance__value'>{expiringSoon.points}</Text>
          <Text className='points-balance__name'>30 天内过期</Text>
        </View>
      </View>
      {pending > 0 && <Text className='points-balance__note'>待到账积分来自已支付的订单，订单售后期结束后到账。</Text>}
      {expiringSoon.points > 0 && expiringSoon.firstAt !== null && (
        <Text className='points-balance__note points-balance__note--warn'>
          {expiringSoon.points} 积分将在 30 天内过期，最早一笔 {shanghaiDay(expiringSoon.firstAt)} 到期，请尽快使用。
        </Text>
      )}
      {debt > 0 && (
        <View className='points-balance__debt'>
          <Text className='points-balance__debt-title'>积分欠账 {debt}</Text>
          <Text className='points-balance__debt-text'>
            退款时需要扣回的积分超过了当时的可用积分，差额记为欠账；之后获得的积分会先抵扣欠账，不会变成负数。
          </Text>
        </View>
      )}
    </View>
  )
}
