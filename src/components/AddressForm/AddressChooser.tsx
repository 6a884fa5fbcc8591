import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect } from 'react'
import { addressBookPath } from '../../utils/routes'
import { TickBox } from '../TickBox'
import { AddressForm } from '.'
import { AddressCard } from './AddressCard'
import type { AddressDraft } from './useAddressDraft'

const openBook = () => Taro.navigateTo({ url: addressBookPath({ pick: true }) })

/**
 * 收货地址 where something ships (checkout, team checkout, mall goods): the book's address being
 * shipped to, with a way to pick another or to type a new one; typing shows the form, with the tick
 * that saves the new address to the book.
 */
export function AddressChooser({ draft }: { draft: AddressDraft }) {
  const { chosen, loadBook } = draft
  useEffect(loadBook, [])
  if (chosen) {
    return (
      <View className='address-chooser'>
        <View className='address-chooser__card' role='button' aria-label='更换收货地址' onClick={openBook}>
          <AddressCard address={chosen} />
          <Text className='address-chooser__more' aria-hidden>
            更换 ›
          </Text>
        </View>
        <View className='address-chooser__link' role='button' onClick={draft.enterNew}>
          <Text>使用新地址</Text>
        </View>
      </View>
    )
  }
  return (
    <View className='address-chooser'>
      {(draft.bookSize ?? 0) > 0 && (
        <View className='address-chooser__link' role='button' onClick={openBook}>
          <Text>从地址簿选择</Text>
        </View>
      )}
      <AddressForm address={draft.address} errors={draft.errors} onChange={draft.change} />
      <TickBox className='address-chooser__save' checked={draft.saveToBook} onChange={draft.setSaveToBook} label='保存到地址簿' />
    </View>
  )
}
