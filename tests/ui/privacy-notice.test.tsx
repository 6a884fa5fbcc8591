// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { Button, View } from '@tarojs/components'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PrivacyNotice } from '../../src/components/PrivacyNotice'
import { AGREE_BUTTON_ID, listenForPrivacyAuthorization, withPrivacyGuide } from '../../src/services/privacy.gate'
import { usePrivacyNotice } from '../../src/stores/privacyNotice'

/** A page with one action that touches the member's data, as the order page's 复制 is. */
function PageWithCopy({ copy }: { copy: () => Promise<unknown> }) {
  return (
    <View>
      <Button onClick={() => void withPrivacyGuide(copy)}>复制订单号</Button>
      <PrivacyNotice />
    </View>
  )
}

describe('the privacy guide notice in the browser build', () => {
  beforeEach(() => {
    Taro.removeStorageSync('siyu-privacy-agreed')
    usePrivacyNotice.setState({ open: false, settle: null })
    vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  })
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  it('asks before the first action that touches the member’s data; declining does nothing and leaves the page usable', async () => {
    const copy = vi.fn(async () => ({ errMsg: 'setClipboardData:ok' }))
    render(<PageWithCopy copy={copy} />)
    expect(screen.queryByRole('dialog', { name: '隐私保护指引' })).toBeNull()

    fireEvent.click(screen.getByText('复制订单号'))
    expect(await screen.findByRole('dialog', { name: '隐私保护指引' })).toBeTruthy()
    await act(async () => fireEvent.click(screen.getByText('不同意')))
    expect(screen.queryByRole('dialog', { name: '隐私保护指引' })).toBeNull()
    expect(copy).not.toHaveBeenCalled()
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '同意隐私保护指引后才能使用此功能' }))

    // Declining is not remembered: the next tap asks again, and agreeing lets the action through.
    fireEvent.click(screen.getByText('复制订单号'))
    await act(async () => fireEvent.click(await screen.findByText('同意')))
    expect(copy).toHaveBeenCalledTimes(1)
  })

  it('remembers an agreement, so the next action goes ahead without asking', async () => {
    const copy = vi.fn(async () => ({ errMsg: 'setClipboardData:ok' }))
    render(<PageWithCopy copy={copy} />)
    fireEvent.click(screen.getByText('复制订单号'))
    await act(async () => fireEvent.click(await screen.findByText('同意')))
    await act(async () => fireEvent.click(screen.getByText('复制订单号')))
    expect(copy).toHaveBeenCalledTimes(2)
    expect(screen.queryByRole('dialog', { name: '隐私保护指引' })).toBeNull()
  })

  it('opens the privacy guide from the notice', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<PageWithCopy copy={async () => undefined} />)
    fireEvent.click(screen.getByText('复制订单号'))
    fireEvent.click(await screen.findByText('《私域好物隐私保护指引》'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/member/privacy/index' })
  })
})

describe('WeChat’s privacy ask in the mini program', () => {
  afterEach(() => {
    cleanup()
    delete (Taro as unknown as Record<string, unknown>).onNeedPrivacyAuthorization
  })

  it('shows the notice when WeChat holds a privacy API, and answers with the agree button’s id or a refusal', async () => {
    let ask: ((resolve: (option: unknown) => void) => void) | null = null
    ;(Taro as unknown as Record<string, unknown>).onNeedPrivacyAuthorization = (listener: typeof ask) => {
      ask = listener
    }
    listenForPrivacyAuthorization()
    render(<PrivacyNotice />)
    const answers: unknown[] = []
    await act(async () => ask!((option) => answers.push(option)))
    expect(screen.getByRole('dialog', { name: '隐私保护指引' })).toBeTruthy()
    expect(document.getElementById(AGREE_BUTTON_ID)?.textContent).toBe('同意')
    await act(async () => usePrivacyNotice.getState().answer(true))
    await act(async () => ask!((option) => answers.push(option)))
    await act(async () => fireEvent.click(screen.getByText('不同意')))
    expect(answers).toEqual([
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: AGREE_BUTTON_ID },
      { event: 'exposureAuthorization' },
      { event: 'disagree' },
    ])
  })
})
