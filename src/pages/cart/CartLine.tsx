import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { TickBox } from '../../components'
import Taro from '@tarojs/taro'
import type { CartLineView } from '../../../types/api'
import { GoodsRow, Price, QuantityStepper } from '../../components'
import { changeQuantity, loadCart, removeFromCart } from '../../services/cart'
import { MAX_UNITS_PER_LINE, isBuyable, useCart } from '../../stores/cart'
import { useSession } from '../../stores/session'
import { confirmAction, showFailure } from '../../utils/feedback'
import { productPath } from '../../utils/routes'

/** Why a line cannot go to checkout, in the shopper's words. */
function unbuyableReason(line: CartLineView): string {
  return line.available ? '已售罄' : '已下架'
}

export function CartLine({ line }: { line: CartLineView }) {
  const tier = useSession((session) => session.member?.tier ?? null)
  const selected = useCart((state) => !state.unticked.includes(line.skuId))
  const toggle = useCart((state) => state.toggle)
  const [busy, setBusy] = useState(false)
  const buyable = isBuyable(line)
  const short = buyable && line.quantity > line.stock

  const setQuantity = async (quantity: number) => {
    setBusy(true)
    try {
      await changeQuantity(line.skuId, quantity)
    } catch (error) {
      showFailure(error)
      // The refusal usually means the stock moved; show the cart as it is now.
      await loadCart().catch(() => undefined)
    } finally {
      setBusy(false)
    }
  }

  const remove = async () => {
    if (!(await confirmAction('删除商品', `确定把「${line.title}」移出购物车吗？`, '删除'))) return
    setBusy(true)
    try {
      await removeFromCart([line.skuId])
    } catch (error) {
      showFailure(error)
      setBusy(false)
    }
  }

  return (
    <View className={`cart-line${buyable ? '' : ' cart-line--unbuyable'}`}>
      <View className='cart-line__check'>
        {buyable ? (
          <TickBox checked={selected} onChange={() => toggle(line.skuId)} />
        ) : (
          <Text className='cart-line__reason'>{unbuyableReason(line)}</Text>
        )}
      </View>
      <GoodsRow
        image={line.image}
        title={line.title}
        specs={line.specs}
        muted={!buyable}
        badge={buyable ? undefined : unbuyableReason(line)}
        onClick={() => Taro.navigateTo({ url: productPath(line.productId) })}
      >
        {short && <Text className='cart-line__warning'>库存仅剩 {line.stock} 件，请减少数量</Text>}
        {buyable && line.stockState === 'low' && !short && <Text className='cart-line__hint'>库存紧张，仅剩 {line.stock} 件</Text>}
        <Price price={line.unitPrice} memberPrice={line.memberUnitPrice < line.unitPrice ? line.memberUnitPrice : null} tier={tier} />
        <View className='cart-line__controls'>
          <Text
            className='cart-line__remove'
            onClick={(event) => {
              event.stopPropagation()
              void remove()
            }}
          >
            删除
          </Text>
          {buyable ? (
            <QuantityStepper
              value={line.quantity}
              max={Math.min(MAX_UNITS_PER_LINE, line.stock)}
              disabled={busy}
              onChange={setQuantity}
              onLimit={() =>
                Taro.showToast({
                  title: line.quantity >= MAX_UNITS_PER_LINE ? `每件商品最多买 ${MAX_UNITS_PER_LINE} 件` : `库存仅剩 ${line.stock} 件`,
                  icon: 'none',
                })
              }
            />
          ) : (
            <Text className='cart-line__quantity'>×{line.quantity}</Text>
          )}
        </View>
      </GoodsRow>
    </View>
  )
}
