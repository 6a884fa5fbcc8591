import { useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { CheckInStatus } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { describeError } from '../../../services/errors'
import { pointsApi } from '../../../services/points'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { RulesCard } from '../shared/RulesCard'
import { usePointsRevision } from '../shared/pointsRevision'
import { BonusTable } from './BonusTable'
import { WeekStrip } from './WeekStrip'
import './index.scss'

export default function CheckInPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const status = useRemote(() => (signedIn ? pointsApi.checkInStatus() : Promise.resolve(null)), [signedIn, token])

  let content: ReactNode
  if (!signedIn || (status.status === 'error' && status.code === 'UNAUTHENTICATED')) {
    content = (
      <StateView
        kind='empty'
        title='登录后每日签到'
        description='在“我的”页登录后，每天签到领积分'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  } else if (status.status === 'error') {
    content = <StateView kind='error' message={status.message} onRetry={status.reload} />
  } else if (status.status === 'loading' || status.data === null) {
    content = <StateView kind='loading' />
  } else {
    content = <CheckInBoard initial={status.data} />
  }

  return (
    <View className='checkin'>
      {content}
      <RulesCard defaultOpen />
    </View>
  )
}

function CheckInBoard({ initial }: { initial: CheckInStatus }) {
  const [status, setStatus] = useState(initial)
  const [pending, setPending] = useState(false)
  // Taps arrive faster than re-renders; this closes the door on the second one at once.
  const inFlight = useRef(false)
  const pointsChanged = usePointsRevision((state) => state.changed)

  async function checkIn() {
    if (inFlight.current || status.checkedInToday) return
    inFlight.current = true
    setPending(true)
    try {
      const { credited, ...next } = await pointsApi.checkIn()
      setStatus(next)
      pointsChanged()
      // Nothing is credited when today's check-in was already made (a double tap, another device).
      void Taro.showToast(credited > 0 ? { title: `+${credited} 积分`, icon: 'success' } : { title: '今日已签到', icon: 'none' })
    } catch (error) {
      void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
    } finally {
      inFlight.current = false
      setPending(false)
    }
  }

  return (
    <>
      <View className='checkin__hero'>
        <Text className='checkin__streak'>
          已连续签到 <Text className='checkin__streak-days'>{status.streak}</Text> 天
        </Text>
        <Text className='checkin__today'>
          {status.checkedInToday ? `今日已获得 +${status.todayPoints} 积分` : `今日签到可得 +${status.todayPoints} 积分`}
        </Text>
        {status.todayBreakdown.bonus && (
          <Text className='checkin__breakdown'>
            {`连续签到奖励 +${status.todayBreakdown.streak}，${status.todayBreakdown.bonus.title} +${status.todayBreakdown.bonus.points}`}
          </Text>
        )}
        <WeekStrip status={status} />
        <Button
          className='checkin__button'
          type='primary'
          size='xlarge'
          block
          loading={pending}
          disabled={pending || status.checkedInToday}
          onClick={checkIn}
        >
          {status.checkedInToday ? '今日已签到' : '签到'}
        </Button>
      </View>

      <View className='checkin__box'>
        <Text className='checkin__box-title'>连续签到奖励</Text>
        <BonusTable status={status} />
        <Text className='checkin__box-note'>每天（北京时间）可签到一次，中断后从第 1 天重新计算；积分已按你的会员等级倍率计算。</Text>
      </View>
    </>
  )
}
