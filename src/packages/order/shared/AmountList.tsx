import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

export interface AmountRow {
  label: string
  /** An amount in words, or a control (the points switch). */
  value: ReactNode
  /** Small words after the label, e.g. "满 ¥99 包邮". */
  hint?: string
  /** A discount or refund, shown in the brand colour; `muted` for words instead of an amount. */
  tone?: 'highlight' | 'muted'
  /** The row opens a choice (优惠券): it shows an arrow and answers taps. */
  onClick?: () => void
}

/** Label–amount rows (商品金额, 会员优惠, 运费 …) and the total that ends them. */
export function AmountList({ rows, total }: { rows: AmountRow[]; total: { label: string; value: string } }) {
  return (
    <View className='amount-list'>
      {rows.map((row) => (
        <View
          key={row.label}
          className={row.onClick ? 'amount-list__row amount-list__row--link' : 'amount-list__row'}
          onClick={row.onClick}
        >
          <View className='amount-list__label'>
            <Text>{row.label}</Text>
            {row.hint && <Text className='amount-list__hint'>{row.hint}</Text>}
          </View>
          <View className={row.tone ? `amount-list__value amount-list__value--${row.tone}` : 'amount-list__value'}>
            {row.value}
            {row.onClick && <Text className='amount-list__arrow'>›</Text>}
          </View>
        </View>
      ))}
      <View className='amount-list__total'>
        <Text>{total.label}</Text>
        <Text className='amount-list__total-value'>{total.value}</Text>
      </View>
    </View>
  )
}
