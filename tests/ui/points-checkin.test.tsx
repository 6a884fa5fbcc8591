// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { CheckInStatus } from '../../types/api'
import CheckInPage from '../../src/packages/points/checkin'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'ZAJGQTKH' }

// A V4 member (×1.8) who checked in on the two days before today: today is streak day 3.
const DAYS = ['2025-11-18', '2025-11-19', '2025-11-20', '2025-11-21', '2025-11-22', '2025-11-23', '2025-11-24']
const beforeCheckIn: CheckInStatus = {
  today: '2025-11-24',
  checkedInToday: false,
  streak: 2,
  todayPoints: 12,
  todayBreakdown: { streak: 12, bonus: null },
  week: DAYS.map((day) => ({ day, checked: day === '2025-11-22' || day === '2025-11-23' })),
  bonusTable: [9, 9, 12, 12, 18, 18, 27],
}
const afterCheckIn: CheckInStatus = {
  ...beforeCheckIn,
  checkedInToday: true,
  streak: 3,
  week: DAYS.map((day) => ({ day, checked: day >= '2025-11-22' })),
}

const rules = { sections: [{ title: '怎么获得', lines: ['每日签到：每个自然日（北京时间）一次。'] }] }

signedInPageTests(member)

async function openCheckIn(status: CheckInStatus = beforeCheckIn) {
  render(<CheckInPage />)
  expect(screen.getAllByText('加载中…').length).toBeGreaterThan(0)
  await act(async () => {
    fakeBackend.settle('points.checkInStatus').resolve(status)
    fakeBackend.settle('points.rules').resolve(rules)
  })
}

const button = () => document.querySelector('.checkin__button') as HTMLElement
const checkedDays = () =>
  Array.from(document.querySelectorAll('.checkin-week__day--checked .checkin-week__date')).map((el) => el.textContent)

describe('daily check-in', () => {
  it('shows the week, the streak, what today gives and the streak bonus table and the rules', async () => {
    await openCheckIn()
    expect(document.querySelectorAll('.checkin-week__day')).toHaveLength(7)
    expect(checkedDays()).toEqual(['11-22', '11-23'])
    expect(document.querySelector('.checkin-week__day--today .checkin-week__mark')?.textContent).toBe('+12')
    expect(document.querySelector('.checkin__streak-days')?.textContent).toBe('2')
    expect(screen.getByText('今日签到可得 +12 积分')).toBeTruthy()

    const bonus = Array.from(document.querySelectorAll('.checkin-bonus__cell')).map((cell) => cell.textContent)
    expect(bonus).toEqual(['+9第1天', '+9第2天', '+12第3天', '+12第4天', '+18第5天', '+18第6天', '+27第7天起'])
    expect(document.querySelector('.checkin-bonus__cell--current')?.textContent).toBe('+12第3天')
    expect(screen.getByText('每日签到：每个自然日（北京时间）一次。')).toBeTruthy()
    expect(button().textContent).toContain('签到')
  })

  it('explains a campaign bonus where today’s figure is, so it agrees with the table', async () => {
    await openCheckIn({ ...beforeCheckIn, todayPoints: 17, todayBreakdown: { streak: 12, bonus: { points: 5, title: '周末签到加赠' } } })
    expect(screen.getByText('今日签到可得 +17 积分')).toBeTruthy()
    expect(screen.getByText('连续签到奖励 +12，周末签到加赠 +5')).toBeTruthy()
    expect(document.querySelector('.checkin-bonus__cell--current')?.textContent).toBe('+12第3天')
  })

  it('checks in once however often 签到 is tapped, then shows 今日已签到 and +N', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openCheckIn()

    await act(async () => {
      fireEvent.click(button())
      fireEvent.click(button())
    })
    expect(fakeBackend.callsTo('points.checkIn')).toEqual([{}])

    await act(async () => fakeBackend.settle('points.checkIn').resolve({ ...afterCheckIn, credited: 12 }))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '+12 积分' }))
    expect(button().textContent).toContain('今日已签到')
    expect(screen.getByText('今日已获得 +12 积分')).toBeTruthy()
    expect(document.querySelector('.checkin__streak-days')?.textContent).toBe('3')
    expect(checkedDays()).toEqual(['11-22', '11-23', '11-24'])

    fireEvent.click(button())
    expect(fakeBackend.callsTo('points.checkIn')).toHaveLength(1)
  })

  it('says 今日已签到 without claiming points when the server credited nothing (another device was first)', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openCheckIn()
    fireEvent.click(button())
    await act(async () => fakeBackend.settle('points.checkIn').resolve({ ...afterCheckIn, credited: 0 }))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '今日已签到' }))
    expect(toast).not.toHaveBeenCalledWith(expect.objectContaining({ title: expect.stringContaining('+') }))
    expect(button().textContent).toContain('今日已签到')
  })

  it('opens as already checked in when today was done, with the button off', async () => {
    await openCheckIn(afterCheckIn)
    expect(button().textContent).toContain('今日已签到')
    fireEvent.click(button())
    expect(fakeBackend.callsTo('points.checkIn')).toEqual([])
  })

  it('keeps 签到 available after a failed attempt and says why', async () => {
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openCheckIn()
    fireEvent.click(button())
    await act(async () => fakeBackend.settle('points.checkIn').reject(callError('BUSY', '积分正在处理中，请稍后再试')))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '积分正在处理中，请稍后再试' }))
    fireEvent.click(button())
    expect(fakeBackend.callsTo('points.checkIn')).toHaveLength(2)
  })

  it('asks a visitor to sign in on the 我的 tab without asking for a status', async () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    useSession.setState({ token: null, member: null })
    render(<CheckInPage />)
    expect(screen.getByText('登录后每日签到')).toBeTruthy()
    expect(fakeBackend.callsTo('points.checkInStatus')).toEqual([])
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('asks to sign in again when the server no longer knows the session', async () => {
    render(<CheckInPage />)
    await act(async () => fakeBackend.settle('points.checkInStatus').reject(callError('UNAUTHENTICATED', '请先登录')))
    expect(screen.getByText('登录后每日签到')).toBeTruthy()
  })
})
