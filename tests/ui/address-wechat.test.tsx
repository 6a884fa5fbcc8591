// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AddressForm, fromWechatAddress } from '../../src/components/AddressForm'
import { useAddressDraft } from '../../src/components/AddressForm/useAddressDraft'
import { useAddressBook } from '../../src/stores/address'

const kept = {
  userName: ' 林小满 ',
  telNumber: '138-0013-8000',
  provinceName: '北京市',
  cityName: '北京市',
  countyName: '东城区',
  detailInfo: '东四十条 21 号 3 单元 502',
  postalCode: '100007',
  nationalCode: '110101',
  errMsg: 'chooseAddress:ok',
} as Taro.chooseAddress.SuccessCallbackResult

function Checkout() {
  const draft = useAddressDraft()
  return <AddressForm address={draft.address} errors={draft.errors} onChange={draft.change} />
}

const field = (name: string) => (document.querySelector(`[name="${name}"]`) as HTMLInputElement | null)?.value

describe('使用微信收货地址', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
    useAddressBook.setState({ last: null })
  })

  it('fills the form from an address kept in WeChat in the mini program', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    vi.spyOn(Taro, 'chooseAddress').mockResolvedValue(kept)
    render(<Checkout />)
    await act(async () => fireEvent.click(screen.getByText('使用微信收货地址')))
    expect([field('name'), field('phone'), field('region'), field('detail')]).toEqual([
      '林小满',
      '13800138000',
      '北京市东城区',
      '东四十条 21 号 3 单元 502',
    ])
  })

  it('leaves the form as it was when the member closes WeChat’s list', async () => {
    vi.stubEnv('TARO_ENV', 'weapp')
    useAddressBook.setState({ last: { name: '周一', phone: '13900000000', region: '浙江省杭州市西湖区', detail: '文三路 1 号' } })
    vi.spyOn(Taro, 'chooseAddress').mockRejectedValue({ errMsg: 'chooseAddress:fail cancel' })
    render(<Checkout />)
    await act(async () => fireEvent.click(screen.getByText('使用微信收货地址')))
    expect([field('name'), field('region')]).toEqual(['周一', '浙江省杭州市西湖区'])
  })

  it('is not offered in the browser build, which has no WeChat addresses', () => {
    render(<Checkout />)
    expect(screen.queryByText('使用微信收货地址')).toBeNull()
  })

  it('writes a province and city once when they differ, and once for a municipality', () => {
    expect(fromWechatAddress({ ...kept, provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区' }).region).toBe(
      '浙江省杭州市西湖区',
    )
    expect(fromWechatAddress(kept).region).toBe('北京市东城区')
  })
})
