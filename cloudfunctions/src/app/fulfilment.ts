import * as v from 'valibot'
import type { OrderTab, Page, ShipRowResult, StaffOrderView } from '../../../types/api'
import type { Order } from '../../../types/domain'
import { pageAt, paging } from '../core/catalog'
import { shopDayBounds } from '../core/time'
import type { Store } from '../store/port'
import type { Payments } from '../wechat/ports'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { TAB_STATUSES, shipOrder, toOrderView } from './orders'

/** Orders as staff work them: every member's, by stage, newest first, with the buyer's name and full address. */
export async function staffOrders(
  store: Store,
  req: {
    tab?: OrderTab
    orderId?: string
    memberId?: string
    phoneTail?: string
    from?: string
    to?: string
    page?: number
    pageSize?: number
  },
  now: number,
): Promise<Page<StaffOrderView>> {
  const p = paging(req.page, req.pageSize)
  let items: Order[]
  let total: number
  if (req.orderId !== undefined) {
    const found = (await store.findOrder(req.orderId))?.order
    items = found && (req.memberId === undefined || found.memberId === req.memberId) ? [found] : []
    total = items.length
  } else {
    const tab = req.tab ?? 'all'
    ;({ items, total } = await store.listOrders({
      memberId: req.memberId,
      phoneTail: req.phoneTail,
      statuses: TAB_STATUSES[tab],
      afterSale: tab === 'afterSale',
      createdFrom: req.from ? shopDayBounds(req.from).start : undefined,
      createdTo: req.to ? shopDayBounds(req.to).end : undefined,
      offset: p.offset,
      limit: p.pageSize,
    }))
  }
  const buyers = new Map((await store.findMembers([...new Set(items.map((o) => o.memberId))])).map((m) => [m.id, m.nickname]))
  const views = items.map((o) => ({
    ...toOrderView(o, now),
    buyer: { memberId: o.memberId, nickname: buyers.get(o.memberId) ?? '已注销用户' },
  }))
  return pageAt(p, views, total)
}

/** Staff ship one order: the order's own compare-and-set, WeChat told of the parcel, the change audited. */
export async function shipAsStaff(
  store: Store,
  pay: Payments,
  actor: string,
  req: { orderId: string; carrier: string; trackingNo: string },
  now: number,
) {
  const before = (await store.findOrder(req.orderId))?.order
  const shipped = await shipOrder(store, pay, req.orderId, { carrier: req.carrier, trackingNo: req.trackingNo }, now)
  await recordAudit(
    store,
    actor,
    'order:ship',
    req.orderId,
    { status: before?.status ?? null },
    { status: shipped.status, shipment: shipped.shipment },
    now,
  )
  return shipped
}

/**
 * Ships many orders from pasted or uploaded rows, each on its own: a row is shipped whole or not at
 * all and answered with its own result; a row that repeats an earlier order is refused, never
 * shipped twice. `rowSchema` is the single-order ship schema, so each row meets the same rules.
 * `onRow` hears each row's result as it is decided (the command line prints progress with it).
 */
export async function shipRows(
  store: Store,
  pay: Payments,
  actor: string,
  rows: readonly { orderId: string; carrier: string; trackingNo: string }[],
  rowSchema: v.GenericSchema<unknown, { orderId: string; carrier: string; trackingNo: string }>,
  now: number,
  onRow?: (result: ShipRowResult, done: number) => void,
): Promise<ShipRowResult[]> {
  const seen = new Set<string>()
  const results: ShipRowResult[] = []
  const record = (result: ShipRowResult) => {
    results.push(result)
    onRow?.(result, results.length)
  }
  for (const [index, row] of rows.entries()) {
    const answer = (ok: boolean, code: string | null, message: string | null): ShipRowResult => ({
      row: index + 1,
      orderId: row.orderId,
      ok,
      code,
      message,
    })
    if (seen.has(row.orderId)) {
      record(answer(false, 'INVALID_PAYLOAD', '与前面的行重复，本行未处理'))
      continue
    }
    seen.add(row.orderId)
    const parsed = v.safeParse(rowSchema, row)
    if (!parsed.success) {
      const issue = parsed.issues[0]
      const field = issue.path?.map((p) => String(p.key)).join('.')
      record(answer(false, 'INVALID_PAYLOAD', field ? `${field}：${issue.message}` : issue.message))
      continue
    }
    try {
      await shipAsStaff(store, pay, actor, parsed.output, now)
      record(answer(true, null, null))
    } catch (error) {
      if (!(error instanceof AppError)) throw error
      record(answer(false, error.code, error.message))
    }
  }
  return results
}
