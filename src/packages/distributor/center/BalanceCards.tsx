import { Text, View } from '@tarojs/components'
import type { DistributorDashboard } from '../../../../types/api'
import { formatFen } from '../../../utils/money'

interface Figure {
  key: string
  label: string
  amount: number
  hint: string
}

/** Where each fen of commission stands, from paid orders to money received. */
export function BalanceCards({ dashboard }: { dashboard: DistributorDashboard }) {
  const figures: Figure[] = [
    { key: 'pending', label: '待结算', amount: dashboard.pending, hint: '顾客已付款，待确认收货' },
    { key: 'frozen', label: '冻结中', amount: dashboard.frozen, hint: '已收货，7 天售后期后可提现' },
    { key: 'available', label: '可提现', amount: dashboard.available, hint: '可申请提现' },
    { key: 'processing', label: '提现中', amount: dashboard.processing, hint: '提现处理中' },
    { key: 'withdrawn', label: '已提现', amount: dashboard.withdrawn, hint: '累计提现' },
  ]
  if (dashboard.debt > 0) {
    figures.push({ key: 'debt', label: '待抵扣', amount: dashboard.debt, hint: '退款追回，从之后的佣金中抵扣' })
  }

  return (
    <View className='dist-balances'>
      {figures.map((figure) => (
        <View
          key={figure.key}
          className={`dist-balance dist-balance--${figure.key}`}
          role='group'
          aria-label={`${figure.label} ${formatFen(figure.amount)}`}
        >
          <Text className='dist-balance__label'>{figure.label}</Text>
          <Text className='dist-balance__amount'>{formatFen(figure.amount)}</Text>
          <Text className='dist-balance__hint'>{figure.hint}</Text>
        </View>
      ))}
      {dashboard.debt > 0 && (
        <Text className='dist-note dist-balances__debt'>
          订单在佣金可提现之后发生退款时，对应佣金会被追回；余额不足的部分记为待抵扣，从之后转为可提现的佣金中先行扣除。
        </Text>
      )}
    </View>
  )
}
