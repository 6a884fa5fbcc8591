import type { CartView } from '../../types/api'
import { useCart } from '../stores/cart'
import { useSession } from '../stores/session'
import { api } from './api'
import { cartCountIs } from './cartBadge'

// A cart belongs to one member: signing in as someone else (or out) forgets the one on screen.
useSession.subscribe((session, previous) => {
  if (session.token !== previous.token) useCart.getState().clear()
})

function keep(cart: CartView): CartView {
  useCart.getState().setCart(cart)
  cartCountIs(cart.count)
  return cart
}

export const loadCart = async () => keep(await api.order.cart())

export async function addToCart(skuId: string, quantity: number): Promise<CartView> {
  const cart = keep(await api.order.cartAdd({ skuId, quantity }))
  useCart.getState().tick(skuId)
  return cart
}

export const changeQuantity = async (skuId: string, quantity: number) => keep(await api.order.cartUpdate({ skuId, quantity }))

export const removeFromCart = async (skuIds: string[]) => keep(await api.order.cartRemove({ skuIds }))
