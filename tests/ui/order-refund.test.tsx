// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { OrderDetailView } from '../../types/api'
import RefundPage from '../../src/packages/order/refund'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** TEST DOUBLE of the platform upload (`src/services/upload`): each upload waits for the test to finish it. */
const uploads = vi.hoisted(() => ({ started: [] as { path: string; resolve: (ref: string) => void }[] }))
vi.mock('../../src/services/upload', () => ({
  uploadImage: (path: string) => new Promise<string>((resolve) => uploads.started.push({ path, resolve })),
}))

const ORDER_ID = 'o0123456789abcdef0123456'
const NOW = Date.now()
const line = {
  id: `${ORDER_ID}-1`,
  lineNo: 1,
  productId: 'p01',
  skuId: 's1',
  title: '明前西湖龙井 特级',
  specs: { 规格: '50g' },
  image: '/media/products/p01-1.jpg',
  unitPrice: 12800,
  memberUnitPrice: 12800,
  quantity: 1,
  goodsAmount: 12800,
  memberDiscount: 0,
  couponDeduction: 0,
  pointsDeduction: 0,
  paidAmount: 12800,
  refundedAmount: 0,
  status: 'normal' as const,
}
const paid: OrderDetailView = {
  id: ORDER_ID,
  orderNo: '2026112409000012345',
  status: 'paid',
  lines: [line],
  goodsAmount: 12800,
  memberDiscount: 0,
  couponId: null,
  couponDiscount: 0,
  pointsUsed: 0,
  pointsDeduction: 0,
  shipping: 0,
  payable: 12800,
  refundedAmount: 0,
  address: { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号' },
  remark: '',
  createdAt: NOW - 60_000,
  payDeadline: NOW + 14 * 60_000,
  paidAt: NOW,
  shippedAt: null,
  receivedAt: null,
  completedAt: null,
  cancelledAt: null,
  closedAt: null,
  cancelReason: null,
  shipment: null,
  can: { pay: false, cancel: false, confirmReceipt: false, refund: true },
  refunds: [],
  timeline: [],
}
const shipped: OrderDetailView = {
  ...paid,
  status: 'shipped',
  shippedAt: NOW,
  shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890123' },
}

signedInPageTests({ id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'ZAJGQTKH' })

async function openRefund(order: OrderDetailView) {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
  uploads.started = []
  Current.router = {
    params: { orderId: ORDER_ID },
    path: '/packages/order/refund/index',
    $taroPath: 'refund-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<RefundPage />)
  await act(async () => fakeBackend.settle('order.detail').resolve(order))
}

const toasts = () => vi.mocked(Taro.showToast).mock.calls.map(([options]) => options?.title)

describe('asking for a refund', () => {
  it('before shipment offers no 退货退款: the money simply comes back', async () => {
    await openRefund(paid)
    expect(screen.queryByRole('radiogroup', { name: '售后类型' })).toBeNull()
    fireEvent.click(screen.getByText('不想要了'))
    await act(async () => {
      fireEvent.click(screen.getByText('提交退款申请'))
    })
    expect(fakeBackend.callsTo('order.requestRefund')).toEqual([{ orderId: ORDER_ID, lineIds: [line.id], reason: '不想要了' }])
  })

  it('after shipment asks 仅退款 or 退货退款, takes photos as evidence and says the shop will review it', async () => {
    await openRefund(shipped)
    const kinds = screen.getByRole('radiogroup', { name: '售后类型' })
    expect(kinds.textContent).toContain('仅退款')
    fireEvent.click(screen.getByRole('radio', { name: /退货退款/ }))
    expect(screen.getByRole('radio', { name: /退货退款/ }).getAttribute('aria-checked')).toBe('true')
    fireEvent.click(screen.getByText('商品质量问题'))
    expect(screen.getByText('商品已发出，申请提交后由商家审核，48 小时内未处理将自动同意')).toBeTruthy()

    vi.spyOn(Taro, 'chooseImage').mockResolvedValueOnce({ tempFilePaths: ['blob:crack'], tempFiles: [], errMsg: 'chooseImage:ok' })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加图片' }))
    })
    // Still uploading: the request waits for it.
    await act(async () => {
      fireEvent.click(screen.getByText('提交退款申请'))
    })
    expect(toasts()).toContain('图片还在上传，请稍候')
    expect(fakeBackend.callsTo('order.requestRefund')).toEqual([])
    await act(async () => uploads.started[0].resolve('/media/uploads/0123456789abcdef.jpg'))

    await act(async () => {
      fireEvent.click(screen.getByText('提交退款申请'))
    })
    expect(fakeBackend.callsTo('order.requestRefund')).toEqual([
      { orderId: ORDER_ID, lineIds: [line.id], reason: '商品质量问题', kind: 'return', photos: ['/media/uploads/0123456789abcdef.jpg'] },
    ])
    await act(async () => fakeBackend.settle('order.requestRefund').resolve({ ...shipped, refunds: [] }))
    expect(toasts()).toContain('已提交，等待商家审核')
  })
})
