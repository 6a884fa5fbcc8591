import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { DistributorDashboard } from '../../../../types/api'
import { formatFen } from '../../../utils/money'

type Series = DistributorDashboard['series']

/** Every 7th day is labelled, counted back from today so today always has its label. */
const LABEL_EVERY = 7

/** A bar's height as a share of the highest day, in percent with one decimal; all bars are flat when nothing was earned. */
export function barHeight(amount: number, max: number): number {
  return max > 0 ? Math.round((amount / max) * 1000) / 10 : 0
}

/** "2025-11-24" -> "11-24". */
const shortDay = (day: string) => day.slice(5)

/**
 * Commission per day over the last 30 days as plain bars (no chart library in the package):
 * heights relative to the best day, whose amount shows until another bar is tapped.
 */
export function EarningsChart({ series }: { series: Series }) {
  const [picked, setPicked] = useState<number | null>(null)
  if (series.length === 0) return null

  const max = Math.max(...series.map((point) => point.amount))
  const total = series.reduce((sum, point) => sum + point.amount, 0)
  const best = max > 0 ? series.findIndex((point) => point.amount === max) : series.length - 1
  const shown = picked ?? best
  const last = series.length - 1

  return (
    <View className='dist-box dist-chart'>
      <View className='dist-chart__head'>
        <Text className='dist-box-title dist-chart__title'>近 30 天佣金</Text>
        <Text className='dist-chart__total'>合计 {formatFen(total)}</Text>
      </View>
      <View className='dist-chart__focus'>
        <Text className='dist-chart__focus-day'>
          {shortDay(series[shown].day)}
          {picked === null && max > 0 ? ' 单日最高' : ''}
        </Text>
        <Text className='dist-chart__focus-amount'>{formatFen(series[shown].amount)}</Text>
      </View>
      <View className='dist-chart__plot'>
        {series.map((point, index) => (
          <View
            key={point.day}
            className={`dist-chart__column${index === shown ? ' dist-chart__column--active' : ''}`}
            onClick={() => setPicked(index)}
          >
            <View
              className={`dist-chart__bar${point.amount > 0 ? ' dist-chart__bar--earned' : ''}`}
              style={{ height: `${barHeight(point.amount, max)}%` }}
            />
          </View>
        ))}
      </View>
      <View className='dist-chart__axis'>
        {series.map((point, index) => (
          <Text key={point.day} className='dist-chart__label'>
            {(last - index) % LABEL_EVERY === 0 ? shortDay(point.day) : ''}
          </Text>
        ))}
      </View>
      {max === 0 && <Text className='dist-note dist-chart__empty'>近 30 天还没有佣金；顾客通过你的分享下单付款后会在这里显示。</Text>}
      <Text className='dist-note'>按付款日期统计，已失效的佣金不计入。</Text>
    </View>
  )
}
