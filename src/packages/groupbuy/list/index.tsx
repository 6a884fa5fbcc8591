import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function GroupBuyListPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='拼团即将上线' description='开团、参团与成团进度将在下一版本开放；未成团的订单会自动全额退款。' />
    </View>
  )
}
