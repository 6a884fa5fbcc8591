import { Text, View } from '@tarojs/components'
import type { SavedAddress } from '../../../types/domain'

/** 138****1234: enough to recognise one's own number on a screen others may see. */
export const maskedPhone = (phone: string) => (phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone)

/** One address of the book as members read it: who (phone masked), 默认 when it is the default, and where. */
export function AddressCard({ address }: { address: SavedAddress }) {
  return (
    <>
      <View className='address-card__who'>
        <Text className='address-card__name'>{address.name}</Text>
        <Text className='address-card__phone'>{maskedPhone(address.phone)}</Text>
        {address.isDefault && <Text className='address-card__tag'>默认</Text>}
      </View>
      <Text className='address-card__where'>
        {address.region} {address.detail}
      </Text>
    </>
  )
}
