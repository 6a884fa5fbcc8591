import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { useRouter } from '@tarojs/taro'
import type { RedeemItemView } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { callError } from '../../../services/errors'
import { redeemApi } from '../../../services/redeem'
import { useSession } from '../../../stores/session'
import { readParam } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { openMall } from '../shared/routes'
import { ConfirmSheet } from './ConfirmSheet'
import { ItemSections } from './ItemSections'
import { useRedeemSheet } from './useRedeemSheet'
import './index.scss'

export default function RedeemDetailPage() {
  const { params } = useRouter()
  const id = readParam(params.id) ?? ''
  // Whether one may redeem, and the balance, depend on who is asking.
  const token = useSession((session) => session.token)
  const item = useRemote(
    () => (id ? redeemApi.item({ id }) : Promise.reject(callError('ITEM_NOT_FOUND', '兑换商品不存在或已下架'))),
    [id, token],
  )

  if (item.status === 'loading') return <StateView kind='loading' />
  if (item.status === 'error') {
    return item.code === 'ITEM_NOT_FOUND' ? (
      <StateView
        kind='empty'
        title='兑换商品不存在或已下架'
        description='去积分商城看看别的好物吧'
        action={{ text: '回到积分商城', onClick: openMall }}
      />
    ) : (
      <StateView kind='error' message={item.message} onRetry={item.reload} />
    )
  }
  return <ItemScreen item={item.data} onRefused={() => void item.refresh()} />
}

function ItemScreen({ item, onRefused }: { item: RedeemItemView; onRefused: () => void }) {
  const signedIn = useSignedIn()
  const sheet = useRedeemSheet(item, onRefused)

  return (
    <View className='redeem-detail'>
      <ItemSections item={item} />

      <View className='redeem-bar'>
        {signedIn && !item.canRedeem && item.refusal && <View className='redeem-bar__refusal'>{item.refusal}</View>}
        <View className='redeem-bar__row'>
          <View className='redeem-bar__balance'>
            <Text className='redeem-bar__balance-label'>我的积分</Text>
            {signedIn ? (
              <Text className='redeem-bar__balance-value'>{item.balance}</Text>
            ) : (
              <Text className='redeem-bar__balance-hint'>登录后查看</Text>
            )}
          </View>
          {signedIn ? (
            <Button className='redeem-bar__button' type='primary' disabled={!item.canRedeem} onClick={sheet.open}>
              {item.canRedeem ? '立即兑换' : '暂不可兑换'}
            </Button>
          ) : (
            <Button className='redeem-bar__button' type='primary' onClick={() => askToSignIn('登录后才能用积分兑换')}>
              登录后兑换
            </Button>
          )}
        </View>
      </View>

      {signedIn && item.canRedeem && (
        <ConfirmSheet
          item={item}
          visible={sheet.visible}
          submitting={sheet.submitting}
          address={sheet.addressDraft}
          onConfirm={sheet.confirm}
          onClose={sheet.close}
        />
      )}
    </View>
  )
}
