// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, PostDetail } from '../../types/api'
import PostDetailPage from '../../src/packages/post/detail'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const author: MemberView = { id: 'consumer-v1', nickname: '小林', avatar: '', tier: 1, roles: ['consumer'], shareCode: 'VONE2345' }
const post = (mine: boolean): PostDetail => ({
  id: 'ps01',
  title: '我的茶席',
  excerpt: '一杯龙井。',
  cover: '/media/posts/ps01.jpg',
  kind: 'ugc',
  author: { id: 'v1', nickname: '小林', avatar: '', certified: false },
  products: [],
  likes: 0,
  favourites: 0,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  body: '一杯龙井，一碟杏仁酥。',
  images: [],
  mine,
})

async function open(detail: PostDetail) {
  Current.router = {
    params: { id: 'ps01' },
    path: '/packages/post/detail/index',
    $taroPath: 'post-ps01',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<PostDetailPage />)
  await act(async () => fakeBackend.settle('catalog.post').resolve(detail))
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  useSession.setState({ token: 'member-token', member: author })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
  useSession.setState({ token: null, member: null })
})

describe('新评论提醒 on a post’s page', () => {
  it('is offered to the author, and each tap that is accepted records one reminder', async () => {
    await open(post(true))
    fireEvent.click(screen.getByText('新评论提醒'))
    await waitFor(() => expect(fakeBackend.callsTo('post.notifyComments')).toHaveLength(1))
    expect(fakeBackend.callsTo('post.notifyComments')[0]).toMatchObject({ postId: 'ps01', requestId: expect.any(String) })
    await act(async () => fakeBackend.settle('post.notifyComments').resolve({ postId: 'ps01', subscribed: true }))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '有新评论时会通知你一次' }))
    expect(screen.getByText('已开启 1 次新评论提醒，每次通知一条')).toBeTruthy()
    expect(screen.getByText('再要一次提醒')).toBeTruthy()
  })

  it('records nothing in the mini program when the member declines WeChat’s request', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    vi.stubEnv('COMMENT_TEMPLATE_ID', 'tmpl-comment')
    const ask = vi.fn().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-comment': 'reject' })
    Object.assign(Taro, { requestSubscribeMessage: ask })
    await open(post(true))
    fireEvent.click(screen.getByText('新评论提醒'))
    await waitFor(() => expect(ask).toHaveBeenCalledWith({ tmplIds: ['tmpl-comment'] }))
    await waitFor(() => expect(Taro.showToast).toHaveBeenCalled())
    expect(fakeBackend.callsTo('post.notifyComments')).toEqual([])
  })

  it('is not offered to anyone else', async () => {
    await open(post(false))
    expect(screen.queryByText('新评论提醒')).toBeNull()
  })
})
