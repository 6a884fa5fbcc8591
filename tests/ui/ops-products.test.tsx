// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { MemberView, Page } from '../../types/api'
import type { Product } from '../../types/domain'
import OpsConsolePage from '../../src/packages/ops/console'
import { toProductInput } from '../../src/packages/ops/console/ProductEditor'
import { callError } from '../../src/services/errors'
import { fakeBackend, signedInPageTests } from './fake-backend'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

/** TEST DOUBLE of the platform upload (`src/services/upload`): each upload waits for the test to finish it. */
const uploads = vi.hoisted(() => ({ started: [] as { path: string; resolve: (ref: string) => void }[] }))
vi.mock('../../src/services/upload', () => ({
  uploadImage: (path: string) => new Promise<string>((resolve) => uploads.started.push({ path, resolve })),
}))

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

  it('creates a product: category, name, a picture, a SKU with its price and stock, then it waits off the shelf', async () => {
    await openProducts()
    uploads.started = []
    await act(async () => void fireEvent.click(screen.getByText('新建商品')))
    await act(async () => fakeBackend.settle('catalog.categories').resolve([{ id: 'c-ware', name: '茶器', icon: '', sort: 1 }]))
    const form = screen.getByRole('form', { name: '新建商品' })
    fireEvent.click(within(form).getByRole('tab', { name: '茶器' }))
    fireEvent.input(field(form, '商品名称（最多 30 字）'), { target: { value: '手绘盖碗' } })
    vi.spyOn(Taro, 'chooseImage').mockResolvedValueOnce({ tempFilePaths: ['blob:bowl'], tempFiles: [], errMsg: 'chooseImage:ok' })
    await act(async () => void fireEvent.click(within(form).getByRole('button', { name: '添加图片' })))
    await act(async () => uploads.started[0].resolve('/media/uploads/0123456789abcdef.jpg'))
    const sku = within(form).getByRole('group', { name: '规格 1' })
    fireEvent.input(field(sku, '规格值'), { target: { value: '150ml' } })
    fireEvent.input(field(sku, '价格（元）'), { target: { value: '168' } })
    fireEvent.input(field(sku, '底价（元，选填）'), { target: { value: '99.5' } })
    fireEvent.input(field(sku, '初始库存'), { target: { value: '20' } })
    await act(async () => void fireEvent.click(within(form).getByText('创建')))
    expect(fakeBackend.callsTo('catalog.saveProduct')).toEqual([
      expect.objectContaining({
        categoryId: 'c-ware',
        title: '手绘盖碗',
        images: ['/media/uploads/0123456789abcdef.jpg'],
        memberPrices: true,
        commissionBps: null,
        limits: null,
        skus: [{ initialStock: 20, specs: { 规格: '150ml' }, price: 16_800, floorPrice: 9_950 }],
      }),
    ])
  })
})

describe('the product draft', () => {
  const base = {
    requestId: 'draft-0001',
    product: null,
    categoryId: 'c-ware',
    title: '手绘盖碗',
    subtitle: '',
    detail: '',
    images: ['/media/uploads/0123456789abcdef.jpg'],
    tags: '新品，手作',
    featured: false,
    memberPrices: false,
    commissionPct: '12.5',
    perOrder: '2',
    perMember: '',
    newMembersOnly: false,
    skus: [{ spec: '容量', value: '150ml', price: '168.5', floor: '90', stock: '3' }],
  }
  it('turns yuan into fen, percent into basis points, words into tags, and keeps existing SKUs’ stock out of it', () => {
    expect(toProductInput(base)).toMatchObject({
      tags: ['新品', '手作'],
      commissionBps: 1_250,
      memberPrices: false,
      limits: { perOrder: 2, perMember: null, newMembersOnly: false },
      skus: [{ specs: { 容量: '150ml' }, price: 16_850, floorPrice: 9_000, initialStock: 3 }],
    })
    const edit = toProductInput({
      ...base,
      product: cup,
      skus: [{ id: 'p24-s1', spec: '规格', value: '单只', price: '58', floor: '', stock: '4' }],
    })
    expect(edit).toMatchObject({ id: 'p24', skus: [{ id: 'p24-s1', specs: { 规格: '单只' }, price: 5_800, floorPrice: null }] })
    expect((edit as { skus: object[] }).skus[0]).not.toHaveProperty('initialStock')
  })

  it('says what is missing or wrong before anything is sent', () => {
    expect(toProductInput({ ...base, categoryId: '' })).toBe('请选择分类')
    expect(toProductInput({ ...base, images: [] })).toBe('请至少上传 1 张图片')
    expect(toProductInput({ ...base, commissionPct: '31' })).toBe('佣金比例应为 0–30（%），留空用默认比例')
    expect(toProductInput({ ...base, skus: [{ ...base.skus[0], price: '1.234' }] })).toBe('第 1 个规格的价格应为元，如 88 或 88.50')
    expect(toProductInput({ ...base, perOrder: '0' })).toBe('限购件数应为正整数')
    expect(toProductInput({ ...base, skus: [{ ...base.skus[0], floor: '9o' }] })).toBe('第 1 个规格的底价应为元，如 40 或 40.50')
    expect(toProductInput({ ...base, skus: [{ ...base.skus[0], floor: '168.51' }] })).toBe('第 1 个规格的底价不能高于价格')
  })
})
