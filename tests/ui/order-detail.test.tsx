// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ActionName, FunctionName, OrderDetailView, PaymentRequest, Req } from '../../types/api'
import OrderDetailPage from '../../src/packages/order/detail'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'

/** Test double of the backend boundary: records every call and answers from the order it holds. */
const fakeBackend = {
  calls: [] as { name: string; action: string; data: unknown }[],
  order: null as OrderDetailView | null,
  answer: (_action: string): Promise<unknown> => Promise.reject(new Error('unscripted')),
  callsTo(action: string) {
    return this.calls.filter((call) => call.action === action).map((call) => call.data)
  },
}

vi.mock('../../src/services/call', () => ({
  callFunction: <F extends FunctionName, A extends ActionName<F>>(name: F, action: A, data: Req<F, A>) => {
    fakeBackend.calls.push({ name, action, data })
    return fakeBackend.answer(action)
  },
}))

/** Test double of the pay provider: the buyer completes the payment step. */
const fakePayProvider = { asked: [] as PaymentRequest[] }

vi.mock('../../src/services/payment', () => ({
  payOrder: (payment: PaymentRequest) => {
    fakePayProvider.asked.push(payment)
    return Promise.resolve({ kind: 'paid' })
  },
}))

const ORDER_ID = 'o0123456789abcdef0123456'
const NOW = Date.now()

const unpaid: OrderDetailView = {
  id: ORDER_ID,
  status: 'created',
  lines: [
    {
      id: `${ORDER_ID}-1`,
      lineNo: 1,
      productId: 'p01',
      skuId: 's1',
      title: '明前西湖龙井 特级',
      specs: { 规格: '50g' },
      image: '/media/products/p01-1.jpg',
      unitPrice: 12800,
      memberUnitPrice: 11776,
      quantity: 2,
      goodsAmount: 25600,
      memberDiscount: 2048,
      couponDeduction: 0,
      pointsDeduction: 0,
      paidAmount: 23552,
      refundedAmount: 0,
      status: 'normal',
    },
  ],
  goodsAmount: 25600,
  memberDiscount: 2048,
  couponId: null,
  couponDiscount: 0,
  pointsUsed: 0,
  pointsDeduction: 0,
  shipping: 0,
  payable: 23552,
  refundedAmount: 0,
  address: { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号' },
  remark: '',
  createdAt: NOW - 60_000,
  payDeadline: NOW + 14 * 60_000,
  paidAt: null,
  shippedAt: null,
  receivedAt: null,
  completedAt: null,
  cancelledAt: null,
  closedAt: null,
  cancelReason: null,
  shipment: null,
  can: { pay: true, cancel: true, confirmReceipt: false, refund: false },
  refunds: [],
  timeline: [{ at: NOW - 60_000, label: '订单已提交' }],
}

const paid: OrderDetailView = {
  ...unpaid,
  status: 'paid',
  paidAt: NOW,
  can: { pay: false, cancel: false, confirmReceipt: false, refund: true },
  timeline: [...unpaid.timeline, { at: NOW, label: '支付成功' }],
}

function openOrder(params: Record<string, string> = {}) {
  Current.router = {
    params: { orderId: ORDER_ID, ...params },
    path: '/packages/order/detail/index',
    $taroPath: 'order-detail-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<OrderDetailPage />)
}

const status = () => document.querySelector('.order-detail__status')?.textContent

beforeEach(() => {
  fakeBackend.calls = []
  fakePayProvider.asked = []
  fakeBackend.order = unpaid
  fakeBackend.answer = (action) => {
    if (action === 'detail') return Promise.resolve(fakeBackend.order)
    if (action === 'pay') return Promise.resolve({ provider: 'local', orderId: ORDER_ID, amount: 23552 })
    return Promise.reject(new Error(`unexpected ${action}`))
  }
  useSession.setState({
    token: 'member-token',
    member: { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'ZAJGQTKH' },
  })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

describe('order detail', () => {
  it('shows an unpaid order with the time left to pay and only the actions the server allows', async () => {
    openOrder()
    expect(await screen.findByText('待付款')).toBeTruthy()
    expect(document.querySelector('.order-detail__note')?.textContent).toMatch(/^剩余 1[34]:\d\d，超时订单将自动取消$/)
    expect(screen.getByText('取消订单')).toBeTruthy()
    expect(screen.getByText(/^去支付 1[34]:\d\d$/)).toBeTruthy()
    expect(screen.queryByText('申请退款')).toBeNull()
    expect(screen.queryByText('确认收货')).toBeNull()
    expect(screen.getByText('应付 ¥235.52')).toBeTruthy()
    expect(screen.getByText('订单已提交')).toBeTruthy()
  })

  it('pays through the provider, then shows what the server says about the order', async () => {
    openOrder()
    await screen.findByText('待付款')
    // The provider's callback reached the server: the next read says paid.
    fakeBackend.order = paid
    await act(async () => {
      fireEvent.click(screen.getByText(/^去支付/))
    })

    expect(fakeBackend.callsTo('pay')).toEqual([{ orderId: ORDER_ID }])
    expect(fakePayProvider.asked).toEqual([{ provider: 'local', orderId: ORDER_ID, amount: 23552 }])
    expect(await screen.findByText('待发货')).toBeTruthy()
    expect(screen.getByText('已支付，商家正在备货')).toBeTruthy()
    expect(screen.getByText('申请退款')).toBeTruthy()
    expect(fakeBackend.callsTo('detail')).toHaveLength(2)
  })

  it('right after paying, waits for the server to confirm instead of assuming the order is paid', async () => {
    openOrder({ paid: '1' })
    expect(await screen.findByText('正在确认支付结果…')).toBeTruthy()
    expect(status()).toBe('待付款')

    fakeBackend.order = paid
    expect(await screen.findByText('待发货', {}, { timeout: 4000 })).toBeTruthy()
    expect(fakeBackend.callsTo('detail').length).toBeGreaterThanOrEqual(2)
  })

  it('explains a refusal and reloads the order', async () => {
    openOrder()
    await screen.findByText('待付款')
    fakeBackend.answer = (action) =>
      action === 'pay' ? Promise.reject(callError('ORDER_STATE', '订单已不能支付')) : Promise.resolve(fakeBackend.order)
    fakeBackend.order = {
      ...unpaid,
      status: 'cancelled',
      cancelledAt: NOW,
      cancelReason: '超时未支付',
      can: { pay: false, cancel: false, confirmReceipt: false, refund: false },
    }
    await act(async () => {
      fireEvent.click(screen.getByText(/^去支付/))
    })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '订单已不能支付' }))
    expect(await screen.findByText('已取消')).toBeTruthy()
    expect(screen.getByText('订单已取消：超时未支付')).toBeTruthy()
    expect(screen.queryByText(/^去支付/)).toBeNull()
  })

  it('shows the coupon discount in the amounts when the order used one', async () => {
    fakeBackend.order = { ...unpaid, couponId: 'rd0000000000000000000010', couponDiscount: 1000, payable: 22552 }
    openOrder()
    await screen.findByText('待付款')
    const amounts = document.querySelector('.amount-list')?.textContent
    expect(amounts).toContain('会员优惠-¥20.48优惠券-¥10.00')
    expect(amounts).toContain('应付款¥225.52')
  })

  it('leaves the coupon line out when the order used none', async () => {
    openOrder()
    await screen.findByText('待付款')
    expect(document.querySelector('.amount-list')?.textContent).not.toContain('优惠券')
  })
})
