// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FavouriteView, FeedPost, MemberView, Page, PostDetail, PostReactionView } from '../../types/api'
import HomePage from '../../src/pages/home'
import FavouritesPage from '../../src/packages/post/favourites'
import PostDetailPage from '../../src/packages/post/detail'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member: MemberView = { id: 'consumer-v4', nickname: '林间听茶', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'QWERTYUI' }

const feedPost = (id: string, overrides: Partial<FeedPost> = {}): FeedPost => ({
  id,
  title: `种草${id}`,
  excerpt: '水温和时间是关键。',
  cover: `/media/posts/${id}.jpg`,
  kind: 'pgc',
  author: { id: 'brand', nickname: '山野茶集官方', avatar: '/media/avatars/brand.jpg', certified: false },
  products: [],
  likes: 8,
  favourites: 2,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  ...overrides,
})
const page = <T,>(items: T[], hasMore = false): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })
const reaction = (overrides: Partial<PostReactionView>): PostReactionView => ({
  postId: 'post01',
  liked: false,
  favourited: false,
  likes: 8,
  favourites: 2,
  ...overrides,
})

function signIn(who: MemberView | null) {
  useSession.setState({ token: who ? 'member-token' : null, member: who })
}

async function openHome(posts: FeedPost[]) {
  render(<HomePage />)
  await act(async () => {
    fakeBackend.settle('catalog.products').resolve(page([]))
    fakeBackend.settle('catalog.feed').resolve(page(posts))
  })
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  signIn(null)
})

describe('liking a post in the feed', () => {
  it('shows the count and the member’s own like, and a tap likes the post without opening it', async () => {
    signIn(member)
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openHome([feedPost('post01'), feedPost('post02', { likes: 3, liked: true })])
    const first = screen.getByText('种草post01').closest('.post-card') as HTMLElement
    expect(within(first).getByText('8 人觉得有用')).toBeTruthy()
    const second = screen.getByText('种草post02').closest('.post-card') as HTMLElement
    expect(within(second).getByRole('button', { name: '取消点赞' })).toBeTruthy()

    fireEvent.click(within(first).getByRole('button', { name: '点赞' }))
    expect(fakeBackend.callsTo('post.like')).toEqual([{ postId: 'post01' }])
    // A second tap while the first is on its way asks nothing more.
    fireEvent.click(within(first).getByRole('button', { name: '点赞' }))
    expect(fakeBackend.callsTo('post.like')).toHaveLength(1)
    await act(async () => fakeBackend.settle('post.like').resolve(reaction({ liked: true, likes: 9 })))
    expect(within(first).getByText('9 人觉得有用')).toBeTruthy()
    expect(navigate).not.toHaveBeenCalled()

    fireEvent.click(within(first).getByRole('button', { name: '取消点赞' }))
    expect(fakeBackend.callsTo('post.unlike')).toEqual([{ postId: 'post01' }])
    await act(async () => fakeBackend.settle('post.unlike').resolve(reaction({ liked: false, likes: 8 })))
    expect(within(first).getByRole('button', { name: '点赞' })).toBeTruthy()
    expect(within(first).getByText('8 人觉得有用')).toBeTruthy()
  })

  it('asks a visitor to sign in instead of liking', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await openHome([feedPost('post01')])
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '点赞' })))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录', content: '登录后才能点赞' }))
    expect(fakeBackend.callsTo('post.like')).toEqual([])
    expect(screen.getByText('8 人觉得有用')).toBeTruthy()
  })

  it('says why a like was refused and keeps the count as it was', async () => {
    signIn(member)
    const toast = vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
    await openHome([feedPost('post01')])
    fireEvent.click(screen.getByRole('button', { name: '点赞' }))
    await act(async () => fakeBackend.settle('post.like').reject(callError('POST_STATE', '这篇种草还没有发布，不能点赞')))
    expect(toast).toHaveBeenCalledWith({ title: '这篇种草还没有发布，不能点赞', icon: 'none' })
    expect(screen.getByText('8 人觉得有用')).toBeTruthy()
    expect(screen.getByRole('button', { name: '点赞' })).toBeTruthy()
  })
})

/** Opens the post's page as WeChat routes to it. */
function routeToPost(id: string) {
  Current.router = { params: { id }, path: '/packages/post/detail/index', $taroPath: `post-${id}`, onReady: '', onHide: '', onShow: '' }
}

describe('liking and keeping a post on its page', () => {
  async function openPost(post: PostDetail) {
    routeToPost(post.id)
    render(<PostDetailPage />)
    await act(async () => fakeBackend.settle('catalog.post').resolve(post))
  }
  const detail = (overrides: Partial<FeedPost> = {}): PostDetail => ({
    ...feedPost('post01', overrides),
    body: '先注水后投茶。',
    images: [],
  })

  it('shows the member’s own like and favourite, and switches the favourite', async () => {
    signIn(member)
    await openPost(detail({ liked: true, likes: 9 }))
    expect(screen.getByRole('button', { name: '取消点赞' }).textContent).toContain('9 人觉得有用')
    fireEvent.click(screen.getByRole('button', { name: '收藏' }))
    expect(fakeBackend.callsTo('post.favourite')).toEqual([{ postId: 'post01' }])
    await act(async () =>
      fakeBackend.settle('post.favourite').resolve(reaction({ liked: true, likes: 9, favourited: true, favourites: 3 })),
    )
    expect(screen.getByRole('button', { name: '取消收藏' }).textContent).toContain('已收藏 3')

    fireEvent.click(screen.getByRole('button', { name: '取消收藏' }))
    expect(fakeBackend.callsTo('post.unfavourite')).toEqual([{ postId: 'post01' }])
    await act(async () => fakeBackend.settle('post.unfavourite').resolve(reaction({ liked: true, likes: 9, favourites: 2 })))
    expect(screen.getByRole('button', { name: '收藏' }).textContent).toContain('收藏 2')
  })

  it('shows a like made on the post’s page on its card in the feed below it, until the feed loads again', async () => {
    signIn(member)
    await openHome([feedPost('post01')])
    const card = screen.getByText('种草post01').closest('.post-card') as HTMLElement
    routeToPost('post01')
    const { container: postPage } = render(<PostDetailPage />, { container: document.body.appendChild(document.createElement('div')) })
    await act(async () => fakeBackend.settle('catalog.post').resolve(detail()))
    fireEvent.click(within(postPage).getByRole('button', { name: '点赞' }))
    await act(async () => fakeBackend.settle('post.like').resolve(reaction({ liked: true, likes: 9 })))
    expect(within(card).getByRole('button', { name: '取消点赞' }).textContent).toContain('9 人觉得有用')
  })

  it('asks a visitor to sign in before keeping a post, and takes them to 我的 when they agree', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const switchTab = vi.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' })
    await openPost(detail())
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '收藏' })))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(fakeBackend.callsTo('post.favourite')).toEqual([])
  })
})

describe('我的收藏', () => {
  const kept = (id: string, post: FeedPost | null): FavouriteView => ({
    postId: id,
    favouritedAt: Date.parse('2026-11-21T09:00:00+08:00'),
    post,
  })

  it('lists the kept posts newest first, each opening as readers see it', async () => {
    signIn(member)
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    render(<FavouritesPage />)
    expect(fakeBackend.callsTo('post.favourites')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () =>
      fakeBackend
        .settle('post.favourites')
        .resolve(
          page([
            kept('post02', feedPost('post02', { favourited: true, favourites: 3 })),
            kept('post01', feedPost('post01', { favourited: true })),
          ]),
        ),
    )
    expect(screen.getAllByText(/^种草post0/).map((el) => el.textContent)).toEqual(['种草post02', '种草post01'])
    expect(screen.getAllByText('山野茶集官方 · 收藏于 2026-11-21')).toHaveLength(2)
    expect(screen.getAllByRole('button', { name: '取消收藏' })).toHaveLength(2)
    fireEvent.click(screen.getByText('种草post02'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/post/detail/index?id=post02' })
  })

  it('lets a post no longer published be taken out of the list', async () => {
    signIn(member)
    render(<FavouritesPage />)
    await act(async () => fakeBackend.settle('post.favourites').resolve(page([kept('post09', null)])))
    expect(screen.getByText('这篇内容已下架')).toBeTruthy()
    fireEvent.click(screen.getByText('取消收藏'))
    expect(fakeBackend.callsTo('post.unfavourite')).toEqual([{ postId: 'post09' }])
    await act(async () => fakeBackend.settle('post.unfavourite').resolve(reaction({ postId: 'post09' })))
    // The list is asked again and now holds nothing.
    await act(async () => fakeBackend.settle('post.favourites').resolve(page([])))
    expect(screen.getByText('还没有收藏')).toBeTruthy()
  })

  it('asks a visitor to sign in, without asking the server', () => {
    render(<FavouritesPage />)
    expect(screen.getByText('登录后查看我的收藏')).toBeTruthy()
    expect(fakeBackend.callsTo('post.favourites')).toEqual([])
  })
})
