// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DistributorStatusView } from '../../types/api'
import DistributorApplyPage from '../../src/packages/distributor/apply'
import { useDistributionRevision } from '../../src/packages/distributor/shared/revision'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v3', nickname: '茶友', avatar: '', tier: 3 as const, roles: ['consumer' as const], shareCode: 'QWERTYUI' }

const rules = {
  version: '2025-11',
  sections: [
    { title: '加入条件', lines: ['年满 18 周岁的会员均可免费申请。'] },
    { title: '佣金', lines: ['佣金按商品实付金额计算，单笔不超过实付金额的 30%。', '顾客收货 7 天后佣金转为可提现。'] },
  ],
}

const notApplied: DistributorStatusView = {
  status: null,
  code: null,
  appliedAt: null,
  decidedAt: null,
  note: '',
  autoApprove: false,
  rules,
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  useSession.setState({ token: 'member-token', member })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  // Opened from the 我的 tab: the center is not the page below.
  vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

async function openApply(view: DistributorStatusView = notApplied) {
  render(<DistributorApplyPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('distribution.status')).toEqual([{}])
  await act(async () => fakeBackend.settle('distribution.status').resolve(view))
}

const submitButton = () => screen.getByText('提交申请').closest('.nut-button') as HTMLElement
const tick = (label: string) => fireEvent.click(screen.getByText(label).closest('.nut-checkbox') as HTMLElement)
const applyCalls = () => fakeBackend.callsTo('distribution.apply')

async function tickBothAndSubmit() {
  tick('我已年满 18 周岁')
  tick('我已阅读并同意《分销规则》')
  await act(async () => {
    fireEvent.click(submitButton())
  })
}

describe('apply to distribute', () => {
  it('shows the published rules and says joining is free', async () => {
    await openApply()
    expect(screen.getByText('申请免费，无需购买任何商品或缴纳任何费用。')).toBeTruthy()
    const sections = Array.from(document.querySelectorAll('.rule-sections__section')).map((section) => section.textContent)
    expect(sections).toEqual([
      '加入条件年满 18 周岁的会员均可免费申请。',
      '佣金佣金按商品实付金额计算，单笔不超过实付金额的 30%。顾客收货 7 天后佣金转为可提现。',
    ])
    expect(screen.getByText('规则版本 2025-11')).toBeTruthy()
  })

  it('keeps 提交申请 off until both the 18+ declaration and the rules are ticked', async () => {
    await openApply()
    expect(submitButton().className).toContain('nut-button-disabled')
    fireEvent.click(submitButton())
    expect(applyCalls()).toEqual([])

    tick('我已年满 18 周岁')
    expect(submitButton().className).toContain('nut-button-disabled')
    fireEvent.click(submitButton())
    expect(applyCalls()).toEqual([])

    tick('我已年满 18 周岁')
    tick('我已阅读并同意《分销规则》')
    expect(submitButton().className).toContain('nut-button-disabled')

    tick('我已年满 18 周岁')
    expect(submitButton().className).not.toContain('nut-button-disabled')
    expect(screen.queryByText('请先确认年满 18 周岁并同意分销规则')).toBeNull()
  })

  it('sends the declaration with the version of the rules shown, once however often it is tapped', async () => {
    await openApply()
    tick('我已年满 18 周岁')
    tick('我已阅读并同意《分销规则》')
    await act(async () => {
      fireEvent.click(submitButton())
      fireEvent.click(submitButton())
    })
    expect(applyCalls()).toEqual([{ attestAdult: true, rulesVersion: '2025-11' }])
  })

  it('goes to the center at once when the application is approved on the spot', async () => {
    const revision = useDistributionRevision.getState().revision
    await openApply({ ...notApplied, autoApprove: true })
    await tickBothAndSubmit()
    await act(async () =>
      fakeBackend.settle('distribution.apply').resolve({ ...notApplied, status: 'approved', code: 'QWERTYUI', autoApprove: true }),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已成为分销员' }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/distributor/center/index' })
    expect(useDistributionRevision.getState().revision).toBe(revision + 1)
  })

  it('goes back to the center when it is the page below', async () => {
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([
      { route: 'packages/distributor/center/index' },
      { route: 'packages/distributor/apply/index' },
    ] as unknown as ReturnType<typeof Taro.getCurrentPages>)
    await openApply()
    await tickBothAndSubmit()
    await act(async () => fakeBackend.settle('distribution.apply').resolve({ ...notApplied, status: 'approved', code: 'QWERTYUI' }))
    expect(back).toHaveBeenCalled()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('says the application is under review when operators decide', async () => {
    await openApply()
    await tickBothAndSubmit()
    await act(async () => fakeBackend.settle('distribution.apply').resolve({ ...notApplied, status: 'pending', appliedAt: Date.now() }))
    expect(screen.getByText('审核中')).toBeTruthy()
    expect(screen.getByText('申请已提交，正在审核')).toBeTruthy()
    expect(Taro.redirectTo).not.toHaveBeenCalled()
  })

  it('on a refusal shows the server message and the rules as they are now, to be agreed again', async () => {
    await openApply()
    await tickBothAndSubmit()
    await act(async () => fakeBackend.settle('distribution.apply').reject(callError('RULES_CHANGED', '分销规则已更新，请重新阅读后再申请')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '分销规则已更新，请重新阅读后再申请' }))
    expect(fakeBackend.callsTo('distribution.status')).toHaveLength(2)
    await act(async () => fakeBackend.settle('distribution.status').resolve({ ...notApplied, rules: { ...rules, version: '2025-12' } }))
    expect(screen.getByText('规则版本 2025-12')).toBeTruthy()
    expect(submitButton().className).toContain('nut-button-disabled')

    tick('我已阅读并同意《分销规则》')
    await act(async () => {
      fireEvent.click(submitButton())
    })
    expect(applyCalls()).toEqual([
      { attestAdult: true, rulesVersion: '2025-11' },
      { attestAdult: true, rulesVersion: '2025-12' },
    ])
  })

  it('keeps the ticks after a lost connection so the member can simply try again', async () => {
    await openApply()
    await tickBothAndSubmit()
    await act(async () => fakeBackend.settle('distribution.apply').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不给力，请检查网络后重试' }))
    expect(fakeBackend.callsTo('distribution.status')).toHaveLength(1)
    expect(submitButton().className).not.toContain('nut-button-disabled')
  })

  it('shows a rejected application with its note above the form', async () => {
    await openApply({ ...notApplied, status: 'rejected', note: '请使用本人微信申请' })
    expect(screen.getByText('上次申请未通过：请使用本人微信申请。')).toBeTruthy()
    expect(screen.getByText('提交申请')).toBeTruthy()
  })

  it('tells a member already under review instead of offering the form', async () => {
    await openApply({ ...notApplied, status: 'pending' })
    expect(screen.getByText('申请已提交，正在审核')).toBeTruthy()
    expect(screen.queryByText('提交申请')).toBeNull()
  })
})
