import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Swiper } from '@nutui/nutui-react-taro'
import type { ProductDetail } from '../../../../types/api'
import { Price } from '../../../components'
import { mediaUrl } from '../../../services/media'
import { chooseSpec, findSku, initialSelection } from '../../../utils/sku'
import { stockLabel } from '../../../utils/stock'
import { SkuPicker } from './SkuPicker'

/** Everything the product page shows once the product has loaded; the chosen SKU drives price and stock. */
export function ProductDetailView({ product }: { product: ProductDetail }) {
  const [selection, setSelection] = useState(() => initialSelection(product))
  const sku = findSku(product, selection)
  const images = product.images.length > 0 ? product.images : [product.cover]

  return (
    <View className='product-detail'>
      {/* Square gallery: as tall as the screen is wide. */}
      <Swiper className='product-detail__gallery' height='100vw' defaultValue={0} indicator={images.length > 1} loop={false}>
        {images.map((image) => (
          <Swiper.Item key={image}>
            <Image className='product-detail__image' src={mediaUrl(image)} mode='aspectFill' />
          </Swiper.Item>
        ))}
      </Swiper>

      <View className='product-detail__summary'>
        <Price
          price={sku ? sku.price : product.price}
          memberPrice={sku ? sku.memberPrice : product.memberPrice}
          tier={product.viewerTier}
          size='large'
        />
        <Text className='product-detail__title'>{product.title}</Text>
        {product.subtitle && <Text className='product-detail__subtitle'>{product.subtitle}</Text>}
        <View className='product-detail__facts'>
          <Text className={`product-detail__stock product-detail__stock--${sku?.stockState ?? product.stockState}`}>
            {sku ? stockLabel(sku.stockState, sku.stock) : stockLabel(product.stockState)}
          </Text>
          <Text className='product-detail__sales'>已售 {product.sales}</Text>
        </View>
        {product.tags.length > 0 && (
          <View className='product-detail__tags'>
            {product.tags.map((tag) => (
              <Text key={tag} className='product-detail__tag'>
                {tag}
              </Text>
            ))}
          </View>
        )}
      </View>

      {product.specOptions.length > 0 && (
        <View className='product-detail__card'>
          <Text className='product-detail__card-title'>选择规格</Text>
          <SkuPicker
            product={product}
            selection={selection}
            onChoose={(name, value) => setSelection((current) => chooseSpec(product, current, name, value))}
          />
        </View>
      )}

      <View className='product-detail__card'>
        <Text className='product-detail__card-title'>商品详情</Text>
        {product.detail
          .split('\n')
          .filter((paragraph) => paragraph.trim() !== '')
          .map((paragraph, index) => (
            <Text key={index} className='product-detail__paragraph'>
              {paragraph}
            </Text>
          ))}
      </View>
    </View>
  )
}
