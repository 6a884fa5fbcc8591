import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function OrderListPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='订单功能即将上线' description='订单功能即将上线：购物车、结算与支付将在下一版本开放，届时你的订单、物流与售后都会在这里。' />
    </View>
  )
}
