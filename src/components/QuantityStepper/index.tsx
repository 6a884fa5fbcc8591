import { Text, View } from '@tarojs/components'
import './index.scss'

interface QuantityStepperProps {
  value: number
  max: number
  min?: number
  disabled?: boolean
  onChange: (next: number) => void
  /** Tapped + at the limit, so the page can say why (e.g. how much stock is left). */
  onLimit?: () => void
}

/**
 * − n +. Shows the quantity as it is even when it exceeds `max` (stock that ran low after the goods
 * went into the cart; − then brings it straight back within reach), and changes only by taps, so each
 * tap is one update the server can refuse.
 */
export function QuantityStepper({ value, max, min = 1, disabled = false, onChange, onLimit }: QuantityStepperProps) {
  const canLess = !disabled && value > min
  const canMore = !disabled && value < max
  return (
    <View className={`quantity-stepper${disabled ? ' quantity-stepper--disabled' : ''}`}>
      <View
        className={`quantity-stepper__button${canLess ? '' : ' quantity-stepper__button--off'}`}
        aria-label='减少'
        onClick={(event) => {
          event.stopPropagation()
          if (canLess) onChange(Math.min(value - 1, Math.max(max, min)))
        }}
      >
        −
      </View>
      <Text className='quantity-stepper__value'>{value}</Text>
      <View
        className={`quantity-stepper__button${canMore ? '' : ' quantity-stepper__button--off'}`}
        aria-label='增加'
        onClick={(event) => {
          event.stopPropagation()
          if (canMore) onChange(value + 1)
          else if (!disabled) onLimit?.()
        }}
      >
        +
      </View>
    </View>
  )
}
