// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, SettingsView } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
import { SETTINGS_FIELDS, documentFrom, shown } from '../../src/packages/ops/console/settings-fields'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const finance: MemberView = { id: 'books', nickname: '账房', avatar: '', tier: 1, roles: ['operator', 'finance'], shareCode: 'BOOKS234' }
const afterSale: SettingsView = {
  name: 'afterSale',
  doc: null,
  settings: { reviewHours: 48, returnDays: 7, confirmDays: 10, returnAddress: null },
  problems: [],
}

signedInPageTests(finance)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

/** The console's 设置 with the after-sale document loaded, shown as its form. */
async function openAfterSale() {
  render(<OpsConsolePage />)
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '设置' }))
  await act(async () => fakeBackend.settle('staff.settings').resolve({ name: 'tiers', doc: null, settings: {}, problems: [] }))
  fireEvent.click(screen.getByRole('tab', { name: '售后' }))
  await act(async () => fakeBackend.settle('staff.settings').resolve(afterSale))
}

const input = (label: string) => screen.getAllByPlaceholderText(label).find((el) => el.tagName === 'INPUT') as HTMLInputElement

async function openSettings() {
  render(<OpsConsolePage />)
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '设置' }))
  fireEvent.click(screen.getByRole('tab', { name: 'JSON' }))
  // Taro's web textarea draws its own <textarea> a moment after mounting; the document's text goes there.
  const textarea = await waitFor(() => {
    const found = screen.getAllByPlaceholderText('设置（JSON）').find((el) => el.tagName === 'TEXTAREA') as HTMLTextAreaElement | undefined
    if (!found) throw new Error('the textarea is not drawn yet')
    return found
  })
  await act(async () => fakeBackend.settle('staff.settings').resolve({ name: 'tiers', doc: null, settings: {}, problems: [] }))
  fireEvent.click(screen.getByRole('tab', { name: '售后' }))
  expect(fakeBackend.callsTo('staff.settings')).toEqual([{ name: 'tiers' }, { name: 'afterSale' }])
  await act(async () => fakeBackend.settle('staff.settings').resolve(afterSale))
  await waitFor(() => expect(textarea.value).toContain('reviewHours'))
  return textarea
}

describe('设置', () => {
  it('shows each setting as a labelled field, and saves what was typed as the document stores it', async () => {
    await openAfterSale()
    expect(input('审核时限（小时，24–168）').value).toBe('48')
    expect(input('退货收件人').value).toBe('')
    fireEvent.input(input('审核时限（小时，24–168）'), { target: { value: '72' } })
    fireEvent.input(input('退货收件人'), { target: { value: '仓库' } })
    fireEvent.input(input('退货电话'), { target: { value: '057100000000' } })
    fireEvent.input(input('退货地区'), { target: { value: '浙江省 杭州市' } })
    fireEvent.input(input('退货详细地址'), { target: { value: '龙井路 1 号' } })
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await act(async () => void fireEvent.click(screen.getByText('保存设置')))
    expect(fakeBackend.callsTo('staff.saveSettings')).toEqual([
      {
        name: 'afterSale',
        doc: {
          reviewHours: 72,
          returnDays: 7,
          confirmDays: 10,
          returnAddress: { name: '仓库', phone: '057100000000', region: '浙江省 杭州市', detail: '龙井路 1 号' },
        },
      },
    ])
  })

  it('says which field cannot be read before sending anything, and keeps the edit when switching to JSON', async () => {
    await openAfterSale()
    fireEvent.input(input('寄回期限（天，3–14）'), { target: { value: '七' } })
    await act(async () => void fireEvent.click(screen.getByText('保存设置')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '「寄回期限（天，3–14）」填写不正确' }))
    expect(fakeBackend.callsTo('staff.saveSettings')).toEqual([])
    fireEvent.input(input('寄回期限（天，3–14）'), { target: { value: '9' } })
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }))
    const textarea = await waitFor(() => {
      const found = screen.getAllByPlaceholderText('设置（JSON）').find((el) => el.tagName === 'TEXTAREA') as
        | HTMLTextAreaElement
        | undefined
      if (!found) throw new Error('the textarea is not drawn yet')
      return found
    })
    await waitFor(() => expect(JSON.parse(textarea.value)).toMatchObject({ returnDays: 9, returnAddress: null }))
  })

  it('shows the document the rules use, saves an edit after confirming, and shows what the rules corrected', async () => {
    const textarea = await openSettings()
    expect(JSON.parse(textarea.value)).toMatchObject({ reviewHours: 48 })
    fireEvent.input(textarea, { target: { value: '{ "reviewHours": 200 }' } })
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await act(async () => void fireEvent.click(screen.getByText('保存设置')))
    expect(fakeBackend.callsTo('staff.saveSettings')).toEqual([{ name: 'afterSale', doc: { reviewHours: 200 } }])
    const saved = {
      ...afterSale,
      doc: { reviewHours: 200 },
      settings: { ...(afterSale.settings as object), reviewHours: 168 },
      problems: ['reviewHours = 200 超出范围，已按 168 执行'],
    }
    await act(async () => fakeBackend.settle('staff.saveSettings').resolve(saved))
    expect(screen.getByText('reviewHours = 200 超出范围，已按 168 执行')).toBeTruthy()
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存，有 1 处按规则修正' }))
  })

  it('refuses text that is not a JSON object before sending anything', async () => {
    const textarea = await openSettings()
    fireEvent.input(textarea, { target: { value: '{ reviewHours: 48' } })
    await act(async () => void fireEvent.click(screen.getByText('保存设置')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '不是有效的 JSON，请检查引号和逗号' }))
    fireEvent.input(textarea, { target: { value: '[1, 2]' } })
    await act(async () => void fireEvent.click(screen.getByText('保存设置')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '设置应为一个 { } 对象' }))
    expect(fakeBackend.callsTo('staff.saveSettings')).toEqual([])
  })
})

describe('the settings form', () => {
  it('shows money in yuan and rates in %, and stores them in fen and basis points', () => {
    const distribution = { defaultBps: 1_000, autoApprove: false, bindingDays: 15, minWithdraw: 1_000, dailyCap: 500_000 }
    const field = (key: string) => SETTINGS_FIELDS.distribution.find((f) => f.path.join('.') === key)!
    expect(shown(distribution, field('defaultBps'))).toBe('10')
    expect(shown(distribution, field('minWithdraw'))).toBe('10.00')
    expect(documentFrom('distribution', distribution, { defaultBps: '12.5', minWithdraw: '20', autoApprove: 'true' })).toEqual({
      ...distribution,
      defaultBps: 1_250,
      minWithdraw: 2_000,
      autoApprove: true,
    })
    expect(documentFrom('distribution', distribution, { dailyCap: '5000.123' })).toBe('「每日提现上限（元）」填写不正确')
  })

  it('reads a tier multiplier as a decimal and every other tier figure as a whole number', () => {
    const benefit = { memberPricePct: 98, pointsMultiplier: 1.2, freeShippingOver: 9_900, birthdayGiftPoints: 50, earlyAccessHours: 0 }
    const tiers = {
      thresholds: { 1: 0, 2: 500, 3: 2_000, 4: 8_000, 5: 20_000 },
      benefits: { 1: benefit, 2: benefit, 3: benefit, 4: benefit, 5: benefit },
    }
    const doc = documentFrom('tiers', tiers, { 'benefits.2.pointsMultiplier': '1.5', 'thresholds.2': '800' }) as {
      thresholds: Record<string, number>
      benefits: Record<string, Record<string, number>>
    }
    expect(doc.thresholds[2]).toBe(800)
    expect(doc.benefits[2]).toMatchObject({ pointsMultiplier: 1.5, memberPricePct: 98 })
    expect(documentFrom('tiers', tiers, { 'thresholds.3': '1.5' })).toBe('「V3 成长值门槛」填写不正确')
  })
})
