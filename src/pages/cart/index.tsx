import { View } from '@tarojs/components'
import { ComingSoon } from '../../components'
import './index.scss'

export default function CartPage() {
  return (
    <View className='cart'>
      <ComingSoon
        title='购物车即将上线'
        description='订单功能即将上线：购物车、结算与支付将在下一版本开放。现在可以先逛逛，看看你的会员价。'
      />
    </View>
  )
}
