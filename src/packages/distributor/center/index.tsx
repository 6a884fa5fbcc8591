import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function DistributorCenterPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='分销中心即将上线' description='免费申请成为分销员、分享商品卡片、查看归因订单与佣金将在下一版本开放。' />
    </View>
  )
}
