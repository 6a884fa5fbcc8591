import { Text, View } from '@tarojs/components'
import type { ShopReport } from '../../../../types/api'
import { DayBars } from '../../../components/DayBars'

/** Axis labels: at most this many, spread evenly and always including the last day. */
const MAX_LABELS = 7

/** GMV per Shanghai day; the best day is shown until another bar is tapped. */
export function DailyGmvChart({ daily }: { daily: ShopReport['daily'] }) {
  if (daily.length === 0) return null
  const max = Math.max(...daily.map((day) => day.gmv))
  return (
    <View className='ops-box ops-daily'>
      <Text className='ops-box__title'>每日 GMV</Text>
      <DayBars
        days={daily.map((day) => ({ day: day.day, amount: day.gmv, note: `${day.orders} 单` }))}
        labelEvery={Math.max(1, Math.ceil(daily.length / MAX_LABELS))}
      />
      {max === 0 && <Text className='ops-note'>这段时间还没有成交。</Text>}
    </View>
  )
}
