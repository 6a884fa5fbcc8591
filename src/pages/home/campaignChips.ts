import type { CampaignView } from '../../../types/api'
import { PAGES } from '../../utils/routes'
import { shanghaiDateTime } from '../../utils/time'

/** What a campaign chip on the home page says and where it leads: the app's strip and index.html's first screen draw the same. */
export interface CampaignChip {
  id: string
  type: 'points_multiplier' | 'checkin_bonus' | 'groupbuy'
  badge: string
  title: string
  /** "11-30 23:59 结束" (Shanghai time). */
  ends: string
  link: { url: string; text: string } | null
}

/** The chips of the campaigns whose effect is live in the shop and not over at `now`; the other kinds are not announced until they are. */
export function campaignChips(campaigns: readonly CampaignView[], now: number): CampaignChip[] {
  const chips: CampaignChip[] = []
  for (const campaign of campaigns) {
    const { params } = campaign
    if (campaign.endAt <= now) continue
    const chip = { id: campaign.id, title: campaign.title, ends: `${shanghaiDateTime(campaign.endAt).slice(5)} 结束` }
    if (params.type === 'points_multiplier') chips.push({ ...chip, type: params.type, badge: `积分 ×${params.multiplier}`, link: null })
    else if (params.type === 'checkin_bonus')
      chips.push({ ...chip, type: params.type, badge: `签到 +${params.bonusPoints}`, link: { url: PAGES.checkIn, text: '去签到' } })
    else if (params.type === 'groupbuy')
      chips.push({ ...chip, type: params.type, badge: '拼团', link: { url: PAGES.groupbuy, text: '去拼团' } })
  }
  return chips
}
