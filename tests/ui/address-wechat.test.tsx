// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { AddressForm, fromWechatAddress } from '../../src/components/AddressForm'
import { useAddressDraft } from '../../src/components/AddressForm/useAddressDraft'
import { useAddressBook } from '../../src/stores/address'
import { pickRegion, regionShown } from './region-picker'

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
    expect([field('name'), field('phone'), regionShown(), field('detail')]).toEqual([
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
    expect([field('name'), regionShown()]).toEqual(['周一', '浙江省杭州市西湖区'])
  })

  it('is not offered in the browser build, which has no WeChat addresses', () => {
    render(<Checkout />)
    expect(screen.queryByText('使用微信收货地址')).toBeNull()
  })

  it('takes 所在地区 from the region picker, not typed: 省, then 市, then 区, each written once', async () => {
    render(<Checkout />)
    expect(regionShown()).toBe('请选择省、市、区')
    await pickRegion('浙江省', '杭州市', '西湖区')
    expect(regionShown()).toBe('浙江省杭州市西湖区')
    await pickRegion('北京市', '北京市', '朝阳区')
    expect(regionShown()).toBe('北京市朝阳区')
    // A county the province governs directly stands as its own city.
    await pickRegion('湖北省', '仙桃市', '仙桃市')
    expect(regionShown()).toBe('湖北省仙桃市')
  })

  it('writes a province and city once when they differ, and once for a municipality', () => {
    expect(fromWechatAddress({ ...kept, provinceName: '浙江省', cityName: '杭州市', countyName: '西湖区' }).region).toBe(
      '浙江省杭州市西湖区',
    )
    expect(fromWechatAddress(kept).region).toBe('北京市东城区')
  })
})
