// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CommentView, MemberView, ModeratedCommentView, Page, PostDetail } from '../../types/api'
import OpsConsolePage from '../../src/packages/ops/console'
import PostDetailPage from '../../src/packages/post/detail'
import { useSession } from '../../src/stores/session'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member: MemberView = { id: 'consumer-v4', nickname: '林间听茶', avatar: '', tier: 4, roles: ['consumer'], shareCode: 'QWERTYUI' }
const clerk: MemberView = { id: 'clerk', nickname: '客服小禾', avatar: '', tier: 1, roles: ['operator', 'service'], shareCode: 'CLERK234' }

const post: PostDetail = {
  id: 'post01',
  title: '明前龙井怎么泡',
  excerpt: '水温是关键。',
  cover: '/media/posts/post01.jpg',
  kind: 'pgc',
  author: { id: 'brand', nickname: '山野茶集官方', avatar: '', certified: false },
  products: [],
  likes: 8,
  favourites: 2,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
  body: '先注水后投茶。',
  images: [],
}
const comment = (id: string, over: Partial<CommentView> = {}): CommentView => ({
  id,
  postId: 'post01',
  parentId: null,
  author: { id: 'someone', nickname: '茶友阿青', avatar: '' },
  text: `评论${id}`,
  likes: 0,
  liked: false,
  createdAt: Date.parse('2026-11-21T09:30:00+08:00'),
  mine: false,
  safety: 'pass',
  replies: [],
  ...over,
})
const page = <T,>(items: T[], hasMore = false): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })
// Taro's web textarea draws its own <textarea> a moment after mounting.
const drawnTextarea = (placeholder: string) =>
  waitFor(() => {
    const found = screen.getAllByPlaceholderText(placeholder).find((el) => el.tagName === 'TEXTAREA') as HTMLTextAreaElement | undefined
    if (!found) throw new Error('the textarea is not drawn yet')
    return found
  })

async function openPost(comments: CommentView[]) {
  Current.router = {
    params: { id: 'post01' },
    path: '/packages/post/detail/index',
    $taroPath: 'post-post01',
    onReady: '',
    onHide: '',
    onShow: '',
  }
  render(<PostDetailPage />)
  await act(async () => fakeBackend.settle('catalog.post').resolve(post))
  await act(async () => fakeBackend.settle('post.comments').resolve(page(comments)))
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  useSession.setState({ token: 'member-token', member })
})
afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
  useSession.setState({ token: null, member: null })
})

describe('comments on a post’s page', () => {
  it('lists comments with their replies, and switches to most-liked first', async () => {
    await openPost([comment('c1', { replies: [comment('r1', { parentId: 'c1', text: '同感' })] }), comment('c2')])
    expect(fakeBackend.callsTo('post.comments')).toEqual([{ postId: 'post01', order: 'newest', page: 1, pageSize: 10 }])
    expect(screen.getByText('评论c1')).toBeTruthy()
    expect(within(screen.getByLabelText('茶友阿青的评论', { selector: '.post-comment--reply' })).getByText('同感')).toBeTruthy()
    fireEvent.click(screen.getByRole('tab', { name: '最热' }))
    expect(fakeBackend.callsTo('post.comments').at(-1)).toEqual({ postId: 'post01', order: 'liked', page: 1, pageSize: 10 })
  })

  it('says so when there are none yet', async () => {
    await openPost([])
    expect(screen.getByText('还没有评论')).toBeTruthy()
  })

  it('counts the characters while writing, sends the comment once and shows the list again', async () => {
    await openPost([])
    const box = await drawnTextarea('说说你的看法（评论不赚积分）')
    fireEvent.input(box, { target: { value: '好喝不贵' } })
    expect(screen.getByText('4/500')).toBeTruthy()
    fireEvent.click(screen.getByText('发送'))
    const [sent] = fakeBackend.callsTo('post.comment') as { postId: string; text: string; requestId: string }[]
    expect(sent).toMatchObject({ postId: 'post01', text: '好喝不贵' })
    await act(async () => fakeBackend.settle('post.comment').resolve(comment('c9', { text: '好喝不贵', mine: true })))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发布' }))
    await act(async () => fakeBackend.settle('post.comments').resolve(page([comment('c9', { text: '好喝不贵', mine: true })])))
    expect(screen.getByText('好喝不贵')).toBeTruthy()
  })

  it('replies to a comment, and marks the member’s own held comment as visible to them alone', async () => {
    await openPost([
      comment('c1'),
      comment('c2', { mine: true, safety: 'review', author: { id: member.id, nickname: '林间听茶', avatar: '' } }),
    ])
    expect(screen.getByText('审核中，仅自己可见')).toBeTruthy()
    fireEvent.click(within(screen.getByLabelText('茶友阿青的评论')).getByRole('button', { name: '回复' }))
    expect(screen.getByText('回复 茶友阿青')).toBeTruthy()
    fireEvent.input(await drawnTextarea('写下你的回复'), { target: { value: '我也觉得' } })
    fireEvent.click(screen.getByText('发送'))
    expect(fakeBackend.callsTo('post.comment')[0]).toMatchObject({ parentId: 'c1', text: '我也觉得' })
  })

  it('deletes the member’s own comment after asking', async () => {
    vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await openPost([comment('c1', { mine: true })])
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: '删除' })))
    expect(fakeBackend.callsTo('post.deleteComment')).toEqual([{ commentId: 'c1' }])
  })

  it('likes a comment and shows the server’s count', async () => {
    await openPost([comment('c1', { likes: 2 })])
    fireEvent.click(screen.getByRole('button', { name: '点赞评论' }))
    await act(async () => fakeBackend.settle('post.likeComment').resolve({ commentId: 'c1', liked: true, likes: 3 }))
    expect(screen.getByRole('button', { name: '取消点赞评论' }).textContent).toBe('已赞 3')
  })
})

describe('comment moderation in the staff console', () => {
  const held = (id: string, over: Partial<ModeratedCommentView> = {}): ModeratedCommentView => ({
    id,
    postId: 'post01',
    postTitle: '明前龙井怎么泡',
    author: { id: 'someone', nickname: '茶友阿青' },
    text: '想要的加微信',
    safety: 'review',
    state: 'shown',
    createdAt: Date.parse('2026-11-21T09:30:00+08:00'),
    ...over,
  })

  it('lists held comments, passes one and hides another', async () => {
    useSession.setState({ token: 'member-token', member: clerk })
    render(<OpsConsolePage />)
    fireEvent.click(screen.getByText('审核'))
    fireEvent.click(screen.getByRole('tab', { name: '评论' }))
    expect(fakeBackend.callsTo('post.moderation')).toEqual([{ filter: 'held', page: 1, pageSize: 10 }])
    await act(async () => fakeBackend.settle('post.moderation').resolve(page([held('c1'), held('c2', { text: '赌博', safety: 'risky' })])))
    expect(screen.getByText('内容安全：疑似违规 · 仅作者可见')).toBeTruthy()

    fireEvent.click(within(screen.getByLabelText('评论：想要的加微信')).getByText('通过'))
    await act(async () => fakeBackend.settle('post.showComment').resolve(held('c1', { safety: 'pass' })))
    expect(within(screen.getByLabelText('评论：想要的加微信')).getByText('内容安全：已通过 · 公开')).toBeTruthy()

    fireEvent.click(within(screen.getByLabelText('评论：赌博')).getByText('隐藏'))
    expect(fakeBackend.callsTo('post.hideComment')).toEqual([{ commentId: 'c2', reason: '违反社区规范' }])
  })
})
