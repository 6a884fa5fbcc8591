// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView } from '../../types/api'
import PrivacyPage from '../../src/packages/member/privacy'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { PAGES } from '../../src/utils/routes'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member: MemberView = { id: 'consumer-v4', nickname: '林间听茶', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'QWERTYUI' }

signedInPageTests(member)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
})

async function openPrivacy(personalised = true) {
  render(<PrivacyPage />)
  expect(fakeBackend.callsTo('member.preferences')).toEqual([{}])
  await act(async () => fakeBackend.settle('member.preferences').resolve({ personalised }))
}

const personalSwitch = () => document.querySelector<HTMLElement>('.privacy-personal .nut-switch')!
const confirmInput = () => screen.getByPlaceholderText('请输入“注销账号”确认') as HTMLInputElement
const deleteButton = () => document.querySelector<HTMLElement>('.privacy-delete__button')!
const tap = (element: Element) => act(async () => void fireEvent.click(element))
const modal = (confirm: boolean) => vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })

describe('the privacy notice', () => {
  it('says what is collected and why, that distributors never see buyers, how long data is kept, and about messages', async () => {
    await openPrivacy()
    const titles = Array.from(document.querySelectorAll('.rule-sections__title')).map((title) => title.textContent)
    expect(titles).toEqual(['我们收集哪些信息', '为什么需要这些信息', '分销员看不到你的个人信息', '保存多久', '消息通知'])
    const text = document.querySelector('.rule-sections')?.textContent ?? ''
    for (const part of [
      '微信昵称和头像',
      '每笔订单单独填写',
      '生日（仅在你填写时）',
      '购买、积分和签到记录',
      '你的昵称、手机号和地址都不会提供给分销员',
      '只在你每次点选“允许”后发送',
    ]) {
      expect(text).toContain(part)
    }
  })

  it('is readable signed out, with the way to sign in for the settings', () => {
    useSession.setState({ token: null, member: null })
    render(<PrivacyPage />)
    expect(document.querySelector('.rule-sections')).toBeTruthy()
    expect(screen.getByText('登录后可以管理个性化推荐设置或注销账号。')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
  })
})

describe('个性化推荐与定向活动', () => {
  it('shows the saved choice and turns profiling off and on', async () => {
    await openPrivacy(true)
    expect(personalSwitch().className).not.toContain('nut-switch-close')

    await tap(personalSwitch())
    expect(fakeBackend.callsTo('member.setPreferences')).toEqual([{ personalised: false }])
    await act(async () => fakeBackend.settle('member.setPreferences').resolve({ personalised: false }))
    expect(personalSwitch().className).toContain('nut-switch-close')
    expect(
      screen.getByText(
        '已关闭：首页种草按发布时间从新到旧展示；我们不再为你生成分群标签，已有标签已删除，只面向特定标签人群的活动将不会触达你。',
      ),
    ).toBeTruthy()

    await tap(personalSwitch())
    expect(fakeBackend.callsTo('member.setPreferences')).toEqual([{ personalised: false }, { personalised: true }])
    await act(async () => fakeBackend.settle('member.setPreferences').resolve({ personalised: true }))
    expect(personalSwitch().className).not.toContain('nut-switch-close')
    expect(screen.getByText(/已开启：首页种草按大家的点赞、评论、收藏和下单热度并结合发布时间推荐/)).toBeTruthy()
  })

  it('keeps the choice as it was when saving fails', async () => {
    await openPrivacy(false)
    await tap(personalSwitch())
    await act(async () => fakeBackend.settle('member.setPreferences').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不给力，请检查网络后重试' }))
    expect(personalSwitch().className).toContain('nut-switch-close')
  })
})

describe('注销账号', () => {
  it('says what is erased and what is kept anonymised', async () => {
    await openPrivacy()
    const text = document.querySelector('.privacy-delete')?.textContent ?? ''
    expect(text).toContain('将删除：昵称和头像（改为“已注销用户”）、生日、历史订单和兑换上的收货信息与备注')
    expect(text).toContain('将保留：订单、退款、积分和佣金流水匿名保留')
    expect(text).toContain('账户里的积分和尚未提现的佣金会作废')
  })

  it('needs the exact words 注销账号 before it can be asked for', async () => {
    await openPrivacy()
    const ask = modal(true)
    for (const typed of ['', '注销', '注销帐号', '删除账号']) {
      fireEvent.input(confirmInput(), { target: { value: typed } })
      expect(deleteButton().className).toContain('nut-button-disabled')
      await tap(deleteButton())
    }
    expect(ask).not.toHaveBeenCalled()
    expect(fakeBackend.callsTo('member.deleteAccount')).toEqual([])

    fireEvent.input(confirmInput(), { target: { value: '注销账号' } })
    expect(deleteButton().className).not.toContain('nut-button-disabled')
  })

  it('asks once more, and does nothing when the member thinks again', async () => {
    await openPrivacy()
    const ask = modal(false)
    fireEvent.input(confirmInput(), { target: { value: '注销账号' } })
    await tap(deleteButton())
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '确认注销账号？', confirmText: '确认注销', confirmColor: '#D9363E' }))
    expect(fakeBackend.callsTo('member.deleteAccount')).toEqual([])
  })

  it('deletes the account, signs out and goes home', async () => {
    await openPrivacy()
    modal(true)
    fireEvent.input(confirmInput(), { target: { value: '注销账号' } })
    await tap(deleteButton())
    expect(fakeBackend.callsTo('member.deleteAccount')).toEqual([{ confirm: '注销账号' }])
    expect(useSession.getState().token).toBe('member-token')

    await act(async () => fakeBackend.settle('member.deleteAccount').resolve({ deleted: true }))
    expect(useSession.getState()).toMatchObject({ token: null, member: null })
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: PAGES.home })
  })

  it('explains why it cannot delete the account yet, and keeps the member signed in', async () => {
    await openPrivacy()
    modal(true)
    fireEvent.input(confirmInput(), { target: { value: '注销账号' } })
    await tap(deleteButton())
    await act(async () =>
      fakeBackend
        .settle('member.deleteAccount')
        .reject(callError('ACCOUNT_BUSY', '还有未完成的订单（待支付、待发货或待收货），完成或取消后再注销')),
    )
    expect(document.querySelector('.privacy-delete__refusal')?.textContent).toBe(
      '暂时不能注销：还有未完成的订单（待支付、待发货或待收货），完成或取消后再注销',
    )
    expect(useSession.getState().token).toBe('member-token')
    expect(Taro.switchTab).not.toHaveBeenCalled()
  })
})
