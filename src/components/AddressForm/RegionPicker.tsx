import { Picker, Text, View } from '@tarojs/components'
import { regionOf } from './region'

interface RegionPickerProps {
  value: string
  onChange: (region: string) => void
}

/**
 * 所在地区 in the mini program: WeChat's own region picker, which carries the whole country's
 * divisions. The browser build uses RegionPicker.h5.tsx instead.
 */
export function RegionPicker({ value, onChange }: RegionPickerProps) {
  return (
    <Picker mode='region' value={[]} onChange={(event) => onChange(regionOf(event.detail.value))}>
      <View className='region-picker' role='button' aria-label='选择所在地区'>
        <Text className={value ? 'region-picker__value' : 'region-picker__placeholder'}>{value || '请选择省、市、区'}</Text>
        <Text className='region-picker__chevron' aria-hidden>
          ›
        </Text>
      </View>
    </Picker>
  )
}
