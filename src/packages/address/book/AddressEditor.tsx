import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { AddressSaved } from '../../../../types/api'
import type { SavedAddress } from '../../../../types/domain'
import { TickBox } from '../../../components'
import { AddressForm } from '../../../components/AddressForm'
import { NO_ADDRESS, useAddressFields } from '../../../components/AddressForm/useAddressFields'
import { addressBookApi } from '../../../services/addresses'
import { describeError } from '../../../services/errors'
import { newRequestId } from '../../../utils/id'

interface AddressEditorProps {
  /** The address being edited; null adds a new one. */
  entry: SavedAddress | null
  /** The book is empty: the new address will be the default whatever is ticked. */
  first: boolean
  onSaved: (saved: AddressSaved) => void
  onCancel: () => void
}

/** 新增 / 编辑收货地址: the same form checkout uses (with 使用微信收货地址 and the region picker), and 设为默认. */
export function AddressEditor({ entry, first, onSaved, onCancel }: AddressEditorProps) {
  const fields = useAddressFields(() => entry ?? NO_ADDRESS)
  const [makeDefault, setMakeDefault] = useState(entry?.isDefault ?? first)
  const [saving, setSaving] = useState(false)
  // One opening of the editor, one request: a double tap or a retry adds the address once.
  const requestId = useRef(newRequestId())

  const save = async () => {
    const address = fields.check()
    if (!address || saving) return
    setSaving(true)
    try {
      const saved = entry
        ? await addressBookApi.edit({ addressId: entry.id, address, makeDefault })
        : await addressBookApi.add({ requestId: requestId.current, address, makeDefault })
      void Taro.showToast({ title: '地址已保存', icon: 'success' })
      onSaved(saved)
    } catch (error) {
      setSaving(false)
      void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
    }
  }

  return (
    <View className='address-editor'>
      <Text className='address-editor__title'>{entry ? '编辑收货地址' : '新增收货地址'}</Text>
      <AddressForm address={fields.address} errors={fields.errors} onChange={fields.change} />
      <TickBox
        className='address-editor__default'
        checked={makeDefault}
        // The only address is the default: there is nothing to untick it for.
        disabled={first || entry?.isDefault}
        onChange={setMakeDefault}
        label='设为默认地址'
      />
      <View className='address-editor__actions'>
        <Button type='primary' block loading={saving} onClick={() => void save()}>
          保存
        </Button>
        <Button block fill='outline' disabled={saving} onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
