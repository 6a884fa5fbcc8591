// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, Page, StaffCaseView } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
import { callError } from '../../src/services/errors'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const service: MemberView = {
  id: 'service',
  nickname: '客服小禾',
  avatar: '',
  tier: 1,
  roles: ['operator', 'service'],
  shareCode: 'SERVICE2',
}
const ORDER_ID = 'o0123456789abcdef0123456'
const AT = Date.parse('2026-11-24T09:00:00+08:00')

const cracked: StaffCaseView = {
  id: `${ORDER_ID}R1`,
  orderId: ORDER_ID,
  memberId: 'consumer-v4',
  lines: [{ id: `${ORDER_ID}-1`, amount: 12800 }],
  shipping: 0,
  amount: 12800,
  reason: '商品质量问题：杯口有裂纹',
  status: 'reviewing',
  createdAt: AT,
  refundedAt: null,
  kind: 'return',
  photos: ['/media/uploads/0123456789abcdef.jpg'],
  stageAt: AT,
  deadline: AT + 48 * 3_600_000,
  can: { withdraw: true, sendReturn: false },
  buyer: { memberId: 'consumer-v4', nickname: '老会员' },
  order: {
    id: ORDER_ID,
    orderNo: '2026112409000012345',
    status: 'shipped',
    paidAt: AT - 86_400_000,
    shipment: { carrier: '顺丰速运', trackingNo: 'SF1234567890123' },
  },
  goods: [{ lineId: `${ORDER_ID}-1`, title: '山野茶集 玻璃随手杯', specs: { 颜色: '透明' }, image: '', quantity: 1, amount: 12800 }],
}
const page = (items: StaffCaseView[]): Page<StaffCaseView> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore: false })
const modal = (confirm: boolean) => vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
const tap = (element: Element) => act(async () => void fireEvent.click(element))

signedInPageTests(service)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

async function openAfterSale(cases: StaffCaseView[]) {
  render(<OpsConsolePage />)
  // A 客服 lands on 订单; 售后 is the next tab.
  await act(async () => fakeBackend.settle('order.staffList').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }))
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '售后' }))
  expect(fakeBackend.callsTo('order.refundCases')).toEqual([{ tab: 'reviewing', page: 1, pageSize: 10 }])
  await act(async () => fakeBackend.settle('order.refundCases').resolve(page(cases)))
}

describe('售后', () => {
  it('shows what the buyer asked for by product name, with their photos and when the timer decides', async () => {
    await openAfterSale([cracked])
    const card = screen.getByRole('group', { name: '老会员 的退货退款' })
    expect(card.textContent).toContain('山野茶集 玻璃随手杯（透明） ×1')
    expect(card.textContent).toContain('原因：商品质量问题：杯口有裂纹')
    expect(card.textContent).toContain('自动同意：2026-11-26 09:00')
    expect(within(card).getByLabelText('凭证 1')).toBeTruthy()
    expect(card.textContent).not.toContain('p01')
    expect(card.textContent).toContain('订单 2026112409000012345')
    expect(card.textContent).not.toContain(ORDER_ID)
  })

  it('approves after confirming and shows the stage the server answers', async () => {
    await openAfterSale([cracked])
    const ask = modal(true)
    await tap(screen.getByText('同意'))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '同意退货退款？', content: '买家将按退货地址寄回商品' }))
    expect(fakeBackend.callsTo('order.approveRefund')).toEqual([{ refundId: cracked.id }])
    await act(async () =>
      fakeBackend.settle('order.approveRefund').resolve({ ...cracked, status: 'returning', deadline: AT + 7 * 86_400_000 }),
    )
    const card = screen.getByRole('group', { name: '老会员 的退货退款' })
    expect(within(card).getByText('待买家寄回')).toBeTruthy()
    expect(within(card).queryByText('同意')).toBeNull()
  })

  it('rejects only with a reason the buyer will read, behind a red confirmation', async () => {
    await openAfterSale([cracked])
    await tap(screen.getByText('拒绝'))
    await tap(screen.getByText('确认拒绝'))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请写明拒绝原因（买家可见）' }))
    fireEvent.input(screen.getByPlaceholderText('拒绝原因（买家可见）'), { target: { value: '  商品已拆封影响二次销售 ' } })
    const ask = modal(true)
    await tap(screen.getByText('确认拒绝'))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ confirmColor: '#D9363E', content: '买家将看到：商品已拆封影响二次销售' }))
    expect(fakeBackend.callsTo('order.rejectRefund')).toEqual([{ refundId: cracked.id, reason: '商品已拆封影响二次销售' }])
  })

  it('confirms returned goods, and says so when another 客服 decided first', async () => {
    const back = { ...cracked, status: 'returned' as const, returnParcel: { carrier: '中通快递', trackingNo: '750000000001', at: AT } }
    await openAfterSale([])
    expect(screen.getByText('这一栏没有售后申请')).toBeTruthy()
    fireEvent.click(screen.getByRole('tab', { name: '待确认收货' }))
    await act(async () => fakeBackend.settle('order.refundCases').resolve(page([back])))
    expect(screen.getByText('退货物流：中通快递 750000000001')).toBeTruthy()
    modal(true)
    await tap(screen.getByText('确认收到退货'))
    expect(fakeBackend.callsTo('order.confirmReturn')).toEqual([{ refundId: cracked.id }])
    await act(async () =>
      fakeBackend.settle('order.confirmReturn').reject(callError('REFUND_STATE', '售后申请当前状态（退款中）不能执行此操作')),
    )
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '售后申请当前状态（退款中）不能执行此操作' }),
    )
  })
})
