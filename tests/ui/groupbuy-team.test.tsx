// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { GroupBuyDetail, SeatView, TeamView } from '../../types/api'
import { posterLayout, qrGrid } from '../../src/components/SharePoster/poster'
import TeamPage, { TEAM_RELOAD_MS } from '../../src/packages/groupbuy/team'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { qrMatrix } from '../../src/utils/qr'
import { FakeCanvas, FakeImage, images } from './poster-doubles'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** The share card handler the page registers; the test double of Taro's hook keeps the latest one, as Taro does. */
const shareCard = vi.hoisted(() => ({ handler: null as null | (() => unknown) }))
vi.mock('@tarojs/taro', async (importOriginal) => {
  const taro = await importOriginal<typeof import('@tarojs/taro')>()
  return {
    ...taro,
    useShareAppMessage: (handler: () => unknown) => {
      shareCard.handler = handler
    },
  }
})

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
const NOW = shanghai('2025-11-24T10:00:00')

const seat = (nickname: string, over: Partial<SeatView> = {}): SeatView => ({
  nickname,
  avatar: `/media/avatars/${nickname}.jpg`,
  leader: false,
  status: 'paid',
  ...over,
})

/** A team of 4 filling up: the leader paid, someone is paying right now, two seats are open. */
const forming: TeamView = {
  id: 'team-1',
  campaignId: 'gb-longjing',
  title: '明前龙井 4人团',
  productId: 'p01',
  productTitle: '明前西湖龙井 特级',
  cover: '/media/products/p01-1.jpg',
  teamPrice: 9900,
  size: 4,
  status: 'forming',
  seats: [seat('山野老王', { leader: true }), seat('阿青', { status: 'held', avatar: '' })],
  seatsLeft: 2,
  openedAt: NOW - 3_600_000,
  expiresAt: NOW + 2 * 3_600_000 + 3 * 60_000 + 4_000,
  succeededAt: null,
  failedAt: null,
  viewer: { seat: null, orderId: null, canJoin: true, refusal: null },
}
/** The same team as one of its members sees it. */
const joined: TeamView = { ...forming, viewer: { seat: 'paid', orderId: 'o-77', canJoin: false, refusal: null } }

const campaign = (skus: GroupBuyDetail['skus']): GroupBuyDetail => ({
  id: 'gb-longjing',
  title: '明前龙井 4人团',
  productId: 'p01',
  productTitle: '明前西湖龙井 特级',
  cover: '/media/products/p01-1.jpg',
  price: 11800,
  teamPrice: 9900,
  teamSize: 4,
  timeLimitMs: 24 * 3_600_000,
  stockLeft: 100,
  endAt: shanghai('2025-12-31T23:59:00'),
  openTeams: 1,
  skus,
  perMemberLimit: 2,
  teams: [forming],
  canOpen: true,
  refusal: null,
})
const jar = { skuId: 's1', specs: { 规格: '50g', 包装: '罐装' }, price: 12800, teamPrice: 9900, stock: 40 }
const bag = { skuId: 's2', specs: { 规格: '50g', 包装: '袋装' }, price: 11800, teamPrice: 8900, stock: 3 }

/** Words that would promise something for sharing; the team page never says them. */
const REWARD_WORDS = ['返现', '奖励', '佣金', '赚', '红包', '免单']

signedInPageTests(member)

async function openTeam(team: TeamView, params: Record<string, string> = { teamId: team.id }) {
  Current.router = { params, path: '/packages/groupbuy/team/index', $taroPath: 'team-test', onReady: '', onHide: '', onShow: '' }
  render(<TeamPage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  expect(fakeBackend.callsTo('groupbuy.team')).toEqual([{ teamId: team.id }])
  await act(async () => fakeBackend.settle('groupbuy.team').resolve(team))
}

const seats = () =>
  Array.from(document.querySelectorAll('.team-seat')).map((element) => ({
    name: element.querySelector('.team-seat__name')?.textContent,
    leader: element.querySelector('.team-seat__leader')?.textContent ?? null,
    note: element.querySelector('.team-seat__note')?.textContent ?? null,
    picture: element.querySelector('img')?.getAttribute('src') ?? element.querySelector('.gb-avatar')?.textContent,
  }))
const bannerTitle = () => document.querySelector('.team-banner__title')?.textContent
const countdown = () => document.querySelector('.team-banner__time')?.textContent
const pageText = () => document.body.textContent ?? ''

describe('team page: the seats', () => {
  it('shows exactly the seats the server gives, by nickname and avatar, then a ? for every open seat', async () => {
    await openTeam(forming)
    expect(seats()).toEqual([
      { name: '山野老王', leader: '团长', note: null, picture: '/media/avatars/山野老王.jpg' },
      { name: '阿青', leader: null, note: '支付中', picture: '阿' },
      { name: '待加入', leader: null, note: null, picture: '?' },
      { name: '待加入', leader: null, note: null, picture: '?' },
    ])
    expect(document.querySelector('.team-page__seats-count')?.textContent).toBe('2/4 人')
    expect(document.querySelector('.team-head__title')?.textContent).toBe('明前西湖龙井 特级')
    expect(document.querySelector('.team-head .gb-price')?.textContent).toBe('¥99.00')
  })

  it('never makes up members: a full team shows no placeholder, an empty one only placeholders', async () => {
    const full = { ...forming, size: 2, seats: [seat('山野老王', { leader: true }), seat('阿青')], seatsLeft: 0 }
    await openTeam(full)
    expect(seats().map((entry) => entry.name)).toEqual(['山野老王', '阿青'])
  })

  it('shows the refunded seats of a failed team and says every payment went back', async () => {
    const failed: TeamView = {
      ...forming,
      status: 'failed',
      seats: [seat('山野老王', { leader: true, status: 'refunded' })],
      failedAt: NOW,
      viewer: { seat: null, orderId: null, canJoin: false, refusal: '这个团已经结束了' },
    }
    await openTeam(failed)
    expect(bannerTitle()).toBe('拼团失败，已自动退款')
    expect(seats()).toEqual([
      { name: '山野老王', leader: '团长', note: '已退款', picture: '/media/avatars/山野老王.jpg' },
      { name: '待加入', leader: null, note: null, picture: '?' },
      { name: '待加入', leader: null, note: null, picture: '?' },
      { name: '待加入', leader: null, note: null, picture: '?' },
    ])
    expect(screen.getByText('未在时限内成团，已付款项原路退回')).toBeTruthy()
    expect(screen.queryByText('邀请好友参团')).toBeNull()
  })
})

describe('team page: status and time', () => {
  it('counts down to the deadline, says the refund rule, and asks again every 10 s while the team fills', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] })
    try {
      await openTeam(forming)
      expect(bannerTitle()).toBe('拼团中')
      expect(screen.getByText('还差 2 人成团')).toBeTruthy()
      expect(countdown()).toBe('2:03:04')
      expect(pageText()).toContain('未成团自动退款')

      await act(async () => {
        vi.advanceTimersByTime(TEAM_RELOAD_MS)
      })
      expect(countdown()).toBe('2:02:54')
      expect(fakeBackend.callsTo('groupbuy.team')).toHaveLength(2)

      // A reload that fails keeps the team on screen; the next one brings the news.
      await act(async () => fakeBackend.settle('groupbuy.team').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
      expect(seats()).toHaveLength(4)
      await act(async () => {
        vi.advanceTimersByTime(TEAM_RELOAD_MS)
      })
      const succeeded: TeamView = {
        ...forming,
        status: 'succeeded',
        seats: [seat('山野老王', { leader: true }), seat('阿青'), seat('竹影'), seat('小满')],
        seatsLeft: 0,
        succeededAt: shanghai('2025-11-24T10:00:20'),
        viewer: { seat: null, orderId: null, canJoin: false, refusal: '这个团已经满员了' },
      }
      await act(async () => fakeBackend.settle('groupbuy.team').resolve(succeeded))
      expect(bannerTitle()).toBe('拼团成功')
      expect(screen.getByText('2025-11-24 10:00 成团，商家将尽快发货')).toBeTruthy()
      expect(countdown()).toBeUndefined()

      // Settled: no more reloads.
      await act(async () => {
        vi.advanceTimersByTime(3 * TEAM_RELOAD_MS)
      })
      expect(fakeBackend.callsTo('groupbuy.team')).toHaveLength(3)
    } finally {
      vi.useRealTimers()
    }
  })

  it.each([
    ['opening', '待团长支付', '团长支付后开始拼团，好友即可参团'],
    ['cancelled', '已取消', '团长未在支付时限内付款，这个团已取消'],
  ] as const)('a %s team says %s', async (status, title, text) => {
    await openTeam({
      ...forming,
      status,
      expiresAt: null,
      viewer: { seat: null, orderId: null, canJoin: false, refusal: '这个团还不能参加' },
    })
    expect(bannerTitle()).toBe(title)
    expect(screen.getByText(text)).toBeTruthy()
    expect(countdown()).toBeUndefined()
  })

  it('says when the team does not exist', async () => {
    Current.router = {
      params: { teamId: 'gone' },
      path: '/packages/groupbuy/team/index',
      $taroPath: 'team-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<TeamPage />)
    await act(async () => fakeBackend.settle('groupbuy.team').reject(callError('TEAM_NOT_FOUND', '没有找到这个拼团')))
    expect(screen.getByText('拼团不存在或已结束')).toBeTruthy()
  })
})

describe('team page: what the viewer can do', () => {
  it('joins a one-SKU campaign straight at checkout with the team and the SKU', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openTeam(forming)
    await act(async () => {
      fireEvent.click(screen.getByText('参与拼团'))
    })
    expect(fakeBackend.callsTo('groupbuy.detail')).toEqual([{ id: 'gb-longjing' }])
    await act(async () => fakeBackend.settle('groupbuy.detail').resolve(campaign([jar])))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/groupbuy/checkout/index?campaignId=gb-longjing&teamId=team-1&skuId=s1' })
  })

  it('lets the member pick a SKU when the campaign sells several, sold-out ones not choosable', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openTeam(forming)
    await act(async () => {
      fireEvent.click(screen.getByText('参与拼团'))
    })
    const gone = { skuId: 's3', specs: { 规格: '250g', 包装: '罐装' }, price: 56800, teamPrice: 49900, stock: 0 }
    await act(async () => fakeBackend.settle('groupbuy.detail').resolve(campaign([jar, bag, gone])))
    expect(screen.getByText('选择规格', { selector: '.nut-popup-title-title' })).toBeTruthy()
    const options = Array.from(document.querySelectorAll('.team-sku')).map((option) => option.textContent)
    expect(options).toEqual(['50g / 罐装¥99.00', '50g / 袋装¥89.00', '250g / 罐装已抢光'])

    fireEvent.click(screen.getByText('250g / 罐装'))
    fireEvent.click(screen.getByText('50g / 袋装'))
    await act(async () => {
      fireEvent.click(screen.getByText('去参团'))
    })
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/groupbuy/checkout/index?campaignId=gb-longjing&teamId=team-1&skuId=s2' })
  })

  it('shows the server’s refusal instead of 参与拼团 when the viewer may not join', async () => {
    await openTeam({ ...forming, viewer: { seat: null, orderId: null, canJoin: false, refusal: '本活动每人限参 2 个团' } })
    expect(screen.getByText('本活动每人限参 2 个团')).toBeTruthy()
    expect(screen.queryByText(/参与拼团/)).toBeNull()
    expect(screen.getByText('查看商品')).toBeTruthy()
  })

  it('leads a member of the team to their order, and reminds them while their seat waits for payment', async () => {
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openTeam({ ...forming, viewer: { seat: 'held', orderId: 'o-77', canJoin: false, refusal: null } })
    expect(screen.getByText('你的订单还未支付，名额在支付时限内为你保留，超时自动释放')).toBeTruthy()
    expect(screen.queryByText(/参与拼团/)).toBeNull()
    fireEvent.click(screen.getByText('查看订单'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/order/detail/index?orderId=o-77' })
  })

  it('asks a visitor to sign in before joining', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    useSession.setState({ token: null, member: null })
    await openTeam({ ...forming, viewer: { seat: null, orderId: null, canJoin: false, refusal: '请先登录' } })
    await act(async () => {
      fireEvent.click(screen.getByText('登录后参团'))
    })
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录', content: '登录后才能参与拼团' }))
    expect(fakeBackend.callsTo('groupbuy.detail')).toEqual([])
  })
})

describe('team page: inviting friends', () => {
  const teamLink = '/packages/groupbuy/team/index?teamId=team-1&campaignId=gb-longjing&sc=ZAJGQTKH'

  it('shares a card saying how many are still needed, with the team, the campaign and the sharer’s code', async () => {
    // Opened from someone else's card: the viewer's card carries the viewer's own code.
    await openTeam(forming, { teamId: 'team-1', campaignId: 'gb-longjing', sc: 'OTHERSC1' })
    expect(shareCard.handler?.()).toEqual({
      title: '还差2人成团｜明前西湖龙井 特级',
      path: teamLink,
      imageUrl: '/media/products/p01-1.jpg',
    })
    for (const word of REWARD_WORDS) expect(pageText()).not.toContain(word)
  })

  it('copies the team link in the browser build, where there is no share card', async () => {
    const copy = vi.spyOn(Taro, 'setClipboardData').mockResolvedValue({ errMsg: 'setClipboardData:ok' } as never)
    vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openTeam(joined)
    await act(async () => {
      fireEvent.click(screen.getByText('邀请好友参团'))
    })
    expect(copy).toHaveBeenCalledWith({ data: `${location.origin}${location.pathname}#${teamLink}` })
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '链接已复制，发给好友即可参团' }))
  })
})

describe('team page: the invite poster', () => {
  const teamLink = '/packages/groupbuy/team/index?teamId=team-1&campaignId=gb-longjing&sc=ZAJGQTKH'
  const posterButton = () => screen.queryByText('生成海报')
  const saveButton = () => document.querySelector('.share-poster__save') as HTMLElement
  let canvas: FakeCanvas

  beforeEach(() => {
    canvas = new FakeCanvas()
    images.loaded.length = 0
    vi.stubGlobal('Image', FakeImage)
    vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    vi.spyOn(Taro, 'createSelectorQuery').mockImplementation(() => {
      const query = {
        select: (selector: string) => ({
          fields: (fields: { node?: boolean }) => ({
            exec: (callback: (result: unknown[]) => void) =>
              callback([selector === '#poster' && fields.node ? { node: canvas, nodeCanvasType: '2d' } : null]),
          }),
        }),
      }
      return query as unknown as Taro.SelectorQuery
    })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  async function openPoster(team: TeamView = joined) {
    await openTeam(team)
    await act(async () => {
      fireEvent.click(posterButton()!)
    })
    expect(screen.getByText('邀请好友参团', { selector: '.nut-popup-title-title' })).toBeTruthy()
  }

  it('is offered to a member of the team, next to 邀请好友参团, while the team fills', async () => {
    await openTeam(joined)
    for (const label of ['生成海报', '邀请好友参团', '查看订单']) expect(screen.getByText(label)).toBeTruthy()
  })

  it('is not offered to someone outside the team, who is asked to join it instead', async () => {
    await openTeam(forming)
    expect(posterButton()).toBeNull()
    expect(screen.queryByText('邀请好友参团')).toBeNull()
    expect(screen.getByText('参与拼团')).toBeTruthy()
  })

  it('is not offered to a visitor who has not signed in', async () => {
    useSession.setState({ token: null, member: null })
    await openTeam({ ...forming, viewer: { seat: null, orderId: null, canJoin: false, refusal: '请先登录' } })
    expect(posterButton()).toBeNull()
  })

  it.each([
    ['succeeded', { succeededAt: NOW, seatsLeft: 0 }],
    ['failed', { failedAt: NOW }],
    ['opening', { expiresAt: null }],
    ['cancelled', { expiresAt: null }],
  ] as const)('is not offered once the team is %s', async (status, over) => {
    await openTeam({ ...forming, ...over, status, viewer: { seat: null, orderId: null, canJoin: false, refusal: '这个团不能参加' } })
    expect(posterButton()).toBeNull()
    expect(screen.queryByText('邀请好友参团')).toBeNull()
  })

  it('asks for the team with its poster QR, then draws photo, title, the team price under 4人团 拼团价, and a QR of the team link', async () => {
    await openPoster()
    expect(fakeBackend.callsTo('groupbuy.team')).toEqual([{ teamId: 'team-1' }, { teamId: 'team-1', poster: true }])
    expect(screen.getByText('海报生成中…')).toBeTruthy()

    await act(async () => fakeBackend.settle('groupbuy.team').resolve({ ...forming, qr: { kind: 'path', path: teamLink } }))
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))

    expect(images.loaded).toEqual(['/media/products/p01-1.jpg'])
    expect(canvas.ctx.texts.map((text) => text.text)).toEqual([
      '明前西湖龙井 特级',
      '4人团 拼团价',
      '¥99.00',
      '山野茶集',
      '长按识别 · 扫码查看',
    ])
    const layout = posterLayout(300, '明前西湖龙井 特级', 9900, { tag: '4人团 拼团价' })
    const [, tag, price] = canvas.ctx.texts
    expect(tag).toMatchObject({ x: layout.tag!.x, y: layout.tag!.y })
    expect(price).toMatchObject({ x: layout.price.x, y: layout.price.y })
    expect(tag.y).toBeLessThan(price.y)
    expect([canvas.width, canvas.height]).toEqual([900, layout.height * 3])

    // Locally the server names the team page; the QR is the browser build's link to it.
    const { modules } = qrMatrix(`${location.origin}${location.pathname}#${teamLink}`)
    const cell = qrGrid(modules.length, layout.qr).cell
    expect(canvas.ctx.rects.filter((rect) => rect.width === cell)).toHaveLength(modules.flat().filter(Boolean).length)

    const drawn = canvas.ctx.texts.map((text) => text.text).join(' ')
    for (const word of REWARD_WORDS) {
      expect(drawn).not.toContain(word)
      expect(pageText()).not.toContain(word)
    }
  })

  it('draws the mini program code the server made for the team', async () => {
    await openPoster()
    const code = 'https://cdn.example.com/wxacode/team-1.png'
    await act(async () => fakeBackend.settle('groupbuy.team').resolve({ ...forming, qr: { kind: 'image', url: code } }))
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))
    expect(images.loaded).toEqual(['/media/products/p01-1.jpg', code])
    const layout = posterLayout(300, '明前西湖龙井 特级', 9900, { tag: '4人团 拼团价' })
    expect(canvas.ctx.images[1]).toMatchObject({ x: layout.qr.x, y: layout.qr.y, width: layout.qr.size, height: layout.qr.size })
  })

  it('says why the team could not be had, and 重试 asks again', async () => {
    await openPoster()
    await act(async () => fakeBackend.settle('groupbuy.team').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(screen.getByText('网络不给力，请检查网络后重试', { selector: '.share-poster *' })).toBeTruthy()
    expect(saveButton().className).toContain('nut-button-disabled')
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(fakeBackend.callsTo('groupbuy.team').slice(1)).toEqual([
      { teamId: 'team-1', poster: true },
      { teamId: 'team-1', poster: true },
    ])
  })

  it('fails the poster, not the page, when the team comes back without its QR', async () => {
    await openPoster()
    await act(async () => fakeBackend.settle('groupbuy.team').resolve(forming))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '海报生成失败，请重试' })))
    expect(canvas.ctx.texts).toEqual([])
    expect(document.querySelector('.team-head__title')?.textContent).toBe('明前西湖龙井 特级')
  })
})

describe('team page: opened from a team poster’s mini program code', () => {
  it('reads the team id from the URL-encoded scene when the page has no teamId', async () => {
    await openTeam(forming, { scene: 'team%2D1' })
    expect(document.querySelector('.team-head__title')?.textContent).toBe('明前西湖龙井 特级')
  })

  it('prefers teamId when both are given', async () => {
    await openTeam(forming, { teamId: 'team-1', scene: 'other-team' })
  })

  it('says the team is gone when the scene is no team id', async () => {
    Current.router = {
      params: { scene: 'team 1?x' },
      path: '/packages/groupbuy/team/index',
      $taroPath: 'team-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<TeamPage />)
    expect(fakeBackend.callsTo('groupbuy.team')).toEqual([])
    expect(await screen.findByText('拼团不存在或已结束')).toBeTruthy()
  })
})
