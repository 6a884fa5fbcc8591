// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Page } from '../../types/api'
import type { Redemption } from '../../types/domain'
import MyRedemptionsPage from '../../src/packages/redeem/mine'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

const ADDRESS = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号' }
const at = (iso: string) => Date.parse(`${iso}+08:00`)

const base: Redemption = {
  id: 'rd-tea',
  memberId: member.id,
  itemId: 'ri-tea',
  kind: 'goods',
  title: '明前龙井 品鉴装 10g',
  image: '/media/products/p01-1.jpg',
  pointsPrice: 1200,
  address: ADDRESS,
  status: 'placed',
  createdAt: at('2025-11-24T10:30:00'),
  fulfilledAt: null,
  cancelledAt: null,
  expiresAt: null,
  usedByOrder: null,
  coupon: null,
}
const placedTea = base
const shippedCup: Redemption = {
  ...base,
  id: 'rd-cup',
  itemId: 'ri-cup',
  title: '玻璃品茗杯',
  pointsPrice: 800,
  status: 'fulfilled',
  createdAt: at('2025-11-20T09:00:00'),
  shipment: { carrier: '顺丰速运', trackingNo: 'SF123456789000' },
}
const coupon: Redemption = {
  ...base,
  id: 'rd-coupon',
  itemId: 'ri-coupon',
  kind: 'coupon',
  title: '满 99 减 10 元券',
  pointsPrice: 500,
  address: null,
  status: 'fulfilled',
  createdAt: at('2025-11-18T20:15:00'),
  fulfilledAt: at('2025-11-18T20:15:00'),
  expiresAt: at('2099-12-18T20:15:00'),
  coupon: { amountOff: 1000, minSpend: 9900 },
}
const cancelledTea: Redemption = {
  ...base,
  id: 'rd-old',
  status: 'cancelled',
  createdAt: at('2025-11-10T08:00:00'),
  cancelledAt: at('2025-11-10T09:00:00'),
}

const page = (items: Redemption[], hasMore = false): Page<Redemption> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  useSession.setState({ token: 'member-token', member })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

async function openMine(items: Redemption[] = [placedTea, shippedCup, coupon, cancelledTea]) {
  render(<MyRedemptionsPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('redeem.mine')).toEqual([{ page: 1, pageSize: 10 }])
  await act(async () => fakeBackend.settle('redeem.mine').resolve(page(items)))
}

const rows = () =>
  Array.from(document.querySelectorAll('.redemption-card')).map((card) => ({
    title: card.querySelector('.goods-row__title')?.textContent,
    status: card.querySelector('.redemption-card__status')?.textContent,
    points: card.querySelector('.redemption-card__points')?.textContent,
    time: card.querySelector('.redemption-card__time')?.textContent,
    cancellable: card.textContent?.includes('取消兑换') ?? false,
  }))

describe('my redemptions', () => {
  it('lists each redemption with its status, points and date; only goods not yet shipped can be cancelled', async () => {
    await openMine()
    expect(rows()).toEqual([
      { title: '明前龙井 品鉴装 10g', status: '待发货', points: '-1200 积分', time: '2025-11-24 10:30', cancellable: true },
      { title: '玻璃品茗杯', status: '已发货', points: '-800 积分', time: '2025-11-20 09:00', cancellable: false },
      { title: '满 99 减 10 元券', status: '已到账', points: '-500 积分', time: '2025-11-18 20:15', cancellable: false },
      { title: '明前龙井 品鉴装 10g', status: '已取消', points: '1200 积分已退回', time: '2025-11-10 08:00', cancellable: false },
    ])
    expect(document.querySelector('.redemption-card__validity')?.textContent).toBe('有效期至 2099-12-18')
    expect(document.querySelector('.redemption-card__address')?.textContent).toBe(
      '寄往：王小明 13800001234 浙江省杭州市西湖区文三路 100 号',
    )
    // Shipped goods show their parcel.
    expect(screen.getByText('快递：顺丰速运 SF123456789000')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('cancels after the member confirms, says the points came back and shows the list as it is now', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openMine()
    await act(async () => {
      fireEvent.click(screen.getByText('取消兑换'))
    })
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '取消兑换', content: '取消后 1200 积分将退回你的账户，商品将不再发货。确定取消吗？' }),
    )
    expect(fakeBackend.callsTo('redeem.cancel')).toEqual([{ redemptionId: 'rd-tea' }])

    await act(async () => fakeBackend.settle('redeem.cancel').resolve({ ...placedTea, status: 'cancelled', cancelledAt: Date.now() }))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '积分已退回' }))
    expect(fakeBackend.callsTo('redeem.mine')).toHaveLength(2)
    await act(async () =>
      fakeBackend.settle('redeem.mine').resolve(page([{ ...placedTea, status: 'cancelled' }, shippedCup, coupon, cancelledTea])),
    )
    expect(rows()[0]).toMatchObject({ status: '已取消', points: '1200 积分已退回', cancellable: false })
  })

  it('keeps the redemption when the member thinks again', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await openMine()
    await act(async () => {
      fireEvent.click(screen.getByText('取消兑换'))
    })
    expect(fakeBackend.callsTo('redeem.cancel')).toEqual([])
  })

  it('explains a cancellation that came too late and reloads the list', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openMine()
    await act(async () => {
      fireEvent.click(screen.getByText('取消兑换'))
    })
    await act(async () => fakeBackend.settle('redeem.cancel').reject(callError('REDEMPTION_STATE', '商品已发货，不能取消兑换')))
    expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '兑换状态已变化', content: '商品已发货，不能取消兑换' }))
    expect(Taro.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '积分已退回' }))
    expect(fakeBackend.callsTo('redeem.mine')).toHaveLength(2)
  })

  it('loads the next page at the end of the list', async () => {
    render(<MyRedemptionsPage />)
    await act(async () => fakeBackend.settle('redeem.mine').resolve(page([placedTea], true)))
    expect(screen.getByText('上拉加载更多')).toBeTruthy()
  })

  it('shows an empty list in words with the way to the mall', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    // Opened from the 我的 tab: the mall is not the page below.
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
    await openMine([])
    expect(screen.getByText('还没有兑换记录')).toBeTruthy()
    fireEvent.click(screen.getByText('去积分商城'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/redeem/mall/index' })
  })

  it('asks a visitor to sign in without asking for redemptions', async () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    useSession.setState({ token: null, member: null })
    render(<MyRedemptionsPage />)
    expect(screen.getByText('登录后查看兑换记录')).toBeTruthy()
    expect(fakeBackend.callsTo('redeem.mine')).toEqual([])
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })
})
