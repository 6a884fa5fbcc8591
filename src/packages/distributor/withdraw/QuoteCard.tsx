import { Text, View } from '@tarojs/components'
import type { WithdrawalQuote } from '../../../../types/api'
import { formatFen } from '../../../utils/money'
import type { Preview } from './useWithdraw'

interface QuoteCardProps {
  preview: Preview
  /** The quote for exactly the amount typed; null while it is on its way. */
  quote: WithdrawalQuote | null
  onRetry: () => void
}

/** The server's figures for the typed amount: what leaves the balance, the tax withheld and what arrives. */
export function QuoteCard({ preview, quote, onRetry }: QuoteCardProps) {
  if (preview.status === 'error') {
    // A refusal of the amount (over the balance, say) is the server's word on it; a lost answer can be asked again.
    return preview.retryable ? (
      <View className='dist-box withdraw-quote withdraw-quote--error' onClick={onRetry}>
        <Text>暂时无法计算个税：{preview.message}</Text>
        <Text className='withdraw-quote__retry'>点击重试</Text>
      </View>
    ) : (
      <View className='dist-box withdraw-quote withdraw-quote--error'>
        <Text className='withdraw-quote__refusal'>{preview.message}</Text>
      </View>
    )
  }
  if (quote === null) {
    return (
      <View className='dist-box withdraw-quote'>
        <Text className='dist-note'>正在计算个人所得税…</Text>
      </View>
    )
  }
  return (
    <View className='dist-box withdraw-quote'>
      <View className='withdraw-quote__row'>
        <Text className='withdraw-quote__label'>提现金额</Text>
        <Text className='withdraw-quote__amount'>{formatFen(quote.amount)}</Text>
      </View>
      <View className='withdraw-quote__row'>
        <Text className='withdraw-quote__label'>代扣个人所得税（劳务报酬）</Text>
        <Text className='withdraw-quote__tax'>-{formatFen(quote.tax)}</Text>
      </View>
      <View className='withdraw-quote__row withdraw-quote__row--total'>
        <Text className='withdraw-quote__label'>实际到账</Text>
        <Text className='withdraw-quote__net'>{formatFen(quote.net)}</Text>
      </View>
      <Text className='dist-note withdraw-quote__basis'>
        个人所得税按本月累计提现收入计算：本月此前已提现 {formatFen(quote.monthIncome)}，连同本次共{' '}
        {formatFen(quote.monthIncome + quote.amount)}；此前已代扣的税款不会重复扣除。
      </Text>
      <Text className='dist-note'>
        劳务报酬预扣规则：收入不超过 ¥800 不扣税；不超过 ¥4000 的减除 ¥800、超过的减除 20% 后为应纳税所得额，按 20%～40% 计税。
      </Text>
    </View>
  )
}
