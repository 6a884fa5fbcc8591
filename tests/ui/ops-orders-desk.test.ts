// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { createElement } from 'react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { StaffOrderView } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
import { fakeBackend, signedInPageTests } from './fake-backend'
import { searchFor } from '../../src/packages/ops/console/OrdersTab'
import { parseShipRows } from '../../src/packages/ops/console/shipRows'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** TEST DOUBLE of the platform file picker (`src/services/pickTextFile`): the staff member picks this file. */
const picker = vi.hoisted(() => ({ file: null as { name: string; text: string } | null }))
vi.mock('../../src/services/pickTextFile', () => ({ pickTextFile: () => Promise.resolve(picker.file) }))

describe('the 订单 search box', () => {
  it('reads an order number, the last four digits of a phone, or a member id', () => {
    expect(searchFor('2026120214305512345')).toEqual({ orderId: '2026120214305512345' })
    expect(searchFor('o0123456789abcdef0123456')).toEqual({ orderId: 'o0123456789abcdef0123456' })
    expect(searchFor('4321')).toEqual({ phoneTail: '4321' })
    expect(searchFor('consumer-v4')).toEqual({ memberId: 'consumer-v4' })
    expect(searchFor(null)).toEqual({})
  })
})

describe('batch shipping rows', () => {
  it('reads pasted or saved sheet rows, quoted or not, skipping the header and blank lines', () => {
    const text =
      '"订单编号","快递公司","运单号"\r\n"2026120214305512345","顺丰速运","SF123456789012"\r\n\r\n2026120214305567890\t中通快递\t750123456780\n'
    expect(parseShipRows(text)).toEqual([
      { orderId: '2026120214305512345', carrier: '顺丰速运', trackingNo: 'SF123456789012' },
      { orderId: '2026120214305567890', carrier: '中通快递', trackingNo: '750123456780' },
    ])
  })

  it('keeps a row it cannot read whole, for the server to answer with its reason', () => {
    expect(parseShipRows('nope,飞鸽快递')).toEqual([{ orderId: 'nope', carrier: '飞鸽快递', trackingNo: '' }])
  })
})

describe('batch shipping from a file', () => {
  signedInPageTests({ id: 'service', nickname: '客服小禾', avatar: '', tier: 1, roles: ['operator', 'service'], shareCode: 'SERVICE2' })

  it('reads a picked CSV into the rows, says how many, and ships them as read', async () => {
    vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    picker.file = { name: '今日发货.csv', text: '订单编号,快递公司,运单号\n2026120214305512345,顺丰速运,SF123456789012\n' }
    render(createElement(OpsConsolePage))
    await act(async () => fakeBackend.settle('order.staffList').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }))
    // Taro's web textarea draws its own <textarea> a moment after mounting; the file's text goes there.
    const textarea = await waitFor(() => {
      const found = screen.getAllByPlaceholderText('订单号,快递公司,运单号').find((el) => el.tagName === 'TEXTAREA')
      if (!found) throw new Error('the textarea is not drawn yet')
      return found
    })
    await act(async () => void fireEvent.click(screen.getByText('从 CSV 文件导入')))
    await waitFor(() => expect((textarea as HTMLTextAreaElement).value).toContain('2026120214305512345,顺丰速运'))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已读入 今日发货.csv：1 行' }))
    await act(async () => void fireEvent.click(screen.getByText('提交发货')))
    await waitFor(() =>
      expect(fakeBackend.callsTo('order.shipBatch')).toEqual([
        { rows: [{ orderId: '2026120214305512345', carrier: '顺丰速运', trackingNo: 'SF123456789012' }] },
      ]),
    )
  })
})

describe('the console at a desk (≥ 1024 px) and on a phone', () => {
  signedInPageTests({ id: 'service', nickname: '客服小禾', avatar: '', tier: 1, roles: ['operator', 'service'], shareCode: 'SERVICE2' })

  const waiting = {
    id: 'o0123456789abcdef0123456',
    orderNo: '2026112409000012345',
    status: 'paid',
    lines: [{ id: 'o0123456789abcdef0123456-1', title: '明前西湖龙井 特级', specs: { 规格: '50g罐装' }, quantity: 2 }],
    payable: 25600,
    address: { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' },
    remark: '',
    paidAt: Date.parse('2026-11-24T09:01:00+08:00'),
    shipment: null,
    buyer: { memberId: 'consumer-v4', nickname: '林间听茶' },
  } as unknown as StaffOrderView

  async function openAt(width: number) {
    vi.spyOn(Taro, 'getWindowInfo').mockReturnValue({ windowWidth: width } as ReturnType<typeof Taro.getWindowInfo>)
    render(createElement(OpsConsolePage))
    await act(async () =>
      fakeBackend.settle('order.staffList').resolve({ items: [waiting], page: 1, pageSize: 10, total: 1, hasMore: false }),
    )
  }

  it('at a desk: the sections down the side, and the orders as a table with the shipping form in the row', async () => {
    await openAt(1280)
    const sections = screen.getByRole('tablist', { name: '后台栏目' })
    expect(sections.getAttribute('aria-orientation')).toBe('vertical')
    expect(
      within(sections)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['订单', '售后', '会员', '兑换', '审核', '分销'])
    const table = screen.getByRole('table')
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['订单号', '商品', '买家', '收货信息', '状态 / 发货'])
    const row = within(table).getByRole('row', { name: '订单 2026112409000012345' })
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)[1],
    ).toBe('明前西湖龙井 特级 50g罐装 × 2')
    fireEvent.click(within(row).getByRole('radio', { name: '中通快递' }))
    fireEvent.input(within(row).getByPlaceholderText('运单号'), { target: { value: '750123456780' } })
    await act(async () => void fireEvent.click(within(row).getByText('发货')))
    expect(fakeBackend.callsTo('order.ship')).toEqual([{ orderId: waiting.id, carrier: '中通快递', trackingNo: '750123456780' }])
  })

  it('on a phone: the sections across the top, and the orders as cards', async () => {
    await openAt(390)
    expect(screen.getByRole('tablist', { name: '后台栏目' }).getAttribute('aria-orientation')).toBe('horizontal')
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByText('订单 2026112409000012345')).toBeTruthy()
  })
})
