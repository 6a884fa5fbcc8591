import { View } from '@tarojs/components'
import { ComingSoon } from '../../../components'
import './index.scss'

export default function MemberBenefitsPage() {
  return (
    <View className='placeholder-page'>
      <ComingSoon title='会员权益页即将上线' description='V1–V5 各等级的会员价、积分倍率、包邮门槛与生日礼将在下一版本在这里完整展示；现在你的会员价已经在商品价格上生效。' />
    </View>
  )
}
