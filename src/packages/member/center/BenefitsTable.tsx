import { Text, View } from '@tarojs/components'
import type { TierView } from '../../../../types/api'
import type { Tier } from '../../../../types/domain'
import { TierBadge } from '../../../components'
import { discountLabel, freeShippingLabel, multiplierLabel } from './tier'

type TierBenefits = TierView['tiers'][number]

const ROWS: { label: string; value: (benefits: TierBenefits) => string }[] = [
  { label: '成长值', value: (b) => `${b.growth}` },
  { label: '会员价', value: (b) => discountLabel(b.memberPricePct) },
  { label: '积分倍率', value: (b) => multiplierLabel(b.pointsMultiplier) },
  { label: '包邮', value: (b) => freeShippingLabel(b.freeShippingOver) },
  { label: '生日礼', value: (b) => (b.birthdayGiftPoints > 0 ? `${b.birthdayGiftPoints}积分` : '—') },
  { label: '活动抢先', value: (b) => (b.earlyAccessHours > 0 ? `${b.earlyAccessHours}小时` : '—') },
]

/** Every tier side by side (one column each): what it needs and what it gives; the member's own column marked. */
export function BenefitsTable({ tiers, current }: { tiers: TierView['tiers']; current: Tier }) {
  const cellClass = (tier: Tier) => `benefits-table__cell${tier === current ? ' benefits-table__cell--current' : ''}`
  return (
    <View className='benefits-table'>
      <View className='benefits-table__row benefits-table__row--head'>
        <Text className='benefits-table__label'>等级</Text>
        {tiers.map((benefits) => (
          <View key={benefits.tier} className={cellClass(benefits.tier)}>
            <TierBadge tier={benefits.tier} />
          </View>
        ))}
      </View>
      {ROWS.map((row) => (
        <View key={row.label} className='benefits-table__row'>
          <Text className='benefits-table__label'>{row.label}</Text>
          {tiers.map((benefits) => (
            <Text key={benefits.tier} className={cellClass(benefits.tier)}>
              {row.value(benefits)}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}
