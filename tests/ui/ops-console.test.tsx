// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CampaignAdminView, GroupBuyAdminView, MemberView, StaffOrderView, Page, QueuedPostView, ShopReport } from '../../types/api'
import type { Campaign } from '../../types/domain'
import OpsConsolePage from '../../src/packages/ops/console'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { documentOf, draftOf } from '../../src/packages/ops/console/groupbuy-draft'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** An instant at Asia/Shanghai wall-clock time. */
const shanghai = (iso: string) => Date.parse(`${iso}+08:00`)

const operator: MemberView = {
  id: 'operator',
  nickname: '运营小山',
  avatar: '',
  tier: 1,
  roles: ['operator', 'owner'],
  shareCode: 'OPSXYZ23',
}

const pointsWeek: Campaign = {
  id: 'points-week',
  type: 'points_multiplier',
  title: '会员积分周 · 消费双倍积分',
  enabled: true,
  startAt: shanghai('2025-11-23T10:00:00'),
  endAt: shanghai('2099-11-30T10:00:00'),
  audience: { tiers: null, tags: null },
  params: { type: 'points_multiplier', multiplier: 2 },
}
const checkinPlus: Campaign = {
  ...pointsWeek,
  id: 'checkin-plus',
  type: 'checkin_bonus',
  title: 'V3 及以上签到多送 5 积分',
  enabled: false,
  audience: { tiers: [3, 4, 5], tags: null },
  params: { type: 'checkin_bonus', bonusPoints: 5 },
}
const view = (campaign: Campaign, over: Partial<CampaignAdminView> = {}): CampaignAdminView => ({
  id: campaign.id,
  doc: campaign,
  campaign,
  problems: [],
  inForce: campaign.enabled,
  ...over,
})
const broken: CampaignAdminView = {
  id: 'broken-day',
  doc: { id: 'broken-day', type: 'points_multiplier', title: '坏掉的积分日', params: { multiplier: 'two' } },
  campaign: null,
  problems: ['broken-day：multiplier 应为数字'],
  inForce: false,
}
const campaignList = (killSwitch = false) => ({
  killSwitch,
  campaigns: [view(pointsWeek, { inForce: !killSwitch }), view(checkinPlus), broken],
  groupBuys: [liveTeam],
})

// A live group-buy that no campaign wraps: staff still see it and can switch it off.
const liveTeam: GroupBuyAdminView = {
  id: 'gb-longjing',
  title: '龙井两人团',
  productId: 'p01',
  enabled: true,
  startAt: Date.parse('2025-11-23T10:00:00+08:00'),
  endAt: Date.parse('2099-11-30T10:00:00+08:00'),
  live: true,
  campaignIds: [],
  problems: [],
  doc: {
    id: 'gb-longjing',
    title: '龙井两人团',
    productId: 'p01',
    skus: [{ skuId: 'p01-s1', teamPrice: 9_900 }],
    teamSize: 2,
    timeLimitMs: 24 * 3_600_000,
    stock: 10,
    perMemberLimit: 1,
    startAt: Date.parse('2025-11-23T10:00:00+08:00'),
    endAt: Date.parse('2099-11-30T10:00:00+08:00'),
    enabled: true,
  },
}

signedInPageTests(operator)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

const card = (id: string) => document.querySelector<HTMLElement>(`.ops-campaign[data-campaign="${id}"]`)!
const switchOf = (id: string) => card(id).querySelector<HTMLElement>('.nut-switch')!
const stateOf = (id: string) => card(id).querySelector('.ops-state')?.textContent
const modal = (confirm: boolean) => vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm, cancel: !confirm, errMsg: 'showModal:ok' })
const type = (input: Element, value: string) => fireEvent.input(input, { target: { value } })
const tap = (element: Element) => act(async () => void fireEvent.click(element))
// Taro's web textarea draws its own <textarea> a moment after mounting.
const drawnTextarea = (placeholder = '拼团文档（JSON）') =>
  waitFor(() => {
    const found = screen.getAllByPlaceholderText(placeholder).find((el) => el.tagName === 'TEXTAREA') as HTMLTextAreaElement | undefined
    if (!found) throw new Error('the textarea is not drawn yet')
    return found
  })

async function openConsole(list = campaignList()) {
  render(<OpsConsolePage />)
  expect(screen.getByText('加载中…')).toBeTruthy()
  await act(async () => fakeBackend.settle('campaign.list').resolve(list))
}

describe('who may use the console', () => {
  it('is for operators only', async () => {
    useSession.setState({ member: { ...operator, roles: ['consumer', 'distributor'] } })
    render(<OpsConsolePage />)
    expect(screen.getByText('仅运营人员可用')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
  })

  it('asks a visitor to sign in as an operator', async () => {
    useSession.setState({ token: null, member: null })
    render(<OpsConsolePage />)
    expect(screen.getByText('仅运营人员可用')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
  })
})

describe('活动', () => {
  it('lists every campaign with its type, window in Shanghai time, state and problems', async () => {
    await openConsole()
    expect(within(card('points-week')).getByText('会员积分周 · 消费双倍积分')).toBeTruthy()
    expect(card('points-week').querySelector('.ops-campaign__meta')?.textContent).toBe('积分倍数 · points-week')
    expect(card('points-week').querySelector('.ops-campaign__window')?.textContent).toBe('2025-11-23 10:00 至 2099-11-30 10:00')
    expect(card('points-week').querySelector('.ops-campaign__detail')?.textContent).toBe('消费积分 ×2 · 面向全部会员')
    expect(stateOf('points-week')).toBe('生效中')
    expect(card('checkin-plus').querySelector('.ops-campaign__detail')?.textContent).toBe('每次签到多送 5 积分 · 面向 V3、V4、V5')
    expect(stateOf('checkin-plus')).toBe('已停用')
    expect(switchOf('checkin-plus').className).toContain('nut-switch-close')

    // A refused document shows why, and cannot be switched until it is fixed.
    expect(card('broken-day').querySelector('.ops-campaign__title')?.textContent).toBe('坏掉的积分日')
    expect(stateOf('broken-day')).toBe('文档无效')
    expect(within(card('broken-day')).getByText('broken-day：multiplier 应为数字')).toBeTruthy()
    expect(card('broken-day').querySelector('.ops-campaign__window')?.textContent).toBe('— 至 —')
    expect(switchOf('broken-day').className).toContain('nut-switch-disabled')
    await tap(switchOf('broken-day'))
    expect(fakeBackend.calls.filter((call) => call.action === 'enable' || call.action === 'disable')).toEqual([])
  })

  it('shows a group-buy no campaign wraps, with its one end, and switches it off by its own switch', async () => {
    await openConsole()
    const row = document.querySelector<HTMLElement>('.ops-campaign[data-groupbuy="gb-longjing"]')!
    expect(within(row).getByText('龙井两人团')).toBeTruthy()
    expect(within(row).getByText('进行中')).toBeTruthy()
    expect(within(row).getByText('2025-11-23 10:00 至 2099-11-30 10:00')).toBeTruthy()
    expect(within(row).getByText('未被任何活动包含：用右侧开关直接启停')).toBeTruthy()
    await tap(screen.getByLabelText('龙井两人团 拼团开关'))
    expect(fakeBackend.callsTo('campaign.switchGroupBuy')).toEqual([{ id: 'gb-longjing', enabled: false }])
    await act(async () => fakeBackend.settle('campaign.switchGroupBuy').resolve({ ...liveTeam, enabled: false, live: false }))
    expect(within(document.querySelector<HTMLElement>('[data-groupbuy="gb-longjing"]')!).getByText('已停用')).toBeTruthy()
  })

  it('edits a group-buy in its form after confirming, and shows what the server named', async () => {
    await openConsole()
    await tap(within(document.querySelector<HTMLElement>('[data-groupbuy="gb-longjing"]')!).getByText('编辑'))
    const form = screen.getByRole('form', { name: '编辑拼团' })
    const field = (label: string) =>
      within(form)
        .getAllByPlaceholderText(label)
        .find((el) => el.tagName === 'INPUT') as HTMLInputElement
    expect(field('开始时间（YYYY-MM-DD HH:mm）').value).toBe('2025-11-23 10:00')
    expect(field('拼团价（元）').value).toBe('99.00')
    fireEvent.input(field('商品编号'), { target: { value: '' } })
    await tap(within(form).getByText('保存拼团'))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写商品编号' }))
    fireEvent.input(field('商品编号'), { target: { value: 'p01' } })
    fireEvent.input(field('成团人数（2–10）'), { target: { value: '40' } })
    fireEvent.input(field('拼团价（元）'), { target: { value: '88.5' } })
    modal(true)
    await tap(within(form).getByText('保存拼团'))
    const edited = { ...(liveTeam.doc as object), teamSize: 40, skus: [{ skuId: 'p01-s1', teamPrice: 8_850 }] }
    expect(fakeBackend.callsTo('campaign.saveGroupBuy')).toEqual([{ doc: edited }])
    const named = '拼团 gb-longjing：teamSize = 40 超出范围，已按 10 执行'
    await act(async () => fakeBackend.settle('campaign.saveGroupBuy').resolve({ ...liveTeam, doc: edited, problems: [named] }))
    expect(screen.queryByRole('form', { name: '编辑拼团' })).toBeNull()
    expect(screen.getByText(named)).toBeTruthy()
  })

  it('starts a new group-buy off, and its JSON view carries what the form holds', async () => {
    await openConsole()
    await tap(screen.getByText('新建拼团'))
    const form = screen.getByRole('form', { name: '新建拼团' })
    const field = (label: string) =>
      within(form)
        .getAllByPlaceholderText(label)
        .find((el) => el.tagName === 'INPUT') as HTMLInputElement
    fireEvent.input(field('编号（字母、数字、- 和 _）'), { target: { value: 'gb-new' } })
    fireEvent.input(field('商品编号'), { target: { value: 'p01' } })
    fireEvent.input(field('规格编号'), { target: { value: 'p01-s1' } })
    fireEvent.input(field('拼团价（元）'), { target: { value: '88' } })
    await tap(within(form).getByRole('tab', { name: 'JSON' }))
    const started = JSON.parse((await drawnTextarea()).value)
    expect(started).toMatchObject({
      id: 'gb-new',
      productId: 'p01',
      skus: [{ skuId: 'p01-s1', teamPrice: 8_800 }],
      enabled: false,
      teamSize: 2,
    })
    expect(started.endAt - started.startAt).toBe(7 * 24 * 3_600_000)
    modal(false)
    await tap(within(form).getByText('保存拼团'))
    expect(fakeBackend.callsTo('campaign.saveGroupBuy')).toEqual([])
    await tap(within(form).getByText('取消'))
    expect(screen.queryByRole('form', { name: '新建拼团' })).toBeNull()
  })

  it('switches a campaign off and on by its id, showing the state the server answers', async () => {
    await openConsole()
    await tap(switchOf('points-week'))
    expect(fakeBackend.callsTo('campaign.disable')).toEqual([{ id: 'points-week' }])
    await act(async () => fakeBackend.settle('campaign.disable').resolve(view({ ...pointsWeek, enabled: false }, { inForce: false })))
    expect(stateOf('points-week')).toBe('已停用')
    expect(switchOf('points-week').className).toContain('nut-switch-close')

    await tap(switchOf('points-week'))
    expect(fakeBackend.callsTo('campaign.enable')).toEqual([{ id: 'points-week' }])
    await act(async () => fakeBackend.settle('campaign.enable').resolve(view(pointsWeek)))
    expect(stateOf('points-week')).toBe('生效中')
    expect(switchOf('points-week').className).not.toContain('nut-switch-close')
  })

  it('leaves the switch as it was when the server refuses', async () => {
    await openConsole()
    await tap(switchOf('checkin-plus'))
    await act(async () => fakeBackend.settle('campaign.enable').reject(callError('FORBIDDEN', '仅运营人员可以操作')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '仅运营人员可以操作' }))
    expect(stateOf('checkin-plus')).toBe('已停用')
    expect(switchOf('checkin-plus').className).toContain('nut-switch-close')
  })

  it('checks the new window as typed in Shanghai time and sends it as instants', async () => {
    await openConsole()
    fireEvent.click(within(card('points-week')).getByText('修改时间'))
    const start = card('points-week').querySelector('input[name="startAt"]')!
    const end = card('points-week').querySelector('input[name="endAt"]')!
    expect([(start as HTMLInputElement).value, (end as HTMLInputElement).value]).toEqual(['2025-11-23 10:00', '2099-11-30 10:00'])
    const save = () => tap(within(card('points-week')).getByText('保存时间'))
    const problem = () => card('points-week').querySelector('.ops-schedule__problem')?.textContent ?? null

    const cases: [string, string, string][] = [
      ['2025/12/01 09:00', '2025-12-08 00:00', '开始时间：请按 YYYY-MM-DD HH:mm 填写，如 2025-11-24 09:00'],
      ['2025-12-01 9:00', '2025-12-08 00:00', '开始时间：请按 YYYY-MM-DD HH:mm 填写，如 2025-11-24 09:00'],
      ['2025-02-30 09:00', '2025-12-08 00:00', '开始时间：2025-02-30 09:00 不是有效的日期时间'],
      ['2025-12-01 09:00', '2025-12-01 24:00', '结束时间：2025-12-01 24:00 不是有效的日期时间'],
      ['2025-12-01 09:00', '2025-12-01 09:00', '结束时间须晚于开始时间'],
      ['2025-12-01 09:00', '2025-11-30 23:59', '结束时间须晚于开始时间'],
    ]
    for (const [from, to, message] of cases) {
      type(start, from)
      type(end, to)
      await save()
      expect({ from, to, problem: problem() }).toEqual({ from, to, problem: message })
    }
    expect(fakeBackend.callsTo('campaign.schedule')).toEqual([])

    type(start, '2025-12-01 09:00')
    type(end, '2025-12-08 00:00')
    await save()
    expect(problem()).toBeNull()
    const startAt = Date.UTC(2025, 11, 1, 1, 0)
    const endAt = Date.UTC(2025, 11, 7, 16, 0)
    expect(fakeBackend.callsTo('campaign.schedule')).toEqual([{ id: 'points-week', startAt, endAt }])
    await act(async () => fakeBackend.settle('campaign.schedule').resolve(view({ ...pointsWeek, startAt, endAt }, { inForce: false })))
    expect(card('points-week').querySelector('.ops-campaign__window')?.textContent).toBe('2025-12-01 09:00 至 2025-12-08 00:00')
    expect(card('points-week').querySelector('input[name="startAt"]')).toBeNull()
  })

  it('stops every campaign with the kill switch only after confirming, then shows the list again', async () => {
    await openConsole()
    const ask = modal(false)
    await tap(screen.getByText('紧急停止全部'))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '紧急停止全部活动？' }))
    expect(fakeBackend.callsTo('campaign.killSwitch')).toEqual([])

    ask.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await tap(screen.getByText('紧急停止全部'))
    expect(fakeBackend.callsTo('campaign.killSwitch')).toEqual([{ on: true }])
    await act(async () => fakeBackend.settle('campaign.killSwitch').resolve({ killSwitch: true }))
    expect(fakeBackend.callsTo('campaign.list')).toHaveLength(2)
    await act(async () => fakeBackend.settle('campaign.list').resolve(campaignList(true)))
    expect(document.querySelector('.ops-kill__state')?.textContent).toBe('已紧急停止：所有活动和拼团暂停中')
    expect(stateOf('points-week')).toBe('总开关已停止')

    await tap(screen.getByText('恢复活动'))
    expect(ask).toHaveBeenLastCalledWith(expect.objectContaining({ title: '恢复全部活动？' }))
    expect(fakeBackend.callsTo('campaign.killSwitch')).toEqual([{ on: true }, { on: false }])
  })
})

const post = (id: string, over: Partial<QueuedPostView> = {}): QueuedPostView => ({
  id,
  title: '第一次喝到这么鲜的龙井',
  body: '玻璃杯 80 度水，三分钟出汤。',
  cover: '/media/uploads/0123456789abcdef.jpg',
  images: ['/media/uploads/0123456789abcdef.jpg'],
  productIds: ['p01'],
  products: [{ id: 'p01', title: '明前西湖龙井 特级' }],
  status: 'pending',
  rejectReason: null,
  createdAt: shanghai('2025-11-24T09:30:00'),
  reviewedAt: null,
  author: { id: 'consumer-v4', nickname: '林间听茶', avatar: '' },
  ...over,
})
const queuePage = (items: QueuedPostView[]): Page<QueuedPostView> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore: false })
const postCard = (id: string) => document.querySelector<HTMLElement>(`.ops-post[data-post="${id}"]`)!

async function openQueue(items = [post('u1'), post('u2', { title: '大红袍的岩韵' })]) {
  await openConsole()
  fireEvent.click(screen.getByText('审核'))
  expect(fakeBackend.callsTo('post.queue')).toEqual([{ page: 1, pageSize: 10 }])
  await act(async () => fakeBackend.settle('post.queue').resolve(queuePage(items)))
}

describe('审核', () => {
  it('shows the waiting posts with their authors', async () => {
    await openQueue()
    expect(within(postCard('u1')).getByText('林间听茶')).toBeTruthy()
    expect(within(postCard('u1')).getByText('2025-11-24 09:30')).toBeTruthy()
    expect(within(postCard('u1')).getByText('关联商品：明前西湖龙井 特级')).toBeTruthy()
    expect(within(postCard('u2')).getByText('大红袍的岩韵')).toBeTruthy()
  })

  it('says so when nothing waits', async () => {
    await openQueue([])
    expect(screen.getByText('没有待审核的种草')).toBeTruthy()
  })

  it('approves a post by its id and shows it published', async () => {
    await openQueue()
    await tap(within(postCard('u1')).getByText('通过'))
    expect(fakeBackend.callsTo('post.approve')).toEqual([{ postId: 'u1' }])
    await act(async () => fakeBackend.settle('post.approve').resolve(post('u1', { status: 'approved', reviewedAt: Date.now() })))
    expect(postCard('u1').querySelector('.ops-post__outcome')?.textContent).toBe('已通过，已发布到种草')
    expect(within(postCard('u1')).queryByText('通过')).toBeNull()
  })

  it('rejects a post only with a reason, which it sends trimmed', async () => {
    await openQueue()
    fireEvent.click(within(postCard('u2')).getByText('拒绝'))
    await tap(within(postCard('u2')).getByText('确认拒绝'))
    expect(postCard('u2').querySelector('.ops-post__problem')?.textContent).toBe('请填写拒绝原因，作者会看到它')
    expect(fakeBackend.callsTo('post.reject')).toEqual([])

    type(postCard('u2').querySelector('input[name="reason"]')!, '  图片和文字说的不是同一款茶 ')
    await tap(within(postCard('u2')).getByText('确认拒绝'))
    expect(fakeBackend.callsTo('post.reject')).toEqual([{ postId: 'u2', reason: '图片和文字说的不是同一款茶' }])
    await act(async () =>
      fakeBackend.settle('post.reject').resolve(post('u2', { status: 'rejected', rejectReason: '图片和文字说的不是同一款茶' })),
    )
    expect(postCard('u2').querySelector('.ops-post__outcome')?.textContent).toBe('已拒绝：图片和文字说的不是同一款茶')
  })

  it('offers quick reasons', async () => {
    await openQueue()
    fireEvent.click(within(postCard('u1')).getByText('拒绝'))
    fireEvent.click(within(postCard('u1')).getByText('含广告或联系方式'))
    await tap(within(postCard('u1')).getByText('确认拒绝'))
    expect(fakeBackend.callsTo('post.reject')).toEqual([{ postId: 'u1', reason: '含广告或联系方式' }])
  })

  it('tells the operator when another one decided first', async () => {
    await openQueue()
    await tap(within(postCard('u1')).getByText('通过'))
    await act(async () => fakeBackend.settle('post.approve').reject(callError('POST_STATE', '这篇种草已被拒绝，不能再通过')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '这篇种草已被拒绝，不能再通过' }))
    expect(within(postCard('u1')).getByText('通过')).toBeTruthy()
  })
})

const report: ShopReport = {
  from: '2025-11-18',
  to: '2025-11-24',
  generatedAt: shanghai('2025-11-24T15:00:00'),
  totals: { visits: 1200, visitors: 800, buyers: 60, orders: 72, gmv: 1_234_500 },
  byChannel: [
    { key: 'share', label: '分享码（会员与分销员）', visits: 400, visitors: 300, buyers: 40, orders: 48, gmv: 900_000 },
    { key: 'scene:chat', label: '聊天卡片', visits: 800, visitors: 500, buyers: 20, orders: 24, gmv: 334_500 },
  ],
  byPost: [
    {
      key: 'post01',
      label: '明前龙井怎么泡才不苦？',
      visits: 120,
      visitors: 100,
      buyers: 6,
      orders: 6,
      gmv: 76_800,
      views: 300,
      likes: 7,
      favourites: 3,
      comments: 4,
    },
  ],
  byDistributor: [],
  daily: [
    { day: '2025-11-18', gmv: 0, orders: 0 },
    { day: '2025-11-19', gmv: 100_000, orders: 5 },
    { day: '2025-11-20', gmv: 400_000, orders: 20 },
    { day: '2025-11-21', gmv: 200_000, orders: 12 },
    { day: '2025-11-22', gmv: 134_500, orders: 9 },
    { day: '2025-11-23', gmv: 300_000, orders: 15 },
    { day: '2025-11-24', gmv: 100_000, orders: 11 },
  ],
  points: { outstanding: 86_000, pending: 12_000, expiringIn30Days: 3_000 },
  commissions: { pending: 12_300, frozen: 4_500, available: 20_000, processing: 1_000 },
  campaigns: [
    { id: 'points-week', title: '会员积分周 · 消费双倍积分', type: 'points_multiplier', inForce: true, orders: 30, gmv: 500_000 },
  ],
  topics: [
    { id: 'tp-brew', name: '冲泡打卡', enabled: true, posts: 9, participants: 5 },
    { id: 'tp-old', name: '旧话题', enabled: false, posts: 1, participants: 1 },
  ],
  challenges: [
    {
      id: 'ch-week',
      title: '一周冲泡打卡',
      topicId: 'tp-brew',
      startAt: shanghai('2025-11-18T00:00:00'),
      endAt: shanghai('2025-11-25T00:00:00'),
      participants: 5,
      reached: 2,
      completions: 2,
    },
  ],
  problems: ['broken-day：multiplier 应为数字'],
}

/** The Shanghai day `days` after today's. */
const shanghaiDayFromToday = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10)

async function openReport() {
  await openConsole()
  fireEvent.click(screen.getByText('报表'))
}

describe('报表', () => {
  it('asks for the last 7 Shanghai days by default', async () => {
    await openReport()
    expect(fakeBackend.callsTo('campaign.report')).toEqual([{ from: shanghaiDayFromToday(-6), to: shanghaiDayFromToday(0) }])
  })

  it('shows the totals, the funnel per channel, GMV per day, liabilities and campaign results', async () => {
    await openReport()
    await act(async () => fakeBackend.settle('campaign.report').resolve(report))
    const figure = (name: string) => document.querySelector(`.ops-figure--${name} .ops-figure__value`)?.textContent
    expect(['visits', 'visitors', 'buyers', 'orders', 'gmv'].map(figure)).toEqual(['1200', '800', '60', '72', '¥12345.00'])

    const channel = (key: string) => document.querySelector<HTMLElement>(`.ops-funnel__channel[data-channel="${key}"]`)!
    const bars = (key: string) =>
      Array.from(channel(key).querySelectorAll<HTMLElement>('.ops-funnel__bar-row')).map((row) => [
        row.querySelector('.ops-funnel__name')?.textContent,
        row.querySelector<HTMLElement>('.ops-funnel__bar')!.style.width,
        row.querySelector('.ops-funnel__value')?.textContent,
      ])
    expect(bars('share')).toEqual([
      ['访问', '50%', '400 次 · 300 人'],
      ['购买', '100%', '40 人 · 48 单'],
      ['GMV', '100%', '¥9000.00'],
    ])
    expect(bars('scene:chat')).toEqual([
      ['访问', '100%', '800 次 · 500 人'],
      ['购买', '50%', '20 人 · 24 单'],
      ['GMV', '37.2%', '¥3345.00'],
    ])
    expect(channel('share').querySelector('.ops-funnel__rate')?.textContent).toBe('转化率 13.3%')

    const heights = Array.from(document.querySelectorAll<HTMLElement>('.day-bars__bar')).map((bar) => bar.style.height)
    expect(heights).toEqual(['0%', '25%', '100%', '50%', '33.6%', '75%', '25%'])
    expect(document.querySelector('.day-bars__focus')?.textContent).toBe('11-20 单日最高¥4000.0020 单')
    fireEvent.click(document.querySelector('.day-bars__column[data-day="2025-11-23"]')!)
    expect(document.querySelector('.day-bars__focus-amount')?.textContent).toBe('¥3000.00')

    // The page says how the funnel narrows, so buyers never read as more than visitors.
    expect(screen.getByText(/买家是本期内经该来源进店、并在本期内支付了归属该来源订单的会员，是访客的一部分/)).toBeTruthy()
    const line = (name: string) => document.querySelector(`.ops-line--${name} .ops-line__value`)?.textContent
    expect(['points-outstanding', 'points-pending', 'points-expiring'].map(line)).toEqual(['86000 积分', '12000 积分', '3000 积分'])
    expect(['commission-pending', 'commission-frozen', 'commission-available', 'commission-processing'].map(line)).toEqual([
      '¥123.00',
      '¥45.00',
      '¥200.00',
      '¥10.00',
    ])
    expect(document.querySelector('.ops-report__campaign[data-campaign="points-week"]')?.textContent).toBe(
      '会员积分周 · 消费双倍积分积分倍数 · 生效中30¥5000.00',
    )
    // A post's row: visits, buyers, GMV, its views in the range, then how many members like and keep it, and its comments.
    const cells = (row: Element | null) => Array.from(row!.querySelectorAll('.ops-table__cell')).map((cell) => cell.textContent)
    expect(cells(screen.getByText('明前龙井怎么泡才不苦？').closest('.ops-table__row'))).toEqual([
      '120',
      '6',
      '¥768.00',
      '300',
      '7',
      '3',
      '4',
    ])
    expect(screen.getByText(/阅读为所选日期内打开该篇的次数（每人每天计一次）/)).toBeTruthy()
    // Per topic: posts and participants; per challenge: participants, those who reached it, completions recorded.
    expect(cells(document.querySelector('[data-topic="tp-brew"]'))).toEqual(['9', '5'])
    expect(document.querySelector('[data-topic="tp-old"]')?.textContent).toContain('已停用')
    const challenge = document.querySelector('[data-challenge="ch-week"]')
    expect(cells(challenge)).toEqual(['5', '2', '2'])
    expect(challenge?.textContent).toContain('2025-11-18 至 2025-11-24')
    expect(screen.getByText('这段时间没有经分销员分享进店的访问')).toBeTruthy()
    expect(within(document.querySelector('.ops-report__problems') as HTMLElement).getByText('broken-day：multiplier 应为数字')).toBeTruthy()
  })

  it('checks the typed range before asking for it', async () => {
    await openReport()
    await act(async () => fakeBackend.settle('campaign.report').resolve(report))
    const from = document.querySelector('input[name="from"]')!
    const to = document.querySelector('input[name="to"]')!
    const problem = () => document.querySelector('.ops-range__problem')?.textContent ?? null
    const cases: [string, string, string][] = [
      ['2025/11/01', '2025-11-24', '开始日期：请按 YYYY-MM-DD 填写，如 2025-11-24'],
      ['2025-11-01', '2025-11-31', '结束日期：2025-11-31 不是有效的日期'],
      ['2025-11-24', '2025-11-01', '结束日期不能早于开始日期'],
      ['2024-11-01', '2025-11-02', '一次最多统计 366 天'],
    ]
    for (const [a, b, message] of cases) {
      type(from, a)
      type(to, b)
      fireEvent.click(screen.getByText('查询'))
      expect({ a, b, problem: problem() }).toEqual({ a, b, problem: message })
    }
    expect(fakeBackend.callsTo('campaign.report')).toHaveLength(1)

    type(from, '2025-11-01')
    type(to, '2025-11-30')
    fireEvent.click(screen.getByText('查询'))
    expect(problem()).toBeNull()
    expect(fakeBackend.callsTo('campaign.report')[1]).toEqual({ from: '2025-11-01', to: '2025-11-30' })
  })
})

describe('tabs by staff role', () => {
  it('shows a 客服 the 订单 and 审核 tabs only, opened on the orders waiting to ship', async () => {
    useSession.setState({ member: { ...operator, id: 'service', roles: ['operator', 'service'] } })
    render(<OpsConsolePage />)
    expect(screen.queryByText('活动')).toBeNull()
    expect(screen.queryByText('员工')).toBeNull()
    expect(screen.getByText('审核')).toBeTruthy()
    expect(fakeBackend.callsTo('order.staffList')).toEqual([{ tab: 'toShip', page: 1, pageSize: 10 }])
    expect(fakeBackend.callsTo('campaign.list')).toEqual([])
  })

  it('keeps a staff account with no role out, like everyone else', () => {
    useSession.setState({ member: { ...operator, roles: ['operator'] } })
    render(<OpsConsolePage />)
    expect(screen.getByText('仅运营人员可用')).toBeTruthy()
    expect(fakeBackend.calls).toEqual([])
  })
})

describe('员工', () => {
  const staffList = [
    { memberId: 'operator', nickname: '运营小山', avatar: '', roles: ['owner' as const] },
    { memberId: 'service', nickname: '客服小禾', avatar: '', roles: ['service' as const] },
  ]

  async function openStaff() {
    await openConsole()
    fireEvent.click(screen.getByText('员工'))
    await act(async () => fakeBackend.settle('staff.list').resolve(staffList))
  }

  it('lists staff with their roles and gives a role by member id', async () => {
    await openStaff()
    expect(screen.getByText('客服小禾')).toBeTruthy()
    expect(screen.getByLabelText('收回客服')).toBeTruthy()
    type(screen.getByPlaceholderText('会员编号'), ' consumer-v4 ')
    fireEvent.click(screen.getByRole('radio', { name: '财务' }))
    await tap(screen.getByText('授予'))
    expect(fakeBackend.callsTo('staff.grant')).toEqual([{ memberId: 'consumer-v4', role: 'finance' }])
    await act(async () =>
      fakeBackend.settle('staff.grant').resolve({ memberId: 'consumer-v4', nickname: '林间听茶', avatar: '', roles: ['finance'] }),
    )
    expect(fakeBackend.callsTo('staff.list')).toHaveLength(2)
  })

  it('takes a role away only after a red confirmation', async () => {
    const ask = modal(true)
    await openStaff()
    await tap(screen.getByLabelText('收回客服'))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '收回「客服」？', confirmColor: '#D9363E' }))
    expect(fakeBackend.callsTo('staff.revoke')).toEqual([{ memberId: 'service', role: 'service' }])
  })
})

describe('订单', () => {
  const paidOrder: StaffOrderView = {
    id: 'o0123456789abcdef0123456',
    orderNo: '2026112409000012345',
    status: 'paid',
    lines: [
      {
        id: 'o0123456789abcdef0123456-1',
        lineNo: 1,
        productId: 'p01',
        skuId: 'p01-s1',
        title: '明前西湖龙井 特级',
        specs: { 规格: '50g罐装' },
        image: '',
        unitPrice: 12800,
        memberUnitPrice: 12800,
        quantity: 2,
        goodsAmount: 25600,
        memberDiscount: 0,
        couponDeduction: 0,
        pointsDeduction: 0,
        paidAmount: 25600,
        status: 'normal',
        refundedAmount: 0,
      } as StaffOrderView['lines'][number],
    ],
    goodsAmount: 25600,
    memberDiscount: 0,
    couponId: null,
    couponDiscount: 0,
    pointsUsed: 0,
    pointsDeduction: 0,
    shipping: 0,
    payable: 25600,
    refundedAmount: 0,
    address: { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' },
    remark: '',
    createdAt: Date.parse('2025-11-24T09:00:00+08:00'),
    payDeadline: Date.parse('2025-11-24T09:15:00+08:00'),
    paidAt: Date.parse('2025-11-24T09:01:00+08:00'),
    shippedAt: null,
    receivedAt: null,
    completedAt: null,
    cancelledAt: null,
    closedAt: null,
    cancelReason: null,
    shipment: null,
    can: { pay: false, cancel: false, confirmReceipt: false, refund: true },
    buyer: { memberId: 'consumer-v4', nickname: '林间听茶' },
  }

  async function openOrders() {
    useSession.setState({ member: { ...operator, id: 'service', roles: ['operator', 'service'] } })
    render(<OpsConsolePage />)
    await act(async () =>
      fakeBackend.settle('order.staffList').resolve({ items: [paidOrder], page: 1, pageSize: 10, total: 1, hasMore: false }),
    )
  }

  it('shows what to pack and where it goes, and ships with the chosen carrier and number', async () => {
    await openOrders()
    expect(screen.getByText('明前西湖龙井 特级 50g罐装 × 2')).toBeTruthy()
    expect(screen.getByText('张三 13800000000 浙江省 杭州市 龙井路 1 号')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: '中通快递' }))
    type(screen.getByPlaceholderText('运单号'), ' 750123456780 ')
    await tap(screen.getByText('发货'))
    expect(fakeBackend.callsTo('order.ship')).toEqual([{ orderId: paidOrder.id, carrier: '中通快递', trackingNo: '750123456780' }])
    await act(async () =>
      fakeBackend
        .settle('order.ship')
        .resolve({ ...paidOrder, status: 'shipped', shipment: { carrier: '中通快递', trackingNo: '750123456780' } }),
    )
    expect(screen.getByText('已发货：中通快递 750123456780')).toBeTruthy()
    expect(screen.queryByText('发货')).toBeNull()
  })

  it('ships pasted rows and says which rows were not shipped, and why', async () => {
    await openOrders()
    const rows = `订单号,快递公司,运单号\n${paidOrder.id},顺丰速运,SF100000000100\n\nnope,飞鸽快递,1`
    // Taro's web textarea draws its own <textarea> a moment after mounting.
    const textarea = await waitFor(() => {
      const found = screen.getAllByPlaceholderText('订单号,快递公司,运单号').find((el) => el.tagName === 'TEXTAREA')
      if (!found) throw new Error('the textarea is not drawn yet')
      return found
    })
    await act(async () => void type(textarea, rows))
    await tap(screen.getByText('提交发货'))
    expect(fakeBackend.callsTo('order.shipBatch')).toEqual([
      {
        rows: [
          { orderId: paidOrder.id, carrier: '顺丰速运', trackingNo: 'SF100000000100' },
          { orderId: 'nope', carrier: '飞鸽快递', trackingNo: '1' },
        ],
      },
    ])
    await act(async () =>
      fakeBackend.settle('order.shipBatch').resolve([
        { row: 1, orderId: paidOrder.id, ok: true, code: null, message: null },
        { row: 2, orderId: 'nope', ok: false, code: 'INVALID_PAYLOAD', message: 'carrier：快递公司应为：顺丰速运…' },
      ]),
    )
    expect(screen.getByText('已发货 1 行，未处理 1 行')).toBeTruthy()
    expect(screen.getByText('第 2 行（nope）：carrier：快递公司应为：顺丰速运…')).toBeTruthy()
  })
})

describe('分销', () => {
  const applicant = {
    memberId: 'm07',
    nickname: '苏苏的茶席',
    status: 'pending' as const,
    code: 'SUSU2345',
    appliedAt: Date.parse('2025-11-24T09:00:00+08:00'),
    decidedAt: null,
    note: '',
  }

  async function openApplications() {
    useSession.setState({ member: { ...operator, id: 'service', roles: ['operator', 'service'] } })
    render(<OpsConsolePage />)
    await act(async () => fakeBackend.settle('order.staffList').resolve({ items: [], page: 1, pageSize: 10, total: 0, hasMore: false }))
    fireEvent.click(screen.getByText('分销'))
    expect(fakeBackend.callsTo('distribution.distributors')).toEqual([{ status: 'pending', page: 1, pageSize: 10 }])
    await act(async () =>
      fakeBackend.settle('distribution.distributors').resolve({ items: [applicant], page: 1, pageSize: 10, total: 1, hasMore: false }),
    )
  }

  it('approves an application', async () => {
    await openApplications()
    expect(screen.getByText('苏苏的茶席（SUSU2345）')).toBeTruthy()
    await tap(screen.getByText('通过'))
    expect(fakeBackend.callsTo('distribution.approve')).toEqual([{ memberId: 'm07' }])
    await act(async () => fakeBackend.settle('distribution.approve').resolve({ ...applicant, status: 'approved', decidedAt: Date.now() }))
    expect(screen.getByText('冻结')).toBeTruthy()
  })

  it('rejects only with a reason the applicant will see', async () => {
    await openApplications()
    await tap(screen.getByText('不通过'))
    expect(fakeBackend.callsTo('distribution.reject')).toEqual([])
    type(screen.getByPlaceholderText('不通过的原因（对方可见）'), ' 推广内容与商品无关 ')
    await tap(screen.getByText('不通过'))
    expect(fakeBackend.callsTo('distribution.reject')).toEqual([{ memberId: 'm07', reason: '推广内容与商品无关' }])
  })
})

describe('审计', () => {
  it('shows who changed what and when, and narrows to one kind of change', async () => {
    useSession.setState({ member: { ...operator, id: 'books', roles: ['operator', 'finance'] } })
    render(<OpsConsolePage />)
    // Finance opens on the report; its answer is not needed here.
    fireEvent.click(screen.getByText('审计'))
    expect(fakeBackend.callsTo('campaign.audit')).toEqual([{ page: 1, pageSize: 20 }])
    const entry = {
      id: 'a1',
      at: Date.parse('2025-11-24T09:00:00+08:00'),
      actor: 'service',
      roles: ['service' as const],
      action: 'order:ship',
      target: 'o0123456789abcdef0123456',
      before: null,
      after: null,
      actorName: '客服小禾',
      targetName: '订单 2025112409000012345',
    }
    const grant = {
      ...entry,
      id: 'a2',
      actor: 'operator',
      roles: ['owner' as const],
      action: 'staff:grant:finance',
      actorName: '运营小山',
      targetName: '账房先生',
    }
    await act(async () =>
      fakeBackend.settle('campaign.audit').resolve({ items: [entry, grant], page: 1, pageSize: 20, total: 2, hasMore: false }),
    )
    const shipped = screen.getByRole('group', { name: '客服小禾 2025-11-24 09:00' })
    expect(shipped.textContent).toContain('客服小禾（客服）')
    expect(shipped.textContent).toContain('发货 · 订单 2025112409000012345')
    expect(shipped.textContent).not.toContain('o0123456789abcdef0123456')
    expect(screen.getByText('授予财务角色 · 账房先生')).toBeTruthy()
    fireEvent.click(screen.getByRole('tab', { name: '发货' }))
    expect(fakeBackend.callsTo('campaign.audit')[1]).toEqual({ kind: 'order', page: 1, pageSize: 20 })
  })
})

describe('兑换', () => {
  it('ships a goods redemption with the chosen carrier and number', async () => {
    useSession.setState({ member: { ...operator, id: 'service', roles: ['operator', 'service'] } })
    render(<OpsConsolePage />)
    fireEvent.click(screen.getByText('兑换'))
    const cup = {
      id: 'rd0123456789abcdef012345',
      memberId: 'consumer-v4',
      itemId: 'ri-cup',
      kind: 'goods' as const,
      title: '山野茶集 玻璃随手杯',
      image: '',
      pointsPrice: 1200,
      address: { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' },
      status: 'placed' as const,
      createdAt: Date.parse('2025-11-24T09:00:00+08:00'),
      fulfilledAt: null,
      cancelledAt: null,
      expiresAt: null,
    }
    await act(async () => fakeBackend.settle('redeem.toShip').resolve({ items: [cup], page: 1, pageSize: 10, total: 1, hasMore: false }))
    expect(screen.getByText('张三 13800000000 浙江省 杭州市 龙井路 1 号')).toBeTruthy()
    fireEvent.click(screen.getByRole('radio', { name: '京东物流' }))
    type(screen.getByPlaceholderText('运单号'), 'JDVA0012345678')
    await tap(screen.getByText('发货'))
    expect(fakeBackend.callsTo('redeem.fulfil')).toEqual([{ redemptionId: cup.id, carrier: '京东物流', trackingNo: 'JDVA0012345678' }])
    const parcel = { carrier: '京东物流', trackingNo: 'JDVA0012345678' }
    await act(async () =>
      fakeBackend.settle('redeem.fulfil').resolve({ ...cup, status: 'fulfilled', fulfilledAt: Date.now(), shipment: parcel }),
    )
    expect(screen.getByText('已发货：京东物流 JDVA0012345678')).toBeTruthy()
  })
})

describe('订单 export', () => {
  it('downloads the stage’s orders as the CSV the server wrote', async () => {
    useSession.setState({ member: { ...operator, id: 'service', roles: ['operator', 'service'] } })
    const made: Blob[] = []
    Object.assign(URL, { createObjectURL: (blob: Blob) => (made.push(blob), 'blob:orders'), revokeObjectURL: () => undefined })
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    render(<OpsConsolePage />)
    // Days typed narrow the list and the file alike.
    type(screen.getByPlaceholderText('起 YYYY-MM-DD'), '2025-11-01')
    type(screen.getByPlaceholderText('止 YYYY-MM-DD'), '2025-11-30')
    await tap(screen.getByText('查找'))
    expect(fakeBackend.callsTo('order.staffList').at(-1)).toEqual({
      tab: 'toShip',
      from: '2025-11-01',
      to: '2025-11-30',
      page: 1,
      pageSize: 10,
    })
    await tap(screen.getByText('导出 CSV'))
    expect(fakeBackend.callsTo('order.export')).toEqual([{ tab: 'toShip', from: '2025-11-01', to: '2025-11-30' }])
    await act(async () => fakeBackend.settle('order.export').resolve({ filename: 'orders-toShip.csv', csv: '\uFEFF订单号\r\n', rows: 0 }))
    expect(clicked).toHaveBeenCalledTimes(1)
    // The byte-order mark is kept (spreadsheets need it to read Chinese); text() would hide it.
    expect([...new Uint8Array(await made[0].arrayBuffer())].slice(0, 3)).toEqual([0xef, 0xbb, 0xbf])
    expect(await made[0].text()).toBe('订单号\r\n')
  })
})

describe('the group-buy form', () => {
  const ready = draftOf(liveTeam.doc, Date.parse('2025-11-20T00:00:00Z'))
  it('refuses what the document cannot say, in the operator’s words', () => {
    expect(documentOf({ ...ready, id: 'gb new' }, liveTeam.doc)).toBe('编号只能用字母、数字、- 和 _，如 gb-longjing')
    expect(documentOf({ ...ready, hours: '1.5' }, liveTeam.doc)).toBe('成团时限（小时）应为整数')
    expect(documentOf({ ...ready, skus: [{ skuId: 'p01-s1', teamPrice: '0' }] }, liveTeam.doc)).toBe(
      '第 1 个规格请填写规格编号和拼团价（元）',
    )
    expect(documentOf({ ...ready, end: '2025-11-22 10:00' }, liveTeam.doc)).toBe('结束时间应晚于开始时间')
    expect(documentOf({ ...ready, start: '2025-02-30 10:00' }, liveTeam.doc)).toBe('开始时间：2025-02-30 10:00 不是有效的日期时间')
  })
  it('gives back the stored document unchanged when nothing was edited', () => {
    expect(documentOf(ready, liveTeam.doc)).toEqual(liveTeam.doc)
  })
})
