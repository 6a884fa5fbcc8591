import { useEffect, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CampaignView } from '../../../types/api'
import { useRemote } from '../../hooks/useRemote'
import { useSession } from '../../stores/session'
import { PAGES } from '../../utils/routes'
import { shanghaiDateTime } from '../../utils/time'
import { firstAnswer } from './firstAnswers'
import { homeRequests } from './requests'
import './CampaignStrip.scss'

/** The kinds whose effect is live in the shop; the others are not announced until they are. */
type Shown = CampaignView & { params: { type: 'points_multiplier' | 'checkin_bonus' | 'groupbuy' } }

const isShown = (campaign: CampaignView): campaign is Shown =>
  campaign.params.type === 'points_multiplier' || campaign.params.type === 'checkin_bonus' || campaign.params.type === 'groupbuy'

/** "2025-11-30 23:59" -> "11-30 23:59 结束" (Shanghai time). */
const endsAt = (campaign: CampaignView) => `${shanghaiDateTime(campaign.endAt).slice(5)} 结束`

/**
 * Campaigns in force for the member at the top of the home page. Best effort: while loading, with
 * none, or when the call fails it shows nothing, so shopping never waits on it. `refreshKey` changes
 * on pull-down refresh (the chips stay while the new answer comes); signing in or out loads anew,
 * since audiences depend on the tier.
 */
export function CampaignStrip({ refreshKey }: { refreshKey: number }) {
  const token = useSession((session) => session.token)
  const campaigns = useRemote(() => firstAnswer('campaigns', homeRequests.campaigns), [token])
  const refreshed = useRef(refreshKey)

  useEffect(() => {
    if (refreshed.current === refreshKey) return
    refreshed.current = refreshKey
    void campaigns.refresh()
  }, [refreshKey])

  if (campaigns.status !== 'ready') return null
  const now = Date.now()
  const shown = campaigns.data.filter(isShown).filter((campaign) => campaign.endAt > now)
  if (shown.length === 0) return null

  return (
    <View className='campaign-strip'>
      {shown.map((campaign) => (
        <CampaignItem key={campaign.id} campaign={campaign} />
      ))}
    </View>
  )
}

function CampaignItem({ campaign }: { campaign: Shown }) {
  const { params } = campaign
  const badge =
    params.type === 'points_multiplier'
      ? `积分 ×${params.multiplier}`
      : params.type === 'checkin_bonus'
        ? `签到 +${params.bonusPoints}`
        : '拼团'
  const link =
    params.type === 'checkin_bonus'
      ? { url: PAGES.checkIn, text: '去签到' }
      : params.type === 'groupbuy'
        ? { url: PAGES.groupbuy, text: '去拼团' }
        : null

  return (
    <View
      className={`campaign-strip__item campaign-strip__item--${params.type}${link ? ' campaign-strip__item--link' : ''}`}
      data-campaign={campaign.id}
      onClick={link ? () => Taro.navigateTo({ url: link.url }) : undefined}
    >
      <Text className='campaign-strip__badge'>{badge}</Text>
      <View className='campaign-strip__main'>
        <Text className='campaign-strip__title'>{campaign.title}</Text>
        <Text className='campaign-strip__when'>{endsAt(campaign)}</Text>
      </View>
      {link && <Text className='campaign-strip__go'>{link.text} ›</Text>}
    </View>
  )
}
