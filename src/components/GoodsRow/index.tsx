import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { mediaUrl } from '../../services/media'
import { specsLabel } from '../../utils/sku'
import './index.scss'

interface GoodsRowProps {
  image: string
  title: string
  specs: Record<string, string>
  /** A word on the picture, e.g. 已下架 or 已售罄. */
  badge?: string
  /** Greyed out: the goods cannot be bought (anymore). */
  muted?: boolean
  onClick?: () => void
  /** What goes under the title: prices, quantity, line status. */
  children?: ReactNode
}

/** One kind of goods as a row (cart, checkout, orders): picture, title, chosen specs, then the caller's details. */
export function GoodsRow({ image, title, specs, badge, muted = false, onClick, children }: GoodsRowProps) {
  const specsText = specsLabel(specs)
  return (
    <View className={`goods-row${muted ? ' goods-row--muted' : ''}`} onClick={onClick}>
      <View className='goods-row__image-box'>
        <Image className='goods-row__image' src={mediaUrl(image)} mode='aspectFill' lazyLoad />
        {badge && <Text className='goods-row__badge'>{badge}</Text>}
      </View>
      <View className='goods-row__body'>
        <Text className='goods-row__title'>{title}</Text>
        {specsText && <Text className='goods-row__specs'>{specsText}</Text>}
        {children}
      </View>
    </View>
  )
}
