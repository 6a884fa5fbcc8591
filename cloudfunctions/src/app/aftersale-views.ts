import type { Page, RefundCaseTab, RefundCaseView, StaffCaseView } from '../../../types/api'
import type { Refund, RefundStatus } from '../../../types/domain'
import { type AfterSaleSettings, REFUND_KIND_NAMES, caseDeadline, kindOf } from '../core/aftersale'
import { pageAt, paging } from '../core/catalog'
import type { Store } from '../store/port'
import { readEach } from './reads'
import { afterSaleSettings } from './settings'

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** A case as its buyer follows it: when the current wait ends and what they may do now. */
export function caseView(refund: Refund, settings: AfterSaleSettings): RefundCaseView {
  return {
    ...refund,
    deadline: caseDeadline(refund, settings),
    can: { withdraw: refund.status === 'reviewing' || refund.status === 'returning', sendReturn: refund.status === 'returning' },
  }
}

/** A case's steps for the order's history. */
export function caseTimeline(refund: Refund): { at: number | null; label: string }[] {
  const kind = REFUND_KIND_NAMES[kindOf(refund)]
  const review = refund.review
  const byTimer = review?.by.startsWith('system:')
  return [
    { at: refund.createdAt, label: `申请${kind} ${yuan(refund.amount)}：${refund.reason}` },
    review?.outcome === 'approved'
      ? { at: review.at, label: byTimer ? `商家超时未处理，已自动同意${kind}` : `商家已同意${kind}` }
      : { at: review?.at ?? null, label: `商家拒绝了申请：${review?.reason ?? ''}` },
    {
      at: refund.returnParcel?.at ?? null,
      label: `已寄回商品：${refund.returnParcel?.carrier ?? ''} ${refund.returnParcel?.trackingNo ?? ''}`,
    },
    {
      at: refund.returnReceived?.at ?? null,
      label: refund.returnReceived?.by.startsWith('system:') ? '商家超时未确认收货，已自动退款' : '商家已确认收到退货',
    },
    { at: refund.closed?.at ?? null, label: refund.closed?.by === 'timeout' ? '超过寄回期限未寄回，售后已关闭' : '已撤销售后申请' },
    { at: refund.refundedAt, label: `退款 ${yuan(refund.amount)} 已原路退回` },
  ]
}

const TAB_STATUSES: Record<RefundCaseTab, readonly RefundStatus[]> = {
  reviewing: ['reviewing'],
  returning: ['returning'],
  returned: ['returned'],
  refunding: ['refunding'],
  done: ['refunded', 'rejected', 'cancelled'],
}

/** Cases as staff work them: the buyer's name, the order's state and the goods by name. */
export async function staffCaseViews(store: Store, refunds: readonly Refund[], settings: AfterSaleSettings): Promise<StaffCaseView[]> {
  // A page of cases: their orders are read together.
  const [members, orders] = await Promise.all([
    store.findMembers([...new Set(refunds.map((r) => r.memberId))]),
    readEach(
      refunds.map((r) => r.orderId),
      (id) => store.findOrder(id),
    ),
  ])
  const buyers = new Map(members.map((m) => [m.id, m.nickname]))
  const views: StaffCaseView[] = []
  for (const refund of refunds) {
    const order = orders.get(refund.orderId)?.order
    views.push({
      ...caseView(refund, settings),
      buyer: { memberId: refund.memberId, nickname: buyers.get(refund.memberId) ?? '已注销用户' },
      order: {
        id: refund.orderId,
        orderNo: order?.orderNo ?? refund.orderId,
        status: order?.status ?? 'closed',
        paidAt: order?.paidAt ?? null,
        shipment: order?.shipment ?? null,
      },
      goods: refund.lines.map((part) => {
        const line = order?.lines.find((l) => l.id === part.id)
        return {
          lineId: part.id,
          title: line?.title ?? '',
          specs: line?.specs ?? {},
          image: line?.image ?? '',
          quantity: line?.quantity ?? 0,
          amount: part.amount,
        }
      }),
    })
  }
  return views
}

/** Staff's after-sale queue: one stage, longest waiting first; finished cases newest first. */
export async function staffCases(
  store: Store,
  req: { tab?: RefundCaseTab; page?: number; pageSize?: number },
  now: number,
): Promise<Page<StaffCaseView>> {
  const p = paging(req.page, req.pageSize)
  const tab = req.tab ?? 'reviewing'
  const { items, total } = await store.listRefundCases({
    statuses: TAB_STATUSES[tab],
    newestFirst: tab === 'done',
    offset: p.offset,
    limit: p.pageSize,
  })
  const { settings } = await afterSaleSettings(store, now)
  return pageAt(p, await staffCaseViews(store, items, settings), total)
}

/** One case as staff see it, after they acted on it. */
export async function staffCase(store: Store, refund: Refund, now: number): Promise<StaffCaseView> {
  const { settings } = await afterSaleSettings(store, now)
  return (await staffCaseViews(store, [refund], settings))[0]
}

/** One case as its buyer sees it, after they acted on it. */
export async function buyerCase(store: Store, refund: Refund, now: number): Promise<RefundCaseView> {
  return caseView(refund, (await afterSaleSettings(store, now)).settings)
}
