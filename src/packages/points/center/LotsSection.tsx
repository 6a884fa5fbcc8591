import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Collapse } from '@nutui/nutui-react-taro'
import type { PointsLot } from '../../../../types/domain'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { pointsApi } from '../../../services/points'
import { shanghaiDay } from '../../../utils/time'
import { EXPAND_ARROW } from '../shared/ExpandArrow'
import { POINTS_SOURCE_LABEL } from '../shared/labels'

type LotView = Omit<PointsLot, 'memberId'>

const LOT_STATUS_TAG: Record<LotView['status'], string | null> = {
  pending: '待到账',
  available: null,
  void: '已作废',
}

/** Every grant as its own lot with what is left of it and when it expires; loaded when first opened. */
export function LotsSection() {
  const [open, setOpen] = useState(false)
  return (
    <Collapse
      className='points-box points-collapse points-lots'
      activeName={open ? ['lots'] : []}
      expandIcon={EXPAND_ARROW}
      rotate={90}
      onChange={(_, __, isOpen) => setOpen(isOpen)}
    >
      <Collapse.Item name='lots' title='积分批次' extra={<Text className='points-lots__extra'>每笔积分的剩余与有效期</Text>}>
        {open && <LotList />}
      </Collapse.Item>
    </Collapse>
  )
}

function LotList() {
  const lots = useRemote(() => pointsApi.lots(), [])
  if (lots.status === 'loading') return <StateView kind='loading' />
  if (lots.status === 'error') return <StateView kind='error' message={lots.message} onRetry={lots.reload} />
  if (lots.data.length === 0) {
    return <StateView kind='empty' title='还没有积分批次' description='签到或购物获得的每笔积分都会在这里列出有效期' />
  }
  return (
    <View className='points-lots__list'>
      {lots.data.map((lot) => (
        <LotRow key={lot.id} lot={lot} />
      ))}
    </View>
  )
}

function LotRow({ lot }: { lot: LotView }) {
  const tag = LOT_STATUS_TAG[lot.status]
  const spent = lot.status !== 'pending' && lot.remaining === 0
  return (
    <View className={`points-lot${spent || lot.status === 'void' ? ' points-lot--spent' : ''}`}>
      <View className='points-lot__main'>
        <View className='points-lot__head'>
          <Text className='points-lot__source'>{POINTS_SOURCE_LABEL[lot.source]}</Text>
          {tag && <Text className={`points-lot__tag points-lot__tag--${lot.status}`}>{tag}</Text>}
        </View>
        <Text className='points-lot__dates'>
          {shanghaiDay(lot.grantedAt)} 获得 · 有效期至 {shanghaiDay(lot.expiresAt)}
        </Text>
      </View>
      <View className='points-lot__amount'>
        <Text className='points-lot__remaining'>{lot.remaining}</Text>
        <Text className='points-lot__total'>/ {lot.amount}</Text>
      </View>
    </View>
  )
}
