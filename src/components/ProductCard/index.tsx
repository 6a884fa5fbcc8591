import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProductCard as ProductSummary } from '../../../types/api'
import { mediaUrl } from '../../services/media'
import { useSession } from '../../stores/session'
import { productPath } from '../../utils/routes'
import { stockLabel } from '../../utils/stock'
import { Price } from '../Price'
import './index.scss'

interface ProductCardProps {
  product: ProductSummary
  /** The post this card is shown in, so the product page can credit the post for the visit. */
  postId?: string
  layout?: 'grid' | 'row'
}

export function ProductCard({ product, postId, layout = 'grid' }: ProductCardProps) {
  const tier = useSession((session) => session.member?.tier ?? null)
  const open = () => Taro.navigateTo({ url: productPath(product.id, { postId }) })
  const soldOut = product.stockState === 'soldOut'

  return (
    <View className={`product-card product-card--${layout}${soldOut ? ' product-card--sold-out' : ''}`} onClick={open}>
      <View className='product-card__cover-box'>
        <Image className='product-card__cover' src={mediaUrl(product.cover)} mode='aspectFill' lazyLoad />
        {product.stockState !== 'inStock' && <Text className='product-card__stock'>{stockLabel(product.stockState)}</Text>}
      </View>
      <View className='product-card__body'>
        <Text className='product-card__title'>{product.title}</Text>
        {layout === 'row' && product.subtitle && <Text className='product-card__subtitle'>{product.subtitle}</Text>}
        {product.tags.length > 0 && (
          <View className='product-card__tags'>
            {product.tags.slice(0, 2).map((tag) => (
              <Text key={tag} className='product-card__tag'>
                {tag}
              </Text>
            ))}
          </View>
        )}
        <View className='product-card__footer'>
          <Price price={product.price} memberPrice={product.memberPrice} tier={tier} />
          <Text className='product-card__sales'>已售 {product.sales}</Text>
        </View>
      </View>
    </View>
  )
}
