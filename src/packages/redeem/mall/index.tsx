import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function RedeemMallPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='积分商城即将上线' description='用积分兑换好物、优惠券与会员特权的积分商城将在下一版本开放。' />
    </View>
  )
}
