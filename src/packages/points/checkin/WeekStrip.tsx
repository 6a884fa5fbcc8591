import { Text, View } from '@tarojs/components'
import type { CheckInStatus } from '../../../../types/api'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** "2025-11-24" -> "周一"; the day is already a Shanghai calendar day, so no time zone is involved. */
const weekdayOf = (day: string) => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()]

/** The last seven days ending today, the checked ones marked. */
export function WeekStrip({ status }: { status: CheckInStatus }) {
  return (
    <View className='checkin-week'>
      {status.week.map(({ day, checked }) => {
        const isToday = day === status.today
        const modifiers = [checked && 'checked', isToday && 'today', isToday && !checked && 'due'].filter(Boolean)
        return (
          <View key={day} className={['checkin-week__day', ...modifiers.map((m) => `checkin-week__day--${m}`)].join(' ')}>
            <View className='checkin-week__mark'>{checked ? '✓' : isToday ? `+${status.todayPoints}` : ''}</View>
            <Text className='checkin-week__label'>{isToday ? '今天' : weekdayOf(day)}</Text>
            <Text className='checkin-week__date'>{day.slice(5)}</Text>
          </View>
        )
      })}
    </View>
  )
}
