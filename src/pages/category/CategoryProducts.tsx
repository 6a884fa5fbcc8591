import { View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { ProductSort } from '../../../types/api'
import { ListFooter, ProductCard, StateView } from '../../components'
import { usePagedList } from '../../hooks/usePagedList'
import { api } from '../../services/api'
import { useSession } from '../../stores/session'

const PAGE_SIZE = 10

/** The products of one category in the chosen order, loaded page by page as the shopper scrolls. */
export function CategoryProducts({ categoryId, sort }: { categoryId: string; sort: ProductSort }) {
  const token = useSession((session) => session.token)
  const products = usePagedList((page) => api.catalog.products({ categoryId, sort, page, pageSize: PAGE_SIZE }), [categoryId, sort, token])

  useReachBottom(() => {
    void products.loadMore()
  })

  if (products.status === 'loading') return <StateView kind='loading' />
  if (products.status === 'error') return <StateView kind='error' message={products.message} onRetry={products.reload} />
  if (products.items.length === 0) return <StateView kind='empty' title='这个分类还没有商品' description='看看别的分类吧' />
  return (
    <View className='category-products'>
      {products.items.map((product) => (
        <ProductCard key={product.id} product={product} layout='row' />
      ))}
      <ListFooter more={products.more} hasMore={products.hasMore} onRetry={products.loadMore} />
    </View>
  )
}
