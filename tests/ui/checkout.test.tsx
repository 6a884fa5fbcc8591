// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { OrderView, PaymentRequest, QuoteView, Req } from '../../types/api'
import type { SavedAddress } from '../../types/domain'
import CheckoutPage from '../../src/packages/order/checkout'
import { callError } from '../../src/services/errors'
import type { PaymentOutcome } from '../../src/services/payment'
import { useAddressBook } from '../../src/stores/address'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'
import { pickRegion } from './region-picker'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** Test double of the pay provider (WeChat Pay / the local host's provider): records what it was asked to pay. */
const fakePayProvider = {
  asked: [] as PaymentRequest[],
  outcome: { kind: 'paid' } as PaymentOutcome,
}

vi.mock('../../src/services/payment', () => ({
  payOrder: (payment: PaymentRequest) => {
    fakePayProvider.asked.push(payment)
    return Promise.resolve(fakePayProvider.outcome)
  },
}))

const ITEMS = [
  { skuId: 's1', quantity: 2 },
  { skuId: 's7', quantity: 1 },
]

/** A V4 member's quote: 2 × 龙井 and a glass cup, member price, free shipping, no points yet. */
const quote = (payable: number): QuoteView => ({
  lines: [
    {
      skuId: 's1',
      productId: 'p01',
      title: '明前西湖龙井 特级',
      specs: { 规格: '50g', 包装: '罐装' },
      image: '/media/products/p01-1.jpg',
      unitPrice: 12800,
      memberUnitPrice: 11776,
      quantity: 2,
      goodsAmount: 25600,
      memberDiscount: 2048,
      couponDeduction: 0,
      pointsDeduction: 0,
      paidAmount: 23552,
    },
    {
      skuId: 's7',
      productId: 'p07',
      title: '玻璃飘逸杯',
      specs: {},
      image: '/media/products/p07-1.jpg',
      unitPrice: 6900,
      memberUnitPrice: 6348,
      quantity: 1,
      goodsAmount: 6900,
      memberDiscount: 552,
      couponDeduction: 0,
      pointsDeduction: 0,
      paidAmount: payable - 23552,
    },
  ],
  goodsAmount: 32500,
  memberDiscount: 2600,
  couponDiscount: 0,
  pointsUsed: 0,
  pointsDeduction: 0,
  shipping: 0,
  payable,
  freeShippingOver: 9900,
  viewerTier: 4,
  points: { balance: 0, maxUsable: 0 },
  coupons: [],
  freeShippingUntil: null,
  offer: null,
})

const ADDRESS = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' }

const placed = { id: 'o0123456789abcdef0123456', payable: 29900 } as OrderView

function openCheckout() {
  Current.router = {
    params: { items: 's1:2,s7:1', from: 'cart' },
    path: '/packages/order/checkout/index',
    $taroPath: 'checkout-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<CheckoutPage />)
}

const submitButton = () => screen.getByText(/提交订单并支付|确认新价格并支付/)

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  fakePayProvider.asked = []
  fakePayProvider.outcome = { kind: 'paid' }
  useSession.setState({
    token: 'member-token',
    member: { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'ZAJGQTKH' },
  })
  useAddressBook.setState({ last: ADDRESS })
  vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
  useAddressBook.setState({ last: null })
})

describe('checkout', () => {
  it('shows the server quote and places the order at exactly that payable, then pays and opens the order', async () => {
    openCheckout()
    expect(screen.getByText('正在计算价格…')).toBeTruthy()
    expect(fakeBackend.callsTo('order.quote')).toEqual([{ items: ITEMS }])
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(29900)))

    const breakdown = document.querySelector('.amount-list') as HTMLElement
    expect(breakdown.textContent).toContain('商品金额¥325.00')
    expect(breakdown.textContent).toContain('会员优惠V4 会员价-¥26.00')
    expect(breakdown.textContent).toContain('积分抵扣共 0 积分暂无可用积分')
    expect(breakdown.textContent).toContain('运费满 ¥99 包邮免运费')
    expect(document.querySelector('.checkout__payable')?.textContent).toBe('¥299.00')
    // The last address comes back for the next order.
    expect((screen.getByPlaceholderText('收货人姓名') as HTMLInputElement).value).toBe('王小明')

    await act(async () => {
      fireEvent.click(submitButton())
    })
    const [create] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
    expect(create).toEqual({
      requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      items: ITEMS,
      address: ADDRESS,
      expectedPayable: 29900,
    })

    const payment: PaymentRequest = { provider: 'local', orderId: placed.id, amount: 29900 }
    await act(async () => fakeBackend.settle('order.create').resolve({ order: placed, payment }))
    expect(fakePayProvider.asked).toEqual([payment])
    // The ordered goods leave the cart; the order page then asks the server whether the money arrived.
    expect(fakeBackend.callsTo('order.cartRemove')).toEqual([{ skuIds: ['s1', 's7'] }])
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/order/detail/index?orderId=${placed.id}&paid=1` })
  })

  it('on PRICE_CHANGED shows the new payable from a fresh quote, stays, and submits again at the new figure', async () => {
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(29900)))
    await act(async () => {
      fireEvent.click(submitButton())
    })
    await act(async () =>
      fakeBackend.settle('order.create').reject(callError('PRICE_CHANGED', '价格有变化，应付金额现为 ¥312.00，请确认后再提交')),
    )
    expect(fakeBackend.callsTo('order.quote')).toHaveLength(2)
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(31200)))

    expect(screen.getByText('价格有变化：应付金额由 ¥299.00 变为 ¥312.00，请确认后再提交')).toBeTruthy()
    expect(document.querySelector('.checkout__payable')?.textContent).toBe('¥312.00')
    expect(Taro.redirectTo).not.toHaveBeenCalled()
    expect(fakePayProvider.asked).toEqual([])

    await act(async () => {
      fireEvent.click(screen.getByText('确认新价格并支付'))
    })
    const [first, second] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
    expect(second.expectedPayable).toBe(31200)
    // Still the same checkout attempt: a retry can never place a second order.
    expect(second.requestId).toBe(first.requestId)
  })

  it('checks the address before sending anything and says what is missing', async () => {
    useAddressBook.setState({ last: null })
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(29900)))

    fireEvent.input(screen.getByPlaceholderText('收货人姓名'), { target: { value: '王小明' } })
    fireEvent.input(screen.getByPlaceholderText('11 位手机号'), { target: { value: '1380000' } })
    await act(async () => {
      fireEvent.click(submitButton())
    })

    expect(fakeBackend.callsTo('order.create')).toEqual([])
    expect(screen.getByText('请填写 11 位手机号')).toBeTruthy()
    expect(screen.getByText('请填写省、市、区')).toBeTruthy()
    expect(screen.getByText('请填写街道、门牌号等详细地址')).toBeTruthy()
    expect(screen.queryByText('请填写收货人姓名')).toBeNull()
  })

  it('keeps the order and opens it when the buyer closes the payment step', async () => {
    fakePayProvider.outcome = { kind: 'cancelled' }
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(29900)))
    await act(async () => {
      fireEvent.click(submitButton())
    })
    await act(async () =>
      fakeBackend.settle('order.create').resolve({ order: placed, payment: { provider: 'local', orderId: placed.id, amount: 29900 } }),
    )
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: `/packages/order/detail/index?orderId=${placed.id}` })
  })

  it('uses points only when the member switches them on, at the deduction the server quotes', async () => {
    const withPoints = { ...quote(29900), points: { balance: 18000, maxUsable: 14950 } }
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(withPoints))
    expect(document.querySelector('.amount-list')?.textContent).toContain('可用 14950 积分')

    await act(async () => {
      fireEvent.click(document.querySelector('.nut-switch') as HTMLElement)
    })
    expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: ITEMS, usePoints: 14950 })
    await act(async () =>
      fakeBackend.settle('order.quote').resolve({ ...withPoints, pointsUsed: 14950, pointsDeduction: 14950, payable: 14950 }),
    )
    expect(document.querySelector('.amount-list')?.textContent).toContain('已用 14950 积分-¥149.50')
    expect(document.querySelector('.checkout__payable')?.textContent).toBe('¥149.50')

    await act(async () => {
      fireEvent.click(submitButton())
    })
    const [create] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
    expect(create).toMatchObject({ usePoints: 14950, expectedPayable: 14950 })
  })

  it('on POINTS_CHANGED quotes again with the points there are now and asks to confirm', async () => {
    const withPoints = { ...quote(29900), points: { balance: 18000, maxUsable: 14950 } }
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(withPoints))
    await act(async () => {
      fireEvent.click(document.querySelector('.nut-switch') as HTMLElement)
    })
    await act(async () =>
      fakeBackend.settle('order.quote').resolve({ ...withPoints, pointsUsed: 14950, pointsDeduction: 14950, payable: 14950 }),
    )
    await act(async () => {
      fireEvent.click(submitButton())
    })
    await act(async () => fakeBackend.settle('order.create').reject(callError('POINTS_CHANGED', '积分余额已变化，请重新确认订单')))
    await act(async () =>
      fakeBackend.settle('order.quote').resolve({
        ...withPoints,
        points: { balance: 2000, maxUsable: 2000 },
        pointsUsed: 2000,
        pointsDeduction: 2000,
        payable: 27900,
      }),
    )
    expect(screen.getByText('积分余额有变化，已按现在可用的积分重新计算，应付 ¥279.00，请确认后再提交')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(screen.getByText('确认新价格并支付'))
    })
    expect((fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]).at(-1)).toMatchObject({
      usePoints: 2000,
      expectedPayable: 27900,
    })
  })

  describe('coupons from the points mall', () => {
    const TEN_OFF = 'rd0000000000000000000010'
    const THIRTY_OFF = 'rd0000000000000000000030'
    const FIFTY_OFF = 'rd0000000000000000000050'
    // 2025-12-24 12:00 in Shanghai.
    const EXPIRES = Date.UTC(2025, 11, 24, 4)
    /** The member's coupons for goods of ¥299 after member discount: the ¥500 one is out of reach. */
    const COUPONS: QuoteView['coupons'] = [
      { id: TEN_OFF, title: '满 99 减 10 元券', amountOff: 1000, minSpend: 9900, expiresAt: EXPIRES, usable: true },
      { id: FIFTY_OFF, title: '满 500 减 50 元券', amountOff: 5000, minSpend: 50000, expiresAt: EXPIRES, usable: false },
      { id: THIRTY_OFF, title: '满 199 减 30 元券', amountOff: 3000, minSpend: 19900, expiresAt: EXPIRES, usable: true },
    ]
    const withCoupons = (couponDiscount = 0): QuoteView => ({ ...quote(29900 - couponDiscount), couponDiscount, coupons: COUPONS })
    const breakdown = () => document.querySelector('.amount-list')?.textContent
    const payableShown = () => document.querySelector('.checkout__payable')?.textContent

    /** Opens checkout and answers the first quote and the quote with the coupon picked for the member. */
    async function openWithBestCoupon() {
      openCheckout()
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons()))
      expect(fakeBackend.callsTo('order.quote')).toEqual([{ items: ITEMS }, { items: ITEMS, couponId: THIRTY_OFF }])
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons(3000)))
    }

    it('applies the best usable coupon at once, shows the server discount, and orders with it', async () => {
      await openWithBestCoupon()
      expect(breakdown()).toContain('优惠券2 张可用-¥30.00')
      expect(payableShown()).toBe('¥269.00')

      // The sheet lists every coupon, the one this order does not reach greyed out.
      await act(async () => {
        fireEvent.click(screen.getByText('优惠券'))
      })
      const options = Array.from(document.querySelectorAll<HTMLElement>('.coupon-option'))
      expect(options.map((option) => option.textContent)).toEqual([
        '¥30满 ¥199 可用满 199 减 30 元券有效期至 2025-12-24',
        '¥10满 ¥99 可用满 99 减 10 元券有效期至 2025-12-24',
        '¥50满 ¥500 可用满 500 减 50 元券有效期至 2025-12-24未满 ¥500',
      ])
      expect(options[0].className).toContain('coupon-option--chosen')
      expect(options[2].className).toContain('coupon-option--disabled')
      // Tapping a coupon out of reach changes nothing.
      await act(async () => {
        fireEvent.click(options[2])
      })
      expect(fakeBackend.callsTo('order.quote')).toHaveLength(2)

      await act(async () => {
        fireEvent.click(submitButton())
      })
      const [create] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
      expect(create).toMatchObject({ items: ITEMS, couponId: THIRTY_OFF, expectedPayable: 26900 })
    })

    it('lets the member order without a coupon, or with another one', async () => {
      await openWithBestCoupon()
      await act(async () => {
        fireEvent.click(screen.getByText('优惠券'))
      })
      await act(async () => {
        fireEvent.click(screen.getByText('不使用优惠券'))
      })
      expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: ITEMS })
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons()))
      expect(breakdown()).toContain('优惠券2 张可用不使用')
      expect(payableShown()).toBe('¥299.00')

      await act(async () => {
        fireEvent.click(submitButton())
      })
      const [create] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
      expect(create).not.toHaveProperty('couponId')
      expect(create.expectedPayable).toBe(29900)
      await act(async () => fakeBackend.settle('order.create').reject(callError('PRICE_CHANGED', '价格有变化')))
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons()))

      // A different coupon, with the points the member is using.
      await act(async () => {
        fireEvent.click(screen.getByText('优惠券'))
      })
      await act(async () => {
        fireEvent.click(screen.getByText('满 99 减 10 元券'))
      })
      expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: ITEMS, couponId: TEN_OFF })
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons(1000)))
      expect(breakdown()).toContain('优惠券2 张可用-¥10.00')
    })

    it('does not pick a coupon the order does not reach', async () => {
      openCheckout()
      await act(async () => fakeBackend.settle('order.quote').resolve({ ...quote(29900), coupons: [COUPONS[1]] }))
      expect(fakeBackend.callsTo('order.quote')).toEqual([{ items: ITEMS }])
      expect(breakdown()).toContain('优惠券0 张可用本单暂不可用')
    })

    it('on COUPON_INVALID shows the server message, quotes again without the coupon and asks to confirm', async () => {
      await openWithBestCoupon()
      await act(async () => {
        fireEvent.click(submitButton())
      })
      await act(async () => fakeBackend.settle('order.create').reject(callError('COUPON_INVALID', '优惠券已被使用，请重新确认订单')))
      expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: ITEMS })
      await act(async () =>
        fakeBackend.settle('order.quote').resolve({ ...quote(29900), coupons: COUPONS.filter((coupon) => coupon.id !== THIRTY_OFF) }),
      )

      expect(screen.getByText('优惠券已被使用，请重新确认订单。已按不使用优惠券重新计算，应付 ¥299.00，请确认后再提交')).toBeTruthy()
      expect(breakdown()).toContain('优惠券1 张可用不使用')
      expect(payableShown()).toBe('¥299.00')
      expect(Taro.redirectTo).not.toHaveBeenCalled()

      await act(async () => {
        fireEvent.click(screen.getByText('确认新价格并支付'))
      })
      const [first, second] = fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]
      expect(second).not.toHaveProperty('couponId')
      expect(second.expectedPayable).toBe(29900)
      // The server cancelled what the first attempt placed; its key would only answer that order.
      expect(second.requestId).not.toBe(first.requestId)
    })

    it('on COUPON_INVALID while quoting drops the coupon and says why', async () => {
      await openWithBestCoupon()
      await act(async () => {
        fireEvent.click(screen.getByText('优惠券'))
      })
      await act(async () => {
        fireEvent.click(screen.getByText('满 99 减 10 元券'))
      })
      await act(async () => fakeBackend.settle('order.quote').reject(callError('COUPON_INVALID', '优惠券不可用（不存在、已使用或已过期）')))
      expect(fakeBackend.callsTo('order.quote').at(-1)).toEqual({ items: ITEMS })
      await act(async () => fakeBackend.settle('order.quote').resolve(withCoupons()))
      expect(screen.getByText(/^优惠券不可用（不存在、已使用或已过期）。已按不使用优惠券重新计算/)).toBeTruthy()
      expect(breakdown()).toContain('优惠券2 张可用不使用')
    })

    it('says a free-shipping card is in force on the shipping line', async () => {
      openCheckout()
      await act(async () =>
        fakeBackend.settle('order.quote').resolve({ ...quote(6348), goodsAmount: 6900, memberDiscount: 552, freeShippingUntil: EXPIRES }),
      )
      expect(breakdown()).toContain('运费包邮卡生效中免运费')
    })
  })
})

describe('checkout with the address book', () => {
  const HOME: SavedAddress = { ...ADDRESS, id: 'ad00000000000000000000a1', isDefault: true, usedAt: 2 }
  const OFFICE: SavedAddress = { ...HOME, id: 'ad00000000000000000000b2', detail: '网商路 699 号', isDefault: false, usedAt: 1 }
  const shippedTo = () => (fakeBackend.callsTo('order.create') as Req<'order', 'create'>[]).map((create) => create.address)

  async function openWithBook(...addresses: SavedAddress[]) {
    useAddressBook.setState({ last: null })
    openCheckout()
    await act(async () => fakeBackend.settle('order.quote').resolve(quote(29900)))
    await act(async () => fakeBackend.settle('member.addresses').resolve({ addresses, limit: 20 }))
  }

  it('ships to the default address, and to another one picked in the book', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openWithBook(HOME, OFFICE)
    const card = screen.getByRole('button', { name: '更换收货地址' })
    expect(card.textContent).toContain('王小明138****1234默认浙江省杭州市西湖区 文三路 100 号 2 幢 301')

    await act(async () => fireEvent.click(card))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/address/book/index?pick=1' })
    // The book page hands back the address tapped there.
    act(() => useAddressBook.getState().pick(OFFICE))
    expect(screen.getByRole('button', { name: '更换收货地址' }).textContent).toContain('网商路 699 号')
    expect(useAddressBook.getState().picked).toBeNull()

    await act(async () => fireEvent.click(submitButton()))
    expect(shippedTo()).toEqual([{ name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '网商路 699 号' }])
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([])
  })

  it('saves a new address typed at checkout to the book, unless unticked', async () => {
    await openWithBook(HOME)
    await act(async () => fireEvent.click(screen.getByText('使用新地址')))
    expect((screen.getByPlaceholderText('收货人姓名') as HTMLInputElement).value).toBe('')
    expect(screen.getByText('从地址簿选择')).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText('收货人姓名'), { target: { value: '李四' } })
    fireEvent.input(screen.getByPlaceholderText('11 位手机号'), { target: { value: '13900002222' } })
    await pickRegion('上海市', '上海市', '徐汇区')
    fireEvent.input(screen.getByPlaceholderText('街道、楼栋、门牌号'), { target: { value: '漕溪北路 1 号' } })
    expect(screen.getByRole('checkbox', { name: '保存到地址簿' }).getAttribute('aria-checked')).toBe('true')

    await act(async () => fireEvent.click(submitButton()))
    const typed = { name: '李四', phone: '13900002222', region: '上海市徐汇区', detail: '漕溪北路 1 号' }
    expect(shippedTo()).toEqual([typed])
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([{ requestId: expect.any(String), address: typed }])
    // A full book is said, and the order goes on.
    await act(async () =>
      fakeBackend.settle('member.addAddress').reject(callError('ADDRESS_BOOK_FULL', '地址簿最多保存 20 个地址，请先删除不再使用的地址')),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '地址未保存：地址簿最多保存 20 个地址，请先删除不再使用的地址' }),
    )
  })

  it('does not save a typed address when 保存到地址簿 is unticked, and types into an empty book as before', async () => {
    await openWithBook()
    expect(screen.queryByText('从地址簿选择')).toBeNull()
    fireEvent.input(screen.getByPlaceholderText('收货人姓名'), { target: { value: '李四' } })
    fireEvent.input(screen.getByPlaceholderText('11 位手机号'), { target: { value: '13900002222' } })
    await pickRegion('浙江省', '杭州市', '西湖区')
    fireEvent.input(screen.getByPlaceholderText('街道、楼栋、门牌号'), { target: { value: '文三路 1 号' } })
    fireEvent.click(screen.getByRole('checkbox', { name: '保存到地址簿' }))
    await act(async () => fireEvent.click(submitButton()))
    expect(shippedTo()).toHaveLength(1)
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([])
  })
})
