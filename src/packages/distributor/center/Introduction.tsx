import { Text, View } from '@tarojs/components'

const POINTS: { title: string; text: string }[] = [
  { title: '免费加入', text: '申请免费，无需购买任何商品或缴纳任何费用。' },
  { title: '年满 18 周岁', text: '只有年满 18 周岁的会员可以申请。' },
  {
    title: '佣金只来自你的分享带来的订单',
    text: '顾客通过你分享的商品卡片、海报或小程序码下单并付款，这笔订单的佣金只归属于你一人，不向其他任何人分配。',
  },
  { title: '注册、加入本身没有佣金', text: '佣金只按真实成交的商品计算；注册、成为分销员或分享本身都不产生佣金。' },
  {
    title: '按实付金额计算',
    text: '计佣金额为商品实付金额（扣除优惠与积分抵扣，不含运费），发生退款的部分不计佣金；单笔佣金不超过实付金额的 30%。',
  },
  { title: '收货 7 天后可提现', text: '顾客确认收货并过 7 天售后期后，佣金转为可提现；提现时按劳务报酬代扣个人所得税。' },
]

/** What distribution is, in plain words, before anyone applies: what it asks for and what commission comes from. */
export function Introduction() {
  return (
    <View className='dist-box dist-intro'>
      <Text className='dist-box-title'>关于分销</Text>
      {POINTS.map((point) => (
        <View key={point.title} className='dist-intro__point'>
          <Text className='dist-intro__title'>{point.title}</Text>
          <Text className='dist-intro__text'>{point.text}</Text>
        </View>
      ))}
    </View>
  )
}
