import type { Campaign, CampaignParams, CampaignType, Instant, Sku, Tier } from '../../../types/domain'
import { atFloor } from './pricing'

/** Hard caps: what no campaign document can exceed, whatever an operator types. */
export const CAMPAIGN_CAPS = {
  /** Purchase points multiplier on a points day. */
  multiplier: [1, 5] as [number, number],
  /** Extra points per check-in on a check-in bonus day. */
  bonusPoints: [0, 100] as [number, number],
  /** A flash price is never below this share of the list price (the shop's cost floor). */
  flashFloorPct: 30,
  /** Units a flash sale may sell. */
  flashStock: [0, 100_000] as [number, number],
  /** New-member offer: who counts as new, and what the first order gets off. */
  joinedWithinDays: [1, 90] as [number, number],
  newMemberAmountOff: [0, 5_000] as [number, number],
}

export const CAMPAIGN_TYPES: readonly CampaignType[] = ['flash_price', 'groupbuy', 'points_multiplier', 'checkin_bonus', 'new_member']

const TIERS: readonly Tier[] = [1, 2, 3, 4, 5]
const ID = /^[A-Za-z0-9_-]{1,64}$/
const TAG = /^[a-z0-9_:-]{1,32}$/
const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null
const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value)

/**
 * A campaign document as the rules may use it. A document that cannot mean anything safe (unknown
 * type, no id, no window, parameters missing or of the wrong kind) is refused whole; a number out of
 * range is clamped to its hard cap. Both are reported, in Chinese, for the operator report.
 */
export function readCampaign(doc: unknown): { campaign: Campaign | null; problems: string[] } {
  const root = record(doc)
  const name = typeof root?.id === 'string' ? root.id.slice(0, 64) : '(无编号)'
  const refuse = (why: string) => ({ campaign: null, problems: [`活动 ${name}：${why}，已忽略`] })
  if (!root) return refuse('不是一个对象')
  if (typeof root.id !== 'string' || !ID.test(root.id)) return refuse('编号无效')
  if (typeof root.type !== 'string' || !(CAMPAIGN_TYPES as readonly string[]).includes(root.type))
    return refuse(`类型 ${String(root.type).slice(0, 20)} 不受支持`)
  if (!isInt(root.startAt) || !isInt(root.endAt) || root.endAt <= root.startAt) return refuse('起止时间无效')
  const problems: string[] = []
  const clamp = (field: string, value: unknown, [min, max]: [number, number]): number | null => {
    if (!isInt(value)) return null
    const clamped = Math.min(max, Math.max(min, value))
    if (clamped !== value) problems.push(`活动 ${name}：${field} = ${value} 超出上限，已按 ${clamped} 执行`)
    return clamped
  }

  const audienceDoc = record(root.audience)
  let tiers: Tier[] | null = null
  let tags: string[] | null = null
  if (audienceDoc?.tiers !== undefined) {
    const list = Array.isArray(audienceDoc.tiers) ? audienceDoc.tiers : []
    const valid = list.filter((t): t is Tier => (TIERS as readonly unknown[]).includes(t))
    if (valid.length !== list.length || list.length === 0) return refuse('受众等级无效')
    tiers = [...new Set(valid)].sort()
  }
  if (audienceDoc?.tags !== undefined) {
    const list = Array.isArray(audienceDoc.tags) ? audienceDoc.tags : []
    if (list.length === 0 || list.some((t) => typeof t !== 'string' || !TAG.test(t))) return refuse('受众标签无效')
    tags = [...new Set(list as string[])]
  }

  const p = record(root.params)
  if (!p) return refuse('缺少参数')
  let params: CampaignParams
  switch (root.type as CampaignType) {
    case 'flash_price': {
      const skus = Array.isArray(p.skus) ? p.skus.map(record) : []
      if (typeof p.productId !== 'string' || !ID.test(p.productId)) return refuse('限时价商品无效')
      if (
        skus.length === 0 ||
        skus.some((s) => !s || typeof s.skuId !== 'string' || !ID.test(s.skuId) || !isInt(s.price) || s.price <= 0)
      ) {
        return refuse('限时价规格或价格无效（价格须为正整数，单位分）')
      }
      const stock = clamp('stock', p.stock, CAMPAIGN_CAPS.flashStock)
      if (stock === null) return refuse('限时价库存无效')
      params = {
        type: 'flash_price',
        productId: p.productId,
        skus: skus.map((s) => ({ skuId: s!.skuId as string, price: s!.price as number })),
        stock,
      }
      break
    }
    case 'groupbuy': {
      if (typeof p.groupBuyId !== 'string' || !ID.test(p.groupBuyId)) return refuse('拼团活动编号无效')
      params = { type: 'groupbuy', groupBuyId: p.groupBuyId }
      break
    }
    case 'points_multiplier': {
      const multiplier = typeof p.multiplier === 'number' && Number.isFinite(p.multiplier) ? p.multiplier : null
      if (multiplier === null) return refuse('积分倍数无效')
      const clamped = Math.min(CAMPAIGN_CAPS.multiplier[1], Math.max(CAMPAIGN_CAPS.multiplier[0], multiplier))
      if (clamped !== multiplier) problems.push(`活动 ${name}：multiplier = ${multiplier} 超出上限，已按 ${clamped} 执行`)
      params = { type: 'points_multiplier', multiplier: Math.round(clamped * 10) / 10 }
      break
    }
    case 'checkin_bonus': {
      const bonusPoints = clamp('bonusPoints', p.bonusPoints, CAMPAIGN_CAPS.bonusPoints)
      if (bonusPoints === null) return refuse('签到加赠积分无效')
      params = { type: 'checkin_bonus', bonusPoints }
      break
    }
    case 'new_member': {
      const joinedWithinDays = clamp('joinedWithinDays', p.joinedWithinDays, CAMPAIGN_CAPS.joinedWithinDays)
      const amountOff = clamp('amountOff', p.amountOff, CAMPAIGN_CAPS.newMemberAmountOff)
      const minSpend = clamp('minSpend', p.minSpend, [0, 100_000_000])
      if (joinedWithinDays === null || amountOff === null || minSpend === null) return refuse('新人礼参数无效')
      params = { type: 'new_member', joinedWithinDays, amountOff, minSpend }
      break
    }
  }
  return {
    campaign: {
      id: root.id,
      type: root.type as CampaignType,
      title: typeof root.title === 'string' ? root.title.slice(0, 40) : '',
      enabled: root.enabled === true,
      startAt: root.startAt,
      endAt: root.endAt,
      audience: { tiers, tags },
      params,
    },
    problems,
  }
}

/** In force: enabled, inside [startAt, endAt) on the instant line, and not killed. */
export const inForce = (c: Campaign, now: Instant, killed: boolean) => !killed && c.enabled && c.startAt <= now && now < c.endAt

/** Whether a member belongs to the audience: any listed tier, and any listed tag (no list: everyone). */
export function inAudience(c: Campaign, member: { tier: Tier; tags: readonly string[] } | null): boolean {
  if (c.audience.tiers === null && c.audience.tags === null) return true
  if (!member) return false
  if (c.audience.tiers !== null && !c.audience.tiers.includes(member.tier)) return false
  if (c.audience.tags !== null && !c.audience.tags.some((t) => member.tags.includes(t))) return false
  return true
}

/**
 * A flash campaign as it will charge, against the SKUs' list prices: each price raised to the cost
 * floor or lowered to the list price, each change reported like every other clamp; a SKU the
 * catalog does not hold is reported and left out. Other campaigns pass unchanged.
 */
export function priceFlashCampaign(campaign: Campaign, skus: ReadonlyMap<string, PricedSku>): { campaign: Campaign; problems: string[] } {
  if (campaign.params.type !== 'flash_price') return { campaign, problems: [] }
  const name = campaign.title || campaign.id
  const problems: string[] = []
  const priced: { skuId: string; price: number }[] = []
  for (const s of campaign.params.skus) {
    const sku = skus.get(s.skuId)
    if (sku === undefined) {
      problems.push(`活动 ${name}：规格 ${s.skuId} 不在商品库中，已忽略`)
      continue
    }
    const { price, clamped } = flashPrice(sku, s.price)
    if (clamped) {
      const floor = (sku.floorPrice ?? 0) >= price ? `规格底价 ${yuan(price)}` : `标价的 ${CAMPAIGN_CAPS.flashFloorPct}%`
      problems.push(`活动 ${name}：${s.skuId} 限时价 ${yuan(s.price)} 低于成本底线（${floor}），已按 ${yuan(price)} 执行`)
    } else if (price !== s.price) problems.push(`活动 ${name}：${s.skuId} 限时价 ${yuan(s.price)} 高于标价，已按标价 ${yuan(price)} 执行`)
    priced.push({ skuId: s.skuId, price })
  }
  return { campaign: { ...campaign, params: { ...campaign.params, skus: priced } }, problems }
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`

/** What a flash price is checked against: the SKU's list price and its cost floor, when set. */
export type PricedSku = Pick<Sku, 'price' | 'floorPrice'>

/** A flash price as charged: never below the floor share of the list price, nor the SKU's own cost floor. */
export function flashPrice(sku: PricedSku, asked: number): { price: number; clamped: boolean } {
  const floor = Math.max(Math.ceil((sku.price * CAMPAIGN_CAPS.flashFloorPct) / 100), sku.floorPrice ?? 0)
  return { price: atFloor(asked, { price: sku.price, floorPrice: floor }), clamped: asked < Math.min(floor, sku.price) }
}
