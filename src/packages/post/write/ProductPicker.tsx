import { useEffect, useState } from 'react'
import { Image, ScrollView, Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import type { ProductCard } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { api } from '../../../services/api'
import { mediaUrl } from '../../../services/media'
import { formatFen } from '../../../utils/money'
import { POST_LIMITS } from './draft'

/** The best sellers a post can link to, searched by title on the device. */
const CATALOG_SIZE = 50

interface ProductPickerProps {
  visible: boolean
  chosen: readonly ProductCard[]
  onToggle: (product: ProductCard) => void
  onClose: () => void
}

/** 关联商品: a searchable list of products on sale; tapping one links or unlinks it. */
export function ProductPicker({ visible, chosen, onToggle, onClose }: ProductPickerProps) {
  const [query, setQuery] = useState('')
  // The list is fetched the first time the sheet opens, then kept.
  const [wanted, setWanted] = useState(false)
  useEffect(() => {
    if (visible) setWanted(true)
  }, [visible])
  const catalog = useRemote(
    () => (wanted ? api.catalog.products({ sort: 'sales', pageSize: CATALOG_SIZE }) : Promise.resolve(null)),
    [wanted],
  )

  const words = query.trim().toLowerCase()
  const products = catalog.status === 'ready' && catalog.data ? catalog.data.items.filter((p) => p.title.toLowerCase().includes(words)) : []

  return (
    <Popup className='product-picker' visible={visible} position='bottom' round closeable title='关联商品' onClose={onClose}>
      <View className='product-picker__search'>
        <TextField value={query} placeholder='搜索商品名称' onChange={setQuery} />
      </View>
      <ScrollView className='product-picker__list' scrollY>
        {catalog.status === 'loading' && <StateView kind='loading' />}
        {catalog.status === 'error' && <StateView kind='error' message={catalog.message} onRetry={catalog.reload} />}
        {catalog.status === 'ready' && catalog.data && products.length === 0 && (
          <StateView
            kind='empty'
            title={words ? '没有找到相关商品' : '暂时没有在售商品'}
            description={words ? '换个关键词试试' : undefined}
          />
        )}
        {products.map((product) => {
          const picked = chosen.some((p) => p.id === product.id)
          return (
            <View
              key={product.id}
              className={`product-picker__item${picked ? ' product-picker__item--picked' : ''}`}
              onClick={() => onToggle(product)}
            >
              <Image className='product-picker__image' src={mediaUrl(product.cover)} mode='aspectFill' lazyLoad />
              <View className='product-picker__body'>
                <Text className='product-picker__title'>{product.title}</Text>
                <Text className='product-picker__price'>{formatFen(product.price)}</Text>
              </View>
              <View className={`product-picker__check${picked ? ' product-picker__check--on' : ''}`} />
            </View>
          )
        })}
      </ScrollView>
      <View className='product-picker__footer'>
        <Button type='primary' block onClick={onClose}>
          完成（{chosen.length}/{POST_LIMITS.products}）
        </Button>
      </View>
    </Popup>
  )
}
