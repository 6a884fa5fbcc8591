import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '../../../../types/api'
import type { LedgerEntry } from '../../../../types/domain'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { pointsApi } from '../../../services/points'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { RulesCard } from '../shared/RulesCard'
import { usePointsRevision } from '../shared/pointsRevision'
import { BalanceCard } from './BalanceCard'
import { CheckInEntry } from './CheckInEntry'
import { LedgerRow, PendingRow } from './LedgerRow'
import { LotsSection } from './LotsSection'
import './index.scss'

const PAGE_SIZE = 20

const nothing = (page: number): Promise<Page<Omit<LedgerEntry, 'memberId'>>> =>
  Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false })

export default function PointsCenterPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // A check-in made on the next page shows here on the way back.
  const revision = usePointsRevision((state) => state.revision)
  const balance = useRemote(() => (signedIn ? pointsApi.balance() : Promise.resolve(null)), [signedIn, token, revision])
  const ledger = usePagedList(
    (page) => (signedIn ? pointsApi.ledger({ page, pageSize: PAGE_SIZE }) : nothing(page)),
    [signedIn, token, revision],
  )

  useReachBottom(() => {
    void ledger.loadMore()
  })

  usePullDownRefresh(async () => {
    await Promise.all([balance.reload(), ledger.reload()])
    Taro.stopPullDownRefresh()
  })

  if (!signedIn || (balance.status === 'error' && balance.code === 'UNAUTHENTICATED')) {
    return (
      <View className='points-center'>
        <StateView
          kind='empty'
          title='登录后查看积分'
          description='在“我的”页登录后，可以查看积分、每日签到'
          action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
        />
        <RulesCard defaultOpen />
      </View>
    )
  }
  if (balance.status === 'loading') return <StateView kind='loading' />
  if (balance.status === 'error') return <StateView kind='error' message={balance.message} onRetry={balance.reload} />
  if (balance.data === null) return <StateView kind='loading' />

  const { available, pending, debt } = balance.data
  return (
    <View className='points-center'>
      <BalanceCard balance={balance.data} />
      <CheckInEntry />
      {/* Members who have not earned anything yet read the rules first. */}
      <RulesCard defaultOpen={available + pending + debt === 0} />
      <LotsSection />

      <View className='section-title'>积分明细</View>
      {ledger.status === 'loading' ? (
        <StateView kind='loading' />
      ) : ledger.status === 'error' ? (
        <StateView kind='error' message={ledger.message} onRetry={ledger.reload} />
      ) : ledger.items.length === 0 && balance.data.pendingItems.length === 0 ? (
        <StateView kind='empty' title='还没有积分记录' description='签到一次就能获得第一笔积分' />
      ) : (
        <View className='points-box points-ledger'>
          {balance.data.pendingItems.map((item) => (
            <PendingRow key={item.id} item={item} />
          ))}
          {ledger.items.map((entry) => (
            <LedgerRow key={entry.id} entry={entry} />
          ))}
          <ListFooter more={ledger.more} hasMore={ledger.hasMore} onRetry={ledger.loadMore} />
        </View>
      )}
    </View>
  )
}
