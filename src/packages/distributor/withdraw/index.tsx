import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro from '@tarojs/taro'
import type { DistributorDashboard, WithdrawalView } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { useSignedIn } from '../../../hooks/useSignedIn'
import { distributionApi } from '../../../services/distribution'
import { useSession } from '../../../stores/session'
import { formatFen } from '../../../utils/money'
import { PAGES } from '../../../utils/routes'
import { withdrawBlocker } from '../shared/amount'
import { WITHDRAWAL_STATUS_LABEL } from '../shared/labels'
import { confirmMerchantTransfer } from '../shared/merchantTransfer'
import { useDistributionRevision } from '../shared/revision'
import { QuoteCard } from './QuoteCard'
import { useWithdraw } from './useWithdraw'
import './index.scss'

export default function WithdrawPage() {
  const signedIn = useSignedIn()
  const token = useSession((session) => session.token)
  const dashboard = useRemote(() => (signedIn ? distributionApi.dashboard() : Promise.resolve(null)), [signedIn, token])

  if (!signedIn || (dashboard.status === 'error' && dashboard.code === 'UNAUTHENTICATED')) {
    return (
      <StateView
        kind='empty'
        title='登录后提现'
        description='在“我的”页登录后，可以提现可提现的佣金'
        action={{ text: '去登录', onClick: () => Taro.switchTab({ url: PAGES.me }) }}
      />
    )
  }
  if (dashboard.status === 'error') return <StateView kind='error' message={dashboard.message} onRetry={dashboard.reload} />
  if (dashboard.status === 'loading' || dashboard.data === null) return <StateView kind='loading' />
  if (dashboard.data.status === 'frozen') {
    return <StateView kind='empty' title='账户已冻结，暂不能提现' description='冻结期间已有的佣金会保留；如有疑问请联系客服' />
  }
  return <WithdrawForm dashboard={dashboard.data} onRefused={() => void dashboard.refresh()} />
}

function WithdrawForm({ dashboard, onRefused }: { dashboard: DistributorDashboard; onRefused: () => void }) {
  const changed = useDistributionRevision((state) => state.changed)
  const limits = { available: dashboard.available, min: dashboard.withdraw.min, leftToday: dashboard.withdraw.leftToday }
  const blocker = withdrawBlocker(limits)

  async function finish(withdrawal: WithdrawalView | null) {
    changed()
    // 商家转账 in production asks the payee to confirm receipt before the money moves.
    if (withdrawal?.packageInfo) await confirmMerchantTransfer(withdrawal.packageInfo)
    void Taro.showToast({ title: withdrawal ? `提现${WITHDRAWAL_STATUS_LABEL[withdrawal.status]}` : '提现申请已提交', icon: 'success' })
    await Taro.redirectTo({ url: PAGES.withdrawals })
  }

  const form = useWithdraw(limits, { onDone: finish, onRefused })

  return (
    <View className='withdraw'>
      <View className='withdraw__balance'>
        <Text className='withdraw__balance-label'>可提现佣金</Text>
        <Text className='withdraw__balance-amount'>{formatFen(dashboard.available)}</Text>
        <Text className='withdraw__limits'>
          单次不少于 {formatFen(limits.min)} · 每日上限 {formatFen(dashboard.withdraw.dailyCap)} · 今日还可提现{' '}
          {formatFen(limits.leftToday)}
        </Text>
      </View>

      <View className='dist-box withdraw__form'>
        <Text className='dist-box-title'>提现金额</Text>
        <View className='withdraw__field'>
          <Text className='withdraw__currency'>¥</Text>
          <TextField
            className='withdraw__input'
            name='amount'
            type='digit'
            value={form.text}
            placeholder={blocker ?? `最低 ${formatFen(limits.min).replace('¥', '')} 元`}
            disabled={blocker !== null || form.done || form.submitting}
            onChange={form.setText}
          />
          <Text
            className={`withdraw__all${blocker ? ' withdraw__all--off' : ''}`}
            onClick={() => blocker === null && !form.done && form.fillAll()}
          >
            全部
          </Text>
        </View>
        {form.problem && <Text className='withdraw__problem'>{form.problem}</Text>}
      </View>

      {form.amount !== null && <QuoteCard preview={form.preview} quote={form.quote} onRetry={form.retryPreview} />}

      <View className='withdraw__submit'>
        <Button
          className='withdraw__confirm'
          type='primary'
          block
          loading={form.submitting}
          disabled={form.quote === null || form.submitting || form.done}
          onClick={form.confirm}
        >
          {form.done ? '已提交' : '确认提现'}
        </Button>
        <Text className='dist-note'>提现从可提现佣金中扣除，个人所得税按劳务报酬代扣代缴；提现状态可在“提现记录”中查看。</Text>
      </View>
    </View>
  )
}
