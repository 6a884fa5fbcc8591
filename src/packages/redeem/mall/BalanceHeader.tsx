import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { PointsBalance } from '../../../../types/api'
import type { Remote } from '../../../hooks/useRemote'
import { PAGES } from '../../../utils/routes'
import { REDEEM_PAGES } from '../shared/routes'

interface BalanceHeaderProps {
  /** The member's points; null data for a visitor. */
  balance: Remote<PointsBalance | null>
  onRetry: () => void
}

/** The member's spendable points on top of the mall, with the way to the points center and to past redemptions. */
export function BalanceHeader({ balance, onRetry }: BalanceHeaderProps) {
  const signedOut =
    (balance.status === 'ready' && balance.data === null) || (balance.status === 'error' && balance.code === 'UNAUTHENTICATED')
  if (signedOut) {
    return (
      <View className='mall-header mall-header--visitor'>
        <View className='mall-header__main'>
          <Text className='mall-header__label'>积分商城</Text>
          <Text className='mall-header__hint'>登录后查看积分，兑换好物、优惠券与会员权益</Text>
        </View>
        <Button className='mall-header__sign-in' size='small' onClick={() => Taro.switchTab({ url: PAGES.me })}>
          去登录
        </Button>
      </View>
    )
  }

  return (
    <View className='mall-header'>
      <View className='mall-header__main' onClick={() => Taro.navigateTo({ url: PAGES.points })}>
        <Text className='mall-header__label'>我的可用积分</Text>
        {balance.status === 'ready' && balance.data !== null ? (
          <Text className='mall-header__balance'>{balance.data.available}</Text>
        ) : balance.status === 'error' ? (
          <Text
            className='mall-header__retry'
            onClick={(event) => {
              event.stopPropagation()
              onRetry()
            }}
          >
            积分加载失败，点此重试
          </Text>
        ) : (
          <Text className='mall-header__balance mall-header__balance--loading'>--</Text>
        )}
        <Text className='mall-header__hint'>积分明细与规则 ›</Text>
      </View>
      <View className='mall-header__mine' onClick={() => Taro.navigateTo({ url: REDEEM_PAGES.mine })}>
        <Text>我的兑换 ›</Text>
      </View>
    </View>
  )
}
