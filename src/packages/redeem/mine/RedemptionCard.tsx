import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { Redemption } from '../../../../types/domain'
import { GoodsRow } from '../../../components'
import { shanghaiDateTime, shanghaiDay } from '../../../utils/time'
import { KIND_LABEL, redemptionStatusLabel } from '../shared/labels'
import { redeemItemPath } from '../shared/routes'

interface RedemptionCardProps {
  redemption: Redemption
  /** Another action is on its way: cancelling waits. */
  busy: boolean
  onCancel: (redemption: Redemption) => void
}

/** One redemption: when, what, the points it took (or gave back) and where goods ship to. */
export function RedemptionCard({ redemption, busy, onCancel }: RedemptionCardProps) {
  const open = () => Taro.navigateTo({ url: redeemItemPath(redemption.itemId) })
  const cancelled = redemption.status === 'cancelled'
  const address = redemption.address
  const validity = validityLabel(redemption)

  return (
    <View className='redemption-card'>
      <View className='redemption-card__head'>
        <Text className='redemption-card__time'>{shanghaiDateTime(redemption.createdAt)}</Text>
        <Text className={`redemption-card__status redemption-card__status--${redemption.status}`}>{redemptionStatusLabel(redemption)}</Text>
      </View>
      <GoodsRow image={redemption.image} title={redemption.title} specs={{}} muted={cancelled} onClick={open}>
        <Text className='redeem-tag redeem-tag--kind redemption-card__kind'>{KIND_LABEL[redemption.kind]}</Text>
        {validity && <Text className='redemption-card__validity'>{validity}</Text>}
        <Text className={`redemption-card__points${cancelled ? ' redemption-card__points--returned' : ''}`}>
          {cancelled ? `${redemption.pointsPrice} 积分已退回` : `-${redemption.pointsPrice} 积分`}
        </Text>
      </GoodsRow>
      {address && (
        <Text className='redemption-card__address'>寄往：{`${address.name} ${address.phone} ${address.region}${address.detail}`}</Text>
      )}
      {redemption.shipment && (
        <Text className='redemption-card__address'>{`快递：${redemption.shipment.carrier} ${redemption.shipment.trackingNo}`}</Text>
      )}
      {redemption.status === 'placed' && (
        <View className='redemption-card__actions'>
          <Button size='small' fill='outline' disabled={busy} onClick={() => onCancel(redemption)}>
            取消兑换
          </Button>
        </View>
      )}
    </View>
  )
}

/** Whether a coupon or privilege can still be used, and until when; null for goods and cancelled ones. */
function validityLabel(redemption: Redemption): string | null {
  if (redemption.status !== 'fulfilled' || redemption.expiresAt === null) return null
  if (redemption.usedByOrder) return '已在订单中使用'
  const day = shanghaiDay(redemption.expiresAt)
  return redemption.expiresAt > Date.now() ? `有效期至 ${day}` : `已于 ${day} 过期`
}
