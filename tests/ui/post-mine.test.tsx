// @vitest-environment jsdom
import { act, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { describe, expect, it, vi } from 'vitest'
import type { MyPostView, Page } from '../../types/api'
import MyPostsPage from '../../src/packages/post/mine'
import { usePostRevision } from '../../src/packages/post/shared/revision'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v1', nickname: '茶友', avatar: '', tier: 1 as const, roles: ['consumer' as const], shareCode: 'QWERTYUI' }

const view = (id: string, status: MyPostView['status'], overrides: Partial<MyPostView> = {}): MyPostView => ({
  id,
  title: `种草${id}`,
  body: '一段体验。',
  cover: `/media/uploads/${id.padEnd(32, '0')}.jpg`,
  images: [],
  productIds: [],
  status,
  rejectReason: null,
  createdAt: Date.parse('2026-11-20T04:00:00Z'),
  reviewedAt: status === 'pending' ? null : Date.parse('2026-11-20T06:00:00Z'),
  ...overrides,
})
const page = (items: MyPostView[]): Page<MyPostView> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore: false })

signedInPageTests(member)

describe('my posts (我的种草)', () => {
  it('shows each post with its review status, and why a rejected one was not published', async () => {
    render(<MyPostsPage />)
    expect(fakeBackend.callsTo('post.mine')).toEqual([{ page: 1, pageSize: 10 }])
    await act(async () =>
      fakeBackend
        .settle('post.mine')
        .resolve(page([view('a', 'pending'), view('b', 'approved'), view('c', 'rejected', { rejectReason: '图片与文字无关' })])),
    )
    expect(Array.from(document.querySelectorAll('.my-post__status')).map((el) => el.textContent)).toEqual(['审核中', '已发布', '未通过'])
    expect(screen.getByText('未通过原因：图片与文字无关')).toBeTruthy()
    expect(screen.getByText('运营审核通过后发布到首页种草，并发放积分奖励')).toBeTruthy()
    expect(screen.getAllByText('2026-11-20 12:00')).toHaveLength(3)

    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fireEvent.click(screen.getByText('种草a'))
    expect(navigate).not.toHaveBeenCalled()
    fireEvent.click(screen.getByText('种草b'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/post/detail/index?id=b' })
  })

  it('invites a first post when there is none, and reloads after one was written', async () => {
    render(<MyPostsPage />)
    await act(async () => fakeBackend.settle('post.mine').resolve(page([])))
    expect(screen.getByText('还没有写过种草')).toBeTruthy()
    await act(async () => usePostRevision.getState().changed())
    expect(fakeBackend.callsTo('post.mine')).toHaveLength(2)
    await act(async () => fakeBackend.settle('post.mine').resolve(page([view('a', 'pending')])))
    expect(screen.getByText('审核中')).toBeTruthy()
  })
})
