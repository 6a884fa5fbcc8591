// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, Page } from '../../types/api'
import type { Product } from '../../types/domain'
import OpsConsolePage from '../../src/packages/ops/console'
import { callError } from '../../src/services/errors'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const merchandiser: MemberView = {
  id: 'merch',
  nickname: '商品小周',
  avatar: '',
  tier: 1,
  roles: ['operator', 'merchandiser'],
  shareCode: 'MERCH234',
}
const cup: Product = {
  id: 'p24',
  categoryId: 'c-ware',
  title: '柴烧粗陶茶杯',
  subtitle: '',
  images: [],
  detail: '',
  tags: [],
  sales: 88,
  status: 'on',
  featured: false,
  commissionBps: 800,
  sort: 1,
  createdAt: Date.parse('2026-11-01T09:00:00+08:00'),
  skus: [{ id: 'p24-s1', productId: 'p24', specs: { 规格: '单只' }, price: 5800, stock: 4 }],
}
const page = (items: Product[]): Page<Product> => ({ items, page: 1, pageSize: 10, total: items.length, hasMore: false })
const field = (scope: HTMLElement, placeholder: string) =>
  within(scope)
    .getAllByPlaceholderText(placeholder)
    .find((el) => el.tagName === 'INPUT')!

signedInPageTests(merchandiser)

beforeEach(() => {
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

async function openProducts() {
  render(<OpsConsolePage />)
  fireEvent.click(within(screen.getByRole('tablist', { name: '后台栏目' })).getByRole('tab', { name: '商品' }))
  expect(fakeBackend.callsTo('catalog.staffProducts')).toEqual([{ page: 1, pageSize: 10 }])
  await act(async () => fakeBackend.settle('catalog.staffProducts').resolve(page([cup])))
}

describe('商品', () => {
  it('lists products with each SKU’s price and stock, and narrows to those off the shelf', async () => {
    await openProducts()
    const card = screen.getByRole('group', { name: '柴烧粗陶茶杯' })
    expect(card.textContent).toContain('在售')
    expect(within(card).getByRole('group', { name: '单只 库存' }).textContent).toContain('单只 · ¥58.00 · 库存 4')
    fireEvent.click(screen.getByRole('tab', { name: '已下架' }))
    expect(fakeBackend.callsTo('catalog.staffProducts')[1]).toEqual({ status: 'off', page: 1, pageSize: 10 })
  })

  it('takes a product off the shelf only after a red confirmation', async () => {
    await openProducts()
    const ask = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    const card = screen.getByRole('group', { name: '柴烧粗陶茶杯' })
    await act(async () => void fireEvent.click(within(card).getByText('下架')))
    expect(ask).toHaveBeenCalledWith(expect.objectContaining({ title: '下架这件商品？', confirmColor: '#D9363E' }))
    expect(fakeBackend.callsTo('catalog.shelve')).toEqual([{ productId: 'p24', on: false }])
    await act(async () => fakeBackend.settle('catalog.shelve').resolve({ ...cup, status: 'off' }))
    expect(within(card).getByText('已下架')).toBeTruthy()
    expect(within(card).getByText('上架')).toBeTruthy()
  })

  it('adjusts stock with a reason, keeping the request id across a retry, and says when the shelf has too few', async () => {
    await openProducts()
    const sku = screen.getByRole('group', { name: '单只 库存' })
    fireEvent.input(field(sku, '调整件数'), { target: { value: '-5' } })
    fireEvent.input(field(sku, '原因'), { target: { value: '破损报废' } })
    await act(async () => void fireEvent.click(within(sku).getByText('调整库存')))
    const [first] = fakeBackend.callsTo('catalog.adjustStock') as { requestId: string }[]
    expect(first).toMatchObject({ skuId: 'p24-s1', delta: -5, reason: '破损报废' })
    await act(async () => fakeBackend.settle('catalog.adjustStock').reject(callError('STOCK_HELD', '当前可售库存 4 件，不能减少 5 件')))
    expect(vi.mocked(Taro.showToast)).toHaveBeenLastCalledWith(expect.objectContaining({ title: '当前可售库存 4 件，不能减少 5 件' }))
    fireEvent.input(field(sku, '调整件数'), { target: { value: '-4' } })
    await act(async () => void fireEvent.click(within(sku).getByText('调整库存')))
    const [, second] = fakeBackend.callsTo('catalog.adjustStock') as { requestId: string }[]
    expect(second).toMatchObject({ delta: -4, requestId: first.requestId })
    const adjusted = { ...cup.skus[0], stock: 0 }
    await act(async () => fakeBackend.settle('catalog.adjustStock').resolve({ sku: adjusted, adjustment: {}, repeated: false }))
    expect(within(screen.getByRole('group', { name: '单只 库存' })).getByText('单只 · ¥58.00 · 库存 0')).toBeTruthy()
  })
})
