import type { OrderTab } from '../../../types/api'
import type { Member, Order, OrderStatus } from '../../../types/domain'
import { maskPhone } from '../core/shipping'
import { mayAct } from '../core/staff'
import { shopClock, shopDayBounds } from '../core/time'
import type { Store } from '../store/port'
import { AppError } from './errors'
import { TAB_STATUSES } from './orders'

/** More than this in one file is better asked for as several date ranges. */
export const EXPORT_LIMIT = 5000
const PAGE = 200

const STATUS_NAMES: Record<OrderStatus, string> = {
  created: '待付款',
  paid: '待发货',
  shipped: '已发货',
  received: '已收货',
  completed: '已完成',
  cancelled: '已取消',
  closed: '已关闭',
}

/** A CSV cell: quoted when it holds a separator, a quote or a line break; a leading = + - @ is defused for spreadsheets. */
function cell(value: string | number): string {
  const text = String(value)
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

const yuan = (fen: number) => (fen / 100).toFixed(2)
const when = (at: number | null) => (at === null ? '' : shopClock(at).format('YYYY-MM-DD HH:mm'))

/**
 * The filtered orders as a CSV file (UTF-8 with a byte-order mark, so spreadsheets read the Chinese).
 * Whoever ships (service, owner) gets the full address; finance gets the region and a masked phone.
 */
export async function exportOrders(
  store: Store,
  caller: Member,
  req: { tab?: OrderTab; from?: string; to?: string },
  now: number,
): Promise<{ filename: string; csv: string; rows: number }> {
  const full = mayAct(caller, ['service'])
  const tab = req.tab ?? 'all'
  const createdFrom = req.from ? shopDayBounds(req.from).start : undefined
  const createdTo = req.to ? shopDayBounds(req.to).end : undefined
  const orders: Order[] = []
  for (let offset = 0; ; offset += PAGE) {
    const { items, total } = await store.listOrders({
      statuses: TAB_STATUSES[tab],
      afterSale: tab === 'afterSale',
      createdFrom,
      createdTo,
      offset,
      limit: PAGE,
    })
    if (total > EXPORT_LIMIT)
      throw new AppError('INVALID_PAYLOAD', `符合条件的订单有 ${total} 单，一次最多导出 ${EXPORT_LIMIT} 单，请缩短日期范围`)
    orders.push(...items)
    if (items.length < PAGE) break
  }
  const buyers = new Map((await store.findMembers([...new Set(orders.map((o) => o.memberId))])).map((m) => [m.id, m.nickname]))
  const header = [
    '订单号',
    '下单时间',
    '付款时间',
    '状态',
    '买家',
    '商品',
    '实付（元）',
    '已退（元）',
    '收货人',
    '电话',
    '地址',
    '快递公司',
    '运单号',
  ]
  const lines = orders.map((o) =>
    [
      o.orderNo ?? o.id,
      when(o.createdAt),
      when(o.paidAt),
      STATUS_NAMES[o.status],
      buyers.get(o.memberId) ?? '已注销用户',
      o.lines
        .map((l) => `${l.title}${Object.values(l.specs).length ? ` ${Object.values(l.specs).join(' ')}` : ''} ×${l.quantity}`)
        .join('；'),
      yuan(o.payable),
      yuan(o.refundedAmount),
      full ? o.address.name : `${o.address.name.slice(0, 1)}*`,
      full ? o.address.phone : maskPhone(o.address.phone),
      full ? `${o.address.region} ${o.address.detail}` : o.address.region,
      o.shipment?.carrier ?? '',
      o.shipment?.trackingNo ?? '',
    ]
      .map(cell)
      .join(','),
  )
  const stamp = shopClock(now).format('YYYYMMDD-HHmm')
  return { filename: `orders-${tab}-${stamp}.csv`, csv: `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`, rows: orders.length }
}
