import { Image, Text, View } from '@tarojs/components'
import type { RedeemItemView } from '../../../../types/api'
import { mediaUrl } from '../../../services/media'
import { shanghaiDateTime } from '../../../utils/time'
import { PointsAmount } from '../shared/PointsAmount'
import { KIND_LABEL, allowanceLabel, benefitTerms, limitsLabel, stockAmount, stockLabel, tierGateLabel } from '../shared/labels'

const GOODS_NOTE = '实物商品由商家安排发货；发货前可在“我的兑换”中取消，积分原路退回'

/** What the item is, what it costs and the terms it is redeemed under, as the server states them. */
export function ItemSections({ item }: { item: RedeemItemView }) {
  const tierGate = tierGateLabel(item)
  const limits = limitsLabel(item)
  const allowance = allowanceLabel(item)
  const terms = benefitTerms(item)
  const rows: { label: string; value: string; note?: string | null }[] = [
    { label: item.kind === 'coupon' ? '优惠内容' : item.kind === 'privilege' ? '权益内容' : '配送', value: terms ?? GOODS_NOTE },
    { label: '兑换时间', value: `${shanghaiDateTime(item.startAt)} 至 ${shanghaiDateTime(item.endAt)}` },
    { label: '兑换等级', value: tierGate ?? '所有会员' },
    { label: '兑换限制', value: limits ?? '不限次数', note: allowance },
    { label: '库存', value: stockAmount(item) },
  ]

  return (
    <>
      <Image className='redeem-detail__image' src={mediaUrl(item.image)} mode='aspectFill' />

      <View className='redeem-box redeem-detail__summary'>
        <View className='redeem-detail__price-row'>
          <PointsAmount className='redeem-detail__price' points={item.pointsPrice} />
          <Text className={`redeem-detail__stock redeem-detail__stock--${item.stockState}`}>{stockLabel(item)}</Text>
        </View>
        <Text className='redeem-detail__title'>{item.title}</Text>
        {item.subtitle && <Text className='redeem-detail__subtitle'>{item.subtitle}</Text>}
        <View className='redeem-tags'>
          <Text className='redeem-tag redeem-tag--kind'>{KIND_LABEL[item.kind]}</Text>
          {tierGate && <Text className='redeem-tag redeem-tag--tier'>{tierGate}</Text>}
          {limits && <Text className='redeem-tag'>{limits}</Text>}
        </View>
      </View>

      <View className='redeem-box'>
        <Text className='redeem-box-title'>兑换须知</Text>
        <View className='redeem-terms'>
          {rows.map((row) => (
            <View key={row.label} className='redeem-terms__row'>
              <Text className='redeem-terms__label'>{row.label}</Text>
              <View className='redeem-terms__value'>
                <Text>{row.value}</Text>
                {row.note && <Text className='redeem-terms__note'>{row.note}</Text>}
              </View>
            </View>
          ))}
        </View>
        <Text className='redeem-terms__footnote'>兑换成功即扣除积分；积分不可转让、不可提现。</Text>
      </View>
    </>
  )
}
