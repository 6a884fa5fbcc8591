import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { GroupBuyDetail, TeamView } from '../../../../types/api'
import { useCountdown } from '../../../hooks/useCountdown'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { groupbuyApi } from '../../../services/groupbuy'
import { mediaUrl } from '../../../services/media'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { teamCheckoutPath, teamPath } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { formatCountdown } from '../../../utils/time'

/** Open teams listed under the product; the rest are a tap away on the teams themselves. */
const TEAMS_SHOWN = 3

interface TeamSectionProps {
  productId: string
  /** The SKU chosen on the page; a team is opened on it when the campaign sells it. */
  skuId: string | undefined
}

/**
 * The product's group-buy, when it has one: the team size and price, 发起拼团, and teams one can join
 * now. Shopping the product never depends on it, so it shows nothing while loading or on a failure.
 */
export function TeamSection({ productId, skuId }: TeamSectionProps) {
  // Whether one may open a team, and one's own teams, depend on who is asking.
  const token = useSession((session) => session.token)
  const campaign = useRemote(async () => {
    const { items } = await groupbuyApi.list({ productId })
    return items.length > 0 ? groupbuyApi.detail({ id: items[0].id }) : null
  }, [productId, token])

  if (campaign.status !== 'ready' || campaign.data === null || campaign.data.skus.length === 0) return null
  return <CampaignOffer detail={campaign.data} skuId={skuId} />
}

function CampaignOffer({ detail, skuId }: { detail: GroupBuyDetail; skuId: string | undefined }) {
  const signedIn = useSignedIn()
  const chosen = detail.skus.find((entry) => entry.skuId === skuId)
  // A chosen SKU outside the group-buy: the offer is the cheapest SKU in it, named, never passed off as the chosen one.
  const sku = chosen ?? [...detail.skus].sort((a, b) => a.teamPrice - b.teamPrice)[0]
  const specs = Object.values(sku.specs).join(' ')
  const refused = signedIn && !detail.canOpen
  const teams = detail.teams.filter((team) => team.status === 'forming').slice(0, TEAMS_SHOWN)

  const open = () => {
    if (!signedIn) return askToSignIn('登录后才能发起拼团')
    void Taro.navigateTo({ url: teamCheckoutPath({ campaignId: detail.id, skuId: sku.skuId }) })
  }

  return (
    <View className='team-section'>
      <View className='team-section__offer'>
        <View className='team-section__price-row'>
          <Text className='team-section__size'>{detail.teamSize}人团</Text>
          <Text className='team-section__price'>{formatFen(sku.teamPrice)}</Text>
          <Text className='team-section__list-price'>{formatFen(sku.price)}</Text>
        </View>
        <Button className='team-section__open' type='primary' size='small' disabled={refused} onClick={open}>
          发起拼团
        </Button>
      </View>
      {!chosen && <Text className='team-section__other-sku'>{`所选规格不参与拼团，以上为「${specs}」的拼团价，发起拼团将按此规格`}</Text>}
      <Text className='team-section__rule'>
        {detail.teamSize} 人成团 · 限时 {timeLimitLabel(detail.timeLimitMs)} · 包邮 · 未成团自动退款
      </Text>
      {refused && detail.refusal && <Text className='team-section__refusal'>{detail.refusal}</Text>}
      {teams.length > 0 && (
        <View className='team-section__teams'>
          <Text className='team-section__teams-title'>这些团正在拼，可直接参团</Text>
          {teams.map((team) => (
            <OpenTeamRow key={team.id} team={team} />
          ))}
        </View>
      )}
    </View>
  )
}

/** One team being filled: its leader, the seats still open, the time left and the way in. */
function OpenTeamRow({ team }: { team: TeamView }) {
  const left = useCountdown(team.expiresAt)
  const leader = team.seats.find((seat) => seat.leader)
  const mine = team.viewer.seat !== null
  return (
    <View className='team-row'>
      <View className='team-row__avatar'>
        {leader?.avatar ? (
          <Image className='team-row__avatar-image' src={mediaUrl(leader.avatar)} mode='aspectFill' />
        ) : (
          (leader?.nickname ?? '?').slice(0, 1)
        )}
      </View>
      <Text className='team-row__leader'>{leader?.nickname ?? '拼团'}</Text>
      <View className='team-row__progress'>
        <Text className='team-row__left'>还差{team.seatsLeft}人</Text>
        <Text className='team-row__time'>{left > 0 ? `剩余 ${formatCountdown(left)}` : '即将结束'}</Text>
      </View>
      <Button
        className='team-row__join'
        type='primary'
        size='small'
        fill={mine ? 'outline' : 'solid'}
        onClick={() => Taro.navigateTo({ url: teamPath(team.id, { campaignId: team.campaignId }) })}
      >
        {mine ? '查看' : '去参团'}
      </Button>
    </View>
  )
}

/** How long a team has to fill, in words: "24 小时", "30 分钟". */
function timeLimitLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`
}
