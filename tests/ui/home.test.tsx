// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { FeedPost, Page, ProductCard } from '../../types/api'
import HomePage from '../../src/pages/home'
import { callError } from '../../src/services/errors'
import { fakeBackend } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const page = <T,>(items: T[], hasMore = false): Page<T> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore })

const card = (id: string, title: string, price: number, memberPrice: number | null = null): ProductCard => ({
  id,
  categoryId: 'c-tea',
  title,
  subtitle: '',
  cover: `/media/products/${id}.jpg`,
  tags: [],
  price,
  memberPrice,
  sales: 10,
  stockState: 'inStock',
})

const post: FeedPost = {
  id: 'post01',
  title: '明前龙井怎么泡才不苦？',
  excerpt: '水温和时间是关键。',
  cover: '/media/posts/post01.jpg',
  kind: 'pgc',
  author: { id: 'brand', nickname: '山野茶集官方', avatar: '/media/avatars/brand.jpg', certified: false },
  products: [card('p07', '玻璃飘逸杯', 6900)],
  likes: 8,
  favourites: 2,
  liked: false,
  favourited: false,
  createdAt: Date.UTC(2025, 10, 20),
}

beforeEach(() => {
  fakeBackend.calls = []
  fakeBackend.pending.clear()
})
afterEach(cleanup)

describe('home page', () => {
  it('shows loading, then featured products and the 种草 feed with their linked products', async () => {
    render(<HomePage />)
    expect(screen.getAllByText('加载中…')).toHaveLength(2)
    // The campaign strip asks for its own data; the catalog is asked for exactly these.
    expect(fakeBackend.calls.filter((call) => call.name === 'catalog').map((call) => [call.action, call.data])).toEqual([
      ['products', { featured: true, pageSize: 6 }],
      ['feed', { page: 1, pageSize: 10 }],
    ])

    await act(async () => {
      fakeBackend
        .settle('catalog.products')
        .resolve(page([card('p01', '明前西湖龙井 特级', 12800, 11776), card('p03', '武夷山正岩大红袍', 9800)]))
      fakeBackend.settle('catalog.feed').resolve(page([post]))
    })

    expect(screen.queryByText('加载中…')).toBeNull()
    const longjing = screen.getByText('明前西湖龙井 特级').closest('.product-card') as HTMLElement
    expect(within(longjing).getByText('¥117.76')).toBeTruthy()
    expect(within(longjing).getByText('¥128.00').className).toContain('price__list')
    expect(screen.getByText('明前龙井怎么泡才不苦？')).toBeTruthy()
    const linked = screen.getByText('玻璃飘逸杯').closest('.post-card') as HTMLElement
    expect(within(linked).getByText('¥69.00')).toBeTruthy()
    expect(screen.getByText('没有更多了')).toBeTruthy()
  })

  it('shows each section empty in words when there is nothing yet', async () => {
    render(<HomePage />)
    await act(async () => {
      fakeBackend.settle('catalog.products').resolve(page([]))
      fakeBackend.settle('catalog.feed').resolve(page([]))
    })
    expect(screen.getByText('精选好物正在上架')).toBeTruthy()
    expect(screen.getByText('还没有种草内容')).toBeTruthy()
  })

  it('keeps the featured products when the feed fails, and retries only the feed', async () => {
    render(<HomePage />)
    await act(async () => {
      fakeBackend.settle('catalog.products').resolve(page([card('p01', '明前西湖龙井 特级', 12800)]))
      fakeBackend.settle('catalog.feed').reject(callError('NETWORK', '网络不给力，请检查网络后重试'))
    })
    expect(screen.getByText('明前西湖龙井 特级')).toBeTruthy()
    expect(screen.getByText('网络不给力，请检查网络后重试')).toBeTruthy()

    fireEvent.click(screen.getByText('重试'))
    expect(screen.getByText('加载中…')).toBeTruthy()
    await act(async () => fakeBackend.settle('catalog.feed').resolve(page([post])))

    expect(screen.getByText('明前龙井怎么泡才不苦？')).toBeTruthy()
    expect(fakeBackend.calls.filter((call) => call.action === 'products')).toHaveLength(1)
    expect(fakeBackend.calls.filter((call) => call.action === 'feed')).toHaveLength(2)
  })
})
