// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { CheckInStatus, Page, PointsBalance } from '../../types/api'
import type { LedgerEntry, PointsLot } from '../../types/domain'
import PointsCenterPage from '../../src/packages/points/center'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const balance: PointsBalance = {
  available: 1280,
  pending: 360,
  debt: 0,
  expiringSoon: { points: 120, firstAt: shanghai('2025-11-30T23:59:59.999') },
  pendingItems: [{ id: 'accrue:l9', source: 'purchase', ref: 'o9', amount: 360, grantedAt: shanghai('2025-11-22T10:00:00') }],
}

type Entry = Omit<LedgerEntry, 'memberId'>
const entry = (id: string, kind: Entry['kind'], source: Entry['source'], delta: number, note: string, at: string): Entry => ({
  id,
  kind,
  source,
  ref: id,
  delta,
  at: shanghai(at),
  note,
})

const ledger: Page<Entry> = {
  items: [
    entry('checkin:m:20251124', 'grant', 'checkin', 12, '签到第 3 天', '2025-11-24T09:05:00'),
    entry('spend:o1', 'spend', 'order_spend', -300, '订单抵扣 ¥3.00', '2025-11-20T20:30:00'),
    entry('expire:l1', 'expire', 'checkin', -20, '', '2025-11-01T00:10:00'),
  ],
  page: 1,
  pageSize: 20,
  total: 3,
  hasMore: false,
}

const checkInStatus: CheckInStatus = {
  today: '2025-11-24',
  checkedInToday: false,
  streak: 2,
  todayPoints: 12,
  todayBreakdown: { streak: 12, bonus: null },
  week: [],
  bonusTable: [9, 9, 12, 12, 18, 18, 27],
}

const rules = { sections: [{ title: '有效期', lines: ['每笔积分自到账起，有效期至第 12 个月的月底（北京时间），先到期的积分先使用。'] }] }

type Lot = Omit<PointsLot, 'memberId'>
const lots: Lot[] = [
  {
    id: 'checkin:m:20241121',
    source: 'checkin',
    ref: '2024-11-21',
    amount: 9,
    remaining: 4,
    grantedAt: shanghai('2024-11-21T08:00:00'),
    expiresAt: shanghai('2025-11-30T23:59:59.999'),
    status: 'available',
  },
  {
    id: 'accrue:l9',
    source: 'purchase',
    ref: 'o9',
    amount: 360,
    remaining: 360,
    grantedAt: shanghai('2025-11-22T10:00:00'),
    expiresAt: shanghai('2026-11-30T23:59:59.999'),
    status: 'pending',
  },
]

signedInPageTests(member)

async function openPointsCenter(answer: PointsBalance = balance) {
  render(<PointsCenterPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('points.ledger')).toEqual([{ page: 1, pageSize: 20 }])
  await act(async () => {
    fakeBackend.settle('points.balance').resolve(answer)
    fakeBackend.settle('points.ledger').resolve(ledger)
  })
  await act(async () => {
    fakeBackend.settle('points.checkInStatus').resolve(checkInStatus)
    fakeBackend.settle('points.rules').resolve(rules)
  })
}

describe('points center', () => {
  it('shows the balance, what is pending and what expires within 30 days with its first date', async () => {
    await openPointsCenter()
    const card = document.querySelector('.points-balance') as HTMLElement
    expect(card.querySelector('.points-balance__available')?.textContent).toBe('1280')
    expect(within(card).getByText('360')).toBeTruthy()
    expect(within(card).getByText('待到账')).toBeTruthy()
    expect(within(card).getByText('120 积分将在 30 天内过期，最早一笔 2025-11-30 到期，请尽快使用。')).toBeTruthy()
    expect(card.querySelector('.points-balance__debt')).toBeNull()
    expect(screen.getByText('今日签到可得 +12 积分，已连续 2 天')).toBeTruthy()
    expect(screen.getByText('每笔积分自到账起，有效期至第 12 个月的月底（北京时间），先到期的积分先使用。')).toBeTruthy()
  })

  it('lists the ledger newest first with kind labels and signed, coloured changes', async () => {
    await openPointsCenter()
    const rows = Array.from(document.querySelectorAll('.points-ledger-row')).map((row) => ({
      kind: row.querySelector('.points-ledger-row__kind')?.textContent,
      note: row.querySelector('.points-ledger-row__note')?.textContent,
      time: row.querySelector('.points-ledger-row__time')?.textContent,
      delta: row.querySelector('.points-ledger-row__delta')?.textContent,
      plus: row.querySelector('.points-ledger-row__delta')?.className.includes('--plus'),
    }))
    expect(rows).toEqual([
      // What is still on its way comes first, as its own kind.
      { kind: '待到账', note: '购物，订单售后期结束后到账', time: '2025-11-22 10:00', delta: '+360', plus: false },
      { kind: '获得', note: '签到第 3 天', time: '2025-11-24 09:05', delta: '+12', plus: true },
      { kind: '使用', note: '订单抵扣 ¥3.00', time: '2025-11-20 20:30', delta: '-300', plus: false },
      { kind: '过期', note: '签到', time: '2025-11-01 00:10', delta: '-20', plus: false },
    ])
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('explains a debt left by a refund', async () => {
    await openPointsCenter({ available: 0, pending: 0, debt: 50, expiringSoon: { points: 0, firstAt: null }, pendingItems: [] })
    expect(screen.getByText('积分欠账 50')).toBeTruthy()
    expect(screen.getByText(/之后获得的积分会先抵扣欠账/)).toBeTruthy()
    expect(screen.queryByText(/天内过期，最早一笔/)).toBeNull()
  })

  it('loads the lots when they are opened and marks the pending ones 待到账', async () => {
    await openPointsCenter()
    expect(fakeBackend.callsTo('points.lots')).toEqual([])
    await act(async () => {
      fireEvent.click(screen.getByText('积分批次'))
    })
    expect(fakeBackend.callsTo('points.lots')).toEqual([{}])
    await act(async () => fakeBackend.settle('points.lots').resolve(lots))

    const shown = Array.from(document.querySelectorAll('.points-lot')).map((lot) => lot.textContent)
    expect(shown).toEqual(['签到2024-11-21 获得 · 有效期至 2025-11-304/ 9', '购物待到账2025-11-22 获得 · 有效期至 2026-11-30360/ 360'])
    // The panel opens after NutUI's 150 ms animation: let it finish while the page is still here.
    await act(() => new Promise((resolve) => setTimeout(resolve, 200)))
  })

  it('opens the check-in page from its entry', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openPointsCenter()
    fireEvent.click(screen.getByText('每日签到'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/points/checkin/index' })
  })

  it('shows an empty ledger in words', async () => {
    render(<PointsCenterPage />)
    await act(async () => {
      fakeBackend
        .settle('points.balance')
        .resolve({ available: 0, pending: 0, debt: 0, expiringSoon: { points: 0, firstAt: null }, pendingItems: [] })
      fakeBackend.settle('points.ledger').resolve({ ...ledger, items: [], total: 0 })
    })
    expect(screen.getByText('还没有积分记录')).toBeTruthy()
    // The empty state is drawn, not spelt with a character.
    expect(screen.queryByText('空')).toBeNull()
  })

  it('asks a visitor to sign in and still shows the rules', async () => {
    useSession.setState({ token: null, member: null })
    render(<PointsCenterPage />)
    expect(screen.getByText('登录后查看积分')).toBeTruthy()
    expect(fakeBackend.callsTo('points.balance')).toEqual([])
    expect(fakeBackend.callsTo('points.ledger')).toEqual([])
    await act(async () => fakeBackend.settle('points.rules').resolve(rules))
    expect(screen.getByText('有效期')).toBeTruthy()
  })
})
