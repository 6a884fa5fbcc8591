import { useState } from 'react'
import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Switch } from '@nutui/nutui-react-taro'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { RedeemItemKind } from '../../../../types/domain'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { pointsApi } from '../../../services/points'
import { redeemApi } from '../../../services/redeem'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { useRedeemRevision } from '../shared/revision'
import { BalanceHeader } from './BalanceHeader'
import { RedeemCard } from './RedeemCard'
import './index.scss'

type KindFilter = RedeemItemKind | 'all'

const TABS: { kind: KindFilter; label: string; empty: string }[] = [
  { kind: 'all', label: '全部', empty: '积分商城暂时没有上架的商品' },
  { kind: 'goods', label: '实物', empty: '暂时没有可兑换的实物' },
  { kind: 'coupon', label: '优惠券', empty: '暂时没有可兑换的优惠券' },
  { kind: 'privilege', label: '权益', empty: '暂时没有可兑换的会员权益' },
]

export default function RedeemMallPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  // A redemption or a cancellation on the next pages shows here on the way back.
  const revision = useRedeemRevision((state) => state.revision)
  const [kind, setKind] = useState<KindFilter>('all')
  const [affordable, setAffordable] = useState(false)
  const onlyAffordable = signedIn && affordable

  const balance = useRemote(() => (signedIn ? pointsApi.balance() : Promise.resolve(null)), [signedIn, token, revision])
  const items = useRemote(
    () => redeemApi.items({ ...(kind !== 'all' ? { kind } : {}), ...(onlyAffordable ? { affordable: true } : {}) }),
    [kind, onlyAffordable, token, revision],
  )

  usePullDownRefresh(async () => {
    await Promise.all([balance.refresh(), items.refresh()])
    Taro.stopPullDownRefresh()
  })

  const current = TABS.find((entry) => entry.kind === kind) ?? TABS[0]

  let content: ReactNode
  if (items.status === 'loading') {
    content = <StateView kind='loading' />
  } else if (items.status === 'error' && items.code === 'UNAUTHENTICATED') {
    content = (
      <StateView
        kind='empty'
        title='登录后逛积分商城'
        description='在“我的”页登录后，用积分兑换好物'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  } else if (items.status === 'error') {
    content = <StateView kind='error' message={items.message} onRetry={items.reload} />
  } else if (items.data.length === 0) {
    content = onlyAffordable ? (
      <StateView
        kind='empty'
        title='暂时没有你能兑换的'
        description='签到、购物都能攒积分，也可以先看看全部商品'
        action={{ text: '查看全部商品', onClick: () => setAffordable(false) }}
      />
    ) : (
      <StateView kind='empty' title={current.empty} description='新的兑换好物上架后会出现在这里' />
    )
  } else {
    content = (
      <View className='redeem-mall__grid'>
        {items.data.map((item) => (
          <RedeemCard key={item.id} item={item} signedIn={signedIn} />
        ))}
      </View>
    )
  }

  return (
    <View className='redeem-mall'>
      <BalanceHeader balance={balance} onRetry={balance.reload} />
      <View className='redeem-mall__filters'>
        <View className='redeem-mall__tabs'>
          {TABS.map((entry) => (
            <Text
              key={entry.kind}
              className={`redeem-mall__tab${entry.kind === kind ? ' redeem-mall__tab--active' : ''}`}
              onClick={() => setKind(entry.kind)}
            >
              {entry.label}
            </Text>
          ))}
        </View>
        {signedIn && (
          <View className='redeem-mall__affordable'>
            <Text className='redeem-mall__affordable-label'>我能兑换</Text>
            <Switch checked={affordable} onChange={setAffordable} />
          </View>
        )}
      </View>
      {content}
    </View>
  )
}
