import { useMemberList } from '../../../hooks/useMemberList'
import { GoodsRow, MemberList } from '../../../components'
import type { TeamView } from '../../../../types/api'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useCountdown } from '../../../hooks/useCountdown'
import { groupbuyApi } from '../../../services/groupbuy'
import { useOrderRevision } from '../../../stores/orders'
import { formatFen } from '../../../utils/money'
import { PAGES, teamPath } from '../../../utils/routes'
import { formatCountdown, shanghaiDateTime } from '../../../utils/time'
import { REFUND_RULE, myTeamStatus, teamSizeLabel } from '../shared/labels'
import './index.scss'

export default function MyTeamsPage() {
  // An order paid or cancelled on the order pages changes its team's seat; coming back shows it.
  const revision = useOrderRevision((state) => state.revision)
  const teams = useMemberList((request) => groupbuyApi.mine(request), [revision])
  return (
    <MemberList
      list={teams}
      signedOut={{ title: '登录后查看我的拼团', description: '在“我的”页登录后，可以查看开团与参团的进度' }}
      empty={{
        title: '还没有参加过拼团',
        description: '和好友一起拼，享拼团价',
        action: { text: '看看拼团', onClick: () => Taro.navigateTo({ url: PAGES.groupbuy }) },
      }}
      className='my-teams'
      head={<Text className='my-teams__note'>{REFUND_RULE}，款项原路退回。</Text>}
      itemsClassName='my-teams__items'
    >
      {(team) => <MyTeamCard key={team.id} team={team} />}
    </MemberList>
  )
}

/** One of the member's teams: its state, the goods at the team price and how far the team got. */
function MyTeamCard({ team }: { team: TeamView }) {
  const status = myTeamStatus(team)
  return (
    <View className='my-team' onClick={() => Taro.navigateTo({ url: teamPath(team.id, { campaignId: team.campaignId }) })}>
      <View className='my-team__head'>
        <Text className='my-team__time'>{shanghaiDateTime(team.openedAt)} 开团</Text>
        <Text className={`gb-status gb-status--${status.tone}`}>{status.label}</Text>
      </View>
      <GoodsRow image={team.cover} title={team.productTitle} specs={{}} muted={team.status === 'failed' || team.status === 'cancelled'}>
        <View className='my-team__price-row'>
          <Text className='gb-size'>{teamSizeLabel(team.size)}</Text>
          <Text className='gb-price my-team__price'>{formatFen(team.teamPrice)}</Text>
        </View>
        <Progress team={team} />
      </GoodsRow>
    </View>
  )
}

/** How far the team got: seats still open and the time left, or how it ended. */
function Progress({ team }: { team: TeamView }) {
  const left = useCountdown(team.status === 'forming' ? team.expiresAt : null)
  let text: string
  if (team.status === 'forming')
    text = left > 0 ? `还差 ${team.seatsLeft} 人 · 剩余 ${formatCountdown(left)}` : '拼团时间已到，正在确认结果'
  else if (team.status === 'opening') text = '团长支付后开始拼团'
  else if (team.status === 'succeeded') text = `${team.size} 人已成团`
  else if (team.status === 'failed') text = '未成团，款项已原路退回'
  else text = '团长未付款，已取消'
  return <Text className={`my-team__progress my-team__progress--${team.status}`}>{text}</Text>
}
