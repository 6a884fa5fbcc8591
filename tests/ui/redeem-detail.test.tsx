// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { RedeemItemView, Req } from '../../types/api'
import type { Redemption } from '../../types/domain'
import RedeemDetailPage from '../../src/packages/redeem/detail'
import { callError } from '../../src/services/errors'
import { useAddressBook } from '../../src/stores/address'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'
import { pickRegion } from './region-picker'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

const coupon: RedeemItemView = {
  id: 'ri-coupon',
  kind: 'coupon',
  title: '满 99 减 10 元券',
  subtitle: '全场通用，会员价商品也可用',
  image: '/media/redeem/coupon.jpg',
  pointsPrice: 500,
  stock: 200,
  stockState: 'inStock',
  tierMin: 3,
  limits: { perMonth: 2 },
  startAt: Date.parse('2025-11-01T00:00:00+08:00'),
  endAt: Date.parse('2025-12-31T23:59:00+08:00'),
  coupon: { amountOff: 1000, minSpend: 9900, validDays: 30 },
  privilege: null,
  sort: 1,
  canRedeem: true,
  refusal: null,
  allowance: 1,
  balance: 2680,
}

const teaSample: RedeemItemView = {
  ...coupon,
  id: 'ri-tea',
  kind: 'goods',
  title: '明前龙井 品鉴装 10g',
  subtitle: '兑换即寄',
  pointsPrice: 1200,
  stock: 3,
  stockState: 'low',
  tierMin: 1,
  limits: { perDay: 1, ever: 3 },
  coupon: null,
  allowance: 1,
}

const ADDRESS = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' }

const redemption = (item: RedeemItemView): Redemption => ({
  id: 'rd-1',
  memberId: member.id,
  itemId: item.id,
  kind: item.kind,
  title: item.title,
  image: item.image,
  pointsPrice: item.pointsPrice,
  address: item.kind === 'goods' ? ADDRESS : null,
  status: item.kind === 'goods' ? 'placed' : 'fulfilled',
  createdAt: Date.now(),
  fulfilledAt: item.kind === 'goods' ? null : Date.now(),
  cancelledAt: null,
  expiresAt: null,
  usedByOrder: null,
  coupon: item.coupon && { amountOff: item.coupon.amountOff, minSpend: item.coupon.minSpend },
})

async function openItem(item: RedeemItemView) {
  Current.router = {
    params: { id: item.id },
    path: '/packages/redeem/detail/index',
    $taroPath: 'redeem-detail-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<RedeemDetailPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('redeem.item')).toEqual([{ id: item.id }])
  await act(async () => fakeBackend.settle('redeem.item').resolve(item))
}

const redeemButton = () => document.querySelector('.redeem-bar__button') as HTMLElement
const confirmButton = () => document.querySelector('.redeem-sheet__confirm') as HTMLElement
const redeemCalls = () => fakeBackend.callsTo('redeem.redeem') as Req<'redeem', 'redeem'>[]

async function openSheet() {
  await act(async () => {
    fireEvent.click(redeemButton())
  })
  expect(screen.getByText('确认兑换', { selector: '.nut-popup-title-title' })).toBeTruthy()
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  useSession.setState({ token: 'member-token', member })
  useAddressBook.setState({ last: null })
  vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
  useAddressBook.setState({ last: null })
})

describe('redeem item page', () => {
  it('shows the price, the coupon terms, the window, the limits with what is left to the member, and the stock', async () => {
    await openItem(coupon)
    expect(document.querySelector('.redeem-detail__price')?.textContent).toBe('500积分')
    const terms = Array.from(document.querySelectorAll('.redeem-terms__row')).map((row) => row.textContent)
    expect(terms).toEqual([
      '优惠内容满 ¥99 减 ¥10，兑换后 30 天内有效',
      '兑换时间2025-11-01 00:00 至 2025-12-31 23:59',
      '兑换等级V3 及以上',
      '兑换限制每人每月限 2 张你还可兑换 1 张',
      '库存200 张',
    ])
    expect(document.querySelector('.redeem-bar__balance-value')?.textContent).toBe('2680')
  })

  it('shows why a refused item cannot be redeemed and keeps its button off', async () => {
    await openItem({ ...coupon, canRedeem: false, refusal: '本月已兑换 2 张，下月再来', allowance: 0 })
    expect(screen.getByText('本月已兑换 2 张，下月再来')).toBeTruthy()
    expect(redeemButton().className).toContain('nut-button-disabled')
    expect(redeemButton().textContent).toBe('暂不可兑换')
    await act(async () => {
      fireEvent.click(redeemButton())
    })
    expect(document.querySelector('.redeem-sheet')).toBeNull()
    expect(redeemCalls()).toEqual([])
  })

  it('confirms with the points before and after, and redeems once however often 确认兑换 is tapped', async () => {
    await openItem(coupon)
    await openSheet()
    expect(document.querySelector('.redeem-sheet__before')?.textContent).toBe('2680')
    expect(document.querySelector('.redeem-sheet__spend')?.textContent).toBe('-500')
    expect(document.querySelector('.redeem-sheet__after')?.textContent).toBe('2180')
    expect(document.querySelector('.address-form')).toBeNull()

    await act(async () => {
      fireEvent.click(confirmButton())
      fireEvent.click(confirmButton())
    })
    expect(redeemCalls()).toEqual([{ itemId: 'ri-coupon', idempotencyKey: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }])

    await act(async () => fakeBackend.settle('redeem.redeem').resolve(redemption(coupon)))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '兑换成功' }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/redeem/mine/index' })
    fireEvent.click(confirmButton())
    expect(redeemCalls()).toHaveLength(1)
  })

  it('retries a busy redemption with the same key, and a new opening of the sheet gets a new key', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openItem(coupon)
    await openSheet()
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    await act(async () => fakeBackend.settle('redeem.redeem').reject(callError('BUSY', '积分正在处理中，请稍后再试')))
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '兑换没有完成', content: '积分正在处理中，请稍后再试', confirmText: '重试' }),
    )
    const [first, retried] = redeemCalls()
    expect(retried.idempotencyKey).toBe(first.idempotencyKey)

    // The member gives up on this attempt and opens the sheet again later: another redemption.
    modal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await act(async () => fakeBackend.settle('redeem.redeem').reject(callError('BUSY', '积分正在处理中，请稍后再试')))
    await act(async () => {
      fireEvent.click(document.querySelector('.nut-popup-title-right') as HTMLElement)
    })
    await openSheet()
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    expect(redeemCalls()).toHaveLength(3)
    expect(redeemCalls()[2].idempotencyKey).not.toBe(first.idempotencyKey)
  })

  it('asks where goods ship to, checks it before sending, and sends it with the redemption', async () => {
    await openItem(teaSample)
    await openSheet()
    fireEvent.input(screen.getByPlaceholderText('收货人姓名'), { target: { value: ADDRESS.name } })
    fireEvent.input(screen.getByPlaceholderText('11 位手机号'), { target: { value: '1380000' } })
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    expect(redeemCalls()).toEqual([])
    expect(screen.getByText('请填写 11 位手机号')).toBeTruthy()
    expect(screen.getByText('请填写省、市、区')).toBeTruthy()

    fireEvent.input(screen.getByPlaceholderText('11 位手机号'), { target: { value: ADDRESS.phone } })
    await pickRegion('浙江省', '杭州市', '西湖区')
    fireEvent.input(screen.getByPlaceholderText('街道、楼栋、门牌号'), { target: { value: ` ${ADDRESS.detail} ` } })
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    expect(redeemCalls()).toEqual([{ itemId: 'ri-tea', idempotencyKey: expect.any(String), address: ADDRESS }])
    // Offered again next time, as at checkout.
    expect(useAddressBook.getState().last).toEqual(ADDRESS)
  })

  it('fills in the last address used', async () => {
    useAddressBook.setState({ last: ADDRESS })
    await openItem(teaSample)
    await openSheet()
    expect((screen.getByPlaceholderText('收货人姓名') as HTMLInputElement).value).toBe(ADDRESS.name)
  })

  it('on a refusal shows the server message, closes the sheet and shows the item as it is now', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openItem(coupon)
    await openSheet()
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    await act(async () => fakeBackend.settle('redeem.redeem').reject(callError('SOLD_OUT', '这件商品已经兑完了')))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '已经兑完了', content: '这件商品已经兑完了', showCancel: false }))
    expect(fakeBackend.callsTo('redeem.item')).toHaveLength(2)
    await act(async () =>
      fakeBackend.settle('redeem.item').resolve({ ...coupon, stock: 0, stockState: 'soldOut', canRedeem: false, refusal: '已兑完' }),
    )
    expect(screen.getAllByText('已兑完').length).toBeGreaterThan(0)
    expect(redeemButton().className).toContain('nut-button-disabled')
    expect(redeemCalls()).toHaveLength(1)
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('leads to sign-in when the session is gone', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    await openItem(coupon)
    await openSheet()
    await act(async () => {
      fireEvent.click(confirmButton())
    })
    await act(async () => fakeBackend.settle('redeem.redeem').reject(callError('UNAUTHENTICATED', '请先登录')))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录', content: '登录已失效，请在“我的”页重新登录后再兑换' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('offers a visitor sign-in instead of redeeming', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    useSession.setState({ token: null, member: null })
    await openItem({ ...coupon, canRedeem: false, refusal: '请先登录', balance: 0 })
    expect(redeemButton().textContent).toBe('登录后兑换')
    await act(async () => {
      fireEvent.click(redeemButton())
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录' }))
    expect(redeemCalls()).toEqual([])
  })

  it('says when the item is gone', async () => {
    Current.router = {
      params: { id: 'ri-gone' },
      path: '/packages/redeem/detail/index',
      $taroPath: 'redeem-detail-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<RedeemDetailPage />)
    await act(async () => fakeBackend.settle('redeem.item').reject(callError('ITEM_NOT_FOUND', '兑换商品不存在或已下架')))
    expect(screen.getByText('兑换商品不存在或已下架')).toBeTruthy()
  })
})

describe('mall goods with the address book', () => {
  it('ship to the default address of the book, not saved again', async () => {
    await openItem(teaSample)
    await openSheet()
    const office = { ...ADDRESS, detail: '网商路 699 号' }
    await act(async () =>
      fakeBackend
        .settle('member.addresses')
        .resolve({ addresses: [{ ...office, id: 'ad00000000000000000000b2', isDefault: true, usedAt: 1 }], limit: 20 }),
    )
    expect(screen.getByRole('button', { name: '更换收货地址' }).textContent).toContain('网商路 699 号')
    await act(async () => fireEvent.click(confirmButton()))
    expect(redeemCalls().map((call) => call.address)).toEqual([office])
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([])
  })
})
