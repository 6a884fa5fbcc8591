import { Text, View } from '@tarojs/components'
import type { ReportRow } from '../../../../types/api'
import { formatFen } from '../../../utils/money'
import { barShare, conversion } from './bars'

/**
 * Per channel, the funnel from visits to buyers to GMV as three bars, each scaled to the largest
 * channel for that measure, so channels compare at a glance.
 */
export function ChannelFunnel({ rows }: { rows: ReportRow[] }) {
  const max = {
    visits: Math.max(0, ...rows.map((row) => row.visits)),
    buyers: Math.max(0, ...rows.map((row) => row.buyers)),
    gmv: Math.max(0, ...rows.map((row) => row.gmv)),
  }
  return (
    <View className='ops-box ops-funnel'>
      <Text className='ops-box__title'>渠道漏斗：访问 → 购买 → GMV</Text>
      {rows.length === 0 ? (
        <Text className='ops-note'>这段时间没有访问记录</Text>
      ) : (
        rows.map((row) => (
          <View key={row.key} className='ops-funnel__channel' data-channel={row.key}>
            <View className='ops-funnel__head'>
              <Text className='ops-funnel__label'>{row.label}</Text>
              <Text className='ops-funnel__rate'>转化率 {conversion(row.buyers, row.visitors)}</Text>
            </View>
            <FunnelBar kind='visits' name='访问' share={barShare(row.visits, max.visits)} value={`${row.visits} 次 · ${row.visitors} 人`} />
            <FunnelBar kind='buyers' name='购买' share={barShare(row.buyers, max.buyers)} value={`${row.buyers} 人 · ${row.orders} 单`} />
            <FunnelBar kind='gmv' name='GMV' share={barShare(row.gmv, max.gmv)} value={formatFen(row.gmv)} />
          </View>
        ))
      )}
    </View>
  )
}

function FunnelBar({ kind, name, share, value }: { kind: string; name: string; share: number; value: string }) {
  return (
    <View className={`ops-funnel__bar-row ops-funnel__bar-row--${kind}`}>
      <Text className='ops-funnel__name'>{name}</Text>
      <View className='ops-funnel__track'>
        <View className={`ops-funnel__bar${share > 0 ? ' ops-funnel__bar--some' : ''}`} style={{ width: `${share}%` }} />
      </View>
      <Text className='ops-funnel__value'>{value}</Text>
    </View>
  )
}
