import { useMemberList } from '../../../hooks/useMemberList'
import { MemberList } from '../../../components'
import { Text } from '@tarojs/components'
import { redeemApi } from '../../../services/redeem'
import { useRedeemRevision } from '../shared/revision'
import { openMall } from '../shared/routes'
import { RedemptionCard } from './RedemptionCard'
import { useCancelRedemption } from './useCancelRedemption'
import './index.scss'

export default function MyRedemptionsPage() {
  // A cancellation here, or a redemption on the item page, shows at once.
  const revision = useRedeemRevision((state) => state.revision)
  const redemptions = useMemberList((request) => redeemApi.mine(request), [revision])
  const actions = useCancelRedemption()
  return (
    <MemberList
      list={redemptions}
      signedOut={{ title: '登录后查看兑换记录', description: '在“我的”页登录后，可以查看和取消积分兑换' }}
      empty={{
        title: '还没有兑换记录',
        description: '用积分兑换好物、优惠券与会员权益',
        action: { text: '去积分商城', onClick: openMall },
      }}
      className='my-redemptions'
      head={<Text className='my-redemptions__note'>优惠券与权益兑换后立即到账；实物在发货前可以取消，积分原路退回。</Text>}
      itemsClassName='my-redemptions__items'
    >
      {(redemption) => <RedemptionCard key={redemption.id} redemption={redemption} busy={actions.busy} onCancel={actions.cancel} />}
    </MemberList>
  )
}
