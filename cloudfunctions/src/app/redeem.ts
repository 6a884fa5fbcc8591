import { createHash } from 'node:crypto'
import type { AddressInput, Page, RedeemItemView } from '../../../types/api'
import type { ErrorCode } from '../../../types/errors'
import type { Member, RedeemItem, RedeemItemKind, Redemption } from '../../../types/domain'
import { pageAt, paging, stockState } from '../core/catalog'
import { liveLots, takeFromLots } from '../core/points'
import { type RedeemRefusal, allowance, countByPeriod, redeemRefusal } from '../core/redeem'
import type { PointsState, Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { grant, spendablePoints } from './points'
import { DAY_MS } from '../core/time'

const REFUSALS: Record<RedeemRefusal, { code: ErrorCode; message: string }> = {
  OFF_SHELF: { code: 'REDEEM_REFUSED', message: '该商品已下架' },
  NOT_STARTED: { code: 'REDEEM_REFUSED', message: '兑换尚未开始' },
  ENDED: { code: 'REDEEM_REFUSED', message: '兑换已结束' },
  TIER_TOO_LOW: { code: 'REDEEM_REFUSED', message: '会员等级未达到兑换要求' },
  LIMIT_REACHED: { code: 'LIMIT_REACHED', message: '已达到兑换次数上限' },
  SOLD_OUT: { code: 'SOLD_OUT', message: '已兑完' },
  POINTS_SHORT: { code: 'POINTS_SHORT', message: '积分不足' },
}

const spendableIn = (state: PointsState, now: number) =>
  liveLots(
    state.lots.filter((l) => l.status === 'available'),
    now,
  ).reduce((sum, l) => sum + l.remaining, 0)

function toView(item: RedeemItem, member: Member | null, balance: number, redeemedAt: number[], now: number): RedeemItemView {
  const { status: _status, ...rest } = item
  const refusal = member ? redeemRefusal(item, { tier: member.tier, spendable: balance, redeemedAt }, now) : null
  return {
    ...rest,
    stockState: stockState(item.stock),
    canRedeem: member !== null && refusal === null,
    refusal: member ? (refusal ? REFUSALS[refusal].message : null) : '请先登录',
    allowance: member ? allowance(item.limits, countByPeriod(redeemedAt, now)) : null,
    balance,
  }
}

/** One rule for the list and the detail: on the shelf and its window not over (a coming item shows, marked as such). */
const onShelf = (item: RedeemItem, now: number) => item.status === 'on' && item.endAt > now

/** The mall as the caller sees it: items on the shelf and not over, with what stops them from redeeming. */
export async function listItems(
  store: Store,
  member: Member | null,
  req: { kind?: RedeemItemKind; affordable?: boolean },
  now: number,
): Promise<RedeemItemView[]> {
  const items = (await store.listRedeemItems()).filter((i) => onShelf(i, now) && (req.kind === undefined || i.kind === req.kind))
  const balance = member ? await spendablePoints(store, member.id, now) : 0
  const views = await Promise.all(
    items.map(async (i) => toView(i, member, balance, member ? await store.redemptionTimes(member.id, i.id) : [], now)),
  )
  return req.affordable ? views.filter((v) => v.pointsPrice <= balance) : views
}

export async function itemDetail(store: Store, member: Member | null, id: string, now: number): Promise<RedeemItemView> {
  const item = await store.findRedeemItem(id)
  if (!item || !onShelf(item, now)) throw new AppError('ITEM_NOT_FOUND', '兑换商品不存在或已下架')
  const balance = member ? await spendablePoints(store, member.id, now) : 0
  return toView(item, member, balance, member ? await store.redemptionTimes(member.id, id) : [], now)
}

/** A retried request (same member, same key) lands on the same redemption. */
export function redemptionIdFor(memberId: string, idempotencyKey: string): string {
  return `rd${createHash('sha256').update(`${memberId}\u0000${idempotencyKey}`).digest('hex').slice(0, 22)}`
}

/**
 * Redeems one unit in one atomic step: window, tier and limits checked, points taken from the
 * oldest lots, a unit taken from stock, the record kept. Coupons and privileges are credited at
 * once; goods wait for the operator to ship them.
 */
export async function redeemItem(
  store: Store,
  member: Member,
  req: { itemId: string; idempotencyKey: string; address?: AddressInput },
  now: number,
): Promise<Redemption> {
  const id = redemptionIdFor(member.id, req.idempotencyKey)
  // The item is read in the redemption's own transaction: one transaction per request.
  const { redemption } = await store.redeem(
    { id, memberId: member.id, itemId: req.itemId, key: `redeem:${id}` },
    ({ item: current, redeemedAt, points }) => {
      if (!current) throw new AppError('ITEM_NOT_FOUND', '兑换商品不存在或已下架')
      if (current.kind === 'goods' && !req.address) throw new AppError('INVALID_PAYLOAD', '实物兑换需要收货地址')
      const refusal = redeemRefusal(current, { tier: member.tier, spendable: spendableIn(points, now), redeemedAt }, now)
      if (refusal) throw new AppError(REFUSALS[refusal].code, REFUSALS[refusal].message)
      const takes = takeFromLots(
        points.lots.filter((l) => l.status === 'available'),
        current.pointsPrice,
        now,
      )!
      const record: Redemption = {
        id,
        memberId: member.id,
        itemId: current.id,
        kind: current.kind,
        title: current.title,
        image: current.image,
        pointsPrice: current.pointsPrice,
        address: current.kind === 'goods' ? (req.address ?? null) : null,
        status: current.kind === 'goods' ? 'placed' : 'fulfilled',
        createdAt: now,
        fulfilledAt: current.kind === 'goods' ? null : now,
        cancelledAt: null,
        expiresAt: current.coupon
          ? now + current.coupon.validDays * DAY_MS
          : current.privilege
            ? now + current.privilege.freeShippingDays * DAY_MS
            : null,
        usedByOrder: null,
        coupon: current.coupon ? { amountOff: current.coupon.amountOff, minSpend: current.coupon.minSpend } : null,
      }
      return {
        redemption: record,
        points: {
          account: { ...points.account, available: points.account.available - current.pointsPrice },
          lots: takes.map(({ lotId, points: taken }) => {
            const lot = points.lots.find((l) => l.id === lotId)!
            return { ...lot, remaining: lot.remaining - taken }
          }),
          entries: [
            {
              id: `redeem:${id}`,
              memberId: member.id,
              kind: 'spend',
              source: 'adjustment',
              ref: id,
              delta: -current.pointsPrice,
              at: now,
              note: `积分兑换：${current.title}`,
            },
          ],
        },
      }
    },
  )
  if (redemption.memberId !== member.id) throw new AppError('REDEMPTION_STATE', '兑换记录不存在')
  return redemption
}

export async function myRedemptions(store: Store, member: Member, req: { page?: number; pageSize?: number }): Promise<Page<Redemption>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listRedemptions(member.id, p.offset, p.pageSize)
  return { items, page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

/** Cancels a goods redemption before it ships: points and stock come back, exactly once. */
export async function cancelRedemption(store: Store, member: Member, redemptionId: string, now: number): Promise<Redemption> {
  const found = await store.findRedemption(redemptionId)
  if (!found || found.memberId !== member.id) throw new AppError('REDEMPTION_STATE', '兑换记录不存在')
  const cancelled = await store.cancelRedemption(redemptionId, `unredeem:${redemptionId}`, ({ redemption, points }) => ({
    redemption: { ...redemption, status: 'cancelled', cancelledAt: now },
    points: grant(points, {
      id: `unredeem:${redemptionId}`,
      source: 'adjustment',
      ref: redemptionId,
      amount: redemption.pointsPrice,
      at: now,
      note: `取消兑换退回：${redemption.title}`,
    }),
  }))
  if (cancelled) return cancelled
  const current = await store.findRedemption(redemptionId)
  if (current?.status === 'cancelled') return current
  throw new AppError('REDEMPTION_STATE', '已发货或已到账的兑换不能取消')
}

/** Staff: creates or updates a mall item, audited with the item as it was and as it is. */
export async function upsertItem(
  store: Store,
  actor: string,
  input: Omit<RedeemItem, 'id'> & { id?: string },
  now: number,
): Promise<RedeemItem> {
  if (input.endAt <= input.startAt) throw new AppError('INVALID_PAYLOAD', '请求参数不正确：结束时间应晚于开始时间')
  if ((input.kind === 'coupon') !== (input.coupon !== null))
    throw new AppError('INVALID_PAYLOAD', '请求参数不正确：优惠券需要且仅优惠券需要 coupon')
  if ((input.kind === 'privilege') !== (input.privilege !== null))
    throw new AppError('INVALID_PAYLOAD', '请求参数不正确：权益需要且仅权益需要 privilege')
  const item: RedeemItem = {
    ...input,
    id: input.id ?? `ri${createHash('sha256').update(`${input.title}\u0000${now}`).digest('hex').slice(0, 12)}`,
  }
  const before = await store.findRedeemItem(item.id)
  await store.putRedeemItem(item)
  await recordAudit(store, actor, before ? 'redeemItem:update' : 'redeemItem:create', item.id, before, item, now)
  return item
}

/** Staff: a goods redemption shipped in a parcel with its tracking number, audited. */
export async function fulfilRedemption(
  store: Store,
  actor: string,
  req: { redemptionId: string; carrier: string; trackingNo: string },
  now: number,
): Promise<Redemption> {
  const shipment = { carrier: req.carrier, trackingNo: req.trackingNo }
  const fulfilled = await store.fulfilRedemption(req.redemptionId, now, shipment)
  if (!fulfilled) throw new AppError('REDEMPTION_STATE', '只有待发货的兑换可以发货')
  await recordAudit(store, actor, 'redemption:fulfil', req.redemptionId, { status: 'placed' }, { status: fulfilled.status, shipment }, now)
  return fulfilled
}

/** Staff: goods redemptions waiting to ship, oldest first. */
export async function redemptionsToShip(store: Store, req: { page?: number; pageSize?: number }): Promise<Page<Redemption>> {
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.redemptionsToShip(p.offset, p.pageSize)
  return pageAt(p, items, total)
}
