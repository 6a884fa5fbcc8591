import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { RedeemItemView } from '../../../../types/api'
import { mediaUrl } from '../../../services/media'
import { PointsAmount } from '../shared/PointsAmount'
import { KIND_LABEL, limitsLabel, stockLabel, tierGateLabel } from '../shared/labels'
import { redeemItemPath } from '../shared/routes'

interface RedeemCardProps {
  item: RedeemItemView
  /** Visitors see every item as it is; the header already asks them to sign in. */
  signedIn: boolean
}

/** One mall item in the grid; an item the member cannot redeem now is greyed and says why. */
export function RedeemCard({ item, signedIn }: RedeemCardProps) {
  const refused = signedIn && !item.canRedeem
  const tierGate = tierGateLabel(item)
  const limits = limitsLabel(item)
  const open = () => Taro.navigateTo({ url: redeemItemPath(item.id) })

  return (
    <View className={`redeem-card${refused ? ' redeem-card--refused' : ''}`} onClick={open}>
      <View className='redeem-card__cover-box'>
        <Image className='redeem-card__cover' src={mediaUrl(item.image)} mode='aspectFill' lazyLoad />
        {item.stockState === 'soldOut' && <Text className='redeem-card__sold-out'>已兑完</Text>}
      </View>
      <View className='redeem-card__body'>
        <Text className='redeem-card__title'>{item.title}</Text>
        {/* The kind goes with the terms, not over the picture: artwork may carry its own marks in any corner. */}
        <View className='redeem-tags'>
          <Text className='redeem-tag redeem-tag--kind'>{KIND_LABEL[item.kind]}</Text>
          {tierGate && <Text className='redeem-tag redeem-tag--tier'>{tierGate}</Text>}
          {limits && <Text className='redeem-tag'>{limits}</Text>}
        </View>
        <View className='redeem-card__footer'>
          <PointsAmount points={item.pointsPrice} />
          <Text className={`redeem-card__stock redeem-card__stock--${item.stockState}`}>{stockLabel(item)}</Text>
        </View>
        {refused && item.refusal && <Text className='redeem-card__refusal'>{item.refusal}</Text>}
      </View>
    </View>
  )
}
