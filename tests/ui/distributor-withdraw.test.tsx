// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DistributorDashboard, Page, Req, WithdrawalQuote, WithdrawalView } from '../../types/api'
import WithdrawPage from '../../src/packages/distributor/withdraw'
import WithdrawalsPage from '../../src/packages/distributor/withdrawals'
import { PREVIEW_DELAY_MS } from '../../src/packages/distributor/withdraw/useWithdraw'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = {
  id: 'koc-1',
  nickname: '山野小筑',
  avatar: '',
  tier: 3 as const,
  roles: ['consumer' as const, 'distributor' as const],
  shareCode: 'KOC7F3A1',
}

const dashboard: DistributorDashboard = {
  code: 'KOC7F3A1',
  status: 'approved',
  pending: 0,
  frozen: 0,
  available: 50000,
  processing: 0,
  withdrawn: 0,
  debt: 0,
  month: { commission: 0, orders: 0, withdrawn: 0 },
  series: [],
  withdraw: { min: 1000, dailyCap: 500000, leftToday: 20000 },
  rates: { defaultBps: 1000, capBps: 3000 },
}

/** ¥200 on top of ¥3,000 already paid out this month: ¥3,200 - ¥800 = ¥2,400 taxable, ¥480 due, ¥440 withheld before. */
const quote: WithdrawalQuote = { amount: 20000, tax: 4000, net: 16000, monthIncome: 300000 }

const withdrawal = (over: Partial<WithdrawalView> = {}): WithdrawalView => ({
  id: 'wd-1',
  amount: 20000,
  tax: 4000,
  net: 16000,
  status: 'processing',
  createdAt: Date.now(),
  paidAt: null,
  failedAt: null,
  failReason: null,
  transferId: null,
  packageInfo: null,
  ...over,
})

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  useSession.setState({ token: 'member-token', member })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

async function openWithdraw(answer: DistributorDashboard = dashboard) {
  render(<WithdrawPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('distribution.dashboard')).toEqual([{}])
  await act(async () => fakeBackend.settle('distribution.dashboard').resolve(answer))
}

const amountInput = () => screen.getByPlaceholderText('最低 10.00 元') as HTMLInputElement
const type = (value: string) => fireEvent.input(amountInput(), { target: { value } })
const problem = () => document.querySelector('.withdraw__problem')?.textContent ?? null
const confirmButton = () => document.querySelector('.withdraw__confirm') as HTMLElement
const withdrawCalls = () => fakeBackend.callsTo('distribution.withdraw') as Req<'distribution', 'withdraw'>[]
const previews = () => withdrawCalls().filter((call) => call.preview === true)
const confirmations = () => withdrawCalls().filter((call) => call.preview === false)
/** Lets the pause after typing pass, after which the tax preview is asked for. */
const pauseTyping = () => act(() => new Promise((resolve) => setTimeout(resolve, PREVIEW_DELAY_MS + 30)))

async function previewed(text: string, answer: WithdrawalQuote = quote) {
  type(text)
  await pauseTyping()
  await act(async () => fakeBackend.settle('distribution.withdraw').resolve({ quote: answer, withdrawal: null }))
}

async function tapConfirm() {
  await act(async () => {
    fireEvent.click(confirmButton())
  })
}

describe('withdraw', () => {
  it('shows the balance and the limits', async () => {
    await openWithdraw()
    expect(document.querySelector('.withdraw__balance-amount')?.textContent).toBe('¥500.00')
    expect(document.querySelector('.withdraw__limits')?.textContent).toBe('单次不少于 ¥10.00 · 每日上限 ¥5000.00 · 今日还可提现 ¥200.00')
  })

  it('checks the amount as it is typed and says what is wrong, asking the server nothing for a wrong one', async () => {
    await openWithdraw()
    const cases: [string, string | null][] = [
      ['-5', '请输入正确的金额，如 100 或 100.50'],
      ['12.345', '金额最多精确到分（两位小数）'],
      ['9.99', '单次提现不少于 ¥10.00'],
      ['500.01', '超出可提现余额 ¥500.00'],
      ['200.01', '超出今日提现额度，今日还可提现 ¥200.00'],
      ['', null],
      ['10', null],
      ['200.00', null],
    ]
    for (const [text, message] of cases) {
      type(text)
      expect({ text, message: problem() }).toEqual({ text, message })
    }
    type('500.01')
    await pauseTyping()
    expect(withdrawCalls()).toEqual([])
    expect(confirmButton().className).toContain('nut-button-disabled')
  })

  it('fills in the most that can be withdrawn today with 全部', async () => {
    await openWithdraw()
    fireEvent.click(screen.getByText('全部'))
    expect(amountInput().value).toBe('200.00')
    expect(problem()).toBeNull()
  })

  it('previews the tax for the typed amount after a pause, then withdraws it with the same request id', async () => {
    await openWithdraw()
    type('1')
    type('15')
    type('200')
    expect(confirmButton().className).toContain('nut-button-disabled')
    await pauseTyping()
    // Only the amount typed last is previewed.
    expect(withdrawCalls()).toEqual([{ amount: 20000, requestId: expect.stringMatching(/^[A-Za-z0-9-]{8,64}$/), preview: true }])
    expect(screen.getByText('正在计算个人所得税…')).toBeTruthy()
    await act(async () => fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: null }))

    const rows = Array.from(document.querySelectorAll('.withdraw-quote__row')).map((row) => row.textContent)
    expect(rows).toEqual(['提现金额¥200.00', '代扣个人所得税（劳务报酬）-¥40.00', '实际到账¥160.00'])
    expect(document.querySelector('.withdraw-quote__basis')?.textContent).toBe(
      '个人所得税按本月累计提现收入计算：本月此前已提现 ¥3000.00，连同本次共 ¥3200.00；此前已代扣的税款不会重复扣除。',
    )
    expect(confirmButton().className).not.toContain('nut-button-disabled')

    await tapConfirm()
    await tapConfirm()
    const [preview] = previews()
    expect(confirmations()).toEqual([{ amount: 20000, requestId: preview.requestId, preview: false }])

    await act(async () => fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: withdrawal() }))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提现处理中' }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/distributor/withdrawals/index' })
    await tapConfirm()
    expect(confirmations()).toHaveLength(1)
  })

  it('says when the money has already arrived', async () => {
    await openWithdraw()
    await previewed('200')
    await tapConfirm()
    await act(async () =>
      fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: withdrawal({ status: 'paid', paidAt: Date.now() }) }),
    )
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '提现已到账' }))
  })

  it('retries a withdrawal lost to the network with the same request id, also when tapped again later', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openWithdraw()
    await previewed('200')
    await tapConfirm()
    await act(async () => fakeBackend.settle('distribution.withdraw').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '提现没有完成', content: '网络不给力，请检查网络后重试', confirmText: '重试' }),
    )

    // The member chose 稍后再说 this time, then taps 确认提现 again.
    modal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await act(async () => fakeBackend.settle('distribution.withdraw').reject(callError('BUSY', '提现正在处理中，请稍后再试')))
    await tapConfirm()

    const ids = confirmations().map((call) => call.requestId)
    expect(ids).toHaveLength(3)
    expect(new Set(ids).size).toBe(1)
    expect(ids[0]).toBe(previews()[0].requestId)
    expect(confirmations().every((call) => call.amount === 20000)).toBe(true)
  })

  it('after a refusal shows the server message, reloads the balance and makes the next try a new withdrawal', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openWithdraw()
    await previewed('200')
    await tapConfirm()
    const first = confirmations()[0].requestId
    await act(async () => fakeBackend.settle('distribution.withdraw').reject(callError('BALANCE_SHORT', '可提现余额不足')))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '未能提现', content: '可提现余额不足', showCancel: false }))
    expect(fakeBackend.callsTo('distribution.dashboard')).toHaveLength(2)
    await act(async () => fakeBackend.settle('distribution.dashboard').resolve({ ...dashboard, available: 30000 }))

    // The amount is previewed again under the new request id before it can be confirmed.
    await pauseTyping()
    expect(previews()).toHaveLength(2)
    expect(previews()[1].requestId).not.toBe(first)
    await act(async () => fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: null }))
    await tapConfirm()
    expect(confirmations()[1]).toEqual({ amount: 20000, requestId: previews()[1].requestId, preview: false })
  })

  it('shows the server refusing a previewed amount in its own words', async () => {
    await openWithdraw()
    type('150')
    await pauseTyping()
    await act(async () => fakeBackend.settle('distribution.withdraw').reject(callError('DAILY_CAP', '今日提现已达上限')))
    expect(document.querySelector('.withdraw-quote__refusal')?.textContent).toBe('今日提现已达上限')
    expect(confirmButton().className).toContain('nut-button-disabled')
  })

  it('asks the payee to confirm a 商家转账 in the mini program, and not in the browser build', async () => {
    const requestMerchantTransfer = vi.fn((options: { success: () => void }) => options.success())
    const platform = process.env.TARO_ENV
    Object.assign(Taro, { requestMerchantTransfer, getAccountInfoSync: () => ({ miniProgram: { appId: 'wx0123456789abcdef' } }) })
    try {
      await openWithdraw()
      await previewed('200')
      await tapConfirm()
      process.env.TARO_ENV = 'weapp'
      process.env.WXPAY_MCH_ID = '1900000109'
      await act(async () =>
        fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: withdrawal({ packageInfo: 'ABBQO+oYAAABAAAAAAAk' }) }),
      )
      expect(requestMerchantTransfer).toHaveBeenCalledWith(
        expect.objectContaining({ mchId: '1900000109', appId: 'wx0123456789abcdef', package: 'ABBQO+oYAAABAAAAAAAk' }),
      )
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/distributor/withdrawals/index' })
      process.env.TARO_ENV = platform

      cleanup()
      fakeBackend.calls = []
      fakeBackend.pending.clear()
      await openWithdraw()
      await previewed('200')
      await tapConfirm()
      await act(async () =>
        fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: withdrawal({ packageInfo: 'ABBQO+oYAAABAAAAAAAk' }) }),
      )
      expect(requestMerchantTransfer).toHaveBeenCalledTimes(1)
      expect(Taro.redirectTo).toHaveBeenCalledTimes(2)
    } finally {
      process.env.TARO_ENV = platform
      delete process.env.WXPAY_MCH_ID
      delete (Taro as unknown as Record<string, unknown>).requestMerchantTransfer
    }
  })

  it('turns a preview that finds the attempt already made into that withdrawal', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await openWithdraw()
    await previewed('200')
    await tapConfirm()
    await act(async () => fakeBackend.settle('distribution.withdraw').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(modal).toHaveBeenCalled()
    // The withdrawal did go through; the member changes the amount and the server recognises the request id.
    type('150')
    await pauseTyping()
    expect(previews()[1]).toEqual({ amount: 15000, requestId: confirmations()[0].requestId, preview: true })
    await act(async () => fakeBackend.settle('distribution.withdraw').resolve({ quote, withdrawal: withdrawal() }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/distributor/withdrawals/index' })
  })

  it('does not offer withdrawing from a frozen account', async () => {
    await openWithdraw({ ...dashboard, status: 'frozen' })
    expect(screen.getByText('账户已冻结，暂不能提现')).toBeTruthy()
    expect(document.querySelector('.withdraw__confirm')).toBeNull()
  })

  it('keeps the form off when the balance is under the minimum', async () => {
    render(<WithdrawPage />)
    await act(async () => fakeBackend.settle('distribution.dashboard').resolve({ ...dashboard, available: 500 }))
    const input = screen.getByPlaceholderText('可提现满 ¥10.00 后可申请提现') as HTMLInputElement
    expect(input.disabled).toBe(true)
    fireEvent.click(screen.getByText('全部'))
    expect(input.value).toBe('')
  })
})

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

describe('withdrawal records', () => {
  it('lists each withdrawal with its amount, tax, what arrived, its status and times; a failure says why', async () => {
    const records: Page<WithdrawalView> = {
      items: [
        withdrawal({ id: 'wd-3', createdAt: shanghai('2025-11-24T10:00:00') }),
        withdrawal({
          id: 'wd-2',
          amount: 100000,
          tax: 16000,
          net: 84000,
          status: 'paid',
          createdAt: shanghai('2025-11-20T09:00:00'),
          paidAt: shanghai('2025-11-20T09:00:05'),
        }),
        withdrawal({
          id: 'wd-1',
          amount: 5000,
          tax: 0,
          net: 5000,
          status: 'failed',
          createdAt: shanghai('2025-11-10T08:00:00'),
          failedAt: shanghai('2025-11-10T08:01:00'),
          failReason: '收款账户未实名',
        }),
      ],
      page: 1,
      pageSize: 10,
      total: 3,
      hasMore: false,
    }
    render(<WithdrawalsPage />)
    expect(fakeBackend.callsTo('distribution.withdrawals')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () => fakeBackend.settle('distribution.withdrawals').resolve(records))
    const cards = Array.from(document.querySelectorAll('.withdrawal-card')).map((card) => ({
      title: card.querySelector('.withdrawal-card__title')?.textContent,
      status: card.querySelector('.dist-status')?.textContent,
      tax: card.querySelector('.withdrawal-card__tax')?.textContent,
      net: card.querySelector('.withdrawal-card__net')?.textContent,
      times: card.querySelector('.withdrawal-card__times')?.textContent,
      failure: card.querySelector('.withdrawal-card__failure')?.textContent ?? null,
    }))
    expect(cards).toEqual([
      { title: '提现 ¥200.00', status: '处理中', tax: '-¥40.00', net: '¥160.00', times: '申请时间 2025-11-24 10:00', failure: null },
      {
        title: '提现 ¥1000.00',
        status: '已到账',
        tax: '-¥160.00',
        net: '¥840.00',
        times: '申请时间 2025-11-20 09:00到账时间 2025-11-20 09:00',
        failure: null,
      },
      {
        title: '提现 ¥50.00',
        status: '失败',
        tax: '-¥0.00',
        net: '¥50.00',
        times: '申请时间 2025-11-10 08:00失败时间 2025-11-10 08:01',
        failure: '失败原因：收款账户未实名。提现金额已退回可提现佣金。',
      },
    ])
    // Confirming receipt of a 商家转账 exists in the mini program only.
    expect(screen.queryByText('确认收款')).toBeNull()
  })

  it('shows no records in words', async () => {
    render(<WithdrawalsPage />)
    await act(async () =>
      fakeBackend.settle('distribution.withdrawals').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }),
    )
    expect(screen.getByText('还没有提现记录')).toBeTruthy()
  })
})
