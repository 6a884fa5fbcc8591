import { Text, View } from '@tarojs/components'
import type { TeamView } from '../../../../types/api'
import { useCountdown } from '../../../hooks/useCountdown'
import { formatCountdown, shanghaiDateTime } from '../../../utils/time'
import { REFUND_RULE, TEAM_STATUS_LABEL } from '../shared/labels'

/** Where the team stands: filling (with the time left), waiting for its leader to pay, or its outcome. */
export function StatusBanner({ team }: { team: TeamView }) {
  const left = useCountdown(team.status === 'forming' ? team.expiresAt : null)
  return (
    <View className={`team-banner team-banner--${team.status}`}>
      <Text className='team-banner__title'>{TEAM_STATUS_LABEL[team.status]}</Text>
      <Text className='team-banner__text'>{bannerText(team, left)}</Text>
      {team.status === 'forming' && left > 0 && (
        <View className='team-banner__countdown'>
          <Text>剩余 </Text>
          <Text className='team-banner__time'>{formatCountdown(left)}</Text>
        </View>
      )}
      <Text className='team-banner__rule'>{REFUND_RULE}，款项原路退回</Text>
    </View>
  )
}

function bannerText(team: TeamView, left: number): string {
  switch (team.status) {
    case 'opening':
      return '团长支付后开始拼团，好友即可参团'
    case 'forming':
      // The server settles the outcome when time runs out; the page reloads until it says which.
      return left > 0 || team.expiresAt === null ? `还差 ${team.seatsLeft} 人成团` : '拼团时间已到，正在确认结果…'
    case 'succeeded':
      return team.succeededAt !== null ? `${shanghaiDateTime(team.succeededAt)} 成团，商家将尽快发货` : '人已满，商家将尽快发货'
    case 'failed':
      return '未在时限内成团，已付款项原路退回'
    case 'cancelled':
      return '团长未在支付时限内付款，这个团已取消'
  }
}
