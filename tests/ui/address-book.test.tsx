// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { Current } from '@tarojs/runtime'
import Taro from '@tarojs/taro'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { AddressBookView } from '../../types/api'
import type { SavedAddress } from '../../types/domain'
import AddressBookPage from '../../src/packages/address/book'
import { callError } from '../../src/services/errors'
import { useAddressBook } from '../../src/stores/address'
import { useSession } from '../../src/stores/session'
import { fakeBackend, signedInPageTests } from './fake-backend'
import { pickRegion } from './region-picker'

vi.mock('../../src/services/call', () => import('./fake-backend').then((m) => m.fakeCallModule))

const HOME: SavedAddress = {
  id: 'ad00000000000000000000a1',
  name: '王小明',
  phone: '13800001234',
  region: '浙江省杭州市西湖区',
  detail: '文三路 100 号',
  isDefault: true,
  usedAt: 2,
}
const OFFICE: SavedAddress = {
  ...HOME,
  id: 'ad00000000000000000000b2',
  region: '浙江省杭州市滨江区',
  detail: '网商路 699 号',
  isDefault: false,
  usedAt: 1,
}
const bookOf = (...addresses: SavedAddress[]): AddressBookView => ({ addresses, limit: 20 })

function openBook(params: Record<string, string> = {}) {
  Current.router = { params, path: '/packages/address/book/index', $taroPath: 'book-test', onReady: '', onHide: '', onShow: '' }
  render(<AddressBookPage />)
}

async function bookShows(book: AddressBookView) {
  await act(async () => fakeBackend.settle('member.addresses').resolve(book))
}

const entries = () => screen.getAllByRole('listitem').map((item) => item.textContent)
const tap = (label: string) => act(async () => fireEvent.click(screen.getByLabelText(label)))
const type = (placeholder: string, value: string) => fireEvent.input(screen.getByPlaceholderText(placeholder), { target: { value } })

signedInPageTests({ id: 'consumer-v1', nickname: '新会员', avatar: '', tier: 1, roles: ['consumer'], shareCode: 'VONE2345' })
beforeEach(() => {
  useAddressBook.setState({ picked: null })
  vi.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
})

describe('收货地址 (the address book)', () => {
  it('lists the book, the default first and marked, phones masked', async () => {
    openBook()
    expect(screen.getByText('加载中…')).toBeTruthy()
    await bookShows(bookOf(HOME, OFFICE))
    expect(entries()).toEqual([
      '王小明138****1234默认浙江省杭州市西湖区 文三路 100 号编辑删除',
      '王小明138****1234浙江省杭州市滨江区 网商路 699 号设为默认编辑删除',
    ])
  })

  it('says when the book is empty, and asks a signed-out visitor to sign in', async () => {
    openBook()
    await bookShows(bookOf())
    expect(screen.getByText('还没有收货地址')).toBeTruthy()
    act(() => useSession.setState({ token: null }))
    expect(screen.getByText('登录后管理收货地址')).toBeTruthy()
  })

  it('adds an address with the region picker; the first is the default', async () => {
    openBook()
    await bookShows(bookOf())
    await act(async () => fireEvent.click(screen.getByText('新增收货地址')))
    expect(screen.getByRole('checkbox', { name: '设为默认地址' }).getAttribute('aria-checked')).toBe('true')
    await act(async () => fireEvent.click(screen.getByText('保存')))
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([])
    expect(screen.getByText('请填写省、市、区')).toBeTruthy()

    type('收货人姓名', ' 王小明 ')
    type('11 位手机号', '13800001234')
    await pickRegion('浙江省', '杭州市', '西湖区')
    type('街道、楼栋、门牌号', '文三路 100 号')
    await act(async () => fireEvent.click(screen.getByText('保存')))
    expect(fakeBackend.callsTo('member.addAddress')).toEqual([
      {
        requestId: expect.any(String),
        address: { name: '王小明', phone: '13800001234', region: '浙江省杭州市西湖区', detail: '文三路 100 号' },
        makeDefault: true,
      },
    ])
    await act(async () => fakeBackend.settle('member.addAddress').resolve({ ...bookOf(HOME), address: HOME }))
    expect(entries()).toHaveLength(1)
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '地址已保存' }))
  })

  it('edits an address in place, keeping its fields until changed', async () => {
    openBook()
    await bookShows(bookOf(HOME, OFFICE))
    await tap('编辑 网商路 699 号')
    expect((screen.getByPlaceholderText('收货人姓名') as HTMLInputElement).value).toBe('王小明')
    type('街道、楼栋、门牌号', '网商路 700 号')
    await act(async () => fireEvent.click(screen.getByText('保存')))
    expect(fakeBackend.callsTo('member.editAddress')).toEqual([
      {
        addressId: OFFICE.id,
        address: { name: '王小明', phone: '13800001234', region: '浙江省杭州市滨江区', detail: '网商路 700 号' },
        makeDefault: false,
      },
    ])
    const edited = { ...OFFICE, detail: '网商路 700 号' }
    await act(async () => fakeBackend.settle('member.editAddress').resolve({ ...bookOf(HOME, edited), address: edited }))
    expect(entries()[1]).toContain('网商路 700 号')
  })

  it('deletes an address only once the member confirms', async () => {
    const modal = vi.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    openBook()
    await bookShows(bookOf(HOME, OFFICE))
    await tap('删除 文三路 100 号')
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除地址', confirmText: '删除' }))
    expect(fakeBackend.callsTo('member.deleteAddress')).toEqual([])

    modal.mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await tap('删除 文三路 100 号')
    expect(fakeBackend.callsTo('member.deleteAddress')).toEqual([{ addressId: HOME.id }])
    // The server made the most recently used one the default.
    await act(async () => fakeBackend.settle('member.deleteAddress').resolve(bookOf({ ...OFFICE, isDefault: true })))
    expect(entries()).toEqual(['王小明138****1234默认浙江省杭州市滨江区 网商路 699 号编辑删除'])
  })

  it('sets another address as the default', async () => {
    openBook()
    await bookShows(bookOf(HOME, OFFICE))
    await tap('把 网商路 699 号 设为默认')
    expect(fakeBackend.callsTo('member.setDefaultAddress')).toEqual([{ addressId: OFFICE.id }])
    await act(async () =>
      fakeBackend.settle('member.setDefaultAddress').resolve(bookOf({ ...OFFICE, isDefault: true }, { ...HOME, isDefault: false })),
    )
    expect(within(screen.getAllByRole('listitem')[0]).getByText('默认')).toBeTruthy()
    expect(entries()[0]).toContain('网商路 699 号')
  })

  it('offers no new address at the limit of 20, and says a refusal in a toast', async () => {
    openBook()
    const twenty = Array.from({ length: 20 }, (_, n) => ({ ...OFFICE, id: `ad${String(n).padStart(22, '0')}`, detail: `网商路 ${n} 号` }))
    await bookShows(bookOf({ ...twenty[0], isDefault: true }, ...twenty.slice(1)))
    expect(screen.getByText('最多保存 20 个地址，删除不用的地址后可以再添加')).toBeTruthy()
    expect(screen.getByText('新增收货地址').closest('.nut-button')?.className).toContain('nut-button-disabled')

    await tap('把 网商路 3 号 设为默认')
    await act(async () => fakeBackend.settle('member.setDefaultAddress').reject(callError('ADDRESS_NOT_FOUND', '地址簿里没有这个地址')))
    expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '地址簿里没有这个地址' }))
  })

  it('opened from a checkout, ships to the address tapped and goes back', async () => {
    const back = vi.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    openBook({ pick: '1' })
    await bookShows(bookOf(HOME, OFFICE))
    await tap(`寄到 王小明 ${OFFICE.region}${OFFICE.detail}`)
    expect(useAddressBook.getState().picked).toEqual(OFFICE)
    expect(back).toHaveBeenCalled()
  })
})
