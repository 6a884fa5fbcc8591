// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, SettingsView } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
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

async function openSettings() {
  render(<OpsConsolePage />)
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '设置' }))
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
