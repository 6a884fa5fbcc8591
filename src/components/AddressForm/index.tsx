import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { TextField } from '../TextField'
import type { AddressInput } from '../../../types/api'
import type { AddressErrors } from '../../utils/address'
import { RegionPicker } from './RegionPicker'
import { regionOf } from './region'
import './index.scss'

interface AddressFormProps {
  address: AddressInput
  errors: AddressErrors
  onChange: (field: keyof AddressInput, value: string) => void
}

const FIELDS: { key: keyof AddressInput; label: string; placeholder: string; type?: 'number'; maxLength: number }[] = [
  { key: 'name', label: '收货人', placeholder: '收货人姓名', maxLength: 20 },
  { key: 'phone', label: '手机号码', placeholder: '11 位手机号', type: 'number', maxLength: 11 },
  // Chosen with the region picker, never typed.
  { key: 'region', label: '所在地区', placeholder: '请选择省、市、区', maxLength: 50 },
  { key: 'detail', label: '详细地址', placeholder: '街道、楼栋、门牌号', maxLength: 100 },
]

/** The form's fields from an address kept in WeChat; the member checks them before sending. */
export function fromWechatAddress(picked: Taro.chooseAddress.SuccessCallbackResult): AddressInput {
  const region = regionOf([picked.provinceName, picked.cityName, picked.countyName])
  return { name: picked.userName.trim(), phone: picked.telNumber.replace(/\D/g, ''), region, detail: picked.detailInfo.trim() }
}

/**
 * 收货地址 (checkout, team checkout and mall goods): only what delivery needs; a mistake shows under its
 * field. In the mini program the member can take an address kept in WeChat instead of typing it.
 */
export function AddressForm({ address, errors, onChange }: AddressFormProps) {
  const takeWechatAddress = async () => {
    let picked: Taro.chooseAddress.SuccessCallbackResult
    try {
      picked = await Taro.chooseAddress()
    } catch {
      return // Closed without choosing, or the privacy guide declined: the form stays as it was.
    }
    const filled = fromWechatAddress(picked)
    for (const field of FIELDS) onChange(field.key, filled[field.key])
  }
  return (
    <View className='address-form'>
      {process.env.TARO_ENV === 'weapp' && (
        <View className='address-form__wechat' role='button' onClick={takeWechatAddress}>
          <Text>使用微信收货地址</Text>
        </View>
      )}
      {FIELDS.map((field) => (
        <View key={field.key} className={`address-form__field${errors[field.key] ? ' address-form__field--error' : ''}`}>
          <View className='address-form__row'>
            <Text className='address-form__label'>{field.label}</Text>
            {field.key === 'region' ? (
              <RegionPicker value={address.region} onChange={(region) => onChange('region', region)} />
            ) : (
              <TextField
                className='address-form__input'
                name={field.key}
                type={field.type ?? 'text'}
                value={address[field.key]}
                placeholder={field.placeholder}
                maxLength={field.maxLength}
                onChange={(value) => onChange(field.key, value)}
              />
            )}
          </View>
          {errors[field.key] && <Text className='address-form__error'>{errors[field.key]}</Text>}
        </View>
      ))}
    </View>
  )
}
