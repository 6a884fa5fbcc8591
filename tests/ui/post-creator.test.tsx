// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CreatorView, CursorPage, FeedPost, MemberView, Page } from '../../types/api'
import HomePage from '../../src/pages/home'
import CreatorPage from '../../src/packages/post/creator'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member: MemberView = { id: 'consumer-v4', nickname: '林间听茶', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'QWERTYUI' }

const feedPost = (id: string, overrides: Partial<FeedPost> = {}): FeedPost => ({
  id,
  title: `种草${id}`,
  excerpt: '存了两年，开始有枣香了。',
  cover: `/media/posts/${id}.jpg`,
  kind: 'ugc',
  author: { id: 'm09', nickname: '素心', avatar: '/media/avatars/a12.jpg', certified: true },
  products: [],
  likes: 3,
  favourites: 0,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  ...overrides,
})
const creator = (overrides: Partial<CreatorView> = {}): CreatorView => ({
  id: 'm09',
  nickname: '素心',
  avatar: '/media/avatars/a12.jpg',
  certified: true,
  badges: [{ challengeId: 'ch1', badge: '早春打卡达人', at: Date.parse('2026-11-18T10:00:00+08:00') }],
  likesReceived: 12,
  followers: 4,
  following: false,
  self: false,
  ...overrides,
})
const cursorPage = <T,>(items: T[], next: string | null = null): CursorPage<T> => ({ items, next })
const page = <T,>(items: T[]): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore: false })

function signIn(who: MemberView | null) {
  useSession.setState({ token: who ? 'member-token' : null, member: who })
}

async function openCreator(view: CreatorView, posts: FeedPost[] = [feedPost('post04')]) {
  Current.router = {
    params: { id: view.id },
    path: '/packages/post/creator/index',
    $taroPath: `creator-${view.id}`,
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<CreatorPage />)
  expect(fakeBackend.callsTo('post.creator')).toEqual([{ creatorId: view.id }])
  expect(fakeBackend.callsTo('post.creatorPosts')).toEqual([{ creatorId: view.id, pageSize: 10 }])
  await act(async () => {
    fakeBackend.settle('post.creator').resolve(view)
    fakeBackend.settle('post.creatorPosts').resolve(cursorPage(posts))
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

describe('a creator’s page', () => {
  it('shows who they are, 达人 and their badges, followers and likes received, and their posts', async () => {
    signIn(member)
    await openCreator(creator())
    expect(screen.getAllByText('素心').length).toBeGreaterThan(0)
    expect(screen.getAllByText('达人').length).toBeGreaterThanOrEqual(2)
    expect(screen.getByText('早春打卡达人')).toBeTruthy()
    expect(screen.getByText('4 人关注')).toBeTruthy()
    expect(screen.getByText('获赞 12')).toBeTruthy()
    expect(screen.getByText('种草post04')).toBeTruthy()
    expect(screen.getByText('关注')).toBeTruthy()
  })

  it('follows with a tap and shows the server’s count, then unfollows', async () => {
    signIn(member)
    await openCreator(creator())
    fireEvent.click(screen.getByText('关注'))
    expect(fakeBackend.callsTo('post.follow')).toEqual([{ creatorId: 'm09' }])
    await act(async () => fakeBackend.settle('post.follow').resolve({ creatorId: 'm09', following: true, followers: 5 }))
    expect(screen.getByText('5 人关注')).toBeTruthy()
    expect(screen.getByText('已关注')).toBeTruthy()
    fireEvent.click(screen.getByText('已关注'))
    expect(fakeBackend.callsTo('post.unfollow')).toEqual([{ creatorId: 'm09' }])
    await act(async () => fakeBackend.settle('post.unfollow').resolve({ creatorId: 'm09', following: false, followers: 4 }))
    expect(screen.getByText('4 人关注')).toBeTruthy()
  })

  it('asks a visitor to sign in before following, and calls nothing', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await openCreator(creator())
    fireEvent.click(screen.getByText('关注'))
    await act(async () => undefined)
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先登录', content: '登录后才能关注创作者' }))
    expect(fakeBackend.callsTo('post.follow')).toEqual([])
  })

  it('offers no 关注 on one’s own page, and says when there are no posts', async () => {
    signIn(member)
    await openCreator(creator({ self: true, certified: false, badges: [] }), [])
    expect(screen.queryByText('关注')).toBeNull()
    expect(screen.getByText('TA 还没有发布种草')).toBeTruthy()
  })

  it('says when there is no such creator', async () => {
    Current.router = {
      params: { id: 'nobody' },
      path: '/packages/post/creator/index',
      $taroPath: 'creator-nobody',
      onReady: '',
      onHide: '',
      onShow: '',
    }
    render(<CreatorPage />)
    await act(async () => {
      fakeBackend.settle('post.creator').reject(callError('CREATOR_NOT_FOUND', '没有这位创作者'))
      fakeBackend.settle('post.creatorPosts').reject(callError('CREATOR_NOT_FOUND', '没有这位创作者'))
    })
    expect(screen.getByText('没有找到这位创作者')).toBeTruthy()
  })
})

describe('the 关注 tab on the home page', () => {
  async function openHome() {
    render(<HomePage />)
    await act(async () => {
      fakeBackend.settle('catalog.products').resolve(page([]))
      fakeBackend
        .settle('catalog.feed')
        .resolve(
          page([feedPost('post01', { author: { id: 'brand', nickname: '山野茶集官方', avatar: '', certified: false }, kind: 'pgc' })]),
        )
    })
    fireEvent.click(within(screen.getByRole('tablist', { name: '种草' })).getByRole('tab', { name: '关注' }))
    // The browser build fetches the 关注 feed's code on the first visit to the tab.
    await act(async () => {
      await import('../../src/pages/home/FollowingFeedView')
    })
  }

  it('asks a visitor to sign in', async () => {
    await openHome()
    expect(screen.getByText('登录后查看关注')).toBeTruthy()
    expect(fakeBackend.callsTo('post.following')).toEqual([])
  })

  it('invites a member who follows no one to discover creators, back under 推荐', async () => {
    signIn(member)
    await openHome()
    expect(fakeBackend.callsTo('post.following')).toEqual([{ pageSize: 10 }])
    await act(async () => fakeBackend.settle('post.following').resolve(cursorPage([])))
    expect(screen.getByText('还没有关注的创作者')).toBeTruthy()
    fireEvent.click(screen.getByText('去发现创作者'))
    expect(screen.getByRole('tab', { name: '推荐' }).getAttribute('aria-selected')).toBe('true')
    expect(screen.getByText('种草post01')).toBeTruthy()
  })

  it('lists the followed creators’ posts with the 达人 badge, and opens a creator from the author', async () => {
    signIn(member)
    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await openHome()
    await act(async () => fakeBackend.settle('post.following').resolve(cursorPage([feedPost('post04')])))
    const card = screen.getByText('种草post04').closest('.post-card') as HTMLElement
    expect(within(card).getByText('达人')).toBeTruthy()
    fireEvent.click(within(card).getByText('素心'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/post/creator/index?id=m09' })
    expect(navigate).toHaveBeenCalledTimes(1)
  })
})
