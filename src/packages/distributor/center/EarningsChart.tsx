import { Text, View } from '@tarojs/components'
import type { DistributorDashboard } from '../../../../types/api'
import { DayBars } from '../../../components/DayBars'
import { formatFen } from '../../../utils/money'

type Series = DistributorDashboard['series']

/**
 * Commission per day over the last 30 days (by payment day; void lines excluded), every 7th day
 * labelled counted back from today.
 */
export function EarningsChart({ series }: { series: Series }) {
  if (series.length === 0) return null
  const max = Math.max(...series.map((point) => point.amount))
  const total = series.reduce((sum, point) => sum + point.amount, 0)
  return (
    <View className='dist-box dist-chart'>
      <View className='dist-chart__head'>
        <Text className='dist-box-title dist-chart__title'>近 30 天佣金</Text>
        <Text className='dist-chart__total'>合计 {formatFen(total)}</Text>
      </View>
      <DayBars days={series} labelEvery={7} />
      {max === 0 && <Text className='dist-note dist-chart__empty'>近 30 天还没有佣金；顾客通过你的分享下单付款后会在这里显示。</Text>}
      <Text className='dist-note'>按付款日期统计，已失效的佣金不计入。</Text>
    </View>
  )
}
