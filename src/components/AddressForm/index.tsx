import { Text, View } from '@tarojs/components'
import { TextField } from '../TextField'
import type { AddressInput } from '../../../types/api'
import type { AddressErrors } from '../../utils/address'
import './index.scss'

interface AddressFormProps {
  address: AddressInput
  errors: AddressErrors
  onChange: (field: keyof AddressInput, value: string) => void
}

const FIELDS: { key: keyof AddressInput; label: string; placeholder: string; type?: 'number'; maxLength: number }[] = [
  { key: 'name', label: '收货人', placeholder: '收货人姓名', maxLength: 20 },
  { key: 'phone', label: '手机号码', placeholder: '11 位手机号', type: 'number', maxLength: 11 },
  { key: 'region', label: '所在地区', placeholder: '省 市 区，如 浙江省杭州市西湖区', maxLength: 50 },
  { key: 'detail', label: '详细地址', placeholder: '街道、楼栋、门牌号', maxLength: 100 },
]

/** 收货地址 (checkout and mall goods): only what delivery needs; a mistake shows under its field. */
export function AddressForm({ address, errors, onChange }: AddressFormProps) {
  return (
    <View className='address-form'>
      {FIELDS.map((field) => (
        <View key={field.key} className={`address-form__field${errors[field.key] ? ' address-form__field--error' : ''}`}>
          <View className='address-form__row'>
            <Text className='address-form__label'>{field.label}</Text>
            <TextField
              className='address-form__input'
              name={field.key}
              type={field.type ?? 'text'}
              value={address[field.key]}
              placeholder={field.placeholder}
              maxLength={field.maxLength}
              onChange={(value) => onChange(field.key, value)}
            />
          </View>
          {errors[field.key] && <Text className='address-form__error'>{errors[field.key]}</Text>}
        </View>
      ))}
    </View>
  )
}
