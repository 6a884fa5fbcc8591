import { Button } from '@nutui/nutui-react-taro'
import { TickBox } from '../../components'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CartView } from '../../../types/api'
import { useRemote } from '../../hooks/useRemote'
import { api } from '../../services/api'
import { isBuyable, selectedLines, toOrderItems, useCart } from '../../stores/cart'
import { formatFen } from '../../utils/money'
import { checkoutPath } from '../../utils/routes'
import { freeShippingRule } from '../../utils/shipping'

/** The bar above the tab bar: select all, the server's total for the selected lines, and 去结算. */
export function CartSummary({ cart }: { cart: CartView }) {
  const unticked = useCart((state) => state.unticked)
  const selectAll = useCart((state) => state.selectAll)
  const selected = selectedLines(cart, unticked)
  const items = toOrderItems(selected)
  const allSelected = selected.length > 0 && selected.length === cart.items.filter(isBuyable).length
  // Totals are the server's: any change of the selected lines or their quantities asks for a new quote.
  const itemsKey = items.map((item) => `${item.skuId}:${item.quantity}`).join(',')
  const quote = useRemote(() => (items.length > 0 ? api.order.quote({ items }) : Promise.resolve(null)), [itemsKey])
  const units = selected.reduce((sum, line) => sum + line.quantity, 0)
  const ready = quote.status === 'ready' && quote.data !== null

  return (
    <View className='cart-summary'>
      <TickBox className='cart-summary__all' checked={allSelected} onChange={(checked) => selectAll(checked)} label='全选' />
      <View className='cart-summary__totals'>
        {items.length === 0 ? (
          <Text className='cart-summary__hint'>请选择要结算的商品</Text>
        ) : quote.status === 'loading' ? (
          <Text className='cart-summary__hint'>正在计算价格…</Text>
        ) : quote.status === 'error' ? (
          <Text className='cart-summary__error'>{quote.message}</Text>
        ) : (
          quote.data && (
            <>
              <View className='cart-summary__payable'>
                <Text>合计 </Text>
                <Text className='cart-summary__amount'>{formatFen(quote.data.payable)}</Text>
              </View>
              <Text className='cart-summary__hint'>
                {quote.data.memberDiscount > 0 ? `会员优惠 ${formatFen(quote.data.memberDiscount)} · ` : ''}
                {quote.data.shipping > 0
                  ? `含运费 ${formatFen(quote.data.shipping)}，${freeShippingRule(quote.data.freeShippingOver, quote.data.viewerTier)}`
                  : '已包邮'}
              </Text>
            </>
          )
        )}
      </View>
      <Button
        className='cart-summary__checkout'
        type='primary'
        disabled={!ready}
        onClick={() => Taro.navigateTo({ url: checkoutPath(items, 'cart') })}
      >
        去结算{units > 0 ? `(${units})` : ''}
      </Button>
    </View>
  )
}
