import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { SkuView } from '../../../../types/api'
import cartIcon from '../../../assets/tab/cart.png'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { addToCart } from '../../../services/cart'
import { useCart } from '../../../stores/cart'
import { showFailure } from '../../../utils/feedback'
import { PAGES, checkoutPath } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'

interface PurchaseBarProps {
  /** The chosen SKU; undefined when the chosen specs name none. */
  sku: SkuView | undefined
  quantity: number
}

/** The bar at the bottom of a product: share, the cart with its count, 加入购物车 and 立即购买 for the chosen SKU. */
export function PurchaseBar({ sku, quantity }: PurchaseBarProps) {
  const signedIn = useSignedIn()
  const count = useCart((state) => state.cart?.count ?? 0)
  const [adding, setAdding] = useState(false)
  const buyable = sku !== undefined && sku.stockState !== 'soldOut'

  const add = async () => {
    if (!sku || adding) return
    if (!signedIn) return askToSignIn()
    setAdding(true)
    try {
      await addToCart(sku.id, quantity)
      Taro.showToast({ title: '已加入购物车', icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setAdding(false)
    }
  }

  const buyNow = () => {
    if (!sku) return
    if (!signedIn) return askToSignIn()
    void Taro.navigateTo({ url: checkoutPath([{ skuId: sku.id, quantity }], 'product') })
  }

  return (
    <View className='purchase-bar'>
      {process.env.TARO_ENV === 'weapp' && (
        <Button className='purchase-bar__share' fill='none' openType='share'>
          分享
        </Button>
      )}
      <View className='purchase-bar__cart' onClick={() => Taro.switchTab({ url: PAGES.cart })}>
        <Image className='purchase-bar__cart-icon' src={cartIcon} />
        {count > 0 && <Text className='purchase-bar__cart-count'>{count > 99 ? '99+' : count}</Text>}
        <Text className='purchase-bar__cart-label'>购物车</Text>
      </View>
      {buyable ? (
        <View className='purchase-bar__actions'>
          <Button className='purchase-bar__add' loading={adding} onClick={add}>
            加入购物车
          </Button>
          <Button className='purchase-bar__buy' type='primary' onClick={buyNow}>
            立即购买
          </Button>
        </View>
      ) : (
        <View className='purchase-bar__actions'>
          <Button className='purchase-bar__sold-out' disabled block>
            {sku ? '已售罄' : '请选择规格'}
          </Button>
        </View>
      )}
    </View>
  )
}
