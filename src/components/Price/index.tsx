import { Text, View } from '@tarojs/components'
import type { Fen, Tier } from '../../../types/domain'
import { formatFen } from '../../utils/money'
import { tierLabel } from '../../utils/tier'
import './index.scss'

interface PriceProps {
  price: Fen
  /** The member price for the viewer's tier; null when there is none (visitor, or same as list). */
  memberPrice: Fen | null
  /** The viewer's tier, named in the label ("V4 会员价") when known. */
  tier?: Tier | null
  size?: 'normal' | 'large'
}

/** A price as the server computed it: the member price first, with the list price struck through next to it. */
export function Price({ price, memberPrice, tier, size = 'normal' }: PriceProps) {
  if (memberPrice === null) {
    return (
      <View className={`price price--${size}`}>
        <Text className='price__now'>{formatFen(price)}</Text>
      </View>
    )
  }
  return (
    <View className={`price price--${size}`}>
      <Text className='price__member-label'>{tier ? `${tierLabel(tier)} 会员价` : '会员价'}</Text>
      <Text className='price__now'>{formatFen(memberPrice)}</Text>
      <Text className='price__list'>{formatFen(price)}</Text>
    </View>
  )
}
