import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { StateView } from '../../components'
import { useRemote } from '../../hooks/useRemote'
import { useSignedIn } from '../../hooks/useSignedIn'
import { loadCart, removeFromCart } from '../../services/cart'
import { isBuyable, useCart } from '../../stores/cart'
import { useSession } from '../../stores/session'
import { confirmAction, showFailure } from '../../utils/feedback'
import { PAGES } from '../../utils/routes'
import { CartLine } from './CartLine'
import { CartSummary } from './CartSummary'
import './index.scss'

const goShopping = () => Taro.switchTab({ url: PAGES.home })
const goSignIn = () => Taro.switchTab({ url: PAGES.me })

export default function CartPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const loaded = useRemote(() => (signedIn ? loadCart() : Promise.resolve(null)), [signedIn, token])
  const cart = useCart((state) => state.cart)

  // A tab page stays alive: goods added on a product page must show when the shopper comes back.
  useDidShow(() => {
    if (signedIn && loaded.status !== 'loading') void loaded.refresh()
  })

  usePullDownRefresh(async () => {
    await loaded.refresh()
    Taro.stopPullDownRefresh()
  })

  if (!signedIn) {
    return (
      <StateView
        kind='empty'
        title='登录后查看购物车'
        description='登录后可以把喜欢的好物放进购物车，按会员价结算'
        action={{ text: '去登录', onClick: goSignIn }}
      />
    )
  }
  if (loaded.status === 'loading' || (loaded.status === 'ready' && !cart)) return <StateView kind='loading' />
  if (loaded.status === 'error') return <StateView kind='error' message={loaded.message} onRetry={loaded.reload} />
  if (!cart || cart.items.length === 0) {
    return (
      <StateView kind='empty' title='购物车还是空的' description='去挑几件会员价好物吧' action={{ text: '去逛逛', onClick: goShopping }} />
    )
  }

  const buyable = cart.items.filter(isBuyable)
  const unbuyable = cart.items.filter((line) => !isBuyable(line))

  const clearUnbuyable = async () => {
    if (!(await confirmAction('清空失效商品', `将移除 ${unbuyable.length} 件已下架或售罄的商品`, '清空'))) return
    try {
      await removeFromCart(unbuyable.map((line) => line.skuId))
    } catch (error) {
      showFailure(error)
    }
  }

  return (
    <View className='cart'>
      {buyable.length > 0 && (
        <View className='cart__group'>
          {buyable.map((line) => (
            <CartLine key={line.skuId} line={line} />
          ))}
        </View>
      )}
      {unbuyable.length > 0 && (
        <View className='cart__group cart__group--unbuyable'>
          <View className='cart__group-head'>
            <Text>失效商品 {unbuyable.length} 件</Text>
            <Text className='cart__group-action' onClick={clearUnbuyable}>
              清空失效商品
            </Text>
          </View>
          {unbuyable.map((line) => (
            <CartLine key={line.skuId} line={line} />
          ))}
        </View>
      )}
      <CartSummary cart={cart} />
    </View>
  )
}
