import { create } from 'zustand'
import type { CartLineView, CartView, OrderItemRequest } from '../../types/api'

interface CartState {
  /** The cart as the server last answered it; null until it has been loaded. */
  cart: CartView | null
  /** Lines the shopper unticked. Every other buyable line is selected, so a newly added line starts selected. */
  unticked: string[]
  setCart: (cart: CartView) => void
  toggle: (skuId: string) => void
  selectAll: (selected: boolean) => void
  /** Selects a line again, e.g. when the shopper adds more of it. */
  tick: (skuId: string) => void
  clear: () => void
}

/** The most units of one SKU a cart line (and an order line) can hold; the server refuses more. */
export const MAX_UNITS_PER_LINE = 99

/** A line that can go to checkout: on the shelf and with some stock left. */
export const isBuyable = (line: CartLineView) => line.available && line.stock > 0

export const useCart = create<CartState>()((set) => ({
  cart: null,
  unticked: [],
  setCart: (cart) =>
    set((state) => ({ cart, unticked: state.unticked.filter((skuId) => cart.items.some((line) => line.skuId === skuId)) })),
  toggle: (skuId) =>
    set((state) => ({
      unticked: state.unticked.includes(skuId) ? state.unticked.filter((id) => id !== skuId) : [...state.unticked, skuId],
    })),
  selectAll: (selected) => set((state) => ({ unticked: selected ? [] : (state.cart?.items ?? []).map((line) => line.skuId) })),
  tick: (skuId) => set((state) => ({ unticked: state.unticked.filter((id) => id !== skuId) })),
  clear: () => set({ cart: null, unticked: [] }),
}))

export function selectedLines(cart: CartView | null, unticked: readonly string[]): CartLineView[] {
  return (cart?.items ?? []).filter((line) => isBuyable(line) && !unticked.includes(line.skuId))
}

export const toOrderItems = (lines: readonly CartLineView[]): OrderItemRequest[] =>
  lines.map((line) => ({ skuId: line.skuId, quantity: line.quantity }))
