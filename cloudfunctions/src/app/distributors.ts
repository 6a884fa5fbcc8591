import type { DistributorAdminView, DistributorStatusView, Page, SharePayload } from '../../../types/api'
import type { Distributor, DistributorStatus, Member } from '../../../types/domain'
import { paging } from '../core/catalog'
import { COMMISSION_CAP_BPS } from '../core/commission'
import { DISTRIBUTION_RULES, RULES_VERSION, readDistributionSettings } from '../core/distribution'
import { lowestPrice } from '../core/catalog'
import type { Store } from '../store/port'
import { recordAudit } from './audit'
import { AppError } from './errors'
import { saveMember } from './members'
import type { ShareCodes } from '../wechat/ports'
import { distributionSettings } from './settings'

/** Approved or frozen: a distributor either way, so their own purchases never earn commission. */
export const isDistributor = (d: Distributor | null) => d !== null && (d.status === 'approved' || d.status === 'frozen')

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
async function moveStanding(
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
  moveStanding(store, memberId, ['pending', 'rejected'], 'approved', '', now, actor)

export const rejectDistributor = (store: Store, memberId: string, reason: string, now: number, actor: string) =>
  moveStanding(store, memberId, ['pending'], 'rejected', reason, now, actor)

/** Frozen: no new bindings or attributions, settlement and withdrawals paused; unfreezing restores them. */
export function freezeDistributor(store: Store, memberId: string, frozen: boolean, reason: string, now: number, actor: string) {
  return frozen
    ? moveStanding(store, memberId, ['approved'], 'frozen', reason, now, actor)
    : moveStanding(store, memberId, ['frozen'], 'approved', '', now, actor)
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

export async function activeDistributor(store: Store, member: Member): Promise<Distributor> {
  const d = await store.findDistributor(member.id)
  if (!d || (d.status !== 'approved' && d.status !== 'frozen')) throw new AppError('NOT_DISTRIBUTOR', '还不是分销员，请先申请')
  return d
}

/** The poster and card of a product with the distributor's code. */
export async function sharePayload(store: Store, pay: ShareCodes, member: Member, productId: string): Promise<SharePayload> {
  const d = await activeDistributor(store, member)
  if (d.status === 'frozen') throw new AppError('DISTRIBUTOR_FROZEN', '分销资格已冻结，暂不能生成推广海报')
  const product = await store.findProduct(productId)
  if (product?.status !== 'on') throw new AppError('PRODUCT_NOT_FOUND', '商品不存在或已下架')
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
