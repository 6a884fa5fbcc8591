import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { TextField } from '../../../components'
import { CARRIER_NAMES } from '../../../services/fulfilment'
import { showFailure } from '../../../utils/feedback'

/** A parcel to send: a carrier from the fixed list and its tracking number; `send` does the shipping. */
export function ParcelForm({ send }: { send: (parcel: { carrier: string; trackingNo: string }) => Promise<void> }) {
  const [carrier, setCarrier] = useState<string>(CARRIER_NAMES[0])
  const [trackingNo, setTrackingNo] = useState('')
  const [pending, setPending] = useState(false)
  const ship = async () => {
    const number = trackingNo.trim()
    if (!number) return void Taro.showToast({ title: '请填写运单号', icon: 'none' })
    setPending(true)
    try {
      await send({ carrier, trackingNo: number })
      void Taro.showToast({ title: '已发货', icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='ops-order__ship'>
      <View className='ops-order__carriers' role='radiogroup' aria-label='快递公司'>
        {CARRIER_NAMES.map((name) => (
          <View
            key={name}
            role='radio'
            aria-checked={name === carrier}
            className={`ops-order__carrier${name === carrier ? ' ops-order__carrier--on' : ''}`}
            onClick={() => setCarrier(name)}
          >
            {name}
          </View>
        ))}
      </View>
      <TextField value={trackingNo} placeholder='运单号' maxLength={32} onChange={setTrackingNo} />
      <Button type='primary' size='small' loading={pending} onClick={ship}>
        发货
      </Button>
    </View>
  )
}
