// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CampaignView, Page, ProductCard as ProductSummary } from '../../types/api'
import { ProductCard } from '../../src/components/ProductCard'
import { firstScreen, productCard } from '../../src/first-screen/draw'
import { FIRST_SCREEN_ID, HANDOFF, dropFirstScreen } from '../../src/first-screen/handoff'
import { openFirstScreen, storedSession } from '../../src/first-screen/open'
import { campaignChips } from '../../src/pages/home/campaignChips'
import { useSession } from '../../src/stores/session'

const product = (id: string, over: Partial<ProductSummary> = {}): ProductSummary => ({
  id,
  categoryId: 'c-tea',
  title: `好物 ${id}`,
  subtitle: '',
  cover: `/media/products/${id}.jpg`,
  tags: ['新品', '会员专享', '第三个标签'],
  price: 12900,
  memberPrice: 11610,
  sales: 37,
  stockState: 'inStock',
  ...over,
})

const featured = (items: ProductSummary[]): Page<ProductSummary> => ({ items, page: 1, pageSize: 6, total: items.length, hasMore: false })

const APP_SCRIPTS = ['/js/vendors.js', '/js/home.js', '/js/app.js']

const pointsWeek: CampaignView = {
  id: 'cp-points-week',
  title: '会员积分周',
  startAt: Date.now() - 86_400_000,
  endAt: Date.now() + 86_400_000,
  type: 'checkin_bonus',
  params: { type: 'checkin_bonus', bonusPoints: 5 },
}

/**
 * Test double of the browser's fetch: records each request and answers the featured products with
 * what the test gives it, the campaigns with `campaigns`.
 */
function fetchDouble(answer: () => Promise<unknown>, campaigns: () => Promise<unknown> = () => Promise.resolve({ ok: true, data: [] })) {
  const requests: { url: string; init: RequestInit }[] = []
  vi.stubGlobal('fetch', (url: string, init: RequestInit) => {
    requests.push({ url, init })
    return (url === '/api/campaign' ? campaigns() : answer()).then((body) => ({ json: () => Promise.resolve(body) }))
  })
  return requests
}

const appScriptsStarted = () =>
  Array.from(document.head.querySelectorAll('script'), (s) => ({ src: new URL(s.src).pathname, async: s.async }))

/** Until every promise the first screen chains has settled. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0))

beforeEach(() => {
  document.head.innerHTML = ''
  document.body.innerHTML = '<div id="app"></div>'
  window.location.hash = ''
  localStorage.clear()
  useSession.setState({ token: null, member: null })
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
  delete (window as unknown as Record<string, unknown>)[HANDOFF]
})

describe('the first screen’s cards', () => {
  it('read as the app’s own product card does, for a visitor and for a member', () => {
    for (const [item, tier] of [
      [product('p1'), 4],
      [product('p2', { memberPrice: null }), null],
      [product('p3', { stockState: 'soldOut' }), 2],
      [product('p4', { stockState: 'low', tags: [] }), null],
    ] as const) {
      useSession.setState({ member: tier ? { id: 'm', nickname: '小满', avatar: '', tier, roles: ['consumer'], shareCode: 'S' } : null })
      const { container } = render(<ProductCard product={item} />)
      const drawn = productCard(item, tier ? { nickname: '小满', tier } : null)
      expect(drawn.textContent).toBe(container.textContent)
      expect(drawn.className).toBe(container.firstElementChild?.className)
      cleanup()
    }
  })

  it('shows the member price under the member’s tier, the list price beside it, and links to the product page', () => {
    const card = productCard(product('p1'), { nickname: '小满', tier: 4 })
    expect(card.textContent).toContain('V4 会员价¥116.10¥129.00')
    expect(card.getAttribute('href')).toBe('#/packages/product/detail/index?id=p1')
    expect(card.querySelectorAll('.product-card__tag')).toHaveLength(2)
  })

  it('puts titles in as text, never as markup', () => {
    const title = '<img src=x onerror="alert(1)">好物'
    const card = productCard(product('p1', { title }), null)
    expect(card.querySelector('.product-card__title')?.textContent).toBe(title)
    expect(card.querySelectorAll('img')).toHaveLength(1)
  })

  it('greet the signed-in member by name and tier, and a visitor with the shop’s promise', () => {
    const items = featured([product('p1'), product('p2')])
    const member = firstScreen(items, [], { nickname: '小满', tier: 3 })
    expect(member.querySelector('.home__greeting')?.textContent).toBe('你好，小满V3')
    expect(member.querySelectorAll('.home__featured .product-card')).toHaveLength(2)
    expect(firstScreen(items, [], null).querySelector('.home__greeting')?.textContent).toBe('会员专享价，等级越高越优惠')
  })

  it('show the campaigns in force as the app’s strip words them, linking where the app’s chip leads', () => {
    const ended = { ...pointsWeek, id: 'cp-over', endAt: Date.now() - 1 }
    const chips = campaignChips([pointsWeek, ended], Date.now())
    const screen = firstScreen(featured([product('p1')]), chips, null)
    const strip = screen.querySelector('.campaign-strip')
    expect(strip?.children).toHaveLength(1)
    expect(strip?.textContent).toBe(`签到 +5会员积分周${chips[0].ends}去签到 ›`)
    expect(strip?.firstElementChild?.getAttribute('href')).toBe('#/packages/points/checkin/index')
    expect(firstScreen(featured([product('p1')]), [], null).querySelector('.campaign-strip')).toBeNull()
  })
})

describe('the session as the first screen reads it', () => {
  it('is the one the app keeps after signing in', () => {
    const member = { id: 'consumer-v4', nickname: '老会员', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'S' }
    useSession.getState().signIn({ token: 'token-a', member })
    expect(storedSession(localStorage)).toEqual({ token: 'token-a', member })
  })

  it('is a visitor’s when nothing or something unreadable is kept', () => {
    expect(storedSession(localStorage)).toEqual({ token: null, member: null })
    localStorage.setItem('siyu-session', '{"data":"not json')
    expect(storedSession(localStorage)).toEqual({ token: null, member: null })
  })
})

describe('opening the shop', () => {
  it('on home asks for the featured products as the signed-in member, draws them, then starts the app’s scripts in order', async () => {
    useSession
      .getState()
      .signIn({ token: 'token-a', member: { id: 'm', nickname: '小满', avatar: '', tier: 2, roles: ['consumer'], shareCode: 'S' } })
    let answer: (body: unknown) => void = () => undefined
    const requests = fetchDouble(
      () => new Promise((resolve) => (answer = resolve)),
      () => Promise.resolve({ ok: true, data: [pointsWeek] }),
    )
    openFirstScreen(APP_SCRIPTS)

    expect(requests.map((r) => [r.url, r.init.method, JSON.parse(String(r.init.body))])).toEqual([
      ['/api/catalog', 'POST', { action: 'products', data: { featured: true, pageSize: 6 } }],
      ['/api/campaign', 'POST', { action: 'active', data: {} }],
    ])
    for (const r of requests) expect((r.init.headers as Record<string, string>).Authorization).toBe('Bearer token-a')
    expect((window as unknown as Record<string, { token: string }>)[HANDOFF].token).toBe('token-a')
    // The app waits for the cards.
    expect(appScriptsStarted()).toEqual([])

    answer({ ok: true, data: featured([product('p1'), product('p2')]) })
    await settled()
    const layer = document.getElementById(FIRST_SCREEN_ID)
    expect(layer?.querySelectorAll('.product-card')).toHaveLength(2)
    expect(layer?.textContent).toContain('你好，小满')
    expect(layer?.querySelector('.campaign-strip')?.textContent).toContain('会员积分周')
    expect(appScriptsStarted()).toEqual(APP_SCRIPTS.map((src) => ({ src, async: false })))
  })

  it('on another page asks for nothing and starts the app at once', () => {
    window.location.hash = '#/packages/product/detail/index?id=p1'
    const requests = fetchDouble(() => Promise.resolve({}))
    openFirstScreen(APP_SCRIPTS)
    expect(requests).toEqual([])
    expect(appScriptsStarted().map((s) => s.src)).toEqual(APP_SCRIPTS)
  })

  it('leaves the campaigns out when their answer fails, as the app does', async () => {
    fetchDouble(
      () => Promise.resolve({ ok: true, data: featured([product('p1')]) }),
      () => Promise.reject(new TypeError('offline')),
    )
    openFirstScreen(APP_SCRIPTS)
    await settled()
    expect(document.querySelectorAll(`#${FIRST_SCREEN_ID} .product-card`)).toHaveLength(1)
    expect(document.querySelector(`#${FIRST_SCREEN_ID} .campaign-strip`)).toBeNull()
  })

  it('starts the app without a first screen when the answer fails, is a refusal or has no products', async () => {
    for (const answer of [
      () => Promise.reject(new TypeError('offline')),
      () => Promise.resolve({ ok: false, code: 'INTERNAL', message: '服务繁忙' }),
      () => Promise.resolve({ ok: true, data: featured([]) }),
    ]) {
      document.head.innerHTML = ''
      fetchDouble(answer)
      openFirstScreen(APP_SCRIPTS)
      await settled()
      expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull()
      expect(appScriptsStarted().map((s) => s.src)).toEqual(APP_SCRIPTS)
    }
  })

  it('starts the app after a second when the answer is slow, and draws nothing over a home the app has drawn', async () => {
    vi.useFakeTimers()
    try {
      let answer: (body: unknown) => void = () => undefined
      fetchDouble(() => new Promise((resolve) => (answer = resolve)))
      openFirstScreen(APP_SCRIPTS)
      vi.advanceTimersByTime(999)
      expect(appScriptsStarted()).toEqual([])
      vi.advanceTimersByTime(1)
      expect(appScriptsStarted().map((s) => s.src)).toEqual(APP_SCRIPTS)
      document.getElementById('app')?.insertAdjacentHTML('beforeend', '<div class="home__featured"></div>')
      answer({ ok: true, data: featured([product('p1')]) })
      await vi.runAllTimersAsync()
      expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull()
    } finally {
      vi.useRealTimers()
    }
  })

  it('gives way to a tap on one of its links and to the app’s home page', async () => {
    fetchDouble(() => Promise.resolve({ ok: true, data: featured([product('p1')]) }))
    openFirstScreen(APP_SCRIPTS)
    await settled()
    document.querySelector<HTMLElement>(`#${FIRST_SCREEN_ID} .product-card`)?.click()
    expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull()

    fetchDouble(() => Promise.resolve({ ok: true, data: featured([product('p1')]) }))
    openFirstScreen(APP_SCRIPTS)
    await settled()
    expect(document.getElementById(FIRST_SCREEN_ID)).not.toBeNull()
    dropFirstScreen()
    expect(document.getElementById(FIRST_SCREEN_ID)).toBeNull()
  })
})
