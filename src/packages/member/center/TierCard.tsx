import { Text, View } from '@tarojs/components'
import { Progress } from '@nutui/nutui-react-taro'
import type { TierView } from '../../../../types/api'
import { TierBadge } from '../../../components'
import { tierLabel } from '../../../utils/tier'
import { shanghaiDay } from '../../../utils/time'

/** The member's tier, rolling growth, the way to the next tier and how long the tier is kept. */
export function TierCard({ view }: { view: TierView }) {
  const { tier, growth, next, keepUntil } = view
  const percent = next ? Math.min(100, Math.floor((growth / next.growth) * 100)) : 100
  return (
    <View className='tier-card'>
      <View className='tier-card__head'>
        <TierBadge tier={tier} />
        <Text className='tier-card__title'>{tierLabel(tier)} 会员</Text>
      </View>
      <View className='tier-card__growth'>
        <Text className='tier-card__growth-value'>{growth}</Text>
        <Text className='tier-card__growth-label'>近 12 个月成长值</Text>
      </View>
      <Progress className='tier-card__progress' percent={percent} strokeWidth='12' color='#f3d9a4' background='rgba(255, 255, 255, 0.2)' />
      <View className='tier-card__next'>
        <Text>
          {next
            ? next.remaining > 0
              ? `再获得 ${next.remaining} 成长值升级 ${tierLabel(next.tier)}`
              : `即将升级 ${tierLabel(next.tier)}`
            : '已是最高等级'}
        </Text>
        {next && (
          <Text className='tier-card__target'>
            {growth} / {next.growth}
          </Text>
        )}
      </View>
      <Text className='tier-card__keep'>等级有效期至 {shanghaiDay(keepUntil)}，届时按近 12 个月成长值重新评定</Text>
    </View>
  )
}
