import type { CampaignAdminView } from '../../../../types/api'
import type { Campaign, CampaignType } from '../../../../types/domain'
import { formatFenBrief } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'

export const CAMPAIGN_TYPE_LABELS: Record<CampaignType, string> = {
  flash_price: '限时价',
  groupbuy: '拼团',
  points_multiplier: '积分倍数',
  checkin_bonus: '签到加赠',
  new_member: '新人礼',
}

export const typeLabel = (type: unknown) =>
  typeof type === 'string' && type in CAMPAIGN_TYPE_LABELS ? CAMPAIGN_TYPE_LABELS[type as CampaignType] : '未知类型'

/** What the campaign does, in a few words. */
export function paramsSummary(params: Campaign['params']): string {
  switch (params.type) {
    case 'points_multiplier':
      return `消费积分 ×${params.multiplier}`
    case 'checkin_bonus':
      return `每次签到多送 ${params.bonusPoints} 积分`
    case 'groupbuy':
      return `拼团 ${params.groupBuyId}`
    case 'flash_price':
      return `商品 ${params.productId} 限时价，共 ${params.stock} 件`
    case 'new_member':
      return `注册 ${params.joinedWithinDays} 天内满 ${formatFenBrief(params.minSpend)} 减 ${formatFenBrief(params.amountOff)}`
  }
}

export function audienceSummary(audience: Campaign['audience']): string {
  const parts = [
    audience.tiers ? audience.tiers.map((tier) => `V${tier}`).join('、') : null,
    audience.tags ? `标签 ${audience.tags.join('、')}` : null,
  ].filter(Boolean)
  return parts.length > 0 ? `面向 ${parts.join('，')}` : '面向全部会员'
}

export type CampaignState = 'live' | 'killed' | 'disabled' | 'upcoming' | 'ended' | 'invalid'

export const STATE_LABELS: Record<CampaignState, string> = {
  live: '生效中',
  killed: '总开关已停止',
  disabled: '已停用',
  upcoming: '未开始',
  ended: '已结束',
  invalid: '文档无效',
}

/** Why a campaign is or is not in force right now; the server's `inForce` is the authority for "live". */
export function campaignState(view: CampaignAdminView, killSwitch: boolean, now: number): CampaignState {
  const campaign = view.campaign
  if (!campaign) return 'invalid'
  if (view.inForce) return 'live'
  if (killSwitch) return 'killed'
  if (!campaign.enabled) return 'disabled'
  // Enabled, the switch off, yet not in force: outside its window by the server's clock.
  return now < campaign.startAt ? 'upcoming' : 'ended'
}

/** The campaign window as stored, in Shanghai time; '—' where the document has no usable time. */
export function windowOf(view: CampaignAdminView): { startAt: number | null; endAt: number | null } {
  const source = (view.campaign ?? view.doc) as { startAt?: unknown; endAt?: unknown } | null
  const instant = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null)
  return { startAt: instant(source?.startAt), endAt: instant(source?.endAt) }
}

export const formatWhen = (at: number | null) => (at === null ? '—' : shanghaiDateTime(at))

/** The document's title even when it is refused (then read from the raw document). */
export function titleOf(view: CampaignAdminView): string {
  if (view.campaign) return view.campaign.title
  const title = (view.doc as { title?: unknown } | null)?.title
  return typeof title === 'string' && title.trim() ? title : view.id
}
