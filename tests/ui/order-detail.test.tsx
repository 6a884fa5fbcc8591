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
  orderNo: '2026112409000012345',
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

  describe('an after-sale case', () => {
    const shipped: OrderDetailView = {
      ...paid,
      status: 'shipped',
      shippedAt: NOW,
      shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890123' },
      lines: paid.lines.map((line) => ({ ...line, status: 'refunding' })),
      can: { pay: false, cancel: false, confirmReceipt: true, refund: false },
    }
    const returning = {
      id: `${ORDER_ID}R1`,
      orderId: ORDER_ID,
      memberId: 'consumer-v4',
      lines: [{ id: `${ORDER_ID}-1`, amount: 23552 }],
      shipping: 0,
      amount: 23552,
      reason: '商品质量问题：杯口有裂纹',
      status: 'returning' as const,
      createdAt: NOW,
      refundedAt: null,
      kind: 'return' as const,
      photos: ['/media/uploads/0123456789abcdef.jpg'],
      stageAt: NOW,
      review: { outcome: 'approved' as const, by: 'service', at: NOW, reason: null },
      returnAddress: { name: '售后部', phone: '02112345678', region: '上海市 闵行区', detail: '申长路 1 号 仓库' },
      deadline: NOW + 7 * 86_400_000,
      can: { withdraw: true, sendReturn: true },
    }

    it('tells the buyer where the return goes, takes the parcel and shows what the server says next', async () => {
      fakeBackend.order = { ...shipped, refunds: [returning] }
      fakeBackend.answer = (action) => {
        if (action === 'detail') return Promise.resolve(fakeBackend.order)
        if (action === 'sendReturn') {
          const sent = {
            ...returning,
            status: 'returned' as const,
            returnParcel: { carrier: '中通快递', trackingNo: '750000000001', at: NOW },
            can: { withdraw: false, sendReturn: false },
          }
          fakeBackend.order = { ...shipped, refunds: [sent] }
          return Promise.resolve(sent)
        }
        return Promise.reject(new Error(`unexpected ${action}`))
      }
      openOrder()
      const card = await screen.findByRole('group', { name: '退货退款 ¥235.52' })
      expect(card.textContent).toContain('待寄回商品')
      expect(card.textContent).toContain('退货地址：售后部 02112345678 上海市 闵行区 申长路 1 号 仓库')
      expect(screen.getByLabelText('凭证 1')).toBeTruthy()
      fireEvent.click(screen.getByRole('radio', { name: '中通快递' }))
      fireEvent.input(screen.getByPlaceholderText('运单号'), { target: { value: '750000000001' } })
      await act(async () => {
        fireEvent.click(screen.getByText('提交退货物流'))
      })
      expect(fakeBackend.callsTo('sendReturn')).toEqual([{ refundId: returning.id, carrier: '中通快递', trackingNo: '750000000001' }])
      expect(await screen.findByText('待商家收货')).toBeTruthy()
      expect(screen.getByText('退货物流：中通快递 750000000001')).toBeTruthy()
      expect(screen.queryByText('提交退货物流')).toBeNull()
      expect(screen.queryByText('撤销申请')).toBeNull()
    })

    it('shows a rejection with its reason, and withdraws a waiting case only after a red confirm', async () => {
      const rejected = {
        ...returning,
        id: `${ORDER_ID}R1-2`,
        status: 'rejected' as const,
        review: { outcome: 'rejected' as const, by: 'service', at: NOW, reason: '商品已拆封影响二次销售' },
        deadline: null,
        can: { withdraw: false, sendReturn: false },
      }
      const reviewing = {
        ...returning,
        status: 'reviewing' as const,
        kind: 'refund' as const,
        deadline: NOW + 48 * 3_600_000,
        returnAddress: undefined,
        review: undefined,
      }
      fakeBackend.order = { ...shipped, refunds: [rejected, reviewing] }
      fakeBackend.answer = (action) => {
        if (action === 'detail') return Promise.resolve(fakeBackend.order)
        if (action === 'withdrawRefund') return Promise.resolve({ ...reviewing, status: 'cancelled' })
        return Promise.reject(new Error(`unexpected ${action}`))
      }
      const modal = vi.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
      openOrder()
      expect(await screen.findByText('拒绝原因：商品已拆封影响二次销售。如有疑问可联系客服，或重新申请')).toBeTruthy()
      expect(screen.getByText(/超时未处理将自动同意$/)).toBeTruthy()
      await act(async () => {
        fireEvent.click(screen.getByText('撤销申请'))
      })
      expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '撤销售后申请？', confirmColor: '#D9363E' }))
      expect(fakeBackend.callsTo('withdrawRefund')).toEqual([])
      modal.mockResolvedValueOnce({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
      await act(async () => {
        fireEvent.click(screen.getByText('撤销申请'))
      })
      expect(fakeBackend.callsTo('withdrawRefund')).toEqual([{ refundId: reviewing.id }])
    })
  })
})
