// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { MemberView, PointsBalance } from '../../types/api'
import MePage from '../../src/pages/me'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))
vi.mock('../../src/services/upload', () => ({ uploadImage: async (path: string) => `/media/avatars/${path.slice('blob:'.length)}.jpg` }))

const member = {
  id: 'consumer-v4',
  nickname: '林间听茶',
  avatar: '',
  tier: 4 as const,
  roles: ['consumer' as const],
  shareCode: 'ZAJGQTKH',
}
const balance: PointsBalance = { available: 1280, pending: 0, debt: 0, expiringSoon: { points: 0, firstAt: null }, pendingItems: [] }

signedInPageTests(member)

async function openMe(as: MemberView = member) {
  render(<MePage />)
  await act(async () => {
    fakeBackend.settle('member.profile').resolve(as)
    fakeBackend.settle('points.balance').resolve(balance)
  })
}

describe('我的', () => {
  it('shows the member’s points in the header, and opens the points centre from there', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openMe()
    const points = screen.getByRole('button', { name: '积分 1280' })
    expect(points.textContent).toBe('1280积分 ›')
    fireEvent.click(points)
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/points/center/index' })
  })

  it('badges each stage of 我的订单 with what waits there, and opens that stage of the list', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openMe()
    expect(screen.getByRole('button', { name: '待付款' }).textContent).toBe('待付款')
    await act(async () => fakeBackend.settle('order.counts').resolve({ unpaid: 2, toShip: 0, toReceive: 1, afterSale: 120 }))
    expect(screen.getByRole('button', { name: '待付款，2 个' }).textContent).toBe('2待付款')
    expect(screen.getByRole('button', { name: '待发货' }).textContent).toBe('待发货')
    expect(screen.getByRole('button', { name: '待收货，1 个' }).textContent).toBe('1待收货')
    expect(screen.getByRole('button', { name: '售后，120 个' }).textContent).toBe('99+售后')
    fireEvent.click(screen.getByRole('button', { name: '待收货，1 个' }))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/list/index?tab=toReceive' })
  })

  it('marks every row that opens a page with ›', async () => {
    await openMe()
    for (const title of ['会员中心', '我的积分', '积分商城', '隐私与账号']) {
      const row = screen.getByText(title).closest('.nut-cell') as HTMLElement
      expect(row.textContent?.endsWith('›')).toBe(true)
    }
  })

  it('shows the way into the console to staff only, with the roles they hold', async () => {
    await openMe()
    expect(screen.queryByText('运营后台')).toBeNull()
    cleanup()
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openMe({ ...member, id: 'service', roles: ['operator', 'service'] })
    const row = screen.getByText('运营后台').closest('.nut-cell') as HTMLElement
    expect(row.textContent).toContain('客服')
    fireEvent.click(row)
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/ops/console/index' })
  })

  it('saves a nickname the member typed (trimmed) when the field is left, and the header shows it', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openMe()
    const field = screen.getByPlaceholderText('填写昵称') as HTMLInputElement
    expect(field.value).toBe('林间听茶')
    fireEvent.input(field, { target: { value: '  山野茶客 ' } })
    fireEvent.blur(field, { target: { value: '  山野茶客 ' } })
    expect(fakeBackend.callsTo('member.updateProfile')).toEqual([{ nickname: '山野茶客' }])
    await act(async () => fakeBackend.settle('member.updateProfile').resolve({ ...member, nickname: '山野茶客' }))
    expect(useSession.getState().member?.nickname).toBe('山野茶客')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '昵称已更新' }))
  })

  it('leaves an unchanged or blank nickname alone, and says why the server refused one', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openMe()
    const field = screen.getByPlaceholderText('填写昵称')
    fireEvent.blur(field, { target: { value: '林间听茶' } })
    fireEvent.blur(field, { target: { value: '   ' } })
    expect(fakeBackend.callsTo('member.updateProfile')).toEqual([])
    fireEvent.blur(field, { target: { value: '新名字' } })
    await act(async () =>
      fakeBackend.settle('member.updateProfile').reject({ code: 'INVALID_PAYLOAD', message: '请求参数不正确（nickname）：最多 20 个字' }),
    )
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '请求参数不正确（nickname）：最多 20 个字' }))
  })

  it('offers WeChat’s avatar picker on the avatar, and in the browser a photo picked instead, saved as the avatar', async () => {
    const choose = vi
      .spyOn(Taro, 'chooseImage')
      .mockResolvedValueOnce({ tempFilePaths: ['blob:portrait'], tempFiles: [], errMsg: 'chooseImage:ok' })
    await openMe()
    await act(async () => fireEvent.click(screen.getByLabelText('更换头像')))
    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ count: 1 }))
    expect(fakeBackend.callsTo('member.updateProfile')).toEqual([{ avatar: '/media/avatars/portrait.jpg' }])
  })

  it('changes nothing when the photo picker is closed', async () => {
    vi.spyOn(Taro, 'chooseImage').mockRejectedValueOnce({ errMsg: 'chooseImage:fail cancel' })
    await openMe()
    await act(async () => fireEvent.click(screen.getByLabelText('更换头像')))
    expect(fakeBackend.callsTo('member.updateProfile')).toEqual([])
  })
})
