import { createHash } from 'node:crypto'
import type {
  AttributedOrderView,
  CommissionLineView,
  DistributorAdminView,
  DistributorDashboard,
  DistributorStatusView,
  Page,
  SharePayload,
  WithdrawalQuote,
  WithdrawalView,
} from '../../../types/api'
import type {
  CommissionLine,
  CommissionStatus,
  DomainEvent,
  Distributor,
  DistributorStatus,
  Member,
  Order,
  Withdrawal,
} from '../../../types/domain'
import { paging } from '../core/catalog'
import { COMMISSION_CAP_BPS, bindOnTouch, extendOnOrder } from '../core/commission'
import {
  DISTRIBUTION_RULES,
  RULES_VERSION,
  freezeLine,
  maskedBuyer,
  openCommissionLines,
  quoteWithdrawal,
  readDistributionSettings,
  refundLine,
  clawBack,
  settleLines,
  shopMonth,
  transferFailed,
  transferSent,
  withdraw,
} from '../core/distribution'
import { lowestPrice } from '../core/catalog'
import { shopDay, shopDayBefore, shopDayBounds } from '../core/time'
import type { CommissionState, Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { saveMember } from './members'
import { consumeOutbox } from './order-events'
import type { PayProvider } from './pay'
import { distributionSettings } from './settings'

const DAY = 86_400_000

/** Approved or frozen: a distributor either way, so their own purchases never earn commission. */
const isDistributor = (d: Distributor | null) => d !== null && (d.status === 'approved' || d.status === 'frozen')

async function statusView(store: Store, d: Distributor | null, now: number): Promise<DistributorStatusView> {
  const { settings } = await distributionSettings(store, now)
  return {
    status: d?.status ?? null,
    code: d && isDistributor(d) ? d.code : null,
    appliedAt: d?.appliedAt ?? null,
    decidedAt: d?.decidedAt ?? null,
    note: d?.note ?? '',
    autoApprove: settings.autoApprove,
    rules: DISTRIBUTION_RULES,
  }
}

export async function distributorStatus(store: Store, member: Member, now: number): Promise<DistributorStatusView> {
  return statusView(store, await store.findDistributor(member.id), now)
}

/** Gives or takes the member's distributor role, so the app can show what distributors see. */
async function setRole(store: Store, memberId: string, on: boolean): Promise<void> {
  const member = await store.findMember(memberId)
  if (!member || member.roles.includes('distributor') === on) return
  const roles = on ? [...member.roles, 'distributor' as const] : member.roles.filter((r) => r !== 'distributor')
  await saveMember(store, { ...member, roles })
}

/**
 * A member applies: free, with an 18+ declaration and agreement to the current rules, nothing else.
 * Applying again while pending or approved answers the standing as it is; after a rejection it is
 * a new application.
 */
export async function applyForDistribution(
  store: Store,
  member: Member,
  req: { attestAdult: boolean; rulesVersion: string },
  now: number,
): Promise<DistributorStatusView> {
  if (req.attestAdult !== true) throw new AppError('ATTESTATION_REQUIRED', '分销员须年满 18 周岁，请确认后再申请')
  if (req.rulesVersion !== RULES_VERSION) throw new AppError('RULES_CHANGED', '分销规则已更新，请重新阅读后再申请')
  const { settings } = await distributionSettings(store, now)
  const current = await store.findDistributor(member.id)
  if (current?.status === 'frozen') throw new AppError('DISTRIBUTOR_FROZEN', `分销资格已冻结${current.note ? `：${current.note}` : ''}`)
  if (current && current.status !== 'rejected') return statusView(store, current, now)
  const next: Distributor = {
    memberId: member.id,
    status: settings.autoApprove ? 'approved' : 'pending',
    code: member.shareCode,
    attestedAdult: true,
    rulesVersion: req.rulesVersion,
    appliedAt: now,
    decidedAt: settings.autoApprove ? now : null,
    note: '',
  }
  if (!(await store.saveDistributor(next, current?.status ?? null))) return distributorStatus(store, member, now)
  if (next.status === 'approved') await setRole(store, member.id, true)
  return statusView(store, next, now)
}

async function adminView(store: Store, d: Distributor): Promise<DistributorAdminView> {
  const member = await store.findMember(d.memberId)
  return {
    memberId: d.memberId,
    nickname: member?.nickname ?? '',
    status: d.status,
    code: d.code,
    appliedAt: d.appliedAt,
    decidedAt: d.decidedAt,
    note: d.note,
  }
}

/** Moves a distributor from one of `from` to `to`, compare-and-set; the same move twice answers the result. */
async function decide(
  store: Store,
  memberId: string,
  from: readonly DistributorStatus[],
  to: DistributorStatus,
  note: string,
  now: number,
  actor: string,
): Promise<DistributorAdminView> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await store.findDistributor(memberId)
    if (!current) throw new AppError('DISTRIBUTOR_NOT_FOUND', '没有这位分销员的申请')
    if (current.status === to) return adminView(store, current)
    if (!from.includes(current.status)) throw new AppError('APPLICATION_STATE', `当前状态（${current.status}）不能执行此操作`)
    const next = { ...current, status: to, decidedAt: now, note }
    if (await store.saveDistributor(next, current.status)) {
      await setRole(store, memberId, to === 'approved' || to === 'frozen')
      await recordAudit(store, actor, `distributor:${to}`, memberId, current, next, now)
      return adminView(store, next)
    }
  }
  throw new AppError('BUSY', '分销员状态正在变化，请稍后再试')
}

export const approveDistributor = (store: Store, memberId: string, now: number, actor: string) =>
  decide(store, memberId, ['pending', 'rejected'], 'approved', '', now, actor)
export const rejectDistributor = (store: Store, memberId: string, reason: string, now: number, actor: string) =>
  decide(store, memberId, ['pending'], 'rejected', reason, now, actor)

/** Frozen: no new bindings or attributions, settlement and withdrawals paused; unfreezing restores them. */
export function freezeDistributor(store: Store, memberId: string, frozen: boolean, reason: string, now: number, actor: string) {
  return frozen
    ? decide(store, memberId, ['approved'], 'frozen', reason, now, actor)
    : decide(store, memberId, ['frozen'], 'approved', '', now, actor)
}

export async function listDistributors(
  store: Store,
  req: { status?: DistributorStatus; page?: number; pageSize?: number },
): Promise<Page<DistributorAdminView>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listDistributors({ status: req.status, offset: p.offset, limit: p.pageSize })
  return {
    items: await Promise.all(items.map((d) => adminView(store, d))),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

/**
 * Operators set the default rate and per-product rates. Values above the 30% cap are stored as
 * asked (the console could hold them anyway), used clamped, and reported back.
 */
export async function setRates(
  store: Store,
  req: { defaultBps?: number; products?: { productId: string; bps: number | null }[] },
  now: number,
  actor: string,
): Promise<{ defaultBps: number; products: { productId: string; bps: number | null }[]; clamped: string[] }> {
  const clamped: string[] = []
  const products = req.products ?? []
  const found = await store.findProducts(products.map((p) => p.productId))
  for (const p of products) {
    if (!found.some((f) => f.id === p.productId)) throw new AppError('PRODUCT_NOT_FOUND', `没有商品 ${p.productId}`)
  }
  if (req.defaultBps !== undefined) {
    const doc = await store.findSettings('distribution')
    const root = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : {}
    await store.putSettings('distribution', { ...root, defaultBps: req.defaultBps })
    await recordAudit(store, actor, 'distribution:defaultRate', 'settings/distribution', doc, { ...root, defaultBps: req.defaultBps }, now)
    if (req.defaultBps > COMMISSION_CAP_BPS) clamped.push(`默认佣金比例 ${req.defaultBps / 100}% 超过上限，按 30% 执行`)
  }
  for (const p of products) {
    const product = found.find((f) => f.id === p.productId)!
    await store.putProduct({ ...product, commissionBps: p.bps })
    await recordAudit(
      store,
      actor,
      'distribution:productRate',
      product.id,
      { commissionBps: product.commissionBps },
      { commissionBps: p.bps },
      now,
    )
    if (p.bps !== null && p.bps > COMMISSION_CAP_BPS) clamped.push(`「${product.title}」佣金比例 ${p.bps / 100}% 超过上限，按 30% 执行`)
  }
  // Read back as the rules will use it (the cached copy catches up within a minute).
  const { settings } = readDistributionSettings(await store.findSettings('distribution'))
  return { defaultBps: settings.defaultBps, products, clamped }
}

/**
 * A signed-in buyer opened something a member shared: when that member is an approved distributor,
 * the buyer binds to them unless already bound inside the window (first touch wins). No one binds to
 * themselves and distributors are never bound. Races are settled by compare-and-set.
 */
export async function bindFromShare(store: Store, buyer: Member, sharer: Member, now: number): Promise<boolean> {
  if (sharer.id === buyer.id) return false
  const [distributor, buyerAsDistributor] = await Promise.all([store.findDistributor(sharer.id), store.findDistributor(buyer.id)])
  if (distributor?.status !== 'approved' || isDistributor(buyerAsDistributor)) return false
  const { settings } = await distributionSettings(store, now)
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await store.findBinding(buyer.id)
    const next = bindOnTouch(current, sharer.id, { id: buyer.id, isDistributor: false }, now, settings.bindingDays * DAY)
    if (!next || next === current) return false
    if (await store.saveBinding(current, { buyerId: buyer.id, ...next })) return true
  }
  return false
}

/** The distributor an order by this buyer is attributed to now, or null. */
export async function attributionFor(store: Store, buyer: Member, now: number): Promise<string | null> {
  const binding = await store.findBinding(buyer.id)
  if (!binding || binding.expiresAt <= now || binding.distributorId === buyer.id) return null
  const [distributor, buyerAsDistributor] = await Promise.all([
    store.findDistributor(binding.distributorId),
    store.findDistributor(buyer.id),
  ])
  return distributor?.status === 'approved' && !isDistributor(buyerAsDistributor) ? binding.distributorId : null
}

/** An attributed order extends the buyer's binding to a full window from the order. */
export async function extendBinding(store: Store, buyerId: string, now: number): Promise<void> {
  const { settings } = await distributionSettings(store, now)
  const current = await store.findBinding(buyerId)
  const next = extendOnOrder(current, now, settings.bindingDays * DAY)
  // Losing this race only means another change to the binding won; the order is attributed either way.
  if (current && next && next !== current && next.expiresAt !== current.expiresAt) await store.saveBinding(current, { buyerId, ...next })
}

const lineIdsOf = (order: Order, distributorId: string) =>
  order.lines.filter((l) => l.distributorId === distributorId).map((l) => `cm-${l.id}`)

/** Opens the order's commission lines once (a line that exists is left alone). */
async function openForOrder(store: Store, order: Order, now: number): Promise<void> {
  if (order.paidAt === null) return
  const distributors = [...new Set(order.lines.map((l) => l.distributorId).filter((d): d is string => typeof d === 'string'))]
  if (distributors.length === 0) return
  const { settings } = await distributionSettings(store, now)
  const products = await store.findProducts([...new Set(order.lines.map((l) => l.productId))])
  const rates = new Map(products.map((p) => [p.id, p.commissionBps]))
  for (const distributorId of distributors) {
    const ids = lineIdsOf(order, distributorId)
    await store.updateCommissions(distributorId, { lineIds: ids }, (state) => {
      const missing = openCommissionLines(order, distributorId, rates, settings.defaultBps, now).filter(
        (l) => !state.lines.some((s) => s.id === l.id),
      )
      return missing.length === 0 ? null : { account: state.account, lines: missing, withdrawals: [], entries: [] }
    })
  }
}

/**
 * The commission ledger's reading of the order outbox: paid -> lines opened pending; received ->
 * frozen until 7 days later; a refunded line -> its commission shrinks or voids, or is clawed back
 * when it was already available. Every step is decided from absolute figures, so rereading is harmless.
 */
export async function applyOrderEventsToCommissions(store: Store, now: number): Promise<{ events: number }> {
  return consumeOutbox(store, 'commissions', (event) => applyEvent(store, event, now))
}

async function applyEvent(store: Store, event: DomainEvent, now: number): Promise<void> {
  if (event.type === 'order.cancelled' || event.type === 'order.completed') return
  const found = await store.findOrder(event.orderId)
  if (!found || found.order.paidAt === null) return
  const { order } = found
  if (!order.lines.some((l) => typeof l.distributorId === 'string')) return
  // Events of one instant may be read in any order: every event first makes sure the lines exist.
  await openForOrder(store, order, now)
  if (event.type === 'order.received' && order.receivedAt !== null) {
    for (const distributorId of new Set(order.lines.map((l) => l.distributorId).filter((d): d is string => typeof d === 'string'))) {
      await store.updateCommissions(distributorId, { lineIds: lineIdsOf(order, distributorId) }, (state) => {
        const frozen = state.lines.map((l) => freezeLine(l, order.receivedAt!)).filter((l): l is CommissionLine => l !== null)
        return frozen.length === 0 ? null : { account: state.account, lines: frozen, withdrawals: [], entries: [] }
      })
    }
  }
  if (event.type === 'order.line_refunded') {
    const orderLine = order.lines.find((l) => l.id === event.payload.lineId)
    if (!orderLine || typeof orderLine.distributorId !== 'string') return
    await store.updateCommissions(orderLine.distributorId, { lineIds: [`cm-${orderLine.id}`] }, (state) => {
      const line = state.lines[0]
      const change = line && refundLine(line, orderLine.refundedAmount, now)
      if (!change) return null
      const taken =
        change.clawback > 0 ? clawBack(state.account, change.line, change.clawback, now) : { account: state.account, entries: [] }
      return { account: taken.account, lines: [change.line], withdrawals: [], entries: taken.entries }
    })
  }
}

const SETTLE_BATCH = 5_000

/**
 * The settlement job: reads the outbox first (so receipts are frozen), then makes every frozen line
 * whose 7 days are over available — unless its order line has an after-sale case open or its
 * distributor is frozen; those wait for a later run.
 */
export async function settleCommissions(store: Store, now: number): Promise<{ settled: number; amount: number; waiting: number }> {
  await applyOrderEventsToCommissions(store, now)
  let after: { at: number; id: string } | null = null
  let settled = 0
  let amount = 0
  let waiting = 0
  const standing = new Map<string, boolean>()
  for (;;) {
    const due = await store.dueCommissionLines(now, after, SETTLE_BATCH)
    if (due.length === 0) break
    const last = due[due.length - 1]
    after = { at: last.availableAt!, id: last.id }
    const orders = new Map<string, Order | null>()
    const byDistributor = new Map<string, string[]>()
    for (const line of due) {
      if (!standing.has(line.distributorId))
        standing.set(line.distributorId, (await store.findDistributor(line.distributorId))?.status === 'approved')
      if (!orders.has(line.orderId)) orders.set(line.orderId, (await store.findOrder(line.orderId))?.order ?? null)
      const orderLine = orders.get(line.orderId)?.lines.find((l) => l.id === line.orderLineId)
      if (!standing.get(line.distributorId) || !orderLine || orderLine.status === 'refunding') {
        waiting += 1
        continue
      }
      byDistributor.set(line.distributorId, [...(byDistributor.get(line.distributorId) ?? []), line.id])
    }
    await store.updateCommissionsBatch(
      [...byDistributor].map(([distributorId, lineIds]) => ({
        distributorId,
        read: { lineIds },
        decide: (state: CommissionState) => {
          const decision = settleLines(state.account, state.lines, now)
          if (decision) {
            settled += decision.lines.length
            amount += decision.lines.reduce((sum, l) => sum + l.amount, 0)
          }
          return decision
        },
      })),
    )
    if (due.length < SETTLE_BATCH) break
  }
  return { settled, amount, waiting }
}

async function activeDistributor(store: Store, member: Member): Promise<Distributor> {
  const d = await store.findDistributor(member.id)
  if (!d || (d.status !== 'approved' && d.status !== 'frozen')) throw new AppError('NOT_DISTRIBUTOR', '还不是分销员，请先申请')
  return d
}

/** The poster and card of a product with the distributor's code. */
export async function sharePayload(store: Store, pay: PayProvider, member: Member, productId: string): Promise<SharePayload> {
  const d = await activeDistributor(store, member)
  if (d.status === 'frozen') throw new AppError('DISTRIBUTOR_FROZEN', '分销资格已冻结，暂不能生成推广海报')
  const product = await store.findProduct(productId)
  if (!product || product.status !== 'on') throw new AppError('PRODUCT_NOT_FOUND', '商品不存在或已下架')
  const page = 'packages/product/detail/index'
  const path = `/${page}?id=${encodeURIComponent(product.id)}&sc=${d.code}`
  const scene = `${d.code}_${product.id}`
  if (scene.length > 32) throw new AppError('INVALID_PAYLOAD', '商品编号过长，不能生成小程序码')
  return {
    code: d.code,
    productId: product.id,
    title: product.title,
    path,
    image: product.images[0] ?? '',
    price: lowestPrice(product.skus),
    scene,
    qr: await pay.shareQr({ scene, page, path }),
  }
}

export async function dashboard(store: Store, member: Member, now: number): Promise<DistributorDashboard> {
  const d = await activeDistributor(store, member)
  const { settings } = await distributionSettings(store, now)
  const today = shopDay(now)
  const firstDay = shopDayBefore(today, 29)
  const monthStart = shopDayBounds(`${shopMonth(now)}-01`).start
  const seriesStart = shopDayBounds(firstDay).start
  const [state, inFlight, lines] = await Promise.all([
    store.findCommissions(d.memberId, { lineIds: [] }),
    store.commissionInFlight(d.memberId),
    store.commissionLinesPaidBetween(d.memberId, Math.min(seriesStart, monthStart), shopDayBounds(today).end),
  ])
  const { account } = state
  const byDay = new Map<string, number>()
  for (const l of lines) byDay.set(shopDay(l.createdAt), (byDay.get(shopDay(l.createdAt)) ?? 0) + l.amount)
  const series = Array.from({ length: 30 }, (_, i) => {
    const day = shopDayBefore(today, 29 - i)
    return { day, amount: byDay.get(day) ?? 0 }
  })
  const monthLines = lines.filter((l) => l.createdAt >= monthStart)
  const withdrawnToday = account.day === today ? account.dayWithdrawn : 0
  return {
    code: d.code,
    status: d.status,
    pending: inFlight.pending,
    frozen: inFlight.frozen,
    available: account.available,
    processing: account.processing,
    withdrawn: account.withdrawn,
    debt: account.debt,
    month: {
      commission: monthLines.reduce((sum, l) => sum + l.amount, 0),
      orders: new Set(monthLines.map((l) => l.orderId)).size,
      withdrawn: account.month === shopMonth(now) ? account.monthIncome : 0,
    },
    series,
    withdraw: { min: settings.minWithdraw, dailyCap: settings.dailyCap, leftToday: Math.max(0, settings.dailyCap - withdrawnToday) },
    rates: { defaultBps: settings.defaultBps, capBps: COMMISSION_CAP_BPS },
  }
}

function lineView(line: CommissionLine): CommissionLineView {
  const { buyerId, distributorId, ...rest } = line
  return { ...rest, buyer: maskedBuyer(distributorId, buyerId) }
}

export async function commissionLines(
  store: Store,
  member: Member,
  req: { status?: CommissionStatus; page?: number; pageSize?: number },
): Promise<Page<CommissionLineView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listCommissionLines({
    distributorId: d.memberId,
    status: req.status,
    offset: p.offset,
    limit: p.pageSize,
  })
  return { items: items.map(lineView), page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

/** Attributed orders with a masked buyer: no name, phone or address ever leaves the server. */
export async function attributedOrders(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
): Promise<Page<AttributedOrderView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listAttributedOrders(d.memberId, p.offset, p.pageSize)
  return {
    items: items.map(({ orderId, lines }) => ({
      orderId,
      buyer: maskedBuyer(d.memberId, lines[0].buyerId),
      paidAt: lines[0].createdAt,
      lines: lines.map((l) => ({
        title: l.title,
        image: l.image,
        quantity: l.quantity,
        base: l.paidAmount - l.refundedAmount,
        commission: l.amount,
        status: l.status,
      })),
      commission: lines.reduce((sum, l) => sum + l.amount, 0),
    })),
    page: p.page,
    pageSize: p.pageSize,
    total,
    hasMore: p.offset + items.length < total,
  }
}

const withdrawalView = ({ distributorId: _d, ...rest }: Withdrawal): WithdrawalView => rest

export async function listWithdrawals(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
): Promise<Page<WithdrawalView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listWithdrawals(d.memberId, p.offset, p.pageSize)
  return { items: items.map(withdrawalView), page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

/** The withdrawal id for a distributor's request: a retried request lands on the same withdrawal. */
export function withdrawalIdFor(distributorId: string, requestId: string): string {
  return `wd${createHash('sha256').update(`${distributorId}\u0000${requestId}`).digest('hex').slice(0, 24)}`
}

/**
 * A withdrawal: `preview` answers the tax and what arrives, changing nothing. Otherwise the amount
 * leaves the available balance in one atomic step (once per request id) and goes out by transfer;
 * a transfer the provider refuses returns it.
 */
export async function requestWithdrawal(
  store: Store,
  pay: PayProvider,
  member: Member,
  req: { amount: number; requestId: string; preview?: boolean },
  now: number,
): Promise<{ quote: WithdrawalQuote; withdrawal: WithdrawalView | null }> {
  const d = await activeDistributor(store, member)
  const id = withdrawalIdFor(d.memberId, req.requestId)
  const existing = await store.findWithdrawal(id)
  if (existing)
    return {
      quote: { amount: existing.amount, tax: existing.tax, net: existing.net, monthIncome: 0 },
      withdrawal: withdrawalView(existing),
    }
  if (d.status === 'frozen') throw new AppError('DISTRIBUTOR_FROZEN', `分销资格已冻结，暂不能提现${d.note ? `：${d.note}` : ''}`)
  const { settings } = await distributionSettings(store, now)
  const state = await store.findCommissions(d.memberId, { lineIds: [] })
  const check = withdraw(state.account, { id, amount: req.amount }, settings, now)
  if ('code' in check) throw new AppError(check.code, check.message)
  const quote = quoteWithdrawal(state.account, req.amount, now)
  if (req.preview) return { quote, withdrawal: null }

  let taken: Withdrawal | null = null
  await store.updateCommissions(d.memberId, { lineIds: [], withdrawalId: id }, (s) => {
    if (s.withdrawal) {
      taken = s.withdrawal
      return null
    }
    const decision = withdraw(s.account, { id, amount: req.amount }, settings, now)
    if ('code' in decision) throw new AppError(decision.code, decision.message)
    taken = decision.withdrawals[0]
    return decision
  })
  const withdrawal = await sendTransfer(store, pay, taken!, now)
  return {
    quote: { amount: withdrawal.amount, tax: withdrawal.tax, net: withdrawal.net, monthIncome: quote.monthIncome },
    withdrawal: withdrawalView(withdrawal),
  }
}

/** Sends a processing withdrawal out; the provider's answer is recorded at once. */
async function sendTransfer(store: Store, pay: PayProvider, withdrawal: Withdrawal, now: number): Promise<Withdrawal> {
  if (withdrawal.status !== 'processing') return withdrawal
  let outcome:
    | { paid: true; transferId: string }
    | { paid: false; reason: string }
    | { waiting: true; transferId: string; packageInfo: string | null }
  try {
    const result = await pay.transfer(withdrawal, now)
    outcome =
      result.state === 'paid'
        ? { paid: true, transferId: result.transferId }
        : { waiting: true, transferId: result.transferId, packageInfo: result.packageInfo }
  } catch (error) {
    // No clear answer is not a refusal: the transfer may have gone through, so the withdrawal stays
    // processing until the provider's callback (or a resend under the same bill number) settles it.
    if ((error as { uncertain?: unknown } | null)?.uncertain === true) return withdrawal
    outcome = { paid: false, reason: error instanceof Error ? error.message : String(error) }
  }
  if ('waiting' in outcome) {
    const { transferId, packageInfo } = outcome
    await store.updateCommissions(withdrawal.distributorId, { lineIds: [], withdrawalId: withdrawal.id }, (s) =>
      s.withdrawal ? transferSent(s.account, s.withdrawal, { transferId, paid: false, packageInfo }, now) : null,
    )
    return (await store.findWithdrawal(withdrawal.id))!
  }
  return (await completeWithdrawal(store, withdrawal.id, outcome, now))!
}

/** A withdrawal debited this long ago and still without a transfer is sent again. */
export const RESEND_AFTER_MS = 10 * 60_000

/**
 * Withdrawals taken from the balance whose transfer never reached the provider (a crash or an
 * unclear answer in between) are sent again under the same bill number, which the provider pays at
 * most once. Those waiting for the payee's confirmation are left to the transfer callback.
 */
export async function resendWithdrawals(store: Store, pay: PayProvider, now: number): Promise<{ resent: number; paid: number }> {
  let resent = 0
  let paid = 0
  for (const withdrawal of await store.processingWithdrawals(now - RESEND_AFTER_MS, 200)) {
    if (withdrawal.transferId !== null) continue
    resent += 1
    if ((await sendTransfer(store, pay, withdrawal, now)).status === 'paid') paid += 1
  }
  return { resent, paid }
}

/** The provider's final word on a transfer (the transfer callback in production): recorded once. */
export async function completeWithdrawal(
  store: Store,
  withdrawalId: string,
  outcome: { paid: true; transferId: string } | { paid: false; reason: string },
  now: number,
): Promise<Withdrawal | null> {
  const found = await store.findWithdrawal(withdrawalId)
  if (!found) return null
  await store.updateCommissions(found.distributorId, { lineIds: [], withdrawalId }, (s) => {
    if (!s.withdrawal) return null
    return outcome.paid
      ? transferSent(s.account, s.withdrawal, { transferId: outcome.transferId, paid: true }, now)
      : transferFailed(s.account, s.withdrawal, outcome.reason, now)
  })
  return store.findWithdrawal(withdrawalId)
}

/** For reconciliation and tests: every distributor whose balance differs from their ledger. */
export async function reconcileCommissions(
  store: Store,
): Promise<{ checked: number; mismatches: { distributorId: string; available: number; ledgerSum: number }[] }> {
  let after = ''
  let checked = 0
  const mismatches: { distributorId: string; available: number; ledgerSum: number }[] = []
  for (;;) {
    const batch = await store.commissionTotals(after, 500)
    if (batch.length === 0) return { checked, mismatches }
    checked += batch.length
    mismatches.push(...batch.filter((t) => t.available !== t.ledgerSum))
    after = batch[batch.length - 1].distributorId
  }
}
