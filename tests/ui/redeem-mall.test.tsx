// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { PointsBalance, RedeemItemView } from '../../types/api'
import RedeemMallPage from '../../src/packages/redeem/mall'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

const balance: PointsBalance = { available: 2680, pending: 0, debt: 0, expiringSoon: { points: 0, firstAt: null }, pendingItems: [] }

const WINDOW = { startAt: Date.parse('2025-11-01T00:00:00+08:00'), endAt: Date.parse('2026-01-01T00:00:00+08:00') }

const item = (overrides: Partial<RedeemItemView>): RedeemItemView => ({
  id: 'ri-tea',
  kind: 'goods',
  title: '明前龙井 品鉴装 10g',
  subtitle: '兑换即寄，一人一份',
  image: '/media/products/p01-1.jpg',
  pointsPrice: 1200,
  stock: 30,
  stockState: 'inStock',
  tierMin: 1,
  limits: { perDay: 1 },
  ...WINDOW,
  coupon: null,
  privilege: null,
  sort: 1,
  canRedeem: true,
  refusal: null,
  allowance: 1,
  balance: 2680,
  ...overrides,
})

const tea = item({})
const coupon = item({
  id: 'ri-coupon',
  kind: 'coupon',
  title: '满 99 减 10 元券',
  pointsPrice: 500,
  tierMin: 3,
  limits: { perMonth: 2 },
  coupon: { amountOff: 1000, minSpend: 9900, validDays: 30 },
  allowance: 2,
})
const shipping = item({
  id: 'ri-ship',
  kind: 'privilege',
  title: '30 天包邮卡',
  pointsPrice: 3000,
  stock: 3,
  stockState: 'low',
  tierMin: 4,
  limits: {},
  privilege: { freeShippingDays: 30 },
  canRedeem: false,
  refusal: '积分不足，还差 320 积分',
  allowance: null,
})

signedInPageTests(member)

async function openMall(items: RedeemItemView[] = [tea, coupon, shipping]) {
  render(<RedeemMallPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  await act(async () => {
    fakeBackend.settle('points.balance').resolve(balance)
    fakeBackend.settle('redeem.items').resolve(items)
  })
}

const tab = (label: string) =>
  Array.from(document.querySelectorAll('.redeem-mall__tab')).find((element) => element.textContent === label) as HTMLElement

const cards = () =>
  Array.from(document.querySelectorAll('.redeem-card')).map((card) => ({
    title: card.querySelector('.redeem-card__title')?.textContent,
    tags: Array.from(card.querySelectorAll('.redeem-tag')).map((tag) => tag.textContent),
    price: card.querySelector('.redeem-points')?.textContent,
    stock: card.querySelector('.redeem-card__stock')?.textContent,
    refusal: card.querySelector('.redeem-card__refusal')?.textContent ?? null,
    refused: card.className.includes('redeem-card--refused'),
  }))

describe('points mall', () => {
  it('shows the spendable points and every item with its price, kind, tier gate, limits and stock', async () => {
    await openMall()
    expect(fakeBackend.callsTo('redeem.items')).toEqual([{}])
    expect(document.querySelector('.mall-header__balance')?.textContent).toBe('2680')
    expect(cards()).toEqual([
      {
        title: '明前龙井 品鉴装 10g',
        tags: ['实物', '每人每日限 1 件'],
        price: '1200积分',
        stock: '库存 30 件',
        refusal: null,
        refused: false,
      },
      {
        title: '满 99 减 10 元券',
        tags: ['优惠券', 'V3 及以上', '每人每月限 2 张'],
        price: '500积分',
        stock: '库存 30 张',
        refusal: null,
        refused: false,
      },
      {
        title: '30 天包邮卡',
        tags: ['权益', 'V4 及以上'],
        price: '3000积分',
        stock: '仅剩 3 次',
        refusal: '积分不足，还差 320 积分',
        refused: true,
      },
    ])
  })

  it('asks the server for one kind, and for only what the member can redeem when 我能兑换 is on', async () => {
    await openMall()
    await act(async () => {
      fireEvent.click(tab('优惠券'))
    })
    expect(fakeBackend.callsTo('redeem.items').at(-1)).toEqual({ kind: 'coupon' })
    await act(async () => fakeBackend.settle('redeem.items').resolve([coupon]))
    expect(cards().map((card) => card.title)).toEqual(['满 99 减 10 元券'])

    await act(async () => {
      fireEvent.click(document.querySelector('.nut-switch') as HTMLElement)
    })
    expect(fakeBackend.callsTo('redeem.items').at(-1)).toEqual({ kind: 'coupon', affordable: true })
    await act(async () => fakeBackend.settle('redeem.items').resolve([coupon]))

    await act(async () => {
      fireEvent.click(tab('全部'))
    })
    expect(fakeBackend.callsTo('redeem.items').at(-1)).toEqual({ affordable: true })
  })

  it('says so when nothing is within reach and offers every item again', async () => {
    await openMall()
    await act(async () => {
      fireEvent.click(document.querySelector('.nut-switch') as HTMLElement)
    })
    await act(async () => fakeBackend.settle('redeem.items').resolve([]))
    expect(screen.getByText('暂时没有你能兑换的')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('查看全部商品'))
    })
    expect(fakeBackend.callsTo('redeem.items').at(-1)).toEqual({})
  })

  it('opens an item from its card', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openMall()
    fireEvent.click(screen.getByText('30 天包邮卡'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/redeem/detail/index?id=ri-ship' })
  })

  it('shows a failed load with a retry', async () => {
    render(<RedeemMallPage />)
    await act(async () => {
      fakeBackend.settle('points.balance').resolve(balance)
      fakeBackend.settle('redeem.items').reject(callError('NETWORK', '网络不给力，请检查网络后重试'))
    })
    expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(fakeBackend.callsTo('redeem.items')).toHaveLength(2)
  })

  it('lets a visitor browse, without a balance or the 我能兑换 switch, and offers sign-in', async () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    useSession.setState({ token: null, member: null })
    render(<RedeemMallPage />)
    await act(async () => fakeBackend.settle('redeem.items').resolve([{ ...tea, canRedeem: false, refusal: '请先登录', balance: 0 }]))
    expect(fakeBackend.callsTo('points.balance')).toEqual([])
    expect(fakeBackend.callsTo('redeem.items')).toEqual([{}])
    expect(document.querySelector('.nut-switch')).toBeNull()
    // The header asks once; the items are not greyed one by one.
    expect(cards()[0]).toMatchObject({ refusal: null, refused: false })
    expect(screen.getByText('登录后查看积分，兑换好物、优惠券与会员权益')).toBeTruthy()
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })
})
