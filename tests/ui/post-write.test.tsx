// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { MyPostView, Page, PostInput, ProductCard } from '../../types/api'
import WritePostPage from '../../src/packages/post/write'
import { usePostRevision } from '../../src/packages/post/shared/revision'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** TEST DOUBLE of the platform upload (`src/services/upload`): each upload waits for the test to finish it. */
const uploads = vi.hoisted(() => ({
  started: [] as {
    path: string
    onProgress?: (percent: number) => void
    resolve: (ref: string) => void
    reject: (error: unknown) => void
  }[],
}))
vi.mock('../../src/services/upload', () => ({
  uploadImage: (path: string, onProgress?: (percent: number) => void) =>
    new Promise<string>((resolve, reject) => uploads.started.push({ path, onProgress, resolve, reject })),
}))

const member = { id: 'consumer-v1', nickname: '茶友', avatar: '', tier: 1 as const, roles: ['consumer' as const], shareCode: 'QWERTYUI' }

const card = (id: string, title: string): ProductCard => ({
  id,
  categoryId: 'c-tea',
  title,
  subtitle: '',
  cover: `/media/products/${id}-1.jpg`,
  tags: [],
  price: 12_800,
  memberPrice: null,
  sales: 10,
  stockState: 'inStock',
})
const CATALOG = [
  card('p1', '明前龙井'),
  card('p2', '桂花乌龙'),
  card('p3', '抹茶酥'),
  card('p4', '红茶曲奇'),
  card('p5', '白毫银针'),
  card('p6', '正山小种'),
  card('p7', '凤凰单丛'),
]
const catalogPage: Page<ProductCard> = { items: CATALOG, page: 1, pageSize: 50, total: CATALOG.length, hasMore: false }

const ref = (n: number) => `/media/uploads/${String(n).repeat(32)}.jpg`

signedInPageTests(member)

function open() {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  uploads.started = []
  render(<WritePostPage />)
}

const toasts = () => vi.mocked(Taro.showToast).mock.calls.map(([options]) => options?.title)
const submit = async () => {
  await act(async () => {
    fireEvent.click(screen.getByText('提交审核'))
  })
}
const typeTitle = (value: string) => fireEvent.input(screen.getByPlaceholderText('填写标题，让更多人看到'), { target: { value } })
/** NutUI's TextArea is Taro's web component, which renders its own <textarea> a moment after mounting. */
async function typeBody(value: string) {
  const textarea = await waitFor(() => {
    const found = document.querySelector('.post-write__body textarea')
    if (!found) throw new Error('the body textarea is not rendered yet')
    return found
  })
  await act(async () => {
    fireEvent.input(textarea, { target: { value } })
  })
}
const createCalls = () => fakeBackend.callsTo('post.create') as PostInput[]

async function pickImages(paths: string[]) {
  vi.spyOn(Taro, 'chooseImage').mockResolvedValueOnce({ tempFilePaths: paths, tempFiles: [], errMsg: 'chooseImage:ok' })
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '添加图片' }))
  })
}

async function finishUploads(from = 0) {
  await act(async () => {
    for (const [i, upload] of uploads.started.slice(from).entries()) upload.resolve(ref(from + i + 1))
  })
}

async function writeValidDraft() {
  typeTitle('  明前龙井冲泡心得  ')
  await typeBody('水温 80 度，先注水后投茶。\n茶汤清亮。 ')
  await pickImages(['blob:one', 'blob:two'])
  await finishUploads()
}

describe('write a post (种草)', () => {
  it('counts the title and the body against their limits', async () => {
    open()
    typeTitle('明前龙井')
    await typeBody('好喝')
    expect(screen.getByText('4/30')).toBeTruthy()
    expect(screen.getByText('2/1000')).toBeTruthy()
    expect(screen.getByText('0/9')).toBeTruthy()
    expect(screen.getByText('关联商品（0/6）')).toBeTruthy()
  })

  it('says what is missing and sends nothing until the draft is complete', async () => {
    open()
    await submit()
    typeTitle('   ')
    await submit()
    typeTitle('明前龙井冲泡心得')
    await submit()
    await typeBody('水温 80 度。')
    await submit()
    expect(toasts()).toEqual(['请填写标题', '请填写标题', '请写下你的体验', '请至少添加一张图片或关联一件商品'])

    await pickImages(['blob:one'])
    await submit()
    await act(async () => uploads.started[0].reject(callError('PAYLOAD_TOO_LARGE', '图片超过 2 MB，请换一张小一些的')))
    await submit()
    expect(toasts().slice(4)).toEqual(['图片还在上传，请稍候', '图片超过 2 MB，请换一张小一些的', '有图片上传失败，请点击重试或删除'])
    expect(createCalls()).toEqual([])
  })

  it('uploads each picked image at once with its progress, and retries or drops a failed one', async () => {
    open()
    await pickImages(['blob:one', 'blob:two', 'blob:three'])
    expect(uploads.started.map((u) => u.path)).toEqual(['blob:one', 'blob:two', 'blob:three'])
    expect(screen.getByText('3/9')).toBeTruthy()
    await act(async () => uploads.started[0].onProgress?.(37))
    expect(screen.getByText('37%')).toBeTruthy()
    await act(async () => {
      uploads.started[0].resolve(ref(1))
      uploads.started[1].reject(callError('NETWORK', '网络不给力，请检查网络后重试'))
      uploads.started[2].resolve(ref(3))
    })
    const removeButtons = () => screen.queryAllByRole('button', { name: /^删除第 \d+ 张图片$/ })
    const failedTiles = () => screen.queryAllByText(/上传失败/)
    expect(removeButtons()).toHaveLength(3)
    expect(screen.queryByText(/%$/)).toBeNull()
    expect(failedTiles().map((tile) => tile.textContent)).toEqual(['上传失败\n点击重试'])

    await act(async () => {
      fireEvent.click(failedTiles()[0])
    })
    expect(uploads.started.map((u) => u.path)).toEqual(['blob:one', 'blob:two', 'blob:three', 'blob:two'])
    await act(async () => uploads.started[3].resolve(ref(2)))
    expect(failedTiles()).toHaveLength(0)

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '删除第 1 张图片' }))
    })
    expect(removeButtons()).toHaveLength(2)
  })

  it('picks at most nine images', async () => {
    open()
    const choose = vi
      .spyOn(Taro, 'chooseImage')
      .mockResolvedValueOnce({ tempFilePaths: Array.from({ length: 7 }, (_, i) => `blob:${i}`), tempFiles: [], errMsg: 'chooseImage:ok' })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加图片' }))
    })
    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ count: 9 }))
    choose.mockResolvedValueOnce({ tempFilePaths: ['blob:a', 'blob:b', 'blob:c'], tempFiles: [], errMsg: 'chooseImage:ok' })
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '添加图片' }))
    })
    expect(choose).toHaveBeenLastCalledWith(expect.objectContaining({ count: 2 }))
    expect(screen.getAllByRole('button', { name: /^删除第 \d+ 张图片$/ })).toHaveLength(9)
    expect(screen.queryByRole('button', { name: '添加图片' })).toBeNull()
  })

  it('links products from a searchable list, at most six', async () => {
    open()
    await act(async () => {
      fireEvent.click(screen.getByText('添加商品'))
    })
    expect(fakeBackend.callsTo('catalog.products')).toEqual([{ sort: 'sales', pageSize: 50 }])
    await act(async () => fakeBackend.settle('catalog.products').resolve(catalogPage))
    const items = () => Array.from(document.querySelectorAll('.product-picker__item .product-picker__title')).map((el) => el.textContent)
    expect(items()).toHaveLength(7)

    fireEvent.input(screen.getByPlaceholderText('搜索商品名称'), { target: { value: '乌龙' } })
    expect(items()).toEqual(['桂花乌龙'])
    fireEvent.input(screen.getByPlaceholderText('搜索商品名称'), { target: { value: '咖啡' } })
    expect(screen.getByText('没有找到相关商品')).toBeTruthy()
    fireEvent.input(screen.getByPlaceholderText('搜索商品名称'), { target: { value: '' } })

    const tap = (title: string) =>
      fireEvent.click(
        Array.from(document.querySelectorAll('.product-picker__item')).find((el) => el.textContent?.includes(title)) as HTMLElement,
      )
    for (const product of CATALOG) tap(product.title)
    expect(toasts()).toEqual(['最多关联 6 件商品'])
    expect(document.querySelectorAll('.product-picker__item--picked')).toHaveLength(6)
    tap('明前龙井')
    expect(document.querySelectorAll('.product-picker__item--picked')).toHaveLength(5)
    expect(screen.getByText('完成（5/6）')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('完成（5/6）'))
    })
    expect(screen.getByText('关联商品（5/6）')).toBeTruthy()
    expect(Array.from(document.querySelectorAll('.post-write__product-title')).map((el) => el.textContent)).toEqual([
      '桂花乌龙',
      '抹茶酥',
      '红茶曲奇',
      '白毫银针',
      '正山小种',
    ])
  })

  it('sends the trimmed text, the uploaded images and the linked products once, however often it is tapped', async () => {
    open()
    await writeValidDraft()
    await act(async () => {
      fireEvent.click(screen.getByText('添加商品'))
    })
    await act(async () => fakeBackend.settle('catalog.products').resolve(catalogPage))
    fireEvent.click(
      Array.from(document.querySelectorAll('.product-picker__item')).find((el) => el.textContent?.includes('抹茶酥')) as HTMLElement,
    )
    fireEvent.click(
      Array.from(document.querySelectorAll('.product-picker__item')).find((el) => el.textContent?.includes('明前龙井')) as HTMLElement,
    )
    await act(async () => {
      fireEvent.click(screen.getByText('提交审核'))
      fireEvent.click(screen.getByText('提交审核'))
    })
    expect(createCalls()).toEqual([
      {
        title: '明前龙井冲泡心得',
        body: '水温 80 度，先注水后投茶。\n茶汤清亮。',
        images: [ref(1), ref(2)],
        productIds: ['p3', 'p1'],
        requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
      },
    ])
  })

  it('sends a retry under the same request id, so a lost answer never makes a second post', async () => {
    open()
    await writeValidDraft()
    await submit()
    await act(async () => fakeBackend.settle('post.create').reject(callError('NETWORK', '网络不给力，请检查网络后重试')))
    expect(toasts()).toContain('网络不给力，请检查网络后重试')
    await submit()
    const [first, second] = createCalls()
    expect(second.requestId).toBe(first.requestId)
    expect(second).toEqual(first)
  })

  it('explains after sending that the post waits for review and earns points once approved', async () => {
    const revision = usePostRevision.getState().revision
    const redirect = vi.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
    vi.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
    open()
    await writeValidDraft()
    await submit()
    const post: MyPostView = {
      id: 'ps0123456789abcdef012345',
      title: '明前龙井冲泡心得',
      body: '水温 80 度，先注水后投茶。\n茶汤清亮。',
      cover: ref(1),
      images: [ref(1), ref(2)],
      productIds: [],
      status: 'pending',
      rejectReason: null,
      createdAt: 0,
      reviewedAt: null,
    }
    await act(async () => fakeBackend.settle('post.create').resolve(post))
    expect(screen.getByText('已提交，等待审核')).toBeTruthy()
    expect(screen.getByText(/审核通过后.*积分奖励/)).toBeTruthy()
    expect(usePostRevision.getState().revision).toBe(revision + 1)
    await act(async () => {
      fireEvent.click(screen.getByText('查看我的种草'))
    })
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/post/mine/index' })

    // Another post is another request.
    await act(async () => {
      fireEvent.click(screen.getByText('再写一篇'))
    })
    await writeValidDraft()
    await submit()
    const [first, second] = createCalls()
    expect(second.requestId).not.toBe(first.requestId)
  })

  it('offers 我的种草 when five posts are already waiting for review', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    open()
    await writeValidDraft()
    await submit()
    await act(async () =>
      fakeBackend.settle('post.create').reject(callError('POST_LIMIT', '最多 5 篇种草同时等待审核，请等审核结果出来后再发')),
    )
    expect(modal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '最多 5 篇种草同时等待审核，请等审核结果出来后再发', confirmText: '查看我的种草' }),
    )
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/post/mine/index' })
  })

  it('asks a visitor to sign in first', () => {
    useSession.setState({ token: null, member: null })
    render(<WritePostPage />)
    expect(screen.getByText('登录后写种草')).toBeTruthy()
  })
})
