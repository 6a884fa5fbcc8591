import { Text, View } from '@tarojs/components'
import { Button, Popup } from '@nutui/nutui-react-taro'
import type { RedeemItemView } from '../../../../types/api'
import { GoodsRow } from '../../../components'
import { AddressChooser } from '../../../components/AddressForm/AddressChooser'
import type { AddressDraft } from '../../../components/AddressForm/useAddressDraft'
import { PointsAmount } from '../shared/PointsAmount'

interface ConfirmSheetProps {
  item: RedeemItemView
  visible: boolean
  submitting: boolean
  address: AddressDraft
  onConfirm: () => void
  onClose: () => void
}

/** 确认兑换: the points before and after, where goods ship to, and the one button that redeems. */
export function ConfirmSheet({ item, visible, submitting, address, onConfirm, onClose }: ConfirmSheetProps) {
  const after = item.balance - item.pointsPrice
  return (
    <Popup
      className='redeem-sheet'
      visible={visible}
      position='bottom'
      round
      title='确认兑换'
      // While a redemption is on its way the sheet stays, so its answer lands where it was asked.
      closeable={!submitting}
      closeOnOverlayClick={!submitting}
      onClose={onClose}
    >
      <View className='redeem-sheet__body'>
        <GoodsRow image={item.image} title={item.title} specs={{}}>
          <PointsAmount points={item.pointsPrice} />
        </GoodsRow>

        <View className='redeem-sheet__figures'>
          <View className='redeem-sheet__figure'>
            <Text className='redeem-sheet__figure-label'>当前可用积分</Text>
            <Text className='redeem-sheet__before'>{item.balance}</Text>
          </View>
          <View className='redeem-sheet__figure'>
            <Text className='redeem-sheet__figure-label'>本次使用</Text>
            <Text className='redeem-sheet__spend'>-{item.pointsPrice}</Text>
          </View>
          <View className='redeem-sheet__figure redeem-sheet__figure--total'>
            <Text className='redeem-sheet__figure-label'>兑换后剩余</Text>
            <Text className='redeem-sheet__after'>{after}</Text>
          </View>
        </View>

        {item.kind === 'goods' && (
          <View className='redeem-sheet__address'>
            <Text className='redeem-sheet__section-title'>收货地址</Text>
            <AddressChooser draft={address} />
          </View>
        )}

        <Button className='redeem-sheet__confirm' type='primary' block loading={submitting} onClick={onConfirm}>
          确认兑换
        </Button>
      </View>
    </Popup>
  )
}
