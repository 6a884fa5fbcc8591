import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import type { CommissionLineView } from '../../../../types/api'
import type { CommissionStatus } from '../../../../types/domain'
import { ListFooter, StateView } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { distributionApi } from '../../../services/distribution'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { COMMISSION_STATUS_LABEL, formatRate } from '../shared/labels'

const PAGE_SIZE = 10

type Filter = CommissionStatus | 'all'

const FILTERS: { filter: Filter; label: string; empty: string }[] = [
  { filter: 'all', label: '全部', empty: '还没有佣金记录' },
  { filter: 'pending', label: '待结算', empty: '没有待结算的佣金' },
  { filter: 'frozen', label: '冻结中', empty: '没有冻结中的佣金' },
  { filter: 'available', label: '可提现', empty: '没有可提现的佣金' },
  { filter: 'void', label: '已失效', empty: '没有已失效的佣金' },
]

/** 佣金明细: one line per order line, with how it was computed and when it becomes (or became) withdrawable. */
export function CommissionsTab({ revision, capBps }: { revision: number; capBps: number }) {
  const [filter, setFilter] = useState<Filter>('all')
  const lines = usePagedList(
    (page) => distributionApi.commissions({ page, pageSize: PAGE_SIZE, ...(filter === 'all' ? {} : { status: filter }) }),
    [filter, revision],
  )

  useReachBottom(() => {
    void lines.loadMore()
  })

  const current = FILTERS.find((entry) => entry.filter === filter) ?? FILTERS[0]

  return (
    <View className='dist-commissions'>
      <View className='dist-chips'>
        {FILTERS.map((entry) => (
          <Text
            key={entry.filter}
            className={`dist-chips__chip${entry.filter === filter ? ' dist-chips__chip--active' : ''}`}
            onClick={() => setFilter(entry.filter)}
          >
            {entry.label}
          </Text>
        ))}
      </View>
      {lines.status === 'loading' ? (
        <StateView kind='loading' />
      ) : lines.status === 'error' ? (
        <StateView kind='error' message={lines.message} onRetry={lines.reload} />
      ) : lines.items.length === 0 ? (
        <StateView kind='empty' title={current.empty} />
      ) : (
        <View className='dist-list'>
          {lines.items.map((line) => (
            <CommissionRow key={line.id} line={line} capBps={capBps} />
          ))}
          <ListFooter more={lines.more} hasMore={lines.hasMore} onRetry={lines.loadMore} />
        </View>
      )}
    </View>
  )
}

function CommissionRow({ line, capBps }: { line: CommissionLineView; capBps: number }) {
  const base = line.paidAmount - line.refundedAmount
  return (
    <View className={`dist-commission${line.status === 'void' ? ' dist-commission--void' : ''}`}>
      <View className='dist-commission__head'>
        <Text className='dist-commission__title'>
          {line.title} ×{line.quantity}
        </Text>
        <Text className={`dist-status dist-status--${line.status}`}>{COMMISSION_STATUS_LABEL[line.status]}</Text>
      </View>
      <Text className='dist-commission__meta'>
        {line.buyer} · {shanghaiDateTime(line.createdAt)} 付款
      </Text>
      <View className='dist-commission__figures'>
        <Text className='dist-commission__base'>
          计佣金额 {formatFen(base)}
          {line.refundedAmount > 0 ? `（已扣除退款 ${formatFen(line.refundedAmount)}）` : ''}
        </Text>
        <Text className='dist-commission__rate'>
          比例 {formatRate(line.bps)}
          {line.capped ? `（已按上限 ${formatRate(capBps)} 计）` : ''}
        </Text>
        <Text className='dist-commission__amount'>佣金 {formatFen(line.amount)}</Text>
      </View>
      <Text className='dist-commission__when'>{availabilityLabel(line)}</Text>
      {line.clawedBack > 0 && <Text className='dist-commission__clawback'>已追回 {formatFen(line.clawedBack)}（可提现后发生退款）</Text>}
    </View>
  )
}

/** When the line becomes withdrawable, or when it became so or lapsed. */
function availabilityLabel(line: CommissionLineView): string {
  switch (line.status) {
    case 'pending':
      return '顾客确认收货并过 7 天售后期后可提现'
    case 'frozen':
      return line.availableAt !== null ? `预计 ${shanghaiDateTime(line.availableAt)} 可提现（售后期结束后）` : '售后期结束后可提现'
    case 'available': {
      const at = line.settledAt ?? line.availableAt
      return at !== null ? `${shanghaiDateTime(at)} 已转为可提现` : '已转为可提现'
    }
    case 'void':
      return line.voidedAt !== null ? `${shanghaiDateTime(line.voidedAt)} 因退款失效` : '因退款失效'
  }
}
