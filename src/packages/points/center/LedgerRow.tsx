import { Text, View } from '@tarojs/components'
import type { PointsBalance } from '../../../../types/api'
import type { LedgerEntry } from '../../../../types/domain'
import { shanghaiDateTime } from '../../../utils/time'
import { LEDGER_KIND_LABEL, POINTS_SOURCE_LABEL, signedPoints } from '../shared/labels'

/** One movement of available points: what it was, when, and the signed change. */
export function LedgerRow({ entry }: { entry: Omit<LedgerEntry, 'memberId'> }) {
  const direction = entry.delta >= 0 ? 'plus' : 'minus'
  return (
    <View className='points-ledger-row'>
      <Text className={`points-ledger-row__kind points-ledger-row__kind--${entry.kind}`}>{LEDGER_KIND_LABEL[entry.kind]}</Text>
      <View className='points-ledger-row__main'>
        <Text className='points-ledger-row__note'>{entry.note || POINTS_SOURCE_LABEL[entry.source]}</Text>
        <Text className='points-ledger-row__time'>{shanghaiDateTime(entry.at)}</Text>
      </View>
      <Text className={`points-ledger-row__delta points-ledger-row__delta--${direction}`}>{signedPoints(entry.delta)}</Text>
    </View>
  )
}

/** Points earned by a purchase that arrive when its order completes: shown in 明细 above what has arrived. */
export function PendingRow({ item }: { item: PointsBalance['pendingItems'][number] }) {
  return (
    <View className='points-ledger-row points-ledger-row--pending'>
      <Text className='points-ledger-row__kind points-ledger-row__kind--pending'>待到账</Text>
      <View className='points-ledger-row__main'>
        <Text className='points-ledger-row__note'>{POINTS_SOURCE_LABEL[item.source]}，订单售后期结束后到账</Text>
        <Text className='points-ledger-row__time'>{shanghaiDateTime(item.grantedAt)}</Text>
      </View>
      <Text className='points-ledger-row__delta points-ledger-row__delta--pending'>{signedPoints(item.amount)}</Text>
    </View>
  )
}
