import { useState } from 'react'
import { withPrivacyGuide } from '../../../services/privacy.gate'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import Taro from '@tarojs/taro'
import type { DistributorDashboard } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { distributionApi } from '../../../services/distribution'
import { formatFen } from '../../../utils/money'
import { PAGES } from '../../../utils/routes'
import { withdrawBlocker } from '../shared/amount'
import { formatRate } from '../shared/labels'
import { BalanceCards } from './BalanceCards'
import { CommissionsTab } from './CommissionsTab'
import { EarningsChart } from './EarningsChart'
import { OrdersTab } from './OrdersTab'

type Tab = 'orders' | 'commissions'

interface DashboardProps {
  /** The account is frozen: figures stay visible, withdrawing is off. */
  frozen: boolean
  /** Reloads everything when it moves (pull-down, a withdrawal made on the next page). */
  revision: number
}

/** An approved distributor's figures, the way to withdraw, and their attributed orders and commission lines. */
export function Dashboard({ frozen, revision }: DashboardProps) {
  const dashboard = useRemote(() => distributionApi.dashboard(), [revision])
  const [tab, setTab] = useState<Tab>('orders')

  if (dashboard.status === 'loading') return <StateView kind='loading' />
  if (dashboard.status === 'error') return <StateView kind='error' message={dashboard.message} onRetry={dashboard.reload} />
  const data = dashboard.data

  return (
    <View className='dist-dashboard'>
      <CodeCard code={data.code} />
      <BalanceCards dashboard={data} />
      <WithdrawBar dashboard={data} frozen={frozen} />
      <MonthSummary month={data.month} />
      <EarningsChart series={data.series} />

      <View className='dist-box dist-rates'>
        <Text className='dist-note'>
          佣金比例默认为商品实付金额的 {formatRate(data.rates.defaultBps)}，部分商品另有比例；单笔佣金不超过实付金额的{' '}
          {formatRate(data.rates.capBps)}。 佣金在顾客付款时记为待结算，确认收货后冻结 7
          天售后期，之后转为可提现；售后期内退款的部分不计佣金。
        </Text>
      </View>

      <View className='dist-tabs'>
        <Text className={`dist-tabs__tab${tab === 'orders' ? ' dist-tabs__tab--active' : ''}`} onClick={() => setTab('orders')}>
          推广订单
        </Text>
        <Text className={`dist-tabs__tab${tab === 'commissions' ? ' dist-tabs__tab--active' : ''}`} onClick={() => setTab('commissions')}>
          佣金明细
        </Text>
      </View>
      {tab === 'orders' ? <OrdersTab revision={revision} /> : <CommissionsTab revision={revision} capBps={data.rates.capBps} />}
    </View>
  )
}

function CodeCard({ code }: { code: string }) {
  const copy = () => withPrivacyGuide(() => Taro.setClipboardData({ data: code }))
  return (
    <View className='dist-code'>
      <View className='dist-code__main'>
        <Text className='dist-code__label'>我的推广码</Text>
        <Text className='dist-code__value'>{code}</Text>
      </View>
      <Button size='small' fill='outline' className='dist-code__copy' onClick={copy}>
        复制
      </Button>
      <Text className='dist-code__hint'>你分享的商品卡片、海报与小程序码会带上推广码，顾客由此下单付款后，佣金计入你的账户。</Text>
    </View>
  )
}

function WithdrawBar({ dashboard, frozen }: { dashboard: DistributorDashboard; frozen: boolean }) {
  const blocker = frozen ? '账户冻结期间不能提现' : withdrawBlocker({ available: dashboard.available, ...dashboard.withdraw })
  return (
    <View className='dist-box dist-withdraw-bar'>
      <View className='dist-withdraw-bar__row'>
        <View className='dist-withdraw-bar__text'>
          <Text className='dist-withdraw-bar__title'>申请提现</Text>
          <Text className='dist-withdraw-bar__reason'>
            {blocker ?? `单次不少于 ${formatFen(dashboard.withdraw.min)}，今日还可提现 ${formatFen(dashboard.withdraw.leftToday)}`}
          </Text>
        </View>
        <Button
          className='dist-withdraw-bar__button'
          type='primary'
          size='small'
          disabled={blocker !== null}
          onClick={() => Taro.navigateTo({ url: PAGES.withdraw })}
        >
          提现
        </Button>
      </View>
      <View className='dist-withdraw-bar__records' onClick={() => Taro.navigateTo({ url: PAGES.withdrawals })}>
        <Text>提现记录</Text>
        <Text className='dist-withdraw-bar__arrow'>›</Text>
      </View>
    </View>
  )
}

function MonthSummary({ month }: { month: DistributorDashboard['month'] }) {
  return (
    <View className='dist-box dist-month'>
      <Text className='dist-box-title'>本月</Text>
      <View className='dist-month__figures'>
        <View className='dist-month__figure'>
          <Text className='dist-month__value'>{formatFen(month.commission)}</Text>
          <Text className='dist-month__name'>本月佣金</Text>
        </View>
        <View className='dist-month__figure'>
          <Text className='dist-month__value'>{month.orders}</Text>
          <Text className='dist-month__name'>推广订单</Text>
        </View>
        <View className='dist-month__figure'>
          <Text className='dist-month__value'>{formatFen(month.withdrawn)}</Text>
          <Text className='dist-month__name'>本月已提现</Text>
        </View>
      </View>
    </View>
  )
}
