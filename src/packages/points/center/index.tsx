import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function PointsCenterPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='积分与签到即将上线' description='积分明细、每日签到与积分规则（获得、使用与过期）将在下一版本开放；在你获得积分之前，规则会先在这里说明清楚。' />
    </View>
  )
}
