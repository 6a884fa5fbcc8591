import { useState } from 'react'
import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import { CARRIER_NAMES } from '../../services/carriers'
import { showFailure } from '../../utils/feedback'
import { TextField } from '../TextField'
import './index.scss'

interface ParcelFormProps {
  send: (parcel: { carrier: string; trackingNo: string }) => Promise<void>
  /** The button's words, and the toast once sent. */
  submitText?: string
  doneText?: string
}

/** A parcel: a carrier from the fixed list and its tracking number; `send` does the shipping (staff) or the return (buyer). */
export function ParcelForm({ send, submitText = '发货', doneText = '已发货' }: ParcelFormProps) {
  const [carrier, setCarrier] = useState<string>(CARRIER_NAMES[0])
  const [trackingNo, setTrackingNo] = useState('')
  const [pending, setPending] = useState(false)
  const ship = async () => {
    const number = trackingNo.trim()
    if (!number) return void Taro.showToast({ title: '请填写运单号', icon: 'none' })
    setPending(true)
    try {
      await send({ carrier, trackingNo: number })
      void Taro.showToast({ title: doneText, icon: 'success' })
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  return (
    <View className='parcel-form'>
      <View className='parcel-form__carriers' role='radiogroup' aria-label='快递公司'>
        {CARRIER_NAMES.map((name) => (
          <View
            key={name}
            role='radio'
            aria-checked={name === carrier}
            className={`parcel-form__carrier${name === carrier ? ' parcel-form__carrier--on' : ''}`}
            onClick={() => setCarrier(name)}
          >
            {name}
          </View>
        ))}
      </View>
      <TextField value={trackingNo} placeholder='运单号' maxLength={32} onChange={setTrackingNo} />
      <Button type='primary' size='small' loading={pending} onClick={ship}>
        {submitText}
      </Button>
    </View>
  )
}
