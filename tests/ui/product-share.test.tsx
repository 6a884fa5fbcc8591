// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DistributorStatusView, MemberView, PostDetail, ProductDetail, SharePayload } from '../../types/api'
import type { DistributorStatus } from '../../types/domain'
import PostDetailPage from '../../src/packages/post/detail'
import ProductDetailPage from '../../src/packages/product/detail'
import {
  type PosterArt,
  type PosterImage,
  POSTER_HINT,
  SHOP_NAME,
  drawPoster,
  estimateTextWidth,
  posterLayout,
  qrGrid,
  wrapText,
} from '../../src/components/SharePoster/poster'
import { callError } from '../../src/services/errors'
import { mediaUrl } from '../../src/services/media'
import { useCart } from '../../src/stores/cart'
import { useSession } from '../../src/stores/session'
import { qrMatrix } from '../../src/utils/qr'
import { fakeBackend } from './fake-backend'
import { FakeCanvas, FakeImage, RecordingContext, images } from './poster-doubles'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** The share handlers a page registers; the test double of Taro's hooks keeps the latest of each, as Taro does. */
const shares = vi.hoisted(() => ({ chat: null as null | (() => unknown), moments: null as null | (() => unknown) }))
vi.mock('@tarojs/taro', async (importOriginal) => {
  const taro = await importOriginal<typeof import('@tarojs/taro')>()
  return {
    ...taro,
    useShareAppMessage: (handler: () => unknown) => {
      shares.chat = handler
    },
    useShareTimeline: (handler: () => unknown) => {
      shares.moments = handler
    },
  }
})

const photo = (width: number, height: number): PosterImage => ({ source: { name: 'photo' } as unknown as CanvasImageSource, width, height })
const INCOME_WORDS = /赚|佣金|收益|收入|返利|奖励|提成|躺赚/

describe('poster layout', () => {
  it('puts the photo, a one-line title, the price, the shop and the hint down the poster, the QR bottom right', () => {
    const layout = posterLayout(300, '明前西湖龙井', 12800)
    expect(layout.photo).toEqual({ x: 20, y: 20, size: 260 })
    expect(layout.title.map((run) => run.text)).toEqual(['明前西湖龙井'])
    expect(layout.title[0].y).toBeGreaterThan(layout.photo.y + layout.photo.size)
    expect(layout.price.text).toBe('¥128.00')
    expect(layout.price.y).toBeGreaterThan(layout.title[0].y)
    expect(layout.shop.text).toBe(SHOP_NAME)
    expect(layout.hint.text).toBe(POSTER_HINT)
    expect(layout.hint.text).toMatch(/长按识别/)
    expect(layout.hint.text).toMatch(/扫码查看/)
    // The QR sits inside the right and bottom margins, below the divider, level with the shop's name.
    expect(layout.qr.x + layout.qr.size).toBe(280)
    expect(layout.qr.y + layout.qr.size + 20).toBe(layout.height)
    expect(layout.qr.y).toBeGreaterThan(layout.divider.y)
    expect(layout.shop.y).toBeGreaterThanOrEqual(layout.qr.y)
  })

  it('wraps a long title to two lines and ends it with an ellipsis, each line within the margins', () => {
    const title = '明前西湖龙井特级狮峰山核心产区手工炒制礼盒装二百五十克两罐装送礼佳品'
    const layout = posterLayout(300, title, 12800)
    const [first, second] = layout.title
    expect(layout.title).toHaveLength(2)
    // 16 px characters in 260 px: sixteen to a line; the second line gives one up for the ellipsis.
    expect(first.text).toBe(Array.from(title).slice(0, 16).join(''))
    expect(second.text).toBe(`${Array.from(title).slice(16, 31).join('')}…`)
    for (const run of layout.title) expect(estimateTextWidth(run.text, run.font)).toBeLessThanOrEqual(260)
    expect(second.y - first.y).toBe(24)
  })

  it('makes the poster one line taller for a two-line title, moving everything below it', () => {
    const short = posterLayout(300, '龙井', 12800)
    const long = posterLayout(300, '龙'.repeat(20), 12800)
    expect(long.height - short.height).toBe(24)
    expect(long.price.y - short.price.y).toBe(24)
    expect(long.qr.y - short.qr.y).toBe(24)
  })

  it('keeps a title that just fills two lines whole', () => {
    const layout = posterLayout(300, '茶'.repeat(32), 12800)
    expect(layout.title.map((run) => run.text)).toEqual(['茶'.repeat(16), '茶'.repeat(16)])
  })

  it('scales with the width it is drawn at', () => {
    const small = posterLayout(300, '明前西湖龙井', 990)
    const large = posterLayout(600, '明前西湖龙井', 990)
    expect(large.photo).toEqual({ x: 40, y: 40, size: 520 })
    expect(large.qr.size).toBe(small.qr.size * 2)
    expect(large.height).toBe(small.height * 2)
    expect(large.price.text).toBe('¥9.90')
  })

  it('puts a tag such as 3人团 拼团价 on a line of its own above the price, making the poster that much taller', () => {
    const plain = posterLayout(300, '明前西湖龙井', 9900)
    const tagged = posterLayout(300, '明前西湖龙井', 9900, { tag: '3人团 拼团价' })
    expect(plain.tag).toBeNull()
    expect(tagged.tag).toMatchObject({ text: '3人团 拼团价', x: 20, y: plain.price.y, color: tagged.price.color })
    expect(tagged.price.y).toBe(plain.price.y + 20)
    expect(tagged.price.text).toBe('¥99.00')
    expect(tagged.height - plain.height).toBe(20)
    expect(tagged.qr.y - plain.qr.y).toBe(20)
  })

  it('moves a Latin word to the next line whole, without a space at the start of a line', () => {
    const tenEach = (text: string) => text.length * 10
    expect(wrapText('Longjing tea gift box', 100, 3, '', tenEach)).toEqual(['Longjing', 'tea gift', 'box'])
    expect(wrapText('龙井茶Longjing 礼盒', 100, 3, '', tenEach)).toEqual(['龙井茶', 'Longjing 礼', '盒'])
  })

  it('breaks a word longer than a line where the line ends, and has no lines for blank text', () => {
    const tenEach = (text: string) => text.length * 10
    expect(wrapText('Supercalifragilistic', 100, 2, '', tenEach)).toEqual(['Supercalif', 'ragilistic'])
    expect(wrapText('  ', 100, 2, '', tenEach)).toEqual([])
  })
})

describe('drawing the poster', () => {
  const link = 'http://127.0.0.1:5173/#/packages/product/detail/index?id=p01&sc=ZAJGQTKH'

  it('draws the title lines, the price, the shop and the hint where the layout puts them', () => {
    const ctx = new RecordingContext()
    const layout = posterLayout(300, '明前西湖龙井 特级', 12800)
    drawPoster(ctx, layout, { photo: photo(800, 800), qr: { kind: 'modules', modules: qrMatrix(link).modules } })
    expect(ctx.texts.map(({ text, x, y, font }) => ({ text, x, y, font }))).toEqual(
      [...layout.title, layout.price, layout.shop, layout.hint].map(({ text, x, y, font }) => ({ text, x, y, font })),
    )
    expect(ctx.texts.every((text) => text.baseline === 'top')).toBe(true)
    expect(ctx.texts.map((text) => text.text).join(' ')).not.toMatch(INCOME_WORDS)
  })

  it('draws the tag between the title and the price', () => {
    const ctx = new RecordingContext()
    const layout = posterLayout(300, '明前西湖龙井', 9900, { tag: '3人团 拼团价' })
    drawPoster(ctx, layout, { photo: photo(800, 800), qr: { kind: 'modules', modules: qrMatrix(link).modules } })
    expect(ctx.texts.map((text) => text.text)).toEqual(['明前西湖龙井', '3人团 拼团价', '¥99.00', SHOP_NAME, POSTER_HINT])
  })

  it('fills the photo square with the centre of a landscape photo', () => {
    const ctx = new RecordingContext()
    const layout = posterLayout(300, '龙井', 12800)
    const art: PosterArt = { photo: photo(800, 600), qr: { kind: 'modules', modules: qrMatrix(link).modules } }
    drawPoster(ctx, layout, art)
    expect(ctx.images).toEqual([{ source: art.photo.source, source_: [100, 0, 600, 600], x: 20, y: 20, width: 260, height: 260 }])
  })

  it('draws one square per dark module, on a grid of whole canvas pixels, centred in the QR box with a quiet zone', () => {
    const ctx = new RecordingContext()
    const layout = posterLayout(300, '龙井', 12800)
    const { modules } = qrMatrix(link)
    drawPoster(ctx, layout, { photo: photo(800, 800), qr: { kind: 'modules', modules } })

    // 37 modules and two quiet modules a side in 96 px at 3 canvas pixels per px: 7 canvas pixels a module.
    const cell = 7 / 3
    expect(qrGrid(37, layout.qr).cell).toBeCloseTo(cell, 10)
    const squares = ctx.rects.filter((rect) => Math.abs(rect.width - cell) < 1e-9)
    const dark = modules.flatMap((row, r) => row.flatMap((isDark, c) => (isDark ? [[r, c]] : [])))
    expect(squares).toHaveLength(dark.length)
    expect(new Set(squares.map((square) => square.color)).size).toBe(1)

    const left = Math.min(...squares.map((square) => square.x))
    const top = Math.min(...squares.map((square) => square.y))
    const position = (square: { x: number; y: number }) => `${Math.round((square.y - top) / cell)},${Math.round((square.x - left) / cell)}`
    expect(new Set(squares.map(position))).toEqual(new Set(dark.map(([r, c]) => `${r},${c}`)))
    for (const square of squares) {
      expect(square.height).toBeCloseTo(cell, 10)
      // Every square starts on a whole canvas pixel, so neighbours meet without a seam.
      expect(Math.abs(square.x * 3 - Math.round(square.x * 3))).toBeLessThan(1e-6)
      expect(Math.abs(square.y * 3 - Math.round(square.y * 3))).toBeLessThan(1e-6)
    }
    const { qr } = layout
    const right = qr.x + qr.size - (left + 37 * cell)
    expect(left - qr.x).toBeGreaterThanOrEqual(2 * cell - 1e-9)
    expect(top - qr.y).toBeGreaterThanOrEqual(2 * cell - 1e-9)
    expect(Math.abs(left - qr.x - right)).toBeLessThanOrEqual(1 / 3 + 1e-9)
    // The code sits on a light square of its own.
    expect(ctx.rects).toContainEqual(expect.objectContaining({ x: qr.x, y: qr.y, width: qr.size, height: qr.size }))
    expect(ctx.rects.find((rect) => rect.width === qr.size && rect.x === qr.x)?.color).not.toBe(squares[0].color)
  })

  it('draws a mini program code image into the QR box instead of modules', () => {
    const ctx = new RecordingContext()
    const layout = posterLayout(300, '龙井', 12800)
    const code = photo(430, 430)
    drawPoster(ctx, layout, { photo: photo(800, 800), qr: { kind: 'image', image: code } })
    expect(ctx.images[1]).toEqual({ source: code.source, source_: [0, 0, 430, 430], x: layout.qr.x, y: layout.qr.y, width: 96, height: 96 })
    expect(ctx.rects.filter((rect) => rect.width < 5)).toEqual([])
  })
})

const longjing: ProductDetail = {
  id: 'p01',
  categoryId: 'c-tea',
  title: '明前西湖龙井 特级',
  subtitle: '狮峰山产区 手工炒制',
  cover: '/media/products/p01-1.jpg',
  images: ['/media/products/p01-1.jpg'],
  tags: [],
  price: 12800,
  memberPrice: null,
  sales: 2316,
  stockState: 'inStock',
  detail: '采自狮峰山核心产区。',
  specOptions: [],
  skus: [{ id: 's1', specs: {}, price: 12800, memberPrice: null, stock: 40, stockState: 'inStock' }],
  viewerTier: null,
  memberOffer: null,
  limits: null,
}

const consumer: MemberView = { id: 'consumer-v1', nickname: '新会员', avatar: '', tier: 1, roles: ['consumer'], shareCode: 'HK7MPQ2C' }
const distributor: MemberView = {
  id: 'koc-1',
  nickname: '茶小满',
  avatar: '',
  tier: 2,
  roles: ['consumer', 'distributor'],
  shareCode: 'ZAJGQTKH',
}

const standing = (status: DistributorStatus): DistributorStatusView => ({
  status,
  code: status === 'approved' || status === 'frozen' ? 'ZAJGQTKH' : null,
  appliedAt: Date.parse('2025-11-01T10:00:00+08:00'),
  decidedAt: status === 'pending' ? null : Date.parse('2025-11-02T10:00:00+08:00'),
  note: status === 'frozen' ? '异常订单核查中' : '',
  autoApprove: false,
  rules: { version: '2025-11', sections: [] },
})

const sharePath = '/packages/product/detail/index?id=p01&sc=ZAJGQTKH'
const payload = (qr: SharePayload['qr']): SharePayload => ({
  code: 'ZAJGQTKH',
  productId: 'p01',
  title: '明前西湖龙井 特级',
  path: sharePath,
  image: '/media/products/p01-1.jpg',
  price: 12800,
  scene: 'ZAJGQTKH_p01',
  qr,
})

const posterButton = () => screen.queryByText('生成海报')
const saveButton = () => document.querySelector('.share-poster__save') as HTMLElement

function openProductPage(params: Record<string, string>) {
  Current.router = { params, path: '/packages/product/detail/index', $taroPath: 'product-share-test', onReady: '', onHide: '', onShow: '' }
  render(<ProductDetailPage />)
}

/** Opens p01 as `member`; a distributor's standing is answered with `status`. */
async function openAs(member: MemberView | null, status?: DistributorStatus) {
  useSession.setState({ token: member ? 'member-token' : null, member })
  openProductPage({ id: 'p01' })
  await act(async () => fakeBackend.settle('catalog.product').resolve(longjing))
  if (status) await act(async () => fakeBackend.settle('distribution.status').resolve(standing(status)))
}

let canvas: FakeCanvas

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  shares.chat = null
  shares.moments = null
  images.loaded = []
  images.failing.clear()
  useCart.getState().clear()
  canvas = new FakeCanvas()
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
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  useSession.setState({ token: null, member: null })
})

describe('who is offered a share poster', () => {
  it('an approved distributor gets 生成海报 once the standing is known', async () => {
    await openAs(distributor)
    expect(fakeBackend.callsTo('distribution.status')).toEqual([{}])
    expect(posterButton()).toBeNull()
    await act(async () => fakeBackend.settle('distribution.status').resolve(standing('approved')))
    expect(posterButton()).toBeTruthy()
  })

  it.each(['pending', 'frozen', 'rejected'] as const)('a %s distributor gets no poster', async (status) => {
    await openAs(distributor, status)
    expect(screen.getByText('明前西湖龙井 特级', { selector: '.product-detail__title' })).toBeTruthy()
    expect(posterButton()).toBeNull()
  })

  it('a consumer gets no poster, and their distributor standing is not even asked', async () => {
    await openAs(consumer)
    expect(posterButton()).toBeNull()
    expect(fakeBackend.callsTo('distribution.status')).toEqual([])
  })

  it('a visitor gets no poster', async () => {
    await openAs(null)
    expect(posterButton()).toBeNull()
    expect(fakeBackend.callsTo('distribution.status')).toEqual([])
  })

  it('a distributor whose standing cannot be loaded gets no poster, and the product page works as usual', async () => {
    await openAs(distributor)
    await act(async () => fakeBackend.settle('distribution.status').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(posterButton()).toBeNull()
    expect(screen.getByText('加入购物车')).toBeTruthy()
  })
})

describe('making a share poster', () => {
  async function openPoster() {
    await openAs(distributor, 'approved')
    await act(async () => {
      fireEvent.click(posterButton()!)
    })
    expect(screen.getByText('分享海报', { selector: '.nut-popup-title-title' })).toBeTruthy()
  }

  it('asks for the share payload of this product, then draws photo, title, price, shop and a QR of the browser link', async () => {
    await openPoster()
    expect(fakeBackend.callsTo('distribution.share')).toEqual([{ productId: 'p01' }])
    expect(screen.getByText('海报生成中…')).toBeTruthy()
    expect(saveButton().className).toContain('nut-button-disabled')

    await act(async () => fakeBackend.settle('distribution.share').resolve(payload({ kind: 'path', path: sharePath })))
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))
    expect(screen.queryByText('海报生成中…')).toBeNull()

    const layout = posterLayout(300, '明前西湖龙井 特级', 12800)
    expect([canvas.width, canvas.height]).toEqual([900, layout.height * 3])
    expect(canvas.ctx.scales).toEqual([[3, 3]])
    expect(images.loaded).toEqual(['/media/products/p01-1.jpg'])
    expect(canvas.ctx.texts.map((text) => text.text)).toEqual(['明前西湖龙井 特级', '¥128.00', '山野茶集', '长按识别 · 扫码查看'])

    // The QR is the browser build's hash link to the page the server named.
    const { modules } = qrMatrix(`${location.origin}${location.pathname}#${sharePath}`)
    const cell = qrGrid(modules.length, layout.qr).cell
    const darkCount = modules.flat().filter(Boolean).length
    expect(canvas.ctx.rects.filter((rect) => rect.width === cell)).toHaveLength(darkCount)
    expect(document.body.textContent).not.toMatch(INCOME_WORDS)
  })

  it('draws the mini program code the server made when it sends one', async () => {
    await openPoster()
    await act(async () =>
      fakeBackend.settle('distribution.share').resolve(payload({ kind: 'image', url: 'https://cdn.example.com/wxacode/ZAJGQTKH_p01.png' })),
    )
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))
    expect(images.loaded).toEqual(['/media/products/p01-1.jpg', 'https://cdn.example.com/wxacode/ZAJGQTKH_p01.png'])
    const layout = posterLayout(300, '明前西湖龙井 特级', 12800)
    expect(canvas.ctx.images[1]).toMatchObject({ x: layout.qr.x, y: layout.qr.y, width: layout.qr.size, height: layout.qr.size })
  })

  it('saves the drawn poster as a PNG download in the browser build', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    await openPoster()
    await act(async () => fakeBackend.settle('distribution.share').resolve(payload({ kind: 'path', path: sharePath })))
    await waitFor(() => expect(saveButton().className).not.toContain('nut-button-disabled'))

    await act(async () => {
      fireEvent.click(saveButton())
    })
    expect(canvas.exports).toEqual(['image/png'])
    expect(click).toHaveBeenCalledTimes(1)
    const link = click.mock.instances[0] as unknown as HTMLAnchorElement
    expect(link.href).toBe('data:image/png;base64,UE9TVEVS')
    expect(link.download).toBe('山野茶集-分享海报.png')
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '海报已下载' }))
  })

  it('says why the payload was refused, and 重试 asks again', async () => {
    await openPoster()
    await act(async () => fakeBackend.settle('distribution.share').reject(callError('FORBIDDEN', '分销资格已冻结，暂不能分享')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '分销资格已冻结，暂不能分享' }))
    expect(screen.getByText('分销资格已冻结，暂不能分享', { selector: '.share-poster *' })).toBeTruthy()
    expect(saveButton().className).toContain('nut-button-disabled')

    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    expect(fakeBackend.callsTo('distribution.share')).toEqual([{ productId: 'p01' }, { productId: 'p01' }])
  })

  it('tells the member when the poster cannot be drawn because an image did not load', async () => {
    images.failing.add('/media/products/p01-1.jpg')
    await openPoster()
    await act(async () => fakeBackend.settle('distribution.share').resolve(payload({ kind: 'path', path: sharePath })))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '海报生成失败，请重试' })))
    expect(screen.getByText('重试')).toBeTruthy()
    expect(canvas.ctx.texts).toEqual([])
  })
})

describe('opening a product from a mini program code', () => {
  it('reads the product from the scene when the page has no id', async () => {
    useSession.setState({ token: null, member: null })
    openProductPage({ scene: 'ZAJGQTKH%5Fp01' })
    expect(fakeBackend.callsTo('catalog.product')).toEqual([{ id: 'p01' }])
    await act(async () => fakeBackend.settle('catalog.product').resolve(longjing))
    expect(screen.getByText('明前西湖龙井 特级', { selector: '.product-detail__title' })).toBeTruthy()
  })

  it('says the product is gone when the scene is malformed', async () => {
    openProductPage({ scene: 'not-a-scene' })
    expect(fakeBackend.callsTo('catalog.product')).toEqual([])
    expect(await screen.findByText('商品不存在或已下架')).toBeTruthy()
  })
})

const brewing: PostDetail = {
  id: 'post01',
  title: '龙井怎么泡才不苦',
  excerpt: '水温 80 度',
  cover: '/media/posts/post01-1.jpg',
  kind: 'pgc',
  author: { id: 'brand', nickname: '山野茶集', avatar: '', certified: false },
  products: [],
  likes: 12,
  favourites: 3,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  body: '水温 80 度，先注水后投茶。',
  images: ['/media/posts/post01-1.jpg'],
}

async function openPost(member: MemberView | null) {
  useSession.setState({ token: member ? 'member-token' : null, member })
  Current.router = {
    params: { id: 'post01' },
    path: '/packages/post/detail/index',
    $taroPath: 'post-share-test',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<PostDetailPage />)
  await act(async () => fakeBackend.settle('catalog.post').resolve(brewing))
}

describe('sharing a product to Moments', () => {
  it.each([
    ['a distributor', distributor],
    ['a consumer', consumer],
  ] as const)("carries %s's share code in the query, as the chat card carries it in the path", async (_who, member) => {
    await openAs(member, member.roles.includes('distributor') ? 'approved' : undefined)
    expect(shares.moments!()).toEqual({
      title: '明前西湖龙井 特级',
      query: `id=p01&sc=${member.shareCode}`,
      imageUrl: mediaUrl('/media/products/p01-1.jpg'),
    })
    expect(shares.chat!()).toEqual({
      title: '明前西湖龙井 特级',
      path: `/packages/product/detail/index?id=p01&sc=${member.shareCode}`,
      imageUrl: mediaUrl('/media/products/p01-1.jpg'),
    })
  })

  it('carries no share code for a visitor, and promises nothing for sharing', async () => {
    await openAs(null)
    const moments = shares.moments!() as { title: string; query: string }
    expect(moments.query).toBe('id=p01')
    expect((shares.chat!() as { path: string }).path).toBe('/packages/product/detail/index?id=p01')
    expect(moments.title).not.toMatch(INCOME_WORDS)
  })

  it('still has a share while the product loads, with the shop name for a title', async () => {
    useSession.setState({ token: 'member-token', member: consumer })
    openProductPage({ id: 'p01' })
    expect(shares.moments!()).toEqual({ title: '私域好物', query: 'id=p01&sc=HK7MPQ2C', imageUrl: undefined })
  })
})

describe('sharing a post', () => {
  it('gives a chat card and a Moments share of the post, both carrying the sharer’s code', async () => {
    await openPost(distributor)
    expect(screen.getByText('龙井怎么泡才不苦')).toBeTruthy()
    expect(shares.chat!()).toEqual({
      title: '龙井怎么泡才不苦',
      path: '/packages/post/detail/index?id=post01&sc=ZAJGQTKH',
      imageUrl: mediaUrl('/media/posts/post01-1.jpg'),
    })
    expect(shares.moments!()).toEqual({
      title: '龙井怎么泡才不苦',
      query: 'id=post01&sc=ZAJGQTKH',
      imageUrl: mediaUrl('/media/posts/post01-1.jpg'),
    })
  })

  it('carries no share code for a visitor', async () => {
    await openPost(null)
    expect((shares.chat!() as { path: string }).path).toBe('/packages/post/detail/index?id=post01')
    expect((shares.moments!() as { query: string }).query).toBe('id=post01')
  })
})
