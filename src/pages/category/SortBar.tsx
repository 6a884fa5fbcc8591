import { Text, View } from '@tarojs/components'
import type { ProductSort } from '../../../types/api'

const PLAIN_SORTS: { sort: ProductSort; label: string }[] = [
  { sort: 'default', label: '综合' },
  { sort: 'sales', label: '销量' },
  { sort: 'newest', label: '新品' },
]

interface SortBarProps {
  sort: ProductSort
  onChange: (sort: ProductSort) => void
}

/** 综合 / 销量 / 新品 / 价格; tapping 价格 again flips between low-to-high and high-to-low. */
export function SortBar({ sort, onChange }: SortBarProps) {
  const byPrice = sort === 'priceAsc' || sort === 'priceDesc'
  return (
    <View className='sort-bar'>
      {PLAIN_SORTS.map((option) => (
        <Text
          key={option.sort}
          className={`sort-bar__item${sort === option.sort ? ' sort-bar__item--active' : ''}`}
          onClick={() => onChange(option.sort)}
        >
          {option.label}
        </Text>
      ))}
      <Text
        className={`sort-bar__item${byPrice ? ' sort-bar__item--active' : ''}`}
        onClick={() => onChange(sort === 'priceAsc' ? 'priceDesc' : 'priceAsc')}
      >
        价格{sort === 'priceAsc' ? ' ↑' : sort === 'priceDesc' ? ' ↓' : ''}
      </Text>
    </View>
  )
}
