import { Text, View } from '@tarojs/components'
import type { ProductDetail } from '../../../../types/api'
import { type SpecSelection, specValueState } from '../../../utils/sku'

interface SkuPickerProps {
  product: Pick<ProductDetail, 'specOptions' | 'skus'>
  selection: SpecSelection
  onChoose: (name: string, value: string) => void
}

/** One row of chips per spec; sold-out combinations stay choosable so their price can be seen. */
export function SkuPicker({ product, selection, onChoose }: SkuPickerProps) {
  return (
    <View className='sku-picker'>
      {product.specOptions.map((option) => (
        <View key={option.name} className='sku-picker__row'>
          <Text className='sku-picker__name'>{option.name}</Text>
          <View className='sku-picker__values'>
            {option.values.map((value) => {
              const state = specValueState(product, selection, option.name, value)
              const chosen = selection[option.name] === value
              return (
                <View
                  key={value}
                  className={`sku-picker__value sku-picker__value--${state}${chosen ? ' sku-picker__value--chosen' : ''}`}
                  aria-selected={chosen}
                  onClick={() => onChoose(option.name, value)}
                >
                  {value}
                  {state === 'soldOut' && <Text className='sku-picker__note'>缺货</Text>}
                </View>
              )
            })}
          </View>
        </View>
      ))}
    </View>
  )
}
