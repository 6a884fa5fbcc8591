// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CampaignView, MemberView, Page } from '../../types/api'
import HomePage from '../../src/pages/home'
import { CampaignStrip } from '../../src/pages/home/CampaignStrip'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { PAGES } from '../../src/utils/routes'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)
const empty: Page<never> = { items: [], page: 1, pageSize: 10, total: 0, hasMore: false }
const week = { startAt: shanghai('2025-11-24T00:00:00'), endAt: shanghai('2099-11-30T23:59:00') }

const pointsWeek: CampaignView = {
  id: 'points-week',
  type: 'points_multiplier',
  title: '会员积分周 · 消费双倍积分',
  params: { type: 'points_multiplier', multiplier: 2 },
  ...week,
}
const checkinPlus: CampaignView = {
  id: 'checkin-plus',
  type: 'checkin_bonus',
  title: 'V3 及以上签到多送 5 积分',
  params: { type: 'checkin_bonus', bonusPoints: 5 },
  ...week,
}
const longjingTeam: CampaignView = {
  id: 'gb-longjing-week',
  type: 'groupbuy',
  title: '明前龙井两人团',
  params: { type: 'groupbuy', groupBuyId: 'gb-longjing' },
  ...week,
}
// Their effects are not live in the shop yet, so they are not announced.
const flash: CampaignView = {
  id: 'flash-1',
  type: 'flash_price',
  title: '限时价',
  params: { type: 'flash_price', productId: 'p01', skus: [], stock: 5 },
  ...week,
}
const newcomer: CampaignView = {
  id: 'new-1',
  type: 'new_member',
  title: '新人礼',
  params: { type: 'new_member', joinedWithinDays: 7, amountOff: 1000, minSpend: 9900 },
  ...week,
}

const v4: MemberView = { id: 'consumer-v4', nickname: '林间听茶', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'QWERTYUI' }

const items = () => Array.from(document.querySelectorAll<HTMLElement>('.campaign-strip__item'))
const item = (id: string) => document.querySelector<HTMLElement>(`.campaign-strip__item[data-campaign="${id}"]`)

async function openHome(answer: CampaignView[] | Error) {
  render(<HomePage />)
  await act(async () => {
    fakeBackend.settle('catalog.products').resolve(empty)
    fakeBackend.settle('catalog.feed').resolve(empty)
    const active = fakeBackend.settle('campaign.active')
    if (answer instanceof Error) active.reject(answer)
    else active.resolve(answer)
  })
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

describe('the campaign strip on the home page', () => {
  it('announces points days, check-in bonuses and group-buys in force, each with its end time', async () => {
    await openHome([pointsWeek, flash, checkinPlus, newcomer, longjingTeam])
    expect(fakeBackend.callsTo('campaign.active')).toEqual([{}])

    expect(items().map((el) => el.dataset.campaign)).toEqual(['points-week', 'checkin-plus', 'gb-longjing-week'])
    expect(item('points-week')?.textContent).toBe('积分 ×2会员积分周 · 消费双倍积分11-30 23:59 结束')
    expect(item('checkin-plus')?.textContent).toBe('签到 +5V3 及以上签到多送 5 积分11-30 23:59 结束去签到 ›')
    expect(item('gb-longjing-week')?.textContent).toBe('拼团明前龙井两人团11-30 23:59 结束去拼团 ›')
  })

  it('leads to the check-in page and the group-buy list; the points day is only announced', async () => {
    await openHome([pointsWeek, checkinPlus, longjingTeam])
    fireEvent.click(item('checkin-plus')!)
    fireEvent.click(item('gb-longjing-week')!)
    fireEvent.click(item('points-week')!)
    expect(vi.mocked(Taro.navigateTo).mock.calls.map(([options]) => options.url)).toEqual([PAGES.checkIn, PAGES.groupbuy])
  })

  it('shows nothing once a campaign has ended on screen', async () => {
    await openHome([{ ...pointsWeek, endAt: Date.now() - 1000 }, checkinPlus])
    expect(items().map((el) => el.dataset.campaign)).toEqual(['checkin-plus'])
  })

  it('shows nothing without campaigns, and the shop as usual', async () => {
    await openHome([flash])
    expect(document.querySelector('.campaign-strip')).toBeNull()
    expect(screen.getByText('精选好物正在上架')).toBeTruthy()
  })

  it('shows nothing when campaigns cannot be loaded, and never an error', async () => {
    await openHome(callError('INTERNAL', '服务暂时不可用'))
    expect(document.querySelector('.campaign-strip')).toBeNull()
    expect(screen.queryByText('服务暂时不可用')).toBeNull()
    expect(screen.queryByText('加载失败')).toBeNull()
    expect(screen.getByText('精选好物正在上架')).toBeTruthy()
  })

  it('loads again for the member who signs in, whose tier may see other campaigns', async () => {
    await openHome([pointsWeek])
    await act(async () => useSession.setState({ token: 'member-token', member: v4 }))
    expect(fakeBackend.callsTo('campaign.active')).toEqual([{}, {}])
    await act(async () => fakeBackend.settle('campaign.active').resolve([pointsWeek, checkinPlus]))
    expect(items().map((el) => el.dataset.campaign)).toEqual(['points-week', 'checkin-plus'])
  })

  it('loads again on pull-down refresh, keeping what is shown until the answer arrives', async () => {
    const { rerender } = render(<CampaignStrip refreshKey={0} />)
    await act(async () => fakeBackend.settle('campaign.active').resolve([pointsWeek]))
    rerender(<CampaignStrip refreshKey={1} />)
    expect(fakeBackend.callsTo('campaign.active')).toHaveLength(2)
    expect(items().map((el) => el.dataset.campaign)).toEqual(['points-week'])
    // An operator switched the points day off meanwhile.
    await act(async () => fakeBackend.settle('campaign.active').resolve([]))
    expect(document.querySelector('.campaign-strip')).toBeNull()
  })
})
