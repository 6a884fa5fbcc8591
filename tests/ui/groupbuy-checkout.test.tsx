// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { GroupBuyDetail, OrderView, PaymentRequest, Req, TeamView } from '../../types/api'
import TeamCheckoutPage from '../../src/packages/groupbuy/checkout'
import { callError } from '../../src/services/errors'
import type { PaymentOutcome } from '../../src/services/payment'
import { useAddressBook } from '../../src/stores/address'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** Test double of the pay provider (WeChat Pay / the local host's provider): records what it was asked to pay. */
const fakePayProvider = vi.hoisted(() => ({
  asked: [] as PaymentRequest[],
  outcome: { kind: 'paid' } as PaymentOutcome,
}))
vi.mock('../../src/services/payment', () => ({
  payOrder: (payment: PaymentRequest) => {
    fakePayProvider.asked.push(payment)
    return Promise.resolve(fakePayProvider.outcome)
  },
}))

const member = {
  id: 'consumer-v2',
  nickname: '茶友小林',
  avatar: '',
  tier: 2 as const,
  roles: ['consumer' as const],
  shareCode: 'ZAJGQTKH',
}
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const detail: GroupBuyDetail = {
  id: 'gb-longjing',
  title: '明前龙井 3人团',
  productId: 'p01',
  productTitle: '明前西湖龙井 特级',
  cover: '/media/products/p01-1.jpg',
  price: 11800,
  teamPrice: 8900,
  teamSize: 3,
  timeLimitMs: 24 * 3_600_000,
  stockLeft: 60,
  endAt: shanghai('2025-12-31T23:59:00'),
  openTeams: 2,
  skus: [
    { skuId: 's1', specs: { 规格: '50g', 包装: '罐装' }, price: 12800, teamPrice: 9900, stock: 40 },
    { skuId: 's2', specs: { 规格: '50g', 包装: '袋装' }, price: 11800, teamPrice: 8900, stock: 20 },
  ],
  perMemberLimit: 2,
  teams: [],
  canOpen: true,
  refusal: null,
}

const ADDRESS = { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号 2 幢 301' }
const localPayment: PaymentRequest = { provider: 'local', orderId: 'o-9', amount: 9900 }
const order = { id: 'o-9', payable: 9900, payDeadline: shanghai('2025-11-24T10:15:00') } as OrderView
const team = { id: 'team-1', campaignId: 'gb-longjing', status: 'forming' } as TeamView
const opened = { id: 'team-new', campaignId: 'gb-longjing', status: 'opening' } as TeamView

const JOIN = { campaignId: 'gb-longjing', teamId: 'team-1', skuId: 's1' }
const REQUEST_ID = expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)

signedInPageTests(member)

beforeEach(() => {
  fakePayProvider.asked = []
  fakePayProvider.outcome = { kind: 'paid' }
  useAddressBook.setState({ last: ADDRESS })
  vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

async function openCheckout(params: Record<string, string>, answer: GroupBuyDetail = detail) {
  Current.router = {
    params,
    path: '/packages/groupbuy/checkout/index',
    $taroPath: 'team-checkout-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<TeamCheckoutPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('groupbuy.detail')).toEqual([{ id: 'gb-longjing' }])
  await act(async () => fakeBackend.settle('groupbuy.detail').resolve(answer))
}

const submitButton = () => document.querySelector('.team-checkout__submit') as HTMLElement
const joinCalls = () => fakeBackend.callsTo('groupbuy.join') as Req<'groupbuy', 'join'>[]
const openCalls = () => fakeBackend.callsTo('groupbuy.open') as Req<'groupbuy', 'open'>[]

async function submit() {
  await act(async () => {
    fireEvent.click(submitButton())
  })
}

describe('group-buy checkout', () => {
  it('shows the SKU at its team price, shipped free, with no coupons or points, and joins at exactly that price', async () => {
    await openCheckout(JOIN)
    expect(screen.getByText('参与好友的拼团')).toBeTruthy()
    expect(document.querySelector('.goods-row__specs')?.textContent).toBe('50g / 罐装')
    expect(document.querySelector('.team-checkout__price')?.textContent).toBe('¥99.00')
    expect(document.querySelector('.team-checkout .gb-list-price')?.textContent).toBe('¥128.00')
    expect(screen.getByText('包邮')).toBeTruthy()
    expect(screen.getByText('拼团价不与优惠券、积分抵扣同享')).toBeTruthy()
    expect(document.querySelector('.team-checkout__payable')?.textContent).toBe('¥99.00')
    expect(document.body.textContent).toContain('3 人成团 · 限时 24 小时 · 人满成团，未成团自动退款')
    // No result message in the browser build: nothing to subscribe to.
    expect(screen.queryByText('拼团结果通过微信通知我（仅通知一次）')).toBeNull()

    await submit()
    expect(joinCalls()).toEqual([{ teamId: 'team-1', skuId: 's1', requestId: REQUEST_ID, address: ADDRESS, expectedPayable: 9900 }])
    expect(openCalls()).toEqual([])
    await act(async () => fakeBackend.settle('groupbuy.join').resolve({ team, order, payment: localPayment }))
    expect(fakePayProvider.asked).toEqual([localPayment])
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/team/index?teamId=team-1&campaignId=gb-longjing' })
  })

  it('opens a team when no team is named, on the SKU chosen', async () => {
    await openCheckout({ campaignId: 'gb-longjing', skuId: 's2' })
    expect(screen.getByText('发起拼团')).toBeTruthy()
    expect(screen.getByText('开团并支付')).toBeTruthy()
    await submit()
    expect(openCalls()).toEqual([
      { campaignId: 'gb-longjing', skuId: 's2', requestId: REQUEST_ID, address: ADDRESS, expectedPayable: 8900 },
    ])
    await act(async () => fakeBackend.settle('groupbuy.open').resolve({ team: opened, order, payment: localPayment }))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/team/index?teamId=team-new&campaignId=gb-longjing' })
  })

  it('checks the address before asking for a seat', async () => {
    useAddressBook.setState({ last: null })
    await openCheckout(JOIN)
    await submit()
    expect(joinCalls()).toEqual([])
    expect(screen.getByText('请填写收货人姓名')).toBeTruthy()
  })

  it('retries a lost answer with the same request id, so a seat taken meanwhile is not taken twice', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openCheckout(JOIN)
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '订单没有提交成功', confirmText: '重试' }))
    const [first, retried] = joinCalls()
    expect(retried).toEqual(first)

    // The member gives up for now and taps again later: still the same attempt.
    modal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError('BUSY', '请稍后再试')))
    await submit()
    expect(joinCalls()).toHaveLength(3)
    expect(joinCalls()[2].requestId).toBe(first.requestId)
  })

  it('after a price change shows the new team price and starts a new attempt at it', async () => {
    await openCheckout(JOIN)
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError('PRICE_CHANGED', '拼团价有变化')))
    expect(fakeBackend.callsTo('groupbuy.detail')).toHaveLength(2)
    const repriced = { ...detail, skus: [{ ...detail.skus[0], teamPrice: 10900 }, detail.skus[1]] }
    await act(async () => fakeBackend.settle('groupbuy.detail').resolve(repriced))
    expect(screen.getByText('拼团价有变化：由 ¥99.00 变为 ¥109.00，请确认后再提交')).toBeTruthy()

    await submit()
    const [first, second] = joinCalls()
    expect(second.expectedPayable).toBe(10900)
    expect(second.requestId).not.toBe(first.requestId)
  })

  it('when the team filled up meanwhile says so and offers to open a team of one’s own on the same SKU', async () => {
    await openCheckout(JOIN)
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError('TEAM_FULL', '这个团的名额已被抢完')))
    expect(screen.getByText('这个团已经满员了')).toBeTruthy()
    expect(screen.getByText('这个团的名额已被抢完')).toBeTruthy()
    expect(fakePayProvider.asked).toEqual([])

    fireEvent.click(screen.getByText('自己开团'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/checkout/index?campaignId=gb-longjing&skuId=s1' })
    fireEvent.click(screen.getByText('看看其他团'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/product/detail/index?id=p01' })
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    fireEvent.click(screen.getByText('返回上一页'))
    expect(back).toHaveBeenCalled()
  })

  it('offers no team of one’s own after TEAM_FULL when opening is not allowed', async () => {
    await openCheckout(JOIN, { ...detail, canOpen: false, refusal: '本活动每人限开 2 个团' })
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError('TEAM_FULL', '这个团的名额已被抢完')))
    expect(screen.queryByText('自己开团')).toBeNull()
    expect(screen.getByText('看看其他团')).toBeTruthy()
  })

  it.each([
    ['OWN_TEAM', '不能参加自己开的团', '查看拼团', '/packages/groupbuy/team/index?teamId=team-1&campaignId=gb-longjing'],
    ['ALREADY_IN_TEAM', '你已经在这个团里了', '查看拼团', '/packages/groupbuy/team/index?teamId=team-1&campaignId=gb-longjing'],
    ['TEAM_CLOSED', '这个团已经结束了', '自己开团', '/packages/groupbuy/checkout/index?campaignId=gb-longjing&skuId=s1'],
    ['GROUPBUY_LIMIT', '已达到参团次数上限', '查看我的拼团', '/packages/groupbuy/mine/index'],
    ['GROUPBUY_SOLD_OUT', '拼团名额已抢光', '看看其他拼团', '/packages/groupbuy/list/index'],
  ] as const)('%s is explained as %s with a way on', async (code, title, action, url) => {
    await openCheckout(JOIN)
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').reject(callError(code, '服务器的说明')))
    expect(screen.getByText(title)).toBeTruthy()
    expect(screen.getByText('服务器的说明')).toBeTruthy()
    fireEvent.click(screen.getByText(action))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url })
    expect(screen.getByText('返回上一页')).toBeTruthy()
  })

  it('when the member closes the payment sheet keeps the page and says until when the seat waits', async () => {
    fakePayProvider.outcome = { kind: 'cancelled' }
    await openCheckout(JOIN)
    await submit()
    await act(async () => fakeBackend.settle('groupbuy.join').resolve({ team, order, payment: localPayment }))
    expect(Taro.redirectTo).not.toHaveBeenCalled()
    expect(screen.getByText('订单还未支付')).toBeTruthy()
    expect(screen.getByText('拼团名额为你保留至 2025-11-24 10:15，请在此之前在订单中完成支付，超时未付名额自动释放。')).toBeTruthy()
    expect(document.querySelector('.team-checkout__submit')).toBeNull()

    fireEvent.click(screen.getByText('去支付'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?orderId=o-9' })
    expect(joinCalls()).toHaveLength(1)
  })

  it('does not offer opening a team the server already refuses', async () => {
    await openCheckout({ campaignId: 'gb-longjing', skuId: 's1' }, { ...detail, canOpen: false, refusal: '本活动每人限开 2 个团' })
    expect(screen.getByText('本活动每人限开 2 个团')).toBeTruthy()
    expect(submitButton().className).toContain('nut-button-disabled')
    await submit()
    expect(openCalls()).toEqual([])
  })

  it('says when the campaign is over', async () => {
    Current.router = {
      params: JOIN,
      path: '/packages/groupbuy/checkout/index',
      $taroPath: 'team-checkout-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<TeamCheckoutPage />)
    await act(async () => fakeBackend.settle('groupbuy.detail').reject(callError('GROUPBUY_CLOSED', '拼团活动已于 11-20 结束')))
    expect(screen.getByText('拼团活动已结束')).toBeTruthy()
    expect(screen.getByText('拼团活动已于 11-20 结束')).toBeTruthy()
    fireEvent.click(screen.getByText('看看其他拼团'))
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/list/index' })
  })
})

describe('group-buy result message in the mini program', () => {
  function asMiniProgram(answer: string) {
    vi.stubEnv('TARO_ENV', 'weapp')
    vi.stubEnv('GROUPBUY_TEMPLATE_ID', 'tmpl-groupbuy-result')
    const ask = vi.fn().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-groupbuy-result': answer })
    Object.assign(Taro, { requestSubscribeMessage: ask })
    return ask
  }

  it('asks for the one-time message when ticked and sends subscribe only when accepted', async () => {
    const ask = asMiniProgram('accept')
    try {
      await openCheckout(JOIN)
      await act(async () => {
        fireEvent.click(screen.getByText('拼团结果通过微信通知我（仅通知一次）'))
      })
      expect(ask).toHaveBeenCalledWith({ tmplIds: ['tmpl-groupbuy-result'] })
      await submit()
      expect(joinCalls()[0].subscribe).toBe(true)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('leaves the box unticked and sends no subscribe when the member declines', async () => {
    asMiniProgram('reject')
    try {
      await openCheckout(JOIN)
      await act(async () => {
        fireEvent.click(screen.getByText('拼团结果通过微信通知我（仅通知一次）'))
      })
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '未开启通知，可在“我的拼团”查看结果' }))
      await submit()
      expect(joinCalls()[0]).not.toHaveProperty('subscribe')
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('group-buy checkout with the address book', () => {
  it('ships to the default address of the book, unchanged and not saved again', async () => {
    const office = { ...ADDRESS, detail: '网商路 699 号' }
    await openCheckout(JOIN)
    await act(async () =>
      fakeBackend
        .settle('member.addresses')
        .resolve({ addresses: [{ ...office, id: 'ad00000000000000000000b2', isDefault: true, usedAt: 1 }], limit: 20 }),
    )
    expect(screen.getByRole('button', { name: '更换收货地址' }).textContent).toContain('默认浙江省杭州市西湖区 网商路 699 号')
    await submit()
    expect(joinCalls().map((join) => join.address)).toEqual([office])
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([])
  })
})
