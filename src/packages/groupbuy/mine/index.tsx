import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page, TeamView } from '../../../../types/api'
import { GoodsRow, ListFooter, StateView } from '../../../components'
import { useCountdown } from '../../../hooks/useCountdown'
import { usePagedList } from '../../../hooks/usePagedList'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { groupbuyApi } from '../../../services/groupbuy'
import { useOrderRevision } from '../../../stores/orders'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { PAGES, teamPath } from '../../../utils/routes'
import { formatCountdown, shanghaiDateTime } from '../../../utils/time'
import { REFUND_RULE, myTeamStatus, teamSizeLabel } from '../shared/labels'
import './index.scss'

const PAGE_SIZE = 10

const nothing = (page: number): Promise<Page<TeamView>> =>
  Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false })

export default function MyTeamsPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // An order paid or cancelled on the order pages changes its team's seat; coming back shows it.
  const revision = useOrderRevision((state) => state.revision)
  const teams = usePagedList(
    (page) => (signedIn ? groupbuyApi.mine({ page, pageSize: PAGE_SIZE }) : nothing(page)),
    [signedIn, token, revision],
  )

  useReachBottom(() => {
    void teams.loadMore()
  })

  usePullDownRefresh(async () => {
    await teams.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后查看我的拼团'
        description='在“我的”页登录后，可以查看开团与参团的进度'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (teams.status === 'loading') return <StateView kind='loading' />
  if (teams.status === 'error') return <StateView kind='error' message={teams.message} onRetry={teams.reload} />
  if (teams.items.length === 0) {
    return (
      <StateView
        kind='empty'
        title='还没有参加过拼团'
        description='和好友一起拼，享拼团价'
        action={{ text: '看看拼团', onClick: () => Taro.navigateTo({ url: PAGES.groupbuy }) }}
      />
    )
  }

  return (
    <View className='my-teams'>
      <Text className='my-teams__note'>{REFUND_RULE}，款项原路退回。</Text>
      <View className='my-teams__items'>
        {teams.items.map((team) => (
          <MyTeamCard key={team.id} team={team} />
        ))}
        <ListFooter more={teams.more} hasMore={teams.hasMore} onRetry={teams.loadMore} />
      </View>
    </View>
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
