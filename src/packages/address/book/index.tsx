import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { AddressBookView } from '../../../../types/api'
import type { SavedAddress } from '../../../../types/domain'
import { StateView } from '../../../components'
import { AddressCard } from '../../../components/AddressForm/AddressCard'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { addressBookApi } from '../../../services/addresses'
import { describeError } from '../../../services/errors'
import { useAddressBook } from '../../../stores/address'
import { useSession } from '../../../stores/session'
import { PAGES } from '../../../utils/routes'
import { AddressEditor } from './AddressEditor'
import './index.scss'

/**
 * 收货地址: the member's address book, the default first. Opened from a checkout (`pick=1`), tapping an
 * address ships there and goes back; a new address added there is picked the same way.
 */
export default function AddressBookPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const picking = useRouter().params.pick === '1'
  const remote = useRemote(() => (signedIn ? addressBookApi.list() : Promise.resolve(null)), [signedIn, token])
  /** The book as the last change answered it, ahead of the first read. */
  const [changed, setChanged] = useState<AddressBookView | null>(null)
  const [editing, setEditing] = useState<SavedAddress | 'new' | null>(null)
  const [busy, setBusy] = useState(false)

  if (!signedIn) {
    return (
      <StateView kind='empty' title='登录后管理收货地址' action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }} />
    )
  }
  if (remote.status === 'loading') return <StateView kind='loading' />
  if (remote.status === 'error') return <StateView kind='error' message={remote.message} onRetry={remote.reload} />
  const book = changed ?? (remote.data as AddressBookView)
  const full = book.addresses.length >= book.limit

  const pick = (entry: SavedAddress) => {
    useAddressBook.getState().pick(entry)
    void Taro.navigateBack()
  }

  /** Runs one change of the book; its answer is the book as it now is, and a refusal is said. */
  const apply = async (change: () => Promise<AddressBookView>, done: string) => {
    if (busy) return
    setBusy(true)
    try {
      setChanged(await change())
      void Taro.showToast({ title: done, icon: 'success' })
    } catch (error) {
      void Taro.showToast({ title: describeError(error), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  const remove = async (entry: SavedAddress) => {
    const { confirm } = await Taro.showModal({
      title: '删除地址',
      content: `确定删除 ${entry.name} 的地址“${entry.region}${entry.detail}”吗？`,
      confirmText: '删除',
      cancelText: '保留',
    })
    if (confirm) await apply(() => addressBookApi.remove({ addressId: entry.id }), '已删除')
  }

  if (editing) {
    return (
      <AddressEditor
        entry={editing === 'new' ? null : editing}
        first={book.addresses.length === 0}
        onCancel={() => setEditing(null)}
        onSaved={(saved) => {
          setChanged(saved)
          setEditing(null)
          if (picking && editing === 'new') pick(saved.address)
        }}
      />
    )
  }

  return (
    <View className='address-book'>
      {picking && book.addresses.length > 0 && <Text className='address-book__hint'>点击地址寄到这里</Text>}
      {book.addresses.length === 0 ? (
        <StateView kind='empty' title='还没有收货地址' description='添加后下单、拼团和兑换时可直接选用' />
      ) : (
        <View className='address-book__list' role='list'>
          {book.addresses.map((entry) => (
            <View key={entry.id} className='address-book__entry' role='listitem'>
              <View
                className='address-book__body'
                role={picking ? 'button' : undefined}
                aria-label={picking ? `寄到 ${entry.name} ${entry.region}${entry.detail}` : undefined}
                onClick={() => picking && pick(entry)}
              >
                <AddressCard address={entry} />
              </View>
              <View className='address-book__actions'>
                {!entry.isDefault && (
                  <Text
                    className='address-book__action'
                    aria-label={`把 ${entry.detail} 设为默认`}
                    onClick={() => void apply(() => addressBookApi.setDefault({ addressId: entry.id }), '已设为默认')}
                  >
                    设为默认
                  </Text>
                )}
                <Text className='address-book__action' aria-label={`编辑 ${entry.detail}`} onClick={() => setEditing(entry)}>
                  编辑
                </Text>
                <Text className='address-book__action' aria-label={`删除 ${entry.detail}`} onClick={() => void remove(entry)}>
                  删除
                </Text>
              </View>
            </View>
          ))}
        </View>
      )}
      <View className='address-book__footer'>
        {full && <Text className='address-book__full'>最多保存 {book.limit} 个地址，删除不用的地址后可以再添加</Text>}
        <Button type='primary' block disabled={full || busy} onClick={() => setEditing('new')}>
          新增收货地址
        </Button>
      </View>
    </View>
  )
}
