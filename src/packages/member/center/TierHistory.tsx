import { Text, View } from '@tarojs/components'
import type { TierChange } from '../../../../types/domain'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { memberApi } from '../../../services/points'
import { tierLabel } from '../../../utils/tier'
import { shanghaiDay } from '../../../utils/time'

type Change = Omit<TierChange, 'memberId'>

const changeTitle = (change: Change) =>
  change.reason === 'upgrade' ? `升级至 ${tierLabel(change.to)}` : `等级到期，重新评定为 ${tierLabel(change.to)}`

/** Every change of tier, newest first, with the growth it was decided on. */
export function TierHistory() {
  const history = useRemote(() => memberApi.tierHistory(), [])
  if (history.status === 'loading') return <StateView kind='loading' />
  if (history.status === 'error') return <StateView kind='error' message={history.message} onRetry={history.reload} />
  if (history.data.length === 0) return <StateView kind='empty' title='还没有等级变动' description='升级和到期重新评定都会记在这里' />
  return (
    <View className='member-box tier-history'>
      {[...history.data].reverse().map((change) => (
        <View key={change.id} className='tier-history__row'>
          <View className='tier-history__main'>
            <Text className='tier-history__title'>{changeTitle(change)}</Text>
            <Text className='tier-history__detail'>
              {tierLabel(change.from)} → {tierLabel(change.to)} · 当时成长值 {change.growth}
            </Text>
          </View>
          <Text className='tier-history__date'>{shanghaiDay(change.at)}</Text>
        </View>
      ))}
    </View>
  )
}
