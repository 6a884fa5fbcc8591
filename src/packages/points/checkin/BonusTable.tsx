import { Text, View } from '@tarojs/components'
import type { CheckInStatus } from '../../../../types/api'

/** Points for each day of a streak (already at the member's tier multiplier); the day now due is marked. */
export function BonusTable({ status }: { status: CheckInStatus }) {
  const { bonusTable, checkedInToday, streak } = status
  // The streak day today's check-in counts as (or counted as).
  const todayDay = checkedInToday ? streak : streak + 1
  const current = Math.min(Math.max(todayDay, 1), bonusTable.length) - 1
  return (
    <View className='checkin-bonus'>
      {bonusTable.map((points, index) => {
        const last = index === bonusTable.length - 1
        return (
          <View key={index} className={`checkin-bonus__cell${index === current ? ' checkin-bonus__cell--current' : ''}`}>
            <Text className='checkin-bonus__points'>+{points}</Text>
            <Text className='checkin-bonus__day'>{last ? `第${index + 1}天起` : `第${index + 1}天`}</Text>
          </View>
        )
      })}
    </View>
  )
}
