import type { AuditEntryView } from '../../../types/api'
import type { AuditEntry } from '../../../types/domain'
import type { Store } from '../store/port'

const titleOf = (doc: unknown): string | null =>
  typeof doc === 'object' && doc !== null && typeof (doc as { title?: unknown }).title === 'string'
    ? (doc as { title: string }).title
    : null

const orderName = async (store: Store, id: string) => {
  const order = (await store.findOrder(id))?.order
  return order ? `订单 ${order.orderNo ?? order.id}` : null
}

/** What an entry changed, by the name staff know it by; the stored reference when the record is gone. */
async function targetName(store: Store, entry: AuditEntry): Promise<string> {
  const [kind] = entry.action.split(':')
  const { target } = entry
  const name = await (async (): Promise<string | null> => {
    if (kind === 'order') return orderName(store, target)
    if (kind === 'refund') {
      const refund = await store.findRefund(target)
      return refund ? `${(await orderName(store, refund.orderId)) ?? '订单'} 的售后` : null
    }
    if (kind === 'redeemItem') return (await store.findRedeemItem(target))?.title ?? null
    if (kind === 'redemption') return (await store.findRedemption(target))?.title ?? null
    if (kind === 'post') return (await store.findPost(target))?.title ?? null
    if (kind === 'topic') return `#${(await store.findTopic(target))?.name ?? target}`
    if (kind === 'comment') {
      const comment = await store.findComment(target)
      return comment ? `评论「${comment.text.slice(0, 20)}」` : null
    }
    if (kind === 'distributor' || kind === 'staff' || kind === 'points' || kind === 'creator')
      return (await store.findMember(target))?.nickname ?? null
    if (kind === 'groupbuy') return titleOf(await store.findGroupBuy(target))
    if (kind === 'killSwitch') return '全部活动'
    if (kind === 'settings')
      return ({ tiers: '会员等级设置', distribution: '分销设置', afterSale: '售后设置' } as Record<string, string>)[target] ?? null
    if (entry.action === 'distribution:defaultRate') return '默认佣金比例'
    if (kind === 'product') return (await store.findProduct(target))?.title ?? null
    if (kind === 'category') return (await store.listCategories()).find((c) => c.id === target)?.name ?? null
    if (kind === 'stock') {
      const [sku] = await store.findSkus([target])
      const product = sku && (await store.findProduct(sku.productId))
      return product ? `${product.title}（${Object.values(sku.specs).join(' ')}）` : null
    }
    if (entry.action === 'distribution:productRate') return (await store.findProduct(target))?.title ?? null
    return titleOf(await store.findCampaign(target))
  })()
  return name ?? target
}

/** Entries with who acted and what they changed by name. */
export async function nameAuditEntries(store: Store, entries: readonly AuditEntry[]): Promise<AuditEntryView[]> {
  const actors = new Map((await store.findMembers([...new Set(entries.map((e) => e.actor))])).map((m) => [m.id, m.nickname]))
  const views: AuditEntryView[] = []
  for (const entry of entries) {
    const actorName = actors.get(entry.actor) ?? (entry.actor === 'ops-cli' ? '命令行' : entry.actor)
    views.push({ ...entry, actorName, targetName: await targetName(store, entry) })
  }
  return views
}
