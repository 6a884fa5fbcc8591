// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { GroupBuyCard, GroupBuyDetail, Page, ProductDetail, SeatView, TeamView } from '../../types/api'
import GroupBuyListPage from '../../src/packages/groupbuy/list'
import MyTeamsPage from '../../src/packages/groupbuy/mine'
import { ProductDetailView } from '../../src/packages/product/detail/ProductDetailView'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = {
  id: 'consumer-v2',
  nickname: '茶友小林',
  avatar: '',
  tier: 2 as const,
  roles: ['consumer' as const],
  shareCode: 'ZAJGQTKH',
}

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const card: GroupBuyCard = {
  id: 'gb-longjing',
  title: '明前龙井 3人团',
  productId: 'p01',
  productTitle: '明前西湖龙井 特级',
  cover: '/media/products/p01-1.jpg',
  price: 11800,
  teamPrice: 8900,
  teamSize: 3,
  timeLimitMs: 24 * 3_600_000,
  stockLeft: 120,
  endAt: shanghai('2025-12-31T23:59:00'),
  openTeams: 2,
}
const cups: GroupBuyCard = {
  ...card,
  id: 'gb-cups',
  title: '玻璃品茗杯 2人团',
  productId: 'p02',
  productTitle: '玻璃品茗杯',
  price: 6900,
  teamPrice: 4900,
  teamSize: 2,
  timeLimitMs: 30 * 60_000,
  stockLeft: 0,
  openTeams: 0,
}

const page = <T,>(items: T[], hasMore = false): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })

const seat = (nickname: string, over: Partial<SeatView> = {}): SeatView => ({
  nickname,
  avatar: '',
  leader: false,
  status: 'paid',
  ...over,
})
const team = (id: string, leader: string, seatsLeft: number, over: Partial<TeamView> = {}): TeamView => ({
  id,
  campaignId: 'gb-longjing',
  title: '明前龙井 3人团',
  productId: 'p01',
  productTitle: '明前西湖龙井 特级',
  cover: '/media/products/p01-1.jpg',
  teamPrice: 8900,
  size: 3,
  status: 'forming',
  seats: [seat(leader, { leader: true, avatar: `/media/avatars/${id}.jpg` })],
  seatsLeft,
  openedAt: shanghai('2025-11-24T09:00:00'),
  expiresAt: Date.now() + 3_600_000,
  succeededAt: null,
  failedAt: null,
  viewer: { seat: null, orderId: null, canJoin: true, refusal: null },
  ...over,
})

signedInPageTests(member)

beforeEach(() => {
  vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
})

describe('group-buy list', () => {
  async function openList(answer: Page<GroupBuyCard>) {
    render(<GroupBuyListPage />)
    expect(screen.getByText('加载中…')).toBeTruthy()
    expect(fakeBackend.callsTo('groupbuy.list')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () => fakeBackend.settle('groupbuy.list').resolve(answer))
  }

  const cards = () =>
    Array.from(document.querySelectorAll('.gb-card')).map((element) => ({
      size: element.querySelector('.gb-size')?.textContent,
      title: element.querySelector('.gb-card__title')?.textContent,
      teamPrice: element.querySelector('.gb-price')?.textContent,
      listPrice: element.querySelector('.gb-list-price')?.textContent,
      facts: element.querySelector('.gb-card__facts')?.textContent,
      end: element.querySelector('.gb-card__end')?.textContent,
    }))

  it('shows each campaign with its team size, team price against the struck list price, what is left and when it ends', async () => {
    await openList(page([card, cups]))
    expect(cards()).toEqual([
      {
        size: '3人团',
        title: '明前龙井 3人团',
        teamPrice: '¥89.00',
        listPrice: '¥118.00',
        facts: '剩余 120 份2 个团正在拼限时 24 小时成团',
        end: '2025-12-31 23:59 结束',
      },
      {
        size: '2人团',
        title: '玻璃品茗杯 2人团',
        teamPrice: '¥49.00',
        listPrice: '¥69.00',
        facts: '名额已抢光限时 30 分钟成团',
        end: '2025-12-31 23:59 结束',
      },
    ])
    expect(screen.getByText('已抢光')).toBeTruthy()
    expect(screen.getByText('人满成团，未成团自动退款，款项原路退回')).toBeTruthy()
  })

  it('opens the product, where the team section lives, and leads to 我的拼团', async () => {
    await openList(page([card]))
    fireEvent.click(screen.getByText('明前龙井 3人团'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/product/detail/index?id=p01' })
    fireEvent.click(screen.getByText('我的拼团 ›'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/mine/index' })
  })

  it('says when there is no group-buy', async () => {
    await openList(page([]))
    expect(screen.getByText('暂时没有进行中的拼团')).toBeTruthy()
  })

  it('offers a retry when the list does not load', async () => {
    render(<GroupBuyListPage />)
    await act(async () => fakeBackend.settle('groupbuy.list').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(fakeBackend.callsTo('groupbuy.list')).toHaveLength(2)
  })
})

describe('the team section on the product page', () => {
  /** 龙井: 50g 罐装 and 袋装 are sold as a group-buy, the sold-out 250g is not. */
  const longjing: ProductDetail = {
    id: 'p01',
    categoryId: 'c-tea',
    title: '明前西湖龙井 特级',
    subtitle: '狮峰山产区 手工炒制',
    cover: '/media/products/p01-1.jpg',
    images: ['/media/products/p01-1.jpg'],
    tags: [],
    price: 11800,
    memberPrice: null,
    sales: 2316,
    stockState: 'inStock',
    detail: '采自狮峰山核心产区。',
    specOptions: [
      { name: '规格', values: ['50g', '250g'] },
      { name: '包装', values: ['罐装', '袋装'] },
    ],
    skus: [
      { id: 's1', specs: { 规格: '50g', 包装: '罐装' }, price: 12800, memberPrice: null, stock: 40, stockState: 'inStock' },
      { id: 's2', specs: { 规格: '50g', 包装: '袋装' }, price: 11800, memberPrice: null, stock: 3, stockState: 'low' },
      { id: 's3', specs: { 规格: '250g', 包装: '罐装' }, price: 56800, memberPrice: null, stock: 5, stockState: 'inStock' },
    ],
    viewerTier: 2,
    memberOffer: null,
    limits: null,
  }

  const detail: GroupBuyDetail = {
    ...card,
    skus: [
      { skuId: 's1', specs: { 规格: '50g', 包装: '罐装' }, price: 12800, teamPrice: 9900, stock: 40 },
      { skuId: 's2', specs: { 规格: '50g', 包装: '袋装' }, price: 11800, teamPrice: 8900, stock: 3 },
    ],
    perMemberLimit: 2,
    teams: [
      team('t-1', '山野老王', 1),
      team('t-2', '阿青', 2, { viewer: { seat: 'paid', orderId: 'o-1', canJoin: false, refusal: '你已在这个团中' } }),
      team('t-3', '竹影', 2),
      team('t-4', '小满', 2),
    ],
    canOpen: true,
    refusal: null,
  }

  const section = () => document.querySelector('.team-section')
  const chip = (value: string) => screen.getByText(value, { selector: '.sku-picker__value' })

  async function openProduct(answer: GroupBuyDetail | null) {
    render(<ProductDetailView product={longjing} />)
    expect(fakeBackend.callsTo('groupbuy.list')).toEqual([{ productId: 'p01' }])
    await act(async () => fakeBackend.settle('groupbuy.list').resolve(page(answer ? [card] : [])))
    if (answer) {
      expect(fakeBackend.callsTo('groupbuy.detail')).toEqual([{ id: 'gb-longjing' }])
      await act(async () => fakeBackend.settle('groupbuy.detail').resolve(answer))
    }
  }

  it('renders nothing when the product has no group-buy', async () => {
    await openProduct(null)
    expect(section()).toBeNull()
    expect(fakeBackend.callsTo('groupbuy.detail')).toEqual([])
    expect(screen.getByText('加入购物车')).toBeTruthy()
  })

  it('renders nothing when the group-buy cannot be loaded, and the product works as usual', async () => {
    render(<ProductDetailView product={longjing} />)
    await act(async () => fakeBackend.settle('groupbuy.list').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(section()).toBeNull()
    expect(screen.getByText('加入购物车')).toBeTruthy()
  })

  it('shows the team size and the chosen SKU’s team price, and opens a team on that SKU', async () => {
    await openProduct(detail)
    expect(section()?.querySelector('.team-section__size')?.textContent).toBe('3人团')
    expect(section()?.querySelector('.team-section__price')?.textContent).toBe('¥99.00')
    expect(section()?.querySelector('.team-section__list-price')?.textContent).toBe('¥128.00')
    expect(section()?.textContent).toContain('未成团自动退款')

    fireEvent.click(chip('袋装'))
    expect(section()?.querySelector('.team-section__price')?.textContent).toBe('¥89.00')
    fireEvent.click(screen.getByText('发起拼团'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/checkout/index?campaignId=gb-longjing&skuId=s2' })
  })

  it('names the SKU whose team price it shows when the chosen one is not sold as a group-buy, and opens the team on it', async () => {
    await openProduct(detail)
    expect(screen.queryByText(/所选规格不参与拼团/)).toBeNull()
    fireEvent.click(chip('250g'))
    // The cheapest SKU in the group-buy, said to be that one, not the chosen 250g.
    expect(section()?.querySelector('.team-section__price')?.textContent).toBe('¥89.00')
    expect(screen.getByText('所选规格不参与拼团，以上为「50g 袋装」的拼团价，发起拼团将按此规格')).toBeTruthy()
    fireEvent.click(screen.getByText('发起拼团'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/checkout/index?campaignId=gb-longjing&skuId=s2' })
  })

  it('lists up to three open teams with their leader, the seats missing and the time left', async () => {
    await openProduct(detail)
    const rows = Array.from(document.querySelectorAll('.team-row')).map((row) => ({
      leader: row.querySelector('.team-row__leader')?.textContent,
      left: row.querySelector('.team-row__left')?.textContent,
      time: row.querySelector('.team-row__time')?.textContent,
      action: row.querySelector('.team-row__join')?.textContent,
    }))
    expect(rows).toEqual([
      { leader: '山野老王', left: '还差1人', time: expect.stringMatching(/^剩余 (1:00:00|59:5\d)$/), action: '去参团' },
      { leader: '阿青', left: '还差2人', time: expect.stringMatching(/^剩余 /), action: '查看' },
      { leader: '竹影', left: '还差2人', time: expect.stringMatching(/^剩余 /), action: '去参团' },
    ])
    expect(document.querySelector('.team-row img')?.getAttribute('src')).toBe('/media/avatars/t-1.jpg')
    fireEvent.click(screen.getAllByText('去参团')[0])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/team/index?teamId=t-1&campaignId=gb-longjing' })
  })

  it('keeps 发起拼团 off and says why when the member may not open a team', async () => {
    await openProduct({ ...detail, canOpen: false, refusal: '每人最多参加 2 个团' })
    expect(screen.getByText('每人最多参加 2 个团')).toBeTruthy()
    const open = screen.getByText('发起拼团').closest('.nut-button') as HTMLElement
    expect(open.className).toContain('nut-button-disabled')
    fireEvent.click(open)
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })

  it('asks a visitor to sign in before opening a team', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    useSession.setState({ token: null, member: null })
    await openProduct({ ...detail, canOpen: false, refusal: '请先登录' })
    expect(screen.queryByText('请先登录')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('发起拼团'))
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录', content: '登录后才能发起拼团' }))
    expect(Taro.navigateTo).not.toHaveBeenCalled()
  })
})

describe('我的拼团', () => {
  async function openMine(answer: Page<TeamView>) {
    render(<MyTeamsPage />)
    expect(fakeBackend.callsTo('groupbuy.mine')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () => fakeBackend.settle('groupbuy.mine').resolve(answer))
  }

  it('tags each team with its state, the member’s unpaid seat first, and opens the team', async () => {
    const mine = [
      team('t-1', '茶友小林', 1, { viewer: { seat: 'held', orderId: 'o-1', canJoin: false, refusal: null } }),
      team('t-2', '山野老王', 0, {
        status: 'succeeded',
        succeededAt: shanghai('2025-11-23T12:00:00'),
        viewer: { seat: 'paid', orderId: 'o-2', canJoin: false, refusal: null },
      }),
      team('t-3', '阿青', 2, {
        status: 'failed',
        failedAt: shanghai('2025-11-22T12:00:00'),
        viewer: { seat: 'refunded', orderId: 'o-3', canJoin: false, refusal: null },
      }),
      team('t-4', '竹影', 2, { viewer: { seat: 'paid', orderId: 'o-4', canJoin: false, refusal: null } }),
    ]
    await openMine(page(mine))
    const tags = Array.from(document.querySelectorAll('.my-team .gb-status')).map((tag) => tag.textContent)
    expect(tags).toEqual(['待支付', '拼团成功', '拼团失败，已自动退款', '拼团中'])
    const progress = Array.from(document.querySelectorAll('.my-team__progress')).map((line) => line.textContent)
    expect(progress[1]).toBe('3 人已成团')
    expect(progress[2]).toBe('未成团，款项已原路退回')
    expect(progress[3]).toMatch(/^还差 2 人 · 剩余 /)
    expect(screen.getByText('人满成团，未成团自动退款，款项原路退回。')).toBeTruthy()

    fireEvent.click(screen.getAllByText('明前西湖龙井 特级')[3])
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/team/index?teamId=t-4&campaignId=gb-longjing' })
  })

  it('invites a member without teams to the campaigns', async () => {
    await openMine(page([]))
    expect(screen.getByText('还没有参加过拼团')).toBeTruthy()
    fireEvent.click(screen.getByText('看看拼团'))
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/groupbuy/list/index' })
  })
})
