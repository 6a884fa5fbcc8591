import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { WithdrawalView } from '../../../../types/api'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { WITHDRAWAL_STATUS_LABEL } from '../shared/labels'
import { confirmMerchantTransfer } from '../shared/merchantTransfer'

interface WithdrawalCardProps {
  withdrawal: WithdrawalView
  /** The payee confirmed receipt of a 商家转账 here: the list may show it paid now. */
  onConfirmed: () => void
}

/** One withdrawal: what left the balance, the tax withheld, what arrives, and where it stands. */
export function WithdrawalCard({ withdrawal, onConfirmed }: WithdrawalCardProps) {
  const { status } = withdrawal
  // Production 商家转账 waits for the payee to confirm in the mini program; one that was not confirmed can be here.
  const awaitsReceipt = status === 'processing' && withdrawal.packageInfo !== null && process.env.TARO_ENV === 'weapp'

  async function confirmReceipt() {
    if (withdrawal.packageInfo && (await confirmMerchantTransfer(withdrawal.packageInfo)) === 'confirmed') onConfirmed()
  }

  return (
    <View className='withdrawal-card'>
      <View className='withdrawal-card__head'>
        <Text className='withdrawal-card__title'>提现 {formatFen(withdrawal.amount)}</Text>
        <Text className={`dist-status dist-status--${status}`}>{WITHDRAWAL_STATUS_LABEL[status]}</Text>
      </View>
      <View className='withdrawal-card__figures'>
        <View className='withdrawal-card__row'>
          <Text className='withdrawal-card__label'>代扣个税</Text>
          <Text className='withdrawal-card__tax'>-{formatFen(withdrawal.tax)}</Text>
        </View>
        <View className='withdrawal-card__row'>
          <Text className='withdrawal-card__label'>实际到账</Text>
          <Text className='withdrawal-card__net'>{formatFen(withdrawal.net)}</Text>
        </View>
      </View>
      <View className='withdrawal-card__times'>
        <Text>申请时间 {shanghaiDateTime(withdrawal.createdAt)}</Text>
        {withdrawal.paidAt !== null && <Text>到账时间 {shanghaiDateTime(withdrawal.paidAt)}</Text>}
        {withdrawal.failedAt !== null && <Text>失败时间 {shanghaiDateTime(withdrawal.failedAt)}</Text>}
      </View>
      {status === 'failed' && (
        <Text className='withdrawal-card__failure'>失败原因：{withdrawal.failReason || '转账未成功'}。提现金额已退回可提现佣金。</Text>
      )}
      {awaitsReceipt && (
        <View className='withdrawal-card__actions'>
          <Button size='small' type='primary' onClick={confirmReceipt}>
            确认收款
          </Button>
        </View>
      )}
    </View>
  )
}
