import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import type { Page } from '../../../../types/api'
import type { Redemption } from '../../../../types/domain'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { redeemApi } from '../../../services/redeem'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { useRedeemRevision } from '../shared/revision'
import { openMall } from '../shared/routes'
import { RedemptionCard } from './RedemptionCard'
import { useCancelRedemption } from './useCancelRedemption'
import './index.scss'

const PAGE_SIZE = 10

const nothing = (page: number): Promise<Page<Redemption>> =>
  Promise.resolve({ items: [], page, pageSize: PAGE_SIZE, total: 0, hasMore: false })

export default function MyRedemptionsPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // A cancellation here, or a redemption on the item page, shows at once.
  const revision = useRedeemRevision((state) => state.revision)
  const redemptions = usePagedList(
    (page) => (signedIn ? redeemApi.mine({ page, pageSize: PAGE_SIZE }) : nothing(page)),
    [signedIn, token, revision],
  )
  const actions = useCancelRedemption()

  useReachBottom(() => {
    void redemptions.loadMore()
  })

  usePullDownRefresh(async () => {
    await redemptions.reload()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后查看兑换记录'
        description='在“我的”页登录后，可以查看和取消积分兑换'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (redemptions.status === 'loading') return <StateView kind='loading' />
  if (redemptions.status === 'error') {
    return <StateView kind='error' message={redemptions.message} onRetry={redemptions.reload} />
  }
  if (redemptions.items.length === 0) {
    return (
      <StateView
        kind='empty'
        title='还没有兑换记录'
        description='用积分兑换好物、优惠券与会员权益'
        action={{ text: '去积分商城', onClick: openMall }}
      />
    )
  }

  return (
    <View className='my-redemptions'>
      <Text className='my-redemptions__note'>优惠券与权益兑换后立即到账；实物在发货前可以取消，积分原路退回。</Text>
      <View className='my-redemptions__items'>
        {redemptions.items.map((redemption) => (
          <RedemptionCard key={redemption.id} redemption={redemption} busy={actions.busy} onCancel={actions.cancel} />
        ))}
        <ListFooter more={redemptions.more} hasMore={redemptions.hasMore} onRetry={redemptions.loadMore} />
      </View>
    </View>
  )
}
