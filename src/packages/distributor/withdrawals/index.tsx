import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page, WithdrawalView } from '../../../../types/api'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { distributionApi } from '../../../services/distribution'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { useDistributionRevision } from '../shared/revision'
import { WithdrawalCard } from './WithdrawalCard'
import './index.scss'

const PAGE_SIZE = 10

const nothing = (page: number): Promise<Page<WithdrawalView>> =>
  Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false })

export default function WithdrawalsPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const revision = useDistributionRevision((state) => state.revision)
  const withdrawals = usePagedList(
    (page) => (signedIn ? distributionApi.withdrawals({ page, pageSize: PAGE_SIZE }) : nothing(page)),
    [signedIn, token, revision],
  )

  useReachBottom(() => {
    void withdrawals.loadMore()
  })

  usePullDownRefresh(async () => {
    await withdrawals.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) {
    return (
      <StateView kind='empty' title='登录后查看提现记录' action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }} />
    )
  }
  if (withdrawals.status === 'loading') return <StateView kind='loading' />
  if (withdrawals.status === 'error') return <StateView kind='error' message={withdrawals.message} onRetry={withdrawals.reload} />
  if (withdrawals.items.length === 0) {
    return <StateView kind='empty' title='还没有提现记录' description='可提现的佣金满最低金额后，可在分销中心申请提现' />
  }

  return (
    <View className='withdrawals'>
      {withdrawals.items.map((withdrawal) => (
        <WithdrawalCard key={withdrawal.id} withdrawal={withdrawal} onConfirmed={() => void withdrawals.reload()} />
      ))}
      <ListFooter more={withdrawals.more} hasMore={withdrawals.hasMore} onRetry={withdrawals.loadMore} />
    </View>
  )
}
