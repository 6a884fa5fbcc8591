import { useEffect, useRef } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRemote } from '../../hooks/useRemote'
import { useSession } from '../../stores/session'
import { type CampaignChip, campaignChips } from './campaignChips'
import { firstAnswer } from './firstAnswers'
import { homeRequests } from './requests'
import './CampaignStrip.scss'

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
  const chips = campaignChips(campaigns.data, Date.now())
  if (chips.length === 0) return null

  return (
    <View className='campaign-strip'>
      {chips.map((chip) => (
        <CampaignItem key={chip.id} chip={chip} />
      ))}
    </View>
  )
}

function CampaignItem({ chip }: { chip: CampaignChip }) {
  const { link } = chip
  return (
    <View
      className={`campaign-strip__item campaign-strip__item--${chip.type}${link ? ' campaign-strip__item--link' : ''}`}
      data-campaign={chip.id}
      onClick={link ? () => Taro.navigateTo({ url: link.url }) : undefined}
    >
      <Text className='campaign-strip__badge'>{chip.badge}</Text>
      <View className='campaign-strip__main'>
        <Text className='campaign-strip__title'>{chip.title}</Text>
        <Text className='campaign-strip__when'>{chip.ends}</Text>
      </View>
      {link && <Text className='campaign-strip__go'>{link.text} ›</Text>}
    </View>
  )
}
