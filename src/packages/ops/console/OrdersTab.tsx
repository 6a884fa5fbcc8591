import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, TextArea } from '@nutui/nutui-react-taro'
import Taro, { useReachBottom } from '@tarojs/taro'
import type { OrderTab, ShipRowResult, StaffOrderView } from '../../../../types/api'
import { ParcelForm, TextField } from '../../../components'
import { usePagedList } from '../../../hooks/usePagedList'
import { fulfilmentApi } from '../../../services/fulfilment'
import { pickTextFile } from '../../../services/pickTextFile'
import { saveCsv } from '../../../services/saveCsv'
import { showFailure } from '../../../utils/feedback'
import { formatFen } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { DayRange, PagedRows, StageChips, TableRow, wholeDays } from './parts'
import { parseShipRows } from './shipRows'

const PAGE_SIZE = 10
const STAGES: { tab: OrderTab; title: string }[] = [
  { tab: 'toShip', title: '待发货' },
  { tab: 'toReceive', title: '待收货' },
  { tab: 'done', title: '已完成' },
  { tab: 'afterSale', title: '售后' },
  { tab: 'all', title: '全部' },
]

const COLUMNS = ['订单号', '商品', '买家', '收货信息', '状态 / 发货'] as const

/** 订单 (service): every member's orders by stage or by number, shipped one at a time or from pasted rows; a table at a desk. */
export function OrdersTab({ wide = false }: { wide?: boolean }) {
  const [tab, setTab] = useState<OrderTab>('toShip')
  const [query, setQuery] = useState('')
  const [searched, setSearched] = useState<string | null>(null)
  // Days typed are applied with 查找; only whole YYYY-MM-DD days reach the server.
  const [draftDays, setDraftDays] = useState({ from: '', to: '' })
  const [days, setDays] = useState<{ from?: string; to?: string }>({})
  const list = usePagedList(
    (page) => fulfilmentApi.list({ ...searchFor(searched), tab, ...days, page, pageSize: PAGE_SIZE }),
    [tab, searched, days],
  )
  const [shipped, setShipped] = useState<Record<string, StaffOrderView>>({})

  useReachBottom(() => {
    void list.loadMore()
  })

  return (
    <View className='ops-orders'>
      <StageChips options={STAGES.map((stage) => ({ key: stage.tab, title: stage.title }))} chosen={tab} onChoose={setTab} />
      <View className='ops-orders__search'>
        <TextField
          className='ops-orders__query'
          value={query}
          placeholder='订单号 / 手机后 4 位 / 会员编号'
          maxLength={64}
          onChange={setQuery}
        />
        <DayRange draft={draftDays} onChange={setDraftDays} />
        <Button
          size='small'
          type='primary'
          fill='outline'
          onClick={() => {
            setSearched(query.trim() || null)
            setDays(wholeDays(draftDays))
          }}
        >
          查找
        </Button>
        <Button size='small' fill='outline' onClick={() => void exportCsv({ tab, ...days })}>
          导出 CSV
        </Button>
      </View>
      <PagedRows list={list} empty={{ title: searched ? '没有找到相符的订单' : '这里没有订单' }} columns={wide ? COLUMNS : undefined}>
        {(order) => {
          const current = shipped[order.id] ?? order
          const onShipped = (view: StaffOrderView) => setShipped((all) => ({ ...all, [view.id]: { ...order, ...view } }))
          return wide ? (
            <StaffOrderRow key={order.id} order={current} onShipped={onShipped} />
          ) : (
            <StaffOrderCard key={order.id} order={current} onShipped={onShipped} />
          )
        }}
      </PagedRows>
      <BatchShip onDone={list.reload} />
    </View>
  )
}

/**
 * What the search box holds, as the list's filter: an order number (19 digits, or an order id) finds
 * that order whatever its stage; four digits are the end of the buyer's phone; anything else a member id.
 */
export function searchFor(query: string | null): { orderId?: string; phoneTail?: string; memberId?: string } {
  if (!query) return {}
  if (/^\d{19}$/.test(query) || /^o[0-9a-f]{23}$/.test(query)) return { orderId: query }
  if (/^\d{4}$/.test(query)) return { phoneTail: query }
  return { memberId: query }
}

/** The stage's orders (in the days chosen) as a CSV file: downloaded in the browser, sent to a chat in the mini program. */
async function exportCsv(filter: { tab: OrderTab; from?: string; to?: string }) {
  try {
    const file = await fulfilmentApi.export(filter)
    await saveCsv(file)
    void Taro.showToast({ title: `已导出 ${file.rows} 单`, icon: 'none' })
  } catch (error) {
    showFailure(error)
  }
}

function StaffOrderCard({ order, onShipped }: { order: StaffOrderView; onShipped: (order: StaffOrderView) => void }) {
  const { address } = order
  return (
    <View className='ops-order' data-order={order.id}>
      <View className='ops-order__head'>
        <Text className='ops-order__no'>订单 {order.orderNo}</Text>
        <Text className='ops-order__paid'>{order.paidAt ? `${shanghaiDateTime(order.paidAt)} 付款` : '未付款'}</Text>
      </View>
      {order.lines.map((line) => (
        <Text key={line.id} className='ops-order__line'>
          {line.title} {Object.values(line.specs).join(' ')} × {line.quantity}
        </Text>
      ))}
      <Text className='ops-order__buyer'>
        {order.buyer.nickname} · 实付 {formatFen(order.payable)}
      </Text>
      <Text className='ops-order__address'>
        {address.name} {address.phone} {address.region} {address.detail}
      </Text>
      {order.remark && <Text className='ops-order__remark'>留言：{order.remark}</Text>}
      {order.shipment && (
        <Text className='ops-order__shipment'>
          已发货：{order.shipment.carrier} {order.shipment.trackingNo}
        </Text>
      )}
      {order.status === 'paid' && (
        <ParcelForm send={async (parcel) => onShipped({ ...order, ...(await fulfilmentApi.ship({ orderId: order.id, ...parcel })) })} />
      )}
    </View>
  )
}

export const STATUS_WORDS: Record<StaffOrderView['status'], string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
}

/** One order as a table row at a desk: the same facts and the same shipping form as the card. */
function StaffOrderRow({ order, onShipped }: { order: StaffOrderView; onShipped: (order: StaffOrderView) => void }) {
  const { address } = order
  return (
    <TableRow
      label={`订单 ${order.orderNo}`}
      cells={[
        <>
          <Text className='ops-order__no'>{order.orderNo}</Text>
          <Text className='ops-order__paid'>{order.paidAt ? `${shanghaiDateTime(order.paidAt)} 付款` : '未付款'}</Text>
        </>,
        order.lines.map((line) => (
          <Text key={line.id} className='ops-order__line'>
            {line.title} {Object.values(line.specs).join(' ')} × {line.quantity}
          </Text>
        )),
        <>
          <Text>{order.buyer.nickname}</Text>
          <Text>实付 {formatFen(order.payable)}</Text>
        </>,
        <>
          <Text>
            {address.name} {address.phone}
          </Text>
          <Text>
            {address.region} {address.detail}
          </Text>
          {order.remark && <Text className='ops-order__remark'>留言：{order.remark}</Text>}
        </>,
        order.status === 'paid' ? (
          <ParcelForm
            key='ship'
            send={async (parcel) => onShipped({ ...order, ...(await fulfilmentApi.ship({ orderId: order.id, ...parcel })) })}
          />
        ) : (
          <Text key='status'>
            {STATUS_WORDS[order.status]}
            {order.shipment ? `：${order.shipment.carrier} ${order.shipment.trackingNo}` : ''}
          </Text>
        ),
      ]}
    />
  )
}

/** 批量发货: rows pasted from a sheet, each answered by the server. */
function BatchShip({ onDone }: { onDone: () => Promise<void> }) {
  const [text, setText] = useState('')
  const [results, setResults] = useState<ShipRowResult[] | null>(null)
  const [pending, setPending] = useState(false)
  const send = async () => {
    const rows = parseShipRows(text)
    if (rows.length === 0) return void Taro.showToast({ title: '请粘贴发货行：订单号,快递公司,运单号', icon: 'none' })
    setPending(true)
    try {
      const answer = await fulfilmentApi.shipBatch(rows)
      setResults(answer)
      await onDone()
    } catch (error) {
      showFailure(error)
    } finally {
      setPending(false)
    }
  }
  const importFile = async () => {
    try {
      const file = await pickTextFile()
      if (!file) return
      setText(file.text)
      setResults(null)
      void Taro.showToast({ title: `已读入 ${file.name}：${parseShipRows(file.text).length} 行`, icon: 'none' })
    } catch {
      void Taro.showToast({ title: '读取文件失败，请确认是 CSV 或文本文件', icon: 'none' })
    }
  }
  const shippedCount = results?.filter((r) => r.ok).length ?? 0
  return (
    <View className='ops-box ops-batch'>
      <Text className='ops-box__title'>批量发货</Text>
      <Text className='ops-note'>每行一单：订单号,快递公司,运单号（可从表格直接粘贴）。每行单独处理，有问题的行会说明原因。</Text>
      <TextArea className='ops-batch__input' value={text} placeholder='订单号,快递公司,运单号' maxLength={20000} onChange={setText} />
      <View className='ops-batch__buttons'>
        <Button size='small' fill='outline' onClick={() => void importFile()}>
          从 CSV 文件导入
        </Button>
        <Button type='primary' size='small' loading={pending} onClick={send}>
          提交发货
        </Button>
      </View>
      {results && (
        <View className='ops-batch__results'>
          <Text className='ops-batch__summary'>{`已发货 ${shippedCount} 行，未处理 ${results.length - shippedCount} 行`}</Text>
          {results
            .filter((r) => !r.ok)
            .map((r) => (
              <Text key={r.row} className='ops-batch__problem'>{`第 ${r.row} 行（${r.orderId || '无订单号'}）：${r.message}`}</Text>
            ))}
        </View>
      )}
    </View>
  )
}
