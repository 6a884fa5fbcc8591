import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatFen } from '../../utils/money'
import './index.scss'

export interface DayAmount {
  /** Shanghai day, YYYY-MM-DD. */
  day: string
  /** Fen. */
  amount: number
  /** Shown beside the amount of the day in focus, e.g. "3 单". */
  note?: string
}

/** A bar's height as a share of the highest day, in percent with one decimal; all flat when every day is zero. */
export function barHeight(amount: number, max: number): number {
  return max > 0 ? Math.round((amount / max) * 1000) / 10 : 0
}

/** "2025-11-24" -> "11-24". */
const shortDay = (day: string) => day.slice(5)

/**
 * Money per day as plain bars (no chart library in the package): heights relative to the best day,
 * whose amount shows until another bar is tapped. Axis labels every `labelEvery` days, counted back
 * from the last so it always has one.
 */
export function DayBars({ days, labelEvery }: { days: readonly DayAmount[]; labelEvery: number }) {
  const [picked, setPicked] = useState<number | null>(null)
  if (days.length === 0) return null
  const max = Math.max(...days.map((d) => d.amount))
  const best = max > 0 ? days.findIndex((d) => d.amount === max) : days.length - 1
  const shown = picked ?? best
  const last = days.length - 1
  return (
    <View className='day-bars'>
      <View className='day-bars__focus'>
        <Text className='day-bars__focus-day'>
          {shortDay(days[shown].day)}
          {picked === null && max > 0 ? ' 单日最高' : ''}
        </Text>
        <Text className='day-bars__focus-amount'>{formatFen(days[shown].amount)}</Text>
        {days[shown].note && <Text className='day-bars__focus-note'>{days[shown].note}</Text>}
      </View>
      <View className='day-bars__plot'>
        {days.map((d, index) => (
          <View
            key={d.day}
            className={`day-bars__column${index === shown ? ' day-bars__column--active' : ''}`}
            data-day={d.day}
            onClick={() => setPicked(index)}
          >
            {/* A small day still shows as a sliver next to a big one. */}
            <View
              className={`day-bars__bar${d.amount > 0 ? ' day-bars__bar--some' : ''}`}
              style={{ height: `${barHeight(d.amount, max)}%` }}
            />
          </View>
        ))}
      </View>
      <View className='day-bars__axis'>
        {days.map((d, index) => (
          <Text key={d.day} className='day-bars__label'>
            {(last - index) % labelEvery === 0 ? shortDay(d.day) : ''}
          </Text>
        ))}
      </View>
    </View>
  )
}
