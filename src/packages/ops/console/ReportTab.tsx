import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { TextField } from '../../../components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { PostReportRow, ReportRow, ShopReport } from '../../../../types/api'
import { StateView } from '../../../components'
import { useRemote } from '../../../hooks/useRemote'
import { campaignsApi } from '../../../services/campaigns'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { DailyGmvChart } from './DailyGmvChart'
import { ChannelFunnel } from './ChannelFunnel'
import { CommunityTables } from './CommunityTables'
import { typeLabel } from './labels'
import { daysIn, lastDays, parseShanghaiDay } from './shanghai'

const DEFAULT_DAYS = 7
const MAX_DAYS = 366
const TOP_ROWS = 10

type Range = { from: string; to: string }

/** 报表: visits -> buyers -> GMV by channel, GMV per day, post, topic, challenge and distributor results, liabilities and campaign results. */
export function ReportTab() {
  const [range, setRange] = useState<Range>(() => lastDays(DEFAULT_DAYS, Date.now()))
  const report = useRemote(() => campaignsApi.report(range), [range.from, range.to])

  usePullDownRefresh(async () => {
    await report.reload()
    Taro.stopPullDownRefresh()
  })

  return (
    <View className='ops-report'>
      <RangeForm range={range} onApply={setRange} />
      {report.status === 'loading' && <StateView kind='loading' text='正在统计…' />}
      {report.status === 'error' && <StateView kind='error' message={report.message} onRetry={report.reload} />}
      {report.status === 'ready' && <ReportView report={report.data} />}
    </View>
  )
}

/** The range as typed; applied (and loaded) only when both days are valid and in order. */
function RangeForm({ range, onApply }: { range: Range; onApply: (range: Range) => void }) {
  const [from, setFrom] = useState(range.from)
  const [to, setTo] = useState(range.to)
  const [problem, setProblem] = useState<string | null>(null)

  const apply = (typed: Range) => {
    const start = parseShanghaiDay(typed.from)
    const end = parseShanghaiDay(typed.to)
    if (!start.ok) return setProblem(`开始日期：${start.problem}`)
    if (!end.ok) return setProblem(`结束日期：${end.problem}`)
    if (end.value < start.value) return setProblem('结束日期不能早于开始日期')
    if (daysIn(start.value, end.value) > MAX_DAYS) return setProblem(`一次最多统计 ${MAX_DAYS} 天`)
    setProblem(null)
    onApply({ from: start.value, to: end.value })
  }

  const quick = (days: number) => {
    const chosen = lastDays(days, Date.now())
    setFrom(chosen.from)
    setTo(chosen.to)
    apply(chosen)
  }

  return (
    <View className='ops-box ops-range'>
      <View className='ops-range__fields'>
        <TextField
          className='ops-range__input'
          name='from'
          type='text'
          value={from}
          placeholder='YYYY-MM-DD'
          maxLength={10}
          onChange={setFrom}
        />
        <Text className='ops-range__to'>至</Text>
        <TextField className='ops-range__input' name='to' type='text' value={to} placeholder='YYYY-MM-DD' maxLength={10} onChange={setTo} />
        <Button className='ops-range__apply' size='small' type='primary' onClick={() => apply({ from, to })}>
          查询
        </Button>
      </View>
      <View className='ops-range__quick'>
        <Text className='ops-chip' onClick={() => quick(7)}>
          近 7 天
        </Text>
        <Text className='ops-chip' onClick={() => quick(30)}>
          近 30 天
        </Text>
        <Text className='ops-note'>上海时间，含首尾两天</Text>
      </View>
      {problem && <Text className='ops-range__problem'>{problem}</Text>}
    </View>
  )
}

/** A post's views in the range; its likes, favourites and comments as they stand now, not within the range. */
const POST_COLUMNS: ExtraColumns<PostReportRow> = [
  { head: '阅读', cell: (row) => String(row.views) },
  { head: '点赞', cell: (row) => String(row.likes) },
  { head: '收藏', cell: (row) => String(row.favourites) },
  { head: '评论', cell: (row) => String(row.comments) },
]

function ReportView({ report }: { report: ShopReport }) {
  const { totals, points, commissions } = report
  return (
    <View className='ops-report__body'>
      <View className='ops-box'>
        <Text className='ops-box__title'>
          {report.from} 至 {report.to}
        </Text>
        <View className='ops-figures'>
          <Figure name='visits' label='访问次数' value={String(totals.visits)} />
          <Figure name='visitors' label='访客' value={String(totals.visitors)} />
          <Figure name='buyers' label='下单买家' value={String(totals.buyers)} />
          <Figure name='orders' label='订单' value={String(totals.orders)} />
          <Figure name='gmv' label='GMV' value={formatFen(totals.gmv)} />
        </View>
        <Text className='ops-note'>GMV 为已付款的商品与运费金额，已扣除退款；订单按买家下单前最后一次进店的来源归属。</Text>
        <Text className='ops-note'>
          买家是本期内经该来源进店、并在本期内支付了归属该来源订单的会员，是访客的一部分；订单与 GMV
          计入归属该来源的全部已付订单，含本期之前进店带来的。
        </Text>
      </View>

      <ChannelFunnel rows={report.byChannel} />
      <DailyGmvChart daily={report.daily} />
      <RowsTable title='种草内容带来的成交' rows={report.byPost} empty='这段时间没有种草被阅读或带来访问' extra={POST_COLUMNS} />
      {report.byPost.length > 0 && (
        <Text className='ops-note'>
          阅读为所选日期内打开该篇的次数（每人每天计一次）；点赞、收藏与评论为各篇种草当前的数目，不限于所选日期。
        </Text>
      )}
      <CommunityTables topics={report.topics} challenges={report.challenges} />
      <RowsTable title='分销员带来的成交' rows={report.byDistributor} empty='这段时间没有经分销员分享进店的访问' />

      <View className='ops-box ops-liabilities'>
        <Text className='ops-box__title'>积分与佣金负债（当前）</Text>
        <Line name='points-outstanding' label='可用积分' value={`${points.outstanding} 积分`} />
        <Line name='points-pending' label='待生效积分' value={`${points.pending} 积分`} />
        <Line name='points-expiring' label='30 天内到期积分' value={`${points.expiringIn30Days} 积分`} />
        <Line name='commission-pending' label='佣金：待确认（未收货）' value={formatFen(commissions.pending)} />
        <Line name='commission-frozen' label='佣金：冻结（售后期）' value={formatFen(commissions.frozen)} />
        <Line name='commission-available' label='佣金：可提现' value={formatFen(commissions.available)} />
        <Line name='commission-processing' label='佣金：提现处理中' value={formatFen(commissions.processing)} />
      </View>

      <View className='ops-box'>
        <Text className='ops-box__title'>活动效果</Text>
        {report.campaigns.length === 0 ? (
          <Text className='ops-note'>没有活动</Text>
        ) : (
          <View className='ops-table'>
            <View className='ops-table__row ops-table__row--head'>
              <Text className='ops-table__name'>活动</Text>
              <Text className='ops-table__cell'>订单</Text>
              <Text className='ops-table__cell ops-table__cell--wide'>GMV</Text>
            </View>
            {report.campaigns.map((campaign) => (
              <View key={campaign.id} className='ops-table__row ops-report__campaign' data-campaign={campaign.id}>
                <View className='ops-table__name'>
                  <Text>{campaign.title}</Text>
                  <Text className='ops-table__sub'>
                    {typeLabel(campaign.type)} · {campaign.inForce ? '生效中' : '未生效'}
                  </Text>
                </View>
                <Text className='ops-table__cell'>{campaign.orders}</Text>
                <Text className='ops-table__cell ops-table__cell--wide'>{formatFen(campaign.gmv)}</Text>
              </View>
            ))}
          </View>
        )}
      </View>

      {report.problems.length > 0 && (
        <View className='ops-box ops-report__problems'>
          <Text className='ops-box__title'>需要处理的问题</Text>
          {report.problems.map((problem) => (
            <Text key={problem} className='ops-campaign__problem'>
              {problem}
            </Text>
          ))}
        </View>
      )}
      <Text className='ops-note ops-report__generated'>生成于 {shanghaiDateTime(report.generatedAt)}</Text>
    </View>
  )
}

function Figure({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <View className={`ops-figure ops-figure--${name}`}>
      <Text className='ops-figure__value'>{value}</Text>
      <Text className='ops-figure__label'>{label}</Text>
    </View>
  )
}

function Line({ name, label, value }: { name: string; label: string; value: string }) {
  return (
    <View className={`ops-line ops-line--${name}`}>
      <Text className='ops-line__label'>{label}</Text>
      <Text className='ops-line__value'>{value}</Text>
    </View>
  )
}

/** The best rows by GMV (the server sorts them), with visits, buyers and GMV. */
/** Columns a table adds after its GMV, e.g. the likes and favourites of a post. */
type ExtraColumns<R> = { head: string; cell: (row: R) => string }[]

function RowsTable<R extends ReportRow>({
  title,
  rows,
  empty,
  extra = [],
}: {
  title: string
  rows: R[]
  empty: string
  extra?: ExtraColumns<R>
}) {
  return (
    <View className='ops-box'>
      <Text className='ops-box__title'>{title}</Text>
      {rows.length === 0 ? (
        <Text className='ops-note'>{empty}</Text>
      ) : (
        <View className='ops-table'>
          <View className='ops-table__row ops-table__row--head'>
            <Text className='ops-table__name'>来源</Text>
            <Text className='ops-table__cell'>访问</Text>
            <Text className='ops-table__cell'>购买人数</Text>
            <Text className='ops-table__cell ops-table__cell--wide'>GMV</Text>
            {extra.map((column) => (
              <Text key={column.head} className='ops-table__cell'>
                {column.head}
              </Text>
            ))}
          </View>
          {rows.slice(0, TOP_ROWS).map((row) => (
            <View key={row.key} className='ops-table__row'>
              <Text className='ops-table__name'>{row.label}</Text>
              <Text className='ops-table__cell'>{row.visits}</Text>
              <Text className='ops-table__cell'>{row.buyers}</Text>
              <Text className='ops-table__cell ops-table__cell--wide'>{formatFen(row.gmv)}</Text>
              {extra.map((column) => (
                <Text key={column.head} className='ops-table__cell'>
                  {column.cell(row)}
                </Text>
              ))}
            </View>
          ))}
          {rows.length > TOP_ROWS && <Text className='ops-note'>另有 {rows.length - TOP_ROWS} 项未列出</Text>}
        </View>
      )}
    </View>
  )
}
