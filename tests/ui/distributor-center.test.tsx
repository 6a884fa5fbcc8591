// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { AttributedOrderView, CommissionLineView, DistributorDashboard, DistributorStatusView, Page } from '../../types/api'
import DistributorCenterPage from '../../src/packages/distributor/center'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = {
  id: 'koc-1',
  nickname: '山野小筑',
  avatar: '',
  tier: 3 as const,
  roles: ['consumer' as const, 'distributor' as const],
  shareCode: 'KOC7F3A1',
}

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const rules = { version: '2025-11', sections: [{ title: '加入', lines: ['申请免费，年满 18 周岁即可申请。'] }] }

const statusView = (status: DistributorStatusView['status'], extra: Partial<DistributorStatusView> = {}): DistributorStatusView => ({
  status,
  code: status === 'approved' || status === 'frozen' ? 'KOC7F3A1' : null,
  appliedAt: status === null ? null : shanghai('2025-11-20T09:30:00'),
  decidedAt: null,
  note: '',
  autoApprove: false,
  rules,
  ...extra,
})

/** 30 Shanghai days ending 2025-11-24; commission on three of them. */
const series: DistributorDashboard['series'] = Array.from({ length: 30 }, (_, index) => {
  const day = new Date(Date.UTC(2025, 9, 26 + index)).toISOString().slice(0, 10)
  const amount = index === 29 ? 1000 : index === 22 ? 2000 : index === 15 ? 500 : 0
  return { day, amount }
})

const dashboard: DistributorDashboard = {
  code: 'KOC7F3A1',
  status: 'approved',
  pending: 1280,
  frozen: 2560,
  available: 15000,
  processing: 5000,
  withdrawn: 32000,
  debt: 0,
  month: { commission: 3500, orders: 4, withdrawn: 10000 },
  series,
  withdraw: { min: 1000, dailyCap: 500000, leftToday: 500000 },
  rates: { defaultBps: 1000, capBps: 3000 },
}

const order: AttributedOrderView = {
  orderId: 'o-1',
  buyer: '顾客·7F3A',
  paidAt: shanghai('2025-11-22T20:15:00'),
  lines: [
    { title: '明前龙井 250g', image: '/media/products/p01-1.jpg', quantity: 2, base: 35600, commission: 3560, status: 'frozen' },
    { title: '玻璃品茗杯', image: '/media/products/p02-1.jpg', quantity: 1, base: 0, commission: 0, status: 'void' },
  ],
  commission: 3560,
}

const line = (over: Partial<CommissionLineView>): CommissionLineView => ({
  id: 'cm-l1',
  orderId: 'o-1',
  orderLineId: 'l1',
  productId: 'p01',
  title: '明前龙井 250g',
  image: '/media/products/p01-1.jpg',
  quantity: 2,
  paidAmount: 35600,
  refundedAmount: 0,
  bps: 1000,
  capped: false,
  amount: 3560,
  status: 'frozen',
  createdAt: shanghai('2025-11-22T20:15:00'),
  frozenAt: shanghai('2025-11-23T10:00:00'),
  availableAt: shanghai('2025-11-30T10:00:00'),
  settledAt: null,
  voidedAt: null,
  clawedBack: 0,
  buyer: '顾客·7F3A',
  ...over,
})

const page = <T,>(items: T[], hasMore = false): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })

const FORBIDDEN = ['赚', '月入', '收益翻倍', '躺赚', '邀请', '团队', '下级', '上级', '拉人', '发展']

signedInPageTests(member)

async function openCenter(view: DistributorStatusView) {
  render(<DistributorCenterPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('distribution.status')).toEqual([{}])
  await act(async () => fakeBackend.settle('distribution.status').resolve(view))
}

async function openDashboard(answer: DistributorDashboard = dashboard, view = statusView('approved')) {
  await openCenter(view)
  expect(fakeBackend.callsTo('distribution.dashboard')).toEqual([{}])
  await act(async () => fakeBackend.settle('distribution.dashboard').resolve(answer))
}

const balances = () =>
  Object.fromEntries(
    Array.from(document.querySelectorAll('.dist-balance')).map((card) => [
      card.querySelector('.dist-balance__label')?.textContent,
      card.querySelector('.dist-balance__amount')?.textContent,
    ]),
  )
const bars = () => Array.from(document.querySelectorAll('.day-bars__bar')) as HTMLElement[]
const withdrawButton = () => document.querySelector('.dist-withdraw-bar__button') as HTMLElement
const pageText = () => document.body.textContent ?? ''

describe('distributor center: before approval', () => {
  it('explains distribution to a member who never applied and leads to the apply page', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openCenter(statusView(null))
    expect(screen.getByText('申请免费，无需购买任何商品或缴纳任何费用。')).toBeTruthy()
    expect(screen.getByText('只有年满 18 周岁的会员可以申请。')).toBeTruthy()
    expect(screen.getByText(/佣金只归属于你一人，不向其他任何人分配/)).toBeTruthy()
    expect(screen.getByText(/注册、成为分销员或分享本身都不产生佣金/)).toBeTruthy()
    for (const word of FORBIDDEN) expect(pageText()).not.toContain(word)
    expect(fakeBackend.callsTo('distribution.dashboard')).toEqual([])

    fireEvent.click(screen.getByText('免费申请成为分销员'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/distributor/apply/index' })
  })

  it('shows why an application was rejected and offers to apply again', async () => {
    await openCenter(statusView('rejected', { note: '请使用本人微信申请' }))
    expect(screen.getByText('上次申请未通过：请使用本人微信申请。你可以确认条件后重新申请。')).toBeTruthy()
    expect(screen.getByText('重新申请')).toBeTruthy()
  })

  it('says an application is under review, with when it was sent, and offers nothing to apply', async () => {
    await openCenter(statusView('pending'))
    expect(screen.getByText('审核中')).toBeTruthy()
    expect(screen.getByText('你于 2025-11-20 09:30 提交了申请，审核结果会显示在这里，请耐心等待。')).toBeTruthy()
    expect(screen.queryByText('免费申请成为分销员')).toBeNull()
    expect(fakeBackend.callsTo('distribution.dashboard')).toEqual([])
  })

  it('asks a visitor to sign in without asking the server', () => {
    useSession.setState({ token: null, member: null })
    render(<DistributorCenterPage />)
    expect(screen.getByText('登录后进入分销中心')).toBeTruthy()
    expect(fakeBackend.callsTo('distribution.status')).toEqual([])
  })
})

describe('distributor center: approved', () => {
  it('shows the code and where every fen stands; no 待抵扣 card without a debt', async () => {
    await openDashboard()
    expect(document.querySelector('.dist-code__value')?.textContent).toBe('KOC7F3A1')
    expect(screen.getByText('我的推广码')).toBeTruthy()
    expect(balances()).toEqual({
      待结算: '¥12.80',
      冻结中: '¥25.60',
      可提现: '¥150.00',
      提现中: '¥50.00',
      已提现: '¥320.00',
    })
    const month = Array.from(document.querySelectorAll('.dist-month__figure')).map((figure) => figure.textContent)
    expect(month).toEqual(['¥35.00本月佣金', '4推广订单', '¥100.00本月已提现'])
    expect(screen.getByText(/佣金比例默认为商品实付金额的 10%，部分商品另有比例；单笔佣金不超过实付金额的 30%/)).toBeTruthy()
    for (const word of FORBIDDEN) expect(pageText()).not.toContain(word)
  })

  it('shows a debt left by a refund after payout as 待抵扣 and explains it', async () => {
    await openDashboard({ ...dashboard, debt: 880 })
    expect(balances().待抵扣).toBe('¥8.80')
    expect(screen.getByText(/余额不足的部分记为待抵扣/)).toBeTruthy()
  })

  it('draws 30 days of commission as bars relative to the best day, labels every 7th day and shows the tapped day', async () => {
    await openDashboard()
    const heights = bars().map((bar) => bar.style.height)
    expect(heights).toHaveLength(30)
    expect(heights[22]).toBe('100%')
    expect(heights[29]).toBe('50%')
    expect(heights[15]).toBe('25%')
    expect(heights.filter((height) => height === '0%')).toHaveLength(27)
    const labels = Array.from(document.querySelectorAll('.day-bars__label'))
      .map((label) => label.textContent)
      .filter(Boolean)
    expect(labels).toEqual(['10-27', '11-03', '11-10', '11-17', '11-24'])
    expect(document.querySelector('.dist-chart__total')?.textContent).toBe('合计 ¥35.00')

    // The best day is shown first; a tap shows another.
    expect(document.querySelector('.day-bars__focus')?.textContent).toBe('11-17 单日最高¥20.00')
    fireEvent.click(document.querySelectorAll('.day-bars__column')[29])
    expect(document.querySelector('.day-bars__focus')?.textContent).toBe('11-24¥10.00')
    expect(document.querySelectorAll('.day-bars__column')[29].className).toContain('day-bars__column--active')
  })

  it('draws flat bars and says so when nothing was earned', async () => {
    await openDashboard({ ...dashboard, series: series.map((point) => ({ ...point, amount: 0 })) })
    expect(bars().every((bar) => bar.style.height === '0%')).toBe(true)
    expect(screen.getByText(/近 30 天还没有佣金/)).toBeTruthy()
  })

  it('leads to withdrawing and to the withdrawal records', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openDashboard()
    expect(withdrawButton().className).not.toContain('nut-button-disabled')
    expect(screen.getByText('单次不少于 ¥10.00，今日还可提现 ¥5000.00')).toBeTruthy()
    fireEvent.click(withdrawButton())
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/distributor/withdraw/index' })
    fireEvent.click(screen.getByText('提现记录'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/distributor/withdrawals/index' })
  })

  it('keeps 提现 off, saying why, while the available balance is under the minimum', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openDashboard({ ...dashboard, available: 999 })
    expect(withdrawButton().className).toContain('nut-button-disabled')
    expect(screen.getByText('可提现满 ¥10.00 后可申请提现')).toBeTruthy()
    fireEvent.click(withdrawButton())
    expect(navigate).not.toHaveBeenCalledWith({ url: '/packages/distributor/withdraw/index' })
  })

  it('lists attributed orders with the buyer masked, the paid time and each line', async () => {
    await openDashboard()
    expect(fakeBackend.callsTo('distribution.orders')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () => fakeBackend.settle('distribution.orders').resolve(page([order])))
    const card = document.querySelector('.dist-order') as HTMLElement
    expect(card.querySelector('.dist-order__buyer')?.textContent).toBe('顾客·7F3A')
    expect(card.querySelector('.dist-order__time')?.textContent).toBe('2025-11-22 20:15 付款')
    const rows = Array.from(card.querySelectorAll('.goods-row')).map((row) => ({
      title: row.querySelector('.goods-row__title')?.textContent,
      quantity: row.querySelector('.dist-order__quantity')?.textContent,
      status: row.querySelector('.dist-status')?.textContent,
      base: row.querySelector('.dist-order__base')?.textContent,
      commission: row.querySelector('.dist-order__commission')?.textContent,
    }))
    expect(rows).toEqual([
      { title: '明前龙井 250g', quantity: '×2', status: '冻结中', base: '计佣金额 ¥356.00', commission: '佣金 ¥35.60' },
      { title: '玻璃品茗杯', quantity: '×1', status: '已失效', base: '计佣金额 ¥0.00', commission: '佣金 ¥0.00' },
    ])
    expect(card.querySelector('.dist-order__total-amount')?.textContent).toBe('¥35.60')
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('lists commission lines with base, rate, cap, clawback and when each becomes withdrawable, filtered by status', async () => {
    await openDashboard()
    await act(async () => fakeBackend.settle('distribution.orders').resolve(page([])))
    expect(screen.getByText('还没有推广订单')).toBeTruthy()

    fireEvent.click(screen.getByText('佣金明细'))
    expect(fakeBackend.callsTo('distribution.commissions')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () =>
      fakeBackend.settle('distribution.commissions').resolve(
        page([
          line({}),
          line({ id: 'cm-l2', status: 'pending', frozenAt: null, availableAt: null, bps: 3000, capped: true, amount: 10680 }),
          line({
            id: 'cm-l3',
            status: 'available',
            refundedAmount: 17800,
            amount: 1780,
            settledAt: shanghai('2025-11-15T10:00:00'),
            clawedBack: 1780,
          }),
          line({ id: 'cm-l4', status: 'void', amount: 0, refundedAmount: 35600, voidedAt: shanghai('2025-11-23T08:00:00') }),
        ]),
      ),
    )
    const rows = Array.from(document.querySelectorAll('.dist-commission')).map((row) => ({
      status: row.querySelector('.dist-status')?.textContent,
      base: row.querySelector('.dist-commission__base')?.textContent,
      rate: row.querySelector('.dist-commission__rate')?.textContent,
      amount: row.querySelector('.dist-commission__amount')?.textContent,
      when: row.querySelector('.dist-commission__when')?.textContent,
      clawback: row.querySelector('.dist-commission__clawback')?.textContent ?? null,
    }))
    expect(rows).toEqual([
      {
        status: '冻结中',
        base: '计佣金额 ¥356.00',
        rate: '比例 10%',
        amount: '佣金 ¥35.60',
        when: '预计 2025-11-30 10:00 可提现（售后期结束后）',
        clawback: null,
      },
      {
        status: '待结算',
        base: '计佣金额 ¥356.00',
        rate: '比例 30%（已按上限 30% 计）',
        amount: '佣金 ¥106.80',
        when: '顾客确认收货并过 7 天售后期后可提现',
        clawback: null,
      },
      {
        status: '可提现',
        base: '计佣金额 ¥178.00（已扣除退款 ¥178.00）',
        rate: '比例 10%',
        amount: '佣金 ¥17.80',
        when: '2025-11-15 10:00 已转为可提现',
        clawback: '已追回 ¥17.80（可提现后发生退款）',
      },
      {
        status: '已失效',
        base: '计佣金额 ¥0.00（已扣除退款 ¥356.00）',
        rate: '比例 10%',
        amount: '佣金 ¥0.00',
        when: '2025-11-23 08:00 因退款失效',
        clawback: null,
      },
    ])
    expect(document.querySelector('.dist-commission__meta')?.textContent).toBe('顾客·7F3A · 2025-11-22 20:15 付款')

    fireEvent.click(screen.getByText('已失效', { selector: '.dist-chips__chip' }))
    expect(fakeBackend.callsTo('distribution.commissions')).toEqual([
      { page: 1, pageSize: 10 },
      { page: 1, pageSize: 10, status: 'void' },
    ])
    await act(async () => fakeBackend.settle('distribution.commissions').resolve(page([])))
    expect(screen.getByText('没有已失效的佣金')).toBeTruthy()
  })
})

describe('distributor center: frozen', () => {
  it('shows why the account is frozen, keeps the figures and turns withdrawing off', async () => {
    await openDashboard({ ...dashboard, status: 'frozen' }, statusView('frozen', { note: '推广内容违反平台规范' }))
    expect(screen.getByText(/分销账户已冻结：推广内容违反平台规范。冻结期间不产生新的推广佣金，也不能提现/)).toBeTruthy()
    expect(balances().可提现).toBe('¥150.00')
    expect(withdrawButton().className).toContain('nut-button-disabled')
    expect(screen.getByText('账户冻结期间不能提现')).toBeTruthy()
  })
})
