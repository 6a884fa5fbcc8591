// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberCareView, MemberFound, MemberView } from '../../types/api'
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
const AT = Date.parse('2026-11-24T09:00:00+08:00')
const tea: MemberFound = {
  id: 'consumer-v4',
  nickname: '林间听茶',
  avatar: '',
  tier: 4,
  roles: ['consumer'],
  shareCode: 'ZAJGQTKH',
  createdAt: AT,
  matchedBy: 'nickname',
}
const care = (available: number): MemberCareView => ({
  member: { ...tea, createdAt: AT },
  tier: {
    tier: 4,
    attainedAt: AT,
    keepUntil: null,
    growth: 5200,
    next: null,
    birthday: null,
    tiers: [],
  } as unknown as MemberCareView['tier'],
  points: {
    balance: { available, pending: 120, debt: 0, expiringSoon: { points: 0, firstAt: null }, pendingItems: [] },
    lots: [],
    ledger: [{ id: 'l1', memberId: tea.id, kind: 'grant', source: 'checkin', ref: '2026-11-24', delta: 5, at: AT, note: '签到第 1 天' }],
    ledgerTotal: 1,
  },
  orders: { items: [], total: 0 },
  redemptions: { items: [], total: 0 },
  distributor: null,
  creator: { memberId: tea.id, certified: false, reason: null, certifiedAt: null, followers: 2 },
})

signedInPageTests(service)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

async function openMember() {
  render(<OpsConsolePage />)
  await act(async () => fakeBackend.settle('order.staffList').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }))
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '会员' }))
  const box = screen.getAllByPlaceholderText('订单号 / 分享码 / 会员编号 / 昵称').find((el) => el.tagName === 'INPUT')!
  fireEvent.input(box, { target: { value: '听茶' } })
  await act(async () => void fireEvent.click(screen.getByText('查找会员')))
  expect(fakeBackend.callsTo('member.find')).toEqual([{ query: '听茶' }])
  await act(async () => fakeBackend.settle('member.find').resolve([tea]))
  await act(async () => void fireEvent.click(screen.getByRole('button', { name: '查看 林间听茶' })))
  expect(fakeBackend.callsTo('member.care')).toEqual([{ memberId: tea.id }])
  await act(async () => fakeBackend.settle('member.care').resolve(care(300)))
}

const field = (placeholder: string) => screen.getAllByPlaceholderText(placeholder).find((el) => el.tagName === 'INPUT')!

describe('会员', () => {
  it('finds a member and shows their standing, points and ledger', async () => {
    await openMember()
    const card = screen.getByRole('region', { name: '会员 林间听茶' })
    expect(card.textContent).toContain('可用积分 300 · 待到账 120')
    expect(card.textContent).toContain('近 12 个月成长值 5200')
    expect(card.textContent).toContain('+5 签到第 1 天')
  })

  it('debits only after a red confirmation, and keeps the request id across a retry', async () => {
    await openMember()
    fireEvent.input(field('调整积分（负数为扣减）'), { target: { value: '-200' } })
    fireEvent.input(field('调整原因'), { target: { value: '误发积分收回' } })
    const ask = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await act(async () => void fireEvent.click(screen.getByText('调整积分')))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '扣减 200 积分？', confirmColor: '#D9363E' }))
    const [first] = fakeBackend.callsTo('member.adjustPoints') as { requestId: string }[]
    expect(first).toMatchObject({ memberId: tea.id, amount: -200, reason: '误发积分收回' })
    await act(async () => fakeBackend.settle('member.adjustPoints').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    await act(async () => void fireEvent.click(screen.getByText('调整积分')))
    const [, again] = fakeBackend.callsTo('member.adjustPoints') as { requestId: string }[]
    expect(again.requestId).toBe(first.requestId)
    await act(async () => fakeBackend.settle('member.adjustPoints').resolve(care(100)))
    expect(screen.getByRole('region', { name: '会员 林间听茶' }).textContent).toContain('可用积分 100')
  })

  it('checks the amount before asking anyone', async () => {
    await openMember()
    fireEvent.input(field('调整积分（负数为扣减）'), { target: { value: '20000' } })
    fireEvent.input(field('调整原因'), { target: { value: '太多了' } })
    await act(async () => void fireEvent.click(screen.getByText('调整积分')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写 -10000 到 10000 之间的整数' }))
    expect(fakeBackend.callsTo('member.adjustPoints')).toEqual([])
  })
})
