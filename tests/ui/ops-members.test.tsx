// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberCareView, MemberFound, MemberView } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
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
  // A 客服 opens on 订单; an owner on their first tab, whose data may stay on its way.
  if (fakeBackend.pending.has('order.staffList')) {
    await act(async () => fakeBackend.settle('order.staffList').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }))
  }
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

describe('达人 in 会员', () => {
  const owner: MemberView = { ...service, id: 'brand', nickname: '山野茶集官方', roles: ['operator', 'owner'] }

  it('is not offered to a 客服', async () => {
    await openMember()
    expect(screen.queryByRole('group', { name: '达人认证' })).toBeNull()
  })

  it('lets an owner certify with a reason after confirming, and shows the answer', async () => {
    useSession.setState({ token: 'member-token', member: owner })
    await openMember()
    const box = screen.getByRole('group', { name: '达人认证' })
    expect(box.textContent).toContain('不是达人 · 2 人关注')
    await act(async () => void fireEvent.click(within(box).getByText('认证为达人')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请写明认证理由' }))
    fireEvent.input(
      within(box)
        .getAllByPlaceholderText('认证理由')
        .find((el) => el.tagName === 'INPUT')!,
      {
        target: { value: '长期分享真实好物' },
      },
    )
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await act(async () => void fireEvent.click(within(box).getByText('认证为达人')))
    expect(fakeBackend.callsTo('member.certifyCreator')).toEqual([{ memberId: tea.id, reason: '长期分享真实好物' }])
    await act(async () =>
      fakeBackend
        .settle('member.certifyCreator')
        .resolve({ memberId: tea.id, certified: true, reason: '长期分享真实好物', certifiedAt: AT, followers: 2 }),
    )
    expect(screen.getByRole('group', { name: '达人认证' }).textContent).toContain('达人：长期分享真实好物')
    expect(screen.getByText('取消达人认证')).toBeTruthy()
  })
})
