import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { memberApi } from '../../../services/points'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { BenefitsTable } from './BenefitsTable'
import { BirthdayCard } from './BirthdayCard'
import { TierCard } from './TierCard'
import { TierHistory } from './TierHistory'
import { GROWTH_RULES } from './tier'
import './index.scss'

export default function MemberCenterPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const tier = useRemote(() => (signedIn ? memberApi.tier() : Promise.resolve(null)), [signedIn, token])

  usePullDownRefresh(async () => {
    await tier.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn || (tier.status === 'error' && tier.code === 'UNAUTHENTICATED')) {
    return (
      <StateView
        kind='empty'
        title='登录后查看会员等级'
        description='在“我的”页登录后，可以查看等级、成长值与权益'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (tier.status === 'error') return <StateView kind='error' message={tier.message} onRetry={tier.reload} />
  if (tier.status === 'loading' || tier.data === null) return <StateView kind='loading' />

  return (
    <View className='member-center'>
      <TierCard view={tier.data} />
      <BirthdayCard view={tier.data} />

      <View className='section-title'>等级权益</View>
      <View className='member-box'>
        <BenefitsTable tiers={tier.data.tiers} current={tier.data.tier} />
        <Text className='member-box__note'>
          会员价在商品页按你的等级自动生效；积分倍率用于购物和签到积分；活动抢先指可提前进入限时活动的时长。
        </Text>
      </View>

      <View className='section-title'>如何获得成长值</View>
      <View className='member-box growth-rules'>
        {GROWTH_RULES.map((rule) => (
          <Text key={rule} className='growth-rules__line'>
            {rule}
          </Text>
        ))}
      </View>

      <View className='section-title'>等级记录</View>
      <TierHistory />
    </View>
  )
}
