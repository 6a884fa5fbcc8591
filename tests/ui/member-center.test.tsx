// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { TierView } from '../../types/api'
import type { TierChange } from '../../types/domain'
import MemberCenterPage from '../../src/packages/member/center'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v3', nickname: '茶友', avatar: '', tier: 3 as const, roles: ['consumer' as const], shareCode: 'QWERTYUI' }

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const TIERS: TierView['tiers'] = [
  { tier: 1, growth: 0, memberPricePct: 100, pointsMultiplier: 1, freeShippingOver: 9900, birthdayGiftPoints: 0, earlyAccessHours: 0 },
  { tier: 2, growth: 500, memberPricePct: 98, pointsMultiplier: 1.2, freeShippingOver: 9900, birthdayGiftPoints: 50, earlyAccessHours: 0 },
  {
    tier: 3,
    growth: 2000,
    memberPricePct: 95,
    pointsMultiplier: 1.5,
    freeShippingOver: 6900,
    birthdayGiftPoints: 100,
    earlyAccessHours: 2,
  },
  {
    tier: 4,
    growth: 8000,
    memberPricePct: 92,
    pointsMultiplier: 1.8,
    freeShippingOver: 4950,
    birthdayGiftPoints: 200,
    earlyAccessHours: 12,
  },
  { tier: 5, growth: 20000, memberPricePct: 88, pointsMultiplier: 2, freeShippingOver: 0, birthdayGiftPoints: 500, earlyAccessHours: 24 },
]

const v3: TierView = {
  tier: 3,
  attainedAt: shanghai('2025-11-24T10:00:00'),
  keepUntil: shanghai('2026-11-24T10:00:00'),
  growth: 3200,
  next: { tier: 4, growth: 8000, remaining: 4800 },
  birthday: null,
  tiers: TIERS,
}

type Change = Omit<TierChange, 'memberId'>
const history: Change[] = [
  { id: 't1', from: 1, to: 2, reason: 'upgrade', growth: 520, at: shanghai('2025-03-02T12:00:00') },
  { id: 't2', from: 2, to: 3, reason: 'upgrade', growth: 2010, at: shanghai('2025-11-24T10:00:00') },
]

signedInPageTests(member)

async function openMemberCenter(view: TierView = v3, changes: Change[] = history) {
  render(<MemberCenterPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  await act(async () => fakeBackend.settle('member.tier').resolve(view))
  await act(async () => fakeBackend.settle('member.tierHistory').resolve(changes))
}

describe('member center', () => {
  it('shows the tier, its rolling growth, the progress to the next tier and until when the tier is kept', async () => {
    await openMemberCenter()
    const card = document.querySelector('.tier-card') as HTMLElement
    expect(card.querySelector('.tier-badge')?.textContent).toBe('V3')
    expect(card.querySelector('.tier-card__growth-value')?.textContent).toBe('3200')
    expect(screen.getByText('再获得 4800 成长值升级 V4')).toBeTruthy()
    expect(card.querySelector('.tier-card__target')?.textContent).toBe('3200 / 8000')
    expect((card.querySelector('.nut-progress-inner') as HTMLElement).style.width).toBe('40%')
    expect(screen.getByText('等级有效期至 2026-11-24，届时按近 12 个月成长值重新评定')).toBeTruthy()
  })

  it('lays out every tier’s benefits side by side: member price as a discount, points multiplier, free shipping, gifts', async () => {
    await openMemberCenter()
    const rows = Array.from(document.querySelectorAll('.benefits-table__row')).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent),
    )
    expect(rows).toEqual([
      ['等级', 'V1', 'V2', 'V3', 'V4', 'V5'],
      ['成长值', '0', '500', '2000', '8000', '20000'],
      ['会员价', '原价', '9.8折', '9.5折', '9.2折', '8.8折'],
      ['积分倍率', '×1', '×1.2', '×1.5', '×1.8', '×2'],
      ['包邮', '满¥99', '满¥99', '满¥69', '满¥49.50', '全场包邮'],
      ['生日礼', '—', '50积分', '100积分', '200积分', '500积分'],
      ['活动抢先', '—', '—', '2小时', '12小时', '24小时'],
    ])
    const own = Array.from(document.querySelectorAll('.benefits-table__cell--current')).map((cell) => cell.textContent)
    expect(own).toEqual(['V3', '2000', '9.5折', '×1.5', '满¥69', '100积分', '2小时'])
    expect(screen.getByText('等级只看你自己的消费和活跃，与邀请他人无关；等级不出售，也不能购买。')).toBeTruthy()
  })

  it('lists tier changes newest first with their date and growth', async () => {
    await openMemberCenter()
    const rows = Array.from(document.querySelectorAll('.tier-history__row')).map((row) => row.textContent)
    expect(rows).toEqual(['升级至 V3V2 → V3 · 当时成长值 20102025-11-24', '升级至 V2V1 → V2 · 当时成长值 5202025-03-02'])
  })

  it('names a review that lowered the tier, and shows the top tier without a next step', async () => {
    const v5: TierView = { ...v3, tier: 5, growth: 26000, next: null }
    await openMemberCenter(v5, [{ id: 't3', from: 5, to: 4, reason: 'review', growth: 9000, at: shanghai('2025-06-01T02:20:00') }])
    expect(screen.getByText('已是最高等级')).toBeTruthy()
    expect(document.querySelector('.tier-card__target')).toBeNull()
    expect(screen.getByText('等级到期，重新评定为 V4')).toBeTruthy()
  })

  it('says so when the tier has never changed', async () => {
    await openMemberCenter(v3, [])
    expect(screen.getByText('还没有等级变动')).toBeTruthy()
  })

  it('offers a retry when the tier cannot be loaded', async () => {
    render(<MemberCenterPage />)
    await act(async () => fakeBackend.settle('member.tier').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(fakeBackend.callsTo('member.tier')).toHaveLength(2)
  })

  it('asks a visitor to sign in on the 我的 tab', async () => {
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    useSession.setState({ token: null, member: null })
    render(<MemberCenterPage />)
    expect(screen.getByText('登录后查看会员等级')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  it('lets a member record a birthday once, after confirming it, and then shows it with the gift', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openMemberCenter()
    expect(screen.getByText('登记生日，领生日礼')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: '选择生日' }))
    await act(async () => fireEvent.click(await screen.findByText('确定')))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: '生日登记后不能修改。你的生日是 1月1日 吗？' }))
    expect(fakeBackend.callsTo('member.setBirthday')).toEqual([{ birthday: '01-01' }])
    await act(async () => fakeBackend.settle('member.setBirthday').resolve({ birthday: '01-01' }))
    expect(screen.getByText('我的生日：1月1日')).toBeTruthy()
    expect(screen.getByText('生日当天可得 100 积分（按当天的会员等级）')).toBeTruthy()
    expect(screen.queryByRole('button', { name: '选择生日' })).toBeNull()
  })

  it('sends nothing when the member does not confirm the birthday', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await openMemberCenter()
    fireEvent.click(screen.getByRole('button', { name: '选择生日' }))
    await act(async () => fireEvent.click(await screen.findByText('确定')))
    expect(fakeBackend.callsTo('member.setBirthday')).toEqual([])
  })

  it('shows a recorded birthday without a way to change it', async () => {
    await openMemberCenter({ ...v3, birthday: '03-15' })
    expect(screen.getByText('我的生日：3月15日')).toBeTruthy()
    expect(screen.queryByRole('button', { name: '选择生日' })).toBeNull()
  })
})
