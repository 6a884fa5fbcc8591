import { useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import type { ProductSort } from '../../../types/api'
import { StateView } from '../../components'
import { useRemote } from '../../hooks/useRemote'
import { api } from '../../services/api'
import { useCartBadge } from '../../services/cartBadge'
import { CategoryProducts } from './CategoryProducts'
import { SortBar } from './SortBar'
import './index.scss'

export default function CategoryPage() {
  useCartBadge()
  const categories = useRemote(() => api.catalog.categories(), [])
  const [chosenId, setChosenId] = useState<string | null>(null)
  const [sort, setSort] = useState<ProductSort>('default')

  if (categories.status === 'loading') return <StateView kind='loading' />
  if (categories.status === 'error') return <StateView kind='error' message={categories.message} onRetry={categories.reload} />
  if (categories.data.length === 0) return <StateView kind='empty' title='还没有上架的分类' description='商品正在准备中，稍后再来' />

  const sorted = [...categories.data].sort((a, b) => a.sort - b.sort)
  const activeId = sorted.some((category) => category.id === chosenId) ? (chosenId as string) : sorted[0].id

  return (
    <View className='category'>
      <ScrollView className='category__nav' scrollY>
        {sorted.map((category) => (
          <View
            key={category.id}
            className={`category__nav-item${category.id === activeId ? ' category__nav-item--active' : ''}`}
            onClick={() => setChosenId(category.id)}
          >
            <Text>{category.name}</Text>
          </View>
        ))}
      </ScrollView>
      <View className='category__main'>
        <SortBar sort={sort} onChange={setSort} />
        <CategoryProducts categoryId={activeId} sort={sort} />
      </View>
    </View>
  )
}
