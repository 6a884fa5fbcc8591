// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CartLineView, CartView, QuoteView } from '../../types/api'
import CartPage from '../../src/pages/cart'
import { useCart } from '../../src/stores/cart'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const line = (skuId: string, title: string, overrides: Partial<CartLineView> = {}): CartLineView => ({
  skuId,
  productId: `p-${skuId}`,
  title,
  specs: { 规格: '50g' },
  image: `/media/products/${skuId}.jpg`,
  unitPrice: 12800,
  memberUnitPrice: 11776,
  quantity: 1,
  stock: 40,
  stockState: 'inStock',
  available: true,
  ...overrides,
})

const cart: CartView = {
  items: [
    line('s1', '明前西湖龙井 特级', { quantity: 2 }),
    line('s7', '玻璃飘逸杯', { unitPrice: 6900, memberUnitPrice: 6348, stock: 2, stockState: 'low' }),
    line('s9', '老白茶饼', { available: false }),
    line('s4', '桂花乌龙', { stock: 0, stockState: 'soldOut' }),
  ],
  count: 3,
}

const quoteFor = (payable: number, shipping = 0): QuoteView => ({
  lines: [],
  goodsAmount: payable,
  memberDiscount: 1200,
  couponDiscount: 0,
  pointsUsed: 0,
  pointsDeduction: 0,
  shipping,
  payable,
  freeShippingOver: 9900,
  viewerTier: 4,
  points: { balance: 0, maxUsable: 0 },
  coupons: [],
  freeShippingUntil: null,
  offer: null,
})

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  useCart.getState().clear()
  useSession.setState({ token: 'member-token', member })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

async function openLoadedCart() {
  render(<CartPage />)
  await act(async () => fakeBackend.settle('order.cart').resolve(cart))
}

describe('cart', () => {
  it('selects every buyable line, totals them with the server quote and greys out what cannot be bought', async () => {
    await openLoadedCart()
    expect(fakeBackend.callsTo('order.quote')).toEqual([
      {
        items: [
          { skuId: 's1', quantity: 2 },
          { skuId: 's7', quantity: 1 },
        ],
      },
    ])
    expect(screen.getByText('正在计算价格…')).toBeTruthy()
    await act(async () => fakeBackend.settle('order.quote').resolve(quoteFor(29900)))
    expect(document.querySelector('.cart-summary__amount')?.textContent).toBe('¥299.00')
    expect(screen.getByText('去结算(3)')).toBeTruthy()

    const longjing = screen.getByText('明前西湖龙井 特级').closest('.cart-line') as HTMLElement
    expect(within(longjing).getByText('¥117.76')).toBeTruthy()
    expect(within(longjing).getByText('¥128.00').className).toContain('price__list')

    const unbuyable = document.querySelector('.cart__group--unbuyable') as HTMLElement
    expect(within(unbuyable).getByText('失效商品 2 件')).toBeTruthy()
    expect(within(unbuyable).getAllByText('已下架').length).toBeGreaterThan(0)
    expect(within(unbuyable).getAllByText('已售罄').length).toBeGreaterThan(0)
    expect(unbuyable.querySelectorAll('.nut-checkbox')).toHaveLength(0)
  })

  it('asks for a new quote when a line is deselected and checks out only the selected lines', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openLoadedCart()
    await act(async () => fakeBackend.settle('order.quote').resolve(quoteFor(29900)))

    const cup = screen.getByText('玻璃飘逸杯').closest('.cart-line') as HTMLElement
    await act(async () => {
      fireEvent.click(cup.querySelector('.nut-checkbox') as HTMLElement)
    })
    expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: [{ skuId: 's1', quantity: 2 }] })
    await act(async () => fakeBackend.settle('order.quote').resolve(quoteFor(23552)))
    expect(document.querySelector('.cart-summary__amount')?.textContent).toBe('¥235.52')

    fireEvent.click(screen.getByText('去结算(2)'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/checkout/index?items=s1%3A2&from=cart' })
  })

  it('changes a quantity through the server and stops at the stock', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openLoadedCart()
    const cup = screen.getByText('玻璃飘逸杯').closest('.cart-line') as HTMLElement
    await act(async () => {
      fireEvent.click(within(cup).getByLabelText('增加'))
    })
    expect(fakeBackend.callsTo('order.cartUpdate')).toEqual([{ skuId: 's7', quantity: 2 }])
    const updated = { ...cart, items: cart.items.map((item) => (item.skuId === 's7' ? { ...item, quantity: 2 } : item)) }
    await act(async () => fakeBackend.settle('order.cartUpdate').resolve(updated))

    fireEvent.click(within(cup).getByLabelText('增加'))
    expect(fakeBackend.callsTo('order.cartUpdate')).toHaveLength(1)
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '库存仅剩 2 件' }))
  })

  it('asks a visitor to sign in and says so when the cart is empty', async () => {
    useSession.setState({ token: null, member: null })
    render(<CartPage />)
    expect(screen.getByText('登录后查看购物车')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
    cleanup()

    useSession.setState({ token: 'member-token', member })
    render(<CartPage />)
    await act(async () => fakeBackend.settle('order.cart').resolve({ items: [], count: 0 }))
    expect(screen.getByText('购物车还是空的')).toBeTruthy()
  })
})
