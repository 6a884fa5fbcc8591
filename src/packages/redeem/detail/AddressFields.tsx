import { Text, View } from '@tarojs/components'
import { Input } from '@nutui/nutui-react-taro'
import type { AddressInput } from '../../../../types/api'
import type { AddressErrors } from '../../../utils/address'

interface AddressFieldsProps {
  address: AddressInput
  errors: AddressErrors
  onChange: (field: keyof AddressInput, value: string) => void
}

const FIELDS: { key: keyof AddressInput; label: string; placeholder: string; type?: 'number'; maxLength: number }[] = [
  { key: 'name', label: '收货人', placeholder: '收货人姓名', maxLength: 20 },
  { key: 'phone', label: '手机号码', placeholder: '11 位手机号', type: 'number', maxLength: 11 },
  { key: 'region', label: '所在地区', placeholder: '省 市 区，如 浙江省杭州市西湖区', maxLength: 50 },
  { key: 'detail', label: '详细地址', placeholder: '街道、楼栋、门牌号', maxLength: 100 }
]

/** Where redeemed goods ship to, with the same fields and limits as checkout; a mistake shows under its field. */
export function AddressFields({ address, errors, onChange }: AddressFieldsProps) {
  return (
    <View className='redeem-address'>
      {FIELDS.map((field) => (
        <View key={field.key} className={`redeem-address__field${errors[field.key] ? ' redeem-address__field--error' : ''}`}>
          <View className='redeem-address__row'>
            <Text className='redeem-address__label'>{field.label}</Text>
            <Input
              className='redeem-address__input'
              name={field.key}
              type={field.type ?? 'text'}
              value={address[field.key]}
              placeholder={field.placeholder}
              maxLength={field.maxLength}
              onChange={(value) => onChange(field.key, value)}
            />
          </View>
          {errors[field.key] && <Text className='redeem-address__error'>{errors[field.key]}</Text>}
        </View>
      ))}
    </View>
  )
}
