// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActionName, CartView, FunctionName, ProductDetail, Req } from '../../types/api'
import { callError } from '../../src/services/errors'
import { useCart } from '../../src/stores/cart'
import { useSession } from '../../src/stores/session'
import ProductDetailPage from '../../src/packages/product/detail'
import { ProductDetailView } from '../../src/packages/product/detail/ProductDetailView'

/** Test double of the backend boundary: records every call and answers from a per-test script. */
const fakeBackend = {
  calls: [] as { name: string; action: string; data: unknown }[],
  answer: (_name: string, _action: string, _data: unknown): Promise<unknown> => Promise.reject(new Error('unscripted')),
  callsTo(name: string, action: string) {
    return this.calls.filter((call) => call.name === name && call.action === action)
  },
}

vi.mock('../../src/services/call', () => ({
  callFunction: <F extends FunctionName, A extends ActionName<F>>(name: F, action: A, data: Req<F, A>) => {
    fakeBackend.calls.push({ name, action, data })
    return fakeBackend.answer(name, action, data)
  },
}))

/** 龙井 in two sizes × two packs; the big tin is sold out, the 250g bag does not exist. */
const longjing: ProductDetail = {
  id: 'p01',
  categoryId: 'c-tea',
  title: '明前西湖龙井 特级',
  subtitle: '狮峰山产区 手工炒制',
  cover: '/media/products/p01-1.jpg',
  images: ['/media/products/p01-1.jpg', '/media/products/p01-2.jpg'],
  tags: ['新品'],
  price: 12800,
  memberPrice: 11776,
  sales: 2316,
  stockState: 'inStock',
  detail: '采自狮峰山核心产区。\n建议 85℃ 水冲泡。',
  specOptions: [
    { name: '规格', values: ['50g', '250g'] },
    { name: '包装', values: ['罐装', '袋装'] },
  ],
  skus: [
    { id: 's1', specs: { 规格: '50g', 包装: '罐装' }, price: 12800, memberPrice: 11776, stock: 40, stockState: 'inStock' },
    { id: 's2', specs: { 规格: '50g', 包装: '袋装' }, price: 11800, memberPrice: 10856, stock: 3, stockState: 'low' },
    { id: 's3', specs: { 规格: '250g', 包装: '罐装' }, price: 56800, memberPrice: 52256, stock: 0, stockState: 'soldOut' },
  ],
  viewerTier: 4,
  memberOffer: null,
  limits: null,
}

const shownPrices = () => ({
  member: document.querySelector('.price__member-label')?.textContent ?? null,
  now: document.querySelector('.price__now')?.textContent,
  list: document.querySelector('.price__list')?.textContent ?? null,
})

const chip = (value: string) => screen.getByText(value, { selector: '.sku-picker__value' })

afterEach(cleanup)

describe('product detail view', () => {
  it('shows the tier member price next to the struck list price of the first SKU', () => {
    render(<ProductDetailView product={longjing} />)
    expect(shownPrices()).toEqual({ member: 'V4 会员价', now: '¥117.76', list: '¥128.00' })
    expect(screen.getByText('现货')).toBeTruthy()
    expect(chip('50g').getAttribute('aria-selected')).toBe('true')
    expect(chip('罐装').getAttribute('aria-selected')).toBe('true')
  })

  it('switches price and stock when another SKU is chosen', () => {
    render(<ProductDetailView product={longjing} />)
    fireEvent.click(chip('袋装'))
    expect(shownPrices()).toEqual({ member: 'V4 会员价', now: '¥108.56', list: '¥118.00' })
    expect(screen.getByText('库存紧张，仅剩 3 件')).toBeTruthy()
  })

  it('moves the other spec to an existing SKU when the chosen combination does not exist', () => {
    render(<ProductDetailView product={longjing} />)
    fireEvent.click(chip('袋装'))
    fireEvent.click(chip('250g'))
    // There is no 250g 袋装: the picker lands on 250g 罐装, which is sold out.
    expect(chip('罐装').getAttribute('aria-selected')).toBe('true')
    expect(shownPrices().now).toBe('¥522.56')
    expect(screen.getByText('已售罄', { selector: '.product-detail__stock' })).toBeTruthy()
    // A sold-out SKU cannot be put in the cart or bought.
    expect(screen.queryByText('加入购物车')).toBeNull()
    expect(screen.getByText('已售罄', { selector: '.nut-button *' })).toBeTruthy()
    expect(within(chip('250g')).getByText('缺货')).toBeTruthy()
  })

  it('opens on a SKU that can be bought when the first one is sold out', () => {
    const [first, second, third] = longjing.skus
    render(<ProductDetailView product={{ ...longjing, skus: [third, first, second] }} />)
    expect(chip('50g').getAttribute('aria-selected')).toBe('true')
    expect(shownPrices().now).toBe('¥117.76')
  })

  it('shows only the list price to a visitor, with a hint that member prices exist and a way to sign in', async () => {
    const signIn = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    const visitorSkus = longjing.skus.map((sku) => ({ ...sku, memberPrice: null }))
    const offer = { tier: 2 as const, memberPricePct: 98 }
    render(<ProductDetailView product={{ ...longjing, memberPrice: null, skus: visitorSkus, viewerTier: null, memberOffer: offer }} />)
    expect(shownPrices()).toEqual({ member: null, now: '¥128.00', list: null })
    await act(async () => fireEvent.click(screen.getByText('V2 及以上会员享 9.8 折起，登录查看会员价 ›')))
    expect(signIn).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录' }))
  })

  it('tells a member which tier pays less, and says nothing at the top', () => {
    const { unmount } = render(<ProductDetailView product={{ ...longjing, memberOffer: { tier: 5, memberPricePct: 88 } }} />)
    expect(screen.getByText('升级到 V5 享 8.8 折会员价 ›')).toBeTruthy()
    unmount()
    render(<ProductDetailView product={longjing} />)
    expect(screen.queryByText(/会员价 ›/)).toBeNull()
  })
})

describe('product detail page', () => {
  beforeEach(() => {
    fakeBackend.calls = []
    // Opens the page the way a tap on a post's product card does.
    Current.router = {
      params: { id: 'p01', postId: 'post01' },
      path: '/packages/product/detail/index',
      $taroPath: 'product-detail-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
  })

  it('shows loading, then the product, and credits the post it was opened from exactly once', async () => {
    let answerProduct: (product: ProductDetail) => void = () => {}
    fakeBackend.answer = (name, action) => {
      if (name === 'catalog' && action === 'product') return new Promise((resolve) => (answerProduct = resolve))
      if (name === 'catalog' && action === 'touch') return Promise.resolve({ recorded: true })
      return Promise.reject(new Error(`unexpected ${name}.${action}`))
    }
    render(<ProductDetailPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()

    await act(async () => answerProduct(longjing))
    expect(screen.getByText('明前西湖龙井 特级')).toBeTruthy()
    expect(shownPrices().member).toBe('V4 会员价')
    expect(screen.getByText('加入购物车')).toBeTruthy()
    expect(screen.getByText('立即购买')).toBeTruthy()

    expect(fakeBackend.callsTo('catalog', 'product').map((call) => call.data)).toEqual([{ id: 'p01' }])
    const touches = fakeBackend.callsTo('catalog', 'touch').map((call) => call.data)
    expect(touches).toEqual([{ entryId: expect.any(String), productId: 'p01', postId: 'post01', path: '/packages/product/detail/index' }])
  })

  it('still shows the product when the touch report fails', async () => {
    fakeBackend.answer = (_name, action) =>
      action === 'product' ? Promise.resolve(longjing) : Promise.reject(callError('INTERNAL', '统计服务不可用'))
    render(<ProductDetailPage />)
    expect(await screen.findByText('明前西湖龙井 特级')).toBeTruthy()
  })

  it('offers a retry after a failure and shows the product once it succeeds', async () => {
    let failing = true
    fakeBackend.answer = (_name, action) => {
      if (action !== 'product') return Promise.resolve({ recorded: true })
      return failing ? Promise.reject(callError('NETWORK', '网络不给力，请检查网络后重试')) : Promise.resolve(longjing)
    }
    render(<ProductDetailPage />)
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy()

    failing = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('明前西湖龙井 特级')).toBeTruthy()
    expect(fakeBackend.callsTo('catalog', 'product')).toHaveLength(2)
  })

  it('says the product is gone instead of offering a pointless retry', async () => {
    fakeBackend.answer = (_name, action) =>
      action === 'product' ? Promise.reject(callError('PRODUCT_NOT_FOUND', 'product not found')) : Promise.resolve({ recorded: true })
    render(<ProductDetailPage />)
    expect(await screen.findByText('商品不存在或已下架')).toBeTruthy()
    expect(screen.queryByText('重试')).toBeNull()
  })
})

describe('buying from the product page', () => {
  const member = {
    id: 'consumer-v4',
    nickname: '老会员',
    avatar: '',
    tier: 4 as const,
    roles: ['consumer' as const],
    shareCode: 'ZAJGQTKH',
  }
  const cartWith = (skuId: string, quantity: number): CartView => ({
    items: [
      {
        skuId,
        productId: 'p01',
        title: longjing.title,
        specs: {},
        image: longjing.cover,
        unitPrice: 11800,
        memberUnitPrice: 10856,
        quantity,
        stock: 3,
        stockState: 'low',
        available: true,
      },
    ],
    count: quantity,
  })

  beforeEach(() => {
    fakeBackend.calls = []
    useCart.getState().clear()
    useSession.setState({ token: 'member-token', member })
    fakeBackend.answer = (_name, action, data) => {
      if (action === 'cart') return Promise.resolve({ items: [], count: 0 })
      if (action === 'cartAdd') {
        const { skuId, quantity } = data as { skuId: string; quantity: number }
        return Promise.resolve(cartWith(skuId, quantity))
      }
      return Promise.reject(new Error(`unexpected ${action}`))
    }
  })
  afterEach(() => {
    useSession.setState({ token: null, member: null })
    vi.restoreAllMocks()
  })

  it('adds the chosen SKU in the chosen quantity, never more than its stock, and shows the cart count', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    render(<ProductDetailView product={longjing} />)
    fireEvent.click(chip('袋装'))
    const more = screen.getByLabelText('增加')
    fireEvent.click(more)
    fireEvent.click(more)
    expect(document.querySelector('.quantity-stepper__value')?.textContent).toBe('3')
    fireEvent.click(more)
    expect(document.querySelector('.quantity-stepper__value')?.textContent).toBe('3')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '库存仅剩 3 件' }))

    await act(async () => {
      fireEvent.click(screen.getByText('加入购物车'))
    })
    expect(fakeBackend.callsTo('order', 'cartAdd').map((call) => call.data)).toEqual([{ skuId: 's2', quantity: 3 }])
    expect(document.querySelector('.purchase-bar__cart-count')?.textContent).toBe('3')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入购物车' }))
  })

  it('shows a limited product’s limits, and keeps the quantity within the per-order one', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    render(<ProductDetailView product={{ ...longjing, limits: { perOrder: 1, perMember: 1, newMembersOnly: true } }} />)
    expect(screen.getByText('新人专享 · 每人限购 1 件')).toBeTruthy()
    fireEvent.click(screen.getByLabelText('增加'))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '每单限购 1 件' }))
  })

  it('goes to checkout with just the chosen SKU on 立即购买', () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<ProductDetailView product={longjing} />)
    fireEvent.click(screen.getByLabelText('增加'))
    fireEvent.click(screen.getByText('立即购买'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/checkout/index?items=s1%3A2&from=product' })
    expect(fakeBackend.callsTo('order', 'cartAdd')).toEqual([])
  })

  it('asks a visitor to sign in instead of adding to the cart', async () => {
    useSession.setState({ token: null, member: null })
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    render(<ProductDetailView product={longjing} />)
    await act(async () => {
      fireEvent.click(screen.getByText('加入购物车'))
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录' }))
    expect(fakeBackend.callsTo('order', 'cartAdd')).toEqual([])
  })

  it("explains a refusal in the server's words", async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    fakeBackend.answer = () => Promise.reject(callError('OUT_OF_STOCK', '库存仅剩 1 件'))
    render(<ProductDetailView product={longjing} />)
    await act(async () => {
      fireEvent.click(screen.getByText('加入购物车'))
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '库存仅剩 1 件' }))
    expect(document.querySelector('.purchase-bar__cart-count')).toBeNull()
  })
})
