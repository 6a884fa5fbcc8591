import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useRemote } from '../../../hooks/useRemote'
import { pointsApi } from '../../../services/points'
import { PAGES } from '../../../utils/routes'

/** The way into daily check-in, with today's standing when it is known. */
export function CheckInEntry() {
  const status = useRemote(() => pointsApi.checkInStatus(), [])
  const open = () => Taro.navigateTo({ url: PAGES.checkIn })

  let hint = '每天签到领积分，连续签到奖励更多'
  if (status.status === 'ready') {
    const { checkedInToday, streak, todayPoints } = status.data
    hint = checkedInToday
      ? `今日已签到，已连续 ${streak} 天`
      : `今日签到可得 +${todayPoints} 积分${streak > 0 ? `，已连续 ${streak} 天` : ''}`
  }
  const done = status.status === 'ready' && status.data.checkedInToday

  return (
    <View className='points-box points-checkin-entry' onClick={open}>
      <View className='points-checkin-entry__text'>
        <Text className='points-checkin-entry__title'>每日签到</Text>
        <Text className='points-checkin-entry__hint'>{hint}</Text>
      </View>
      <Button type='primary' size='small' fill={done ? 'outline' : 'solid'}>
        {done ? '查看' : '去签到'}
      </Button>
    </View>
  )
}
