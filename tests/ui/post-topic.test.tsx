// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ChallengeView, FeedPost, TopicPageView } from '../../types/api'
import TopicPage from '../../src/packages/post/topic'
import WritePostPage from '../../src/packages/post/write'
import { toPostInput } from '../../src/packages/post/write/draft'
import { callError } from '../../src/services/errors'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const member = { id: 'consumer-v4', nickname: '茶友', avatar: '', tier: 4 as const, roles: ['consumer' as const], shareCode: 'QWERTYUI' }

const feedPost = (id: string): FeedPost => ({
  id,
  title: `茶席${id}`,
  excerpt: '一杯龙井，一碟杏仁酥。',
  cover: `/media/posts/${id}.jpg`,
  kind: 'ugc',
  author: { id: 'a01', nickname: '茶友', avatar: '/media/avatars/a01.jpg', certified: false },
  products: [],
  likes: 3,
  favourites: 1,
  liked: false,
  favourited: false,
  createdAt: Date.parse('2026-11-20T10:00:00+08:00'),
})

const challenge = (progress: ChallengeView['progress']): ChallengeView => ({
  id: 'tea-week',
  topicId: 'tea-table',
  title: '两周茶席打卡',
  startAt: Date.parse('2026-11-14T00:00:00+08:00'),
  endAt: Date.parse('2026-11-28T00:00:00+08:00'),
  requiredDays: 3,
  rewardPoints: 50,
  badge: '茶席达人',
  state: 'running',
  progress,
})

const view = (posts: FeedPost[], challenges: ChallengeView[]): TopicPageView => ({
  topic: { id: 'tea-table', name: '茶席打卡', description: '晒出你今天的茶席' },
  posts: { items: posts, page: 1, pageSize: 10, total: posts.length, hasMore: false },
  challenges,
})

signedInPageTests(member)

describe("a topic's page (#话题)", () => {
  beforeEach(() => {
    Current.router = {
      params: { id: 'tea-table' },
      path: '/packages/post/topic/index',
      $taroPath: 'post-topic-test',
      onReady: '',
      onHide: '',
      onShow: '',
    }
  })

  it("shows the topic, its challenge with the member's progress, and its posts", async () => {
    render(<TopicPage />)
    expect(fakeBackend.callsTo('post.topic')).toEqual([{ topicId: 'tea-table', page: 1, pageSize: 10 }])
    await act(async () =>
      fakeBackend.settle('post.topic').resolve(view([feedPost('a'), feedPost('b')], [challenge({ days: 2, completed: false })])),
    )
    expect(screen.getByText('#茶席打卡')).toBeTruthy()
    const card = screen.getByLabelText('打卡挑战 两周茶席打卡')
    expect(within(card).getByText('进行中')).toBeTruthy()
    expect(within(card).getByText('已打卡 2 / 3 天')).toBeTruthy()
    expect(card.textContent).toContain('2026-11-14 至 2026-11-27')
    expect(card.textContent).toContain('50 积分和「茶席达人」徽章（每人一次）')
    expect(screen.getByText('茶席a')).toBeTruthy()

    const navigate = vi.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    fireEvent.click(screen.getByText('茶席b'))
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/post/detail/index?id=b' })
  })

  it('tells a member who completed it, and a visitor to sign in for their progress', async () => {
    render(<TopicPage />)
    await act(async () => fakeBackend.settle('post.topic').resolve(view([], [challenge({ days: 3, completed: true })])))
    expect(screen.getByText('已完成：3 天打卡达成，获得徽章「茶席达人」')).toBeTruthy()
    expect(screen.getByText('这个话题还没有种草')).toBeTruthy()

    await act(async () => useSession.setState({ token: null, member: null }))
    await act(async () => fakeBackend.settle('post.topic').resolve(view([], [challenge(null)])))
    expect(screen.getByText('登录后查看你的打卡进度')).toBeTruthy()
  })

  it('says so when the topic is gone, and loads again on retry', async () => {
    render(<TopicPage />)
    await act(async () => fakeBackend.settle('post.topic').reject(callError('TOPIC_NOT_FOUND', '这个话题不存在或已停用')))
    expect(screen.getByText('这个话题不存在或已停用')).toBeTruthy()
    fireEvent.click(screen.getByText('重试'))
    expect(fakeBackend.callsTo('post.topic')).toHaveLength(2)
  })
})

describe('choosing topics for a new post', () => {
  it('offers the enabled topics, up to three, and sends the chosen ones with the post', async () => {
    render(<WritePostPage />)
    expect(fakeBackend.callsTo('post.topics')).toEqual([{}])
    const names = ['茶席打卡', '冷泡茶', '新手入门', '茶器']
    await act(async () => fakeBackend.settle('post.topics').resolve(names.map((name, i) => ({ id: `t${i}`, name, description: '' }))))
    for (const name of names) fireEvent.click(screen.getByText(`#${name}`))
    const chosen = names.filter((name) => screen.getByText(`#${name}`).getAttribute('aria-selected') === 'true')
    expect(chosen).toEqual(['茶席打卡', '冷泡茶', '新手入门'])
    expect(screen.getByText('话题（3/3）')).toBeTruthy()
    fireEvent.click(screen.getByText('#冷泡茶'))
    expect(screen.getByText('话题（2/3）')).toBeTruthy()

    const draft = { title: '茶席', body: '一杯茶', images: [], products: [] }
    expect(toPostInput({ ...draft, topicIds: ['t0', 't2'] }, 'r1').topicIds).toEqual(['t0', 't2'])
    expect(toPostInput(draft, 'r1')).not.toHaveProperty('topicIds')
  })
})
