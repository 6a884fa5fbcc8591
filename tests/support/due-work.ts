import type { FunctionName, OrderView, PaymentRequest, QuoteView, SharePayload } from '../../types/api'
import type { Order, OutboxMessage, Refund, Withdrawal } from '../../types/domain'
import type { Budget } from '../../cloudfunctions/src/app/job-runs'
import { jobNamed } from '../../cloudfunctions/src/app/jobs'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { changePoints, grant } from '../../cloudfunctions/src/app/points'
import { RULES_VERSION } from '../../cloudfunctions/src/core/distribution'
import { shopDay, shopDayBefore } from '../../cloudfunctions/src/core/time'
import { PAY_CALLBACK_SOURCE, onPaymentCallback } from '../../cloudfunctions/src/functions/pay-callbacks'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import type { Store } from '../../cloudfunctions/src/store/port'
import type { ShippingUpload } from '../../cloudfunctions/src/core/shipping'
import type { Platform, TransferResult } from '../../cloudfunctions/src/wechat/ports'
import { SteppedClock, T0, groupBuyDoc, member, product, sku, smallShop } from './fixtures'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** When every timer job of the shop below finds work due. */
export const NOW = T0 + 40 * DAY

/** A budget of `pieces` pieces of work per run, read in slices of `slice` rows: a tiny budget that stops at the same place every time. */
export function pieces(count: number, slice: number): Budget {
  let left = count
  return {
    more: () => {
      left -= 1
      return left >= 0
    },
    slice,
  }
}

/**
 * The local pay provider, counting what goes out to WeChat: refunds by refund number, transfers by
 * bill number, messages by id. It can also stop answering, as WeChat Pay sometimes does.
 */
export class CountingPlatform implements Platform {
  readonly sent = { refunds: new Map<string, number>(), transfers: new Map<string, number>(), messages: new Map<string, number>() }
  /** False: refunds reach nobody and stay waiting. */
  refundsAnswer = true
  /** False: transfers get no clear answer. */
  transfersAnswer = true
  private readonly local: LocalPayProvider

  constructor(store: Store, clock: SteppedClock) {
    this.local = new LocalPayProvider(store, clock)
  }

  prepay(order: Order): Promise<PaymentRequest> {
    return this.local.prepay(order)
  }

  checkText(check: Parameters<Platform['checkText']>[0]) {
    return this.local.checkText(check)
  }

  checkImage(check: Parameters<Platform['checkImage']>[0]) {
    return this.local.checkImage(check)
  }

  async refund(refund: Refund): Promise<void> {
    this.sent.refunds.set(refund.id, (this.sent.refunds.get(refund.id) ?? 0) + 1)
    if (this.refundsAnswer) await this.local.refund(refund)
  }

  uploadShipping(upload: ShippingUpload): Promise<void> {
    return this.local.uploadShipping(upload)
  }

  async transfer(withdrawal: Withdrawal): Promise<TransferResult> {
    this.sent.transfers.set(withdrawal.id, (this.sent.transfers.get(withdrawal.id) ?? 0) + 1)
    if (!this.transfersAnswer) throw Object.assign(new Error('转账服务无应答'), { uncertain: true })
    return this.local.transfer(withdrawal)
  }

  async sendMessage(message: OutboxMessage): Promise<boolean> {
    this.sent.messages.set(message.id, (this.sent.messages.get(message.id) ?? 0) + 1)
    return this.local.sendMessage()
  }

  shareQr(target: { scene: string; page: string; path: string }): Promise<SharePayload['qr']> {
    return this.local.shareQr(target)
  }

  readImage(ref: string): Promise<Uint8Array | null> {
    return this.local.readImage(ref)
  }

  /** Counting starts again (what the shop's history sent is not the jobs' doing). */
  forget(): void {
    for (const counts of Object.values(this.sent)) counts.clear()
  }
}

export const BUYERS = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8']
/** V3 members since long ago: their kept tier is due for review. */
const VETERANS = ['r1', 'r2', 'r3', 'r4']
/** V4 members whose birthday is NOW's day. */
const BIRTHDAYS = ['g1', 'g2', 'g3']
export const MEMBERS = ['brand', 'v1', 'v4', 'koc', ...BUYERS, ...VETERANS, ...BIRTHDAYS]
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

/**
 * A shop, built the same way every time, in which every timer job finds more work due at NOW than a
 * tiny budget allows: unpaid orders past their deadline, parcels shipped 10 days ago, orders past
 * their after-sale window (one with a case open), a month of order events for the outbox readers,
 * commission lines due (one waiting for its case), failed teams to refund, withdrawals and refunds
 * without an answer, cases nobody reviewed, expired points, veterans due for review, birthdays
 * today, and visits yesterday and today.
 */
export async function shopWithDueWork(store: Store): Promise<{ clock: SteppedClock; platform: CountingPlatform }> {
  const clock = new SteppedClock(NOW - 30 * DAY)
  const platform = new CountingPlatform(store, clock)
  const at = (instant: number) => clock.advance(instant - clock.now())
  async function call<T>(fn: FunctionName, action: string, data: unknown, memberId: string | null): Promise<T> {
    const result = await dispatch(FUNCTIONS[fn], { action, data }, { store, pay: platform, now: clock.now(), memberId })
    if (!result.ok) throw new Error(`${fn}.${action} as ${memberId}: ${result.code}: ${result.message}`)
    return result.data as T
  }
  const run = (job: string) => jobNamed(job).run(store, clock.now(), platform)
  let requests = 0
  const requestId = () => `request-${String((requests += 1)).padStart(4, '0')}`
  let touches = 0
  const touch = (memberId: string | null, extra: Record<string, unknown> = {}) =>
    call(
      'catalog',
      'touch',
      { entryId: `entry-${String((touches += 1)).padStart(4, '0')}`, scene: 1047, path: 'pages/home/index', ...extra },
      memberId,
    )
  const share = (buyer: string) => touch(buyer, { scene: 1007, shareCode: 'KOCCODE2', productId: 'p1' })
  /** A deterministic payment notice (the local provider draws random transaction ids). */
  async function pay(orderId: string): Promise<void> {
    const { order } = (await store.findOrder(orderId))!
    const notice = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: orderId,
      transactionId: `4200${orderId.slice(1, 25)}`,
      totalFee: order.payable,
    }
    await onPaymentCallback(store, platform, notice, PAY_CALLBACK_SOURCE, clock.now())
  }
  async function place(buyer: string, items = [{ skuId: 'p1-s1', quantity: 1 }]): Promise<string> {
    const q = await call<QuoteView>('order', 'quote', { items }, buyer)
    const { order } = await call<{ order: OrderView }>(
      'order',
      'create',
      { requestId: requestId(), items, address, expectedPayable: q.payable },
      buyer,
    )
    return order.id
  }
  async function bought(buyer: string, items?: { skuId: string; quantity: number }[]): Promise<string> {
    const id = await place(buyer, items)
    await pay(id)
    return id
  }
  const ship = (orderId: string) => call('order', 'ship', { orderId, carrier: '中通快递', trackingNo: '730000000001' }, 'brand')
  const receive = (orderId: string, buyer: string) => call('order', 'confirmReceipt', { orderId }, buyer)
  const askRefund = (orderId: string, buyer: string) => call('order', 'requestRefund', { orderId, reason: '不想要了' }, buyer)

  await smallShop(store)
  await store.putProduct(product('p1', { title: '明前龙井', sort: 1, skus: [sku('p1', 1, 12800, 500)] }))
  await store.putProduct(product('p3', { title: '抹茶酥', categoryId: 'c-snack', sort: 3, skus: [sku('p3', 1, 2990, 500)] }))
  await store.putSettings('distribution', { minWithdraw: 100 })
  await saveMember(store, member('koc', 3, { shareCode: 'KOCCODE2' }))
  for (const id of BUYERS) await saveMember(store, member(id))
  for (const id of VETERANS) await saveMember(store, member(id, 3, { createdAt: NOW - 400 * DAY }))
  for (const id of BIRTHDAYS) await saveMember(store, member(id, 4))
  for (const id of [...BIRTHDAYS, 'b8']) await store.setBirthday(id, shopDay(NOW).slice(5))
  await call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, 'koc')
  await call('distribution', 'approve', { memberId: 'koc' }, 'brand')
  // Points granted long ago have expired by now; a recent grant has not.
  for (const [n, id] of VETERANS.entries()) {
    const key = `opening:${id}`
    await changePoints(store, id, key, (s) =>
      grant(s, { id: key, source: 'adjustment', ref: 'opening', amount: 100 * (n + 1), at: NOW - 400 * DAY, note: '开户赠送' }),
    )
  }
  await changePoints(store, 'r1', 'recent:r1', (s) =>
    grant(s, { id: 'recent:r1', source: 'adjustment', ref: 'recent', amount: 30, at: NOW - 10 * DAY, note: '补偿' }),
  )

  // A month ago: two buyers from the distributor's share, received at once, their commission settled later.
  for (const id of BUYERS.slice(0, 6)) await share(id)
  for (const buyer of ['b1', 'b2']) {
    const id = await bought(buyer, [
      { skuId: 'p1-s1', quantity: 1 },
      { skuId: 'p3-s1', quantity: 1 },
    ])
    await ship(id)
    await receive(id, buyer)
  }
  await run('commissionsFromOrders')
  await run('pointsFromOrders')
  at(NOW - 22 * DAY)
  await run('orderComplete')
  await run('pointsFromOrders')
  await run('commissionSettlement')

  // Twelve days ago: shared again; two parcels that nobody confirms, two received and one case opened on them.
  at(NOW - 12 * DAY)
  for (const id of ['b3', 'b4', 'b5', 'b6']) await share(id)
  for (const buyer of ['b3', 'b4']) await ship(await bought(buyer))
  const received: [string, string][] = []
  for (const buyer of ['b5', 'b6', 'b7']) {
    const id = await bought(buyer, [
      { skuId: 'p1-s1', quantity: 1 },
      { skuId: 'p3-s1', quantity: 2 },
    ])
    await ship(id)
    received.push([id, buyer])
  }
  at(NOW - 10 * DAY)
  for (const [id, buyer] of received) await receive(id, buyer)
  await run('commissionsFromOrders')
  await run('pointsFromOrders')

  // Four days ago: cases nobody reviews, one on a received order.
  at(NOW - 4 * DAY)
  await askRefund(received[1][0], 'b6')
  for (const buyer of ['b8', 'b1']) {
    const id = await bought(buyer, [{ skuId: 'p3-s1', quantity: 1 }])
    await ship(id)
    await askRefund(id, buyer)
  }

  // Two days ago: three teams open and none fills; their members asked to hear how it ends.
  at(NOW - 2 * DAY)
  await store.putGroupBuy(groupBuyDoc({ startAt: NOW - 30 * DAY, endAt: NOW + 30 * DAY }))
  for (const leader of ['b2', 'b3', 'b4']) {
    const { order } = await call<{ order: OrderView }>(
      'groupbuy',
      'open',
      { campaignId: 'gb1', skuId: 'p1-s1', requestId: requestId(), address, expectedPayable: 9_900, subscribe: true },
      leader,
    )
    await pay(order.id)
  }

  // Yesterday: visits.
  at(NOW - 25 * HOUR)
  await touch('b1')
  await touch(null)
  await touch('b7', { scene: 1007, shareCode: 'KOCCODE2' })

  // Two hours ago: refunds and withdrawals WeChat Pay never answered.
  at(NOW - 2 * HOUR)
  platform.refundsAnswer = false
  for (const buyer of ['b5', 'b7', 'b8']) await askRefund(await bought(buyer, [{ skuId: 'p3-s1', quantity: 1 }]), buyer)
  platform.refundsAnswer = true
  platform.transfersAnswer = false
  for (let n = 1; n <= 3; n += 1) await call('distribution', 'withdraw', { amount: 100, requestId: `withdraw-000${n}` }, 'koc')
  platform.transfersAnswer = true

  // An hour ago: orders never paid, and more visits.
  at(NOW - HOUR)
  for (const buyer of ['b1', 'b2', 'b3', 'b4']) await place(buyer, [{ skuId: 'p3-s1', quantity: 1 }])
  for (const who of ['b1', 'b2', null, null]) await touch(who)
  await touch('b3', { scene: 1154, postId: 'post1' })
  at(NOW)
  return { clock, platform }
}

/** Every page of a paged read. */
async function all<T>(read: (offset: number, limit: number) => Promise<{ items: T[] }>): Promise<T[]> {
  const items: T[] = []
  for (;;) {
    const page = await read(items.length, 100)
    items.push(...page.items)
    if (page.items.length < 100) return items
  }
}

/** The shop's books, read through the store port: what two shops that did the same work must agree on. */
export async function books(store: Store) {
  const orderIds = (await all((offset, limit) => store.listOrders({ offset, limit }))).map((o) => o.id).sort()
  const orders = await Promise.all(orderIds.map(async (id) => ({ ...(await store.findOrder(id))!, refunds: await store.listRefunds(id) })))
  const members = await Promise.all(
    MEMBERS.map(async (id) => ({
      id,
      points: await store.findPoints(id),
      ledger: await all((offset, limit) => store.listLedger(id, offset, limit)),
      tier: await store.findTierStatus(id),
      tierChanges: await store.listTierChanges(id),
      growth: await store.growthBetween(id, 0, NOW + 1),
      tags: await store.findMemberTags(id),
    })),
  )
  const today = shopDay(NOW)
  return {
    orders,
    events: await store.listEvents(0, 10_000),
    members,
    commissions: {
      lines: await all((offset, limit) => store.listCommissionLines({ distributorId: 'koc', offset, limit })),
      state: await store.findCommissions('koc', { lineIds: [] }),
      entries: await store.listCommissionEntries('koc'),
      withdrawals: await all((offset, limit) => store.listWithdrawals('koc', offset, limit)),
    },
    teams: await all((offset, limit) =>
      store.listTeams({ campaignId: 'gb1', statuses: ['opening', 'forming', 'succeeded', 'failed', 'cancelled'], offset, limit }),
    ),
    seatsTaken: await store.seatsTaken('gb1'),
    skus: await store.findSkus(['p1-s1', 'p3-s1']),
    channelDays: await store.listChannelDays(shopDayBefore(today, 1), today),
    messages: await all((offset, limit) => store.listMessages(offset, limit)),
  }
}
