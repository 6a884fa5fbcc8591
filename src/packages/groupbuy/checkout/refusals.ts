import Taro from '@tarojs/taro'
import type { CallErrorCode } from '../../../services/errors'
import { PAGES, productPath, teamCheckoutPath, teamPath } from '../../../utils/routes'

/** The server's no to opening or joining: why (its own words) and where the member can go from here. */
export interface Refusal {
  code: CallErrorCode
  message: string
}

export interface RefusalAction {
  text: string
  go: () => unknown
}

interface RefusalContext {
  campaignId: string
  teamId?: string
  skuId: string
  productId: string | null
  /** Whether the member may open a team of this campaign, when known. */
  canOpen: boolean
}

/** Answers that say this team or campaign cannot be bought into; anything else is shown as a passing failure. */
const TITLES: Partial<Record<CallErrorCode, string>> = {
  TEAM_FULL: '这个团已经满员了',
  TEAM_CLOSED: '这个团已经结束了',
  TEAM_NOT_FOUND: '没有找到这个团',
  OWN_TEAM: '不能参加自己开的团',
  ALREADY_IN_TEAM: '你已经在这个团里了',
  GROUPBUY_NOT_FOUND: '拼团活动不存在',
  GROUPBUY_CLOSED: '拼团活动已结束',
  GROUPBUY_SOLD_OUT: '拼团名额已抢光',
  GROUPBUY_LIMIT: '已达到参团次数上限',
  OUT_OF_STOCK: '这个规格已售罄',
  SKU_NOT_FOUND: '这个规格不参与拼团',
}

export const isRefusal = (code: CallErrorCode | null): code is CallErrorCode => code !== null && TITLES[code] !== undefined

export const refusalTitle = (code: CallErrorCode) => TITLES[code] ?? '暂时不能拼团'

/** Where to go after a refusal, most useful first; the page always adds a way back. */
export function refusalActions(code: CallErrorCode, context: RefusalContext): RefusalAction[] {
  const go = (url: string) => () => Taro.redirectTo({ url })
  const openOwn: RefusalAction = { text: '自己开团', go: go(teamCheckoutPath({ campaignId: context.campaignId, skuId: context.skuId })) }
  const otherTeams: RefusalAction | null = context.productId ? { text: '看看其他团', go: go(productPath(context.productId)) } : null
  const otherCampaigns: RefusalAction = { text: '看看其他拼团', go: go(PAGES.groupbuy) }
  const actions: (RefusalAction | null)[] = (() => {
    switch (code) {
      case 'TEAM_FULL':
      case 'TEAM_CLOSED':
      case 'TEAM_NOT_FOUND':
        return [context.canOpen ? openOwn : null, otherTeams]
      case 'OWN_TEAM':
      case 'ALREADY_IN_TEAM':
        return [context.teamId ? { text: '查看拼团', go: go(teamPath(context.teamId, { campaignId: context.campaignId })) } : null]
      case 'GROUPBUY_LIMIT':
        return [{ text: '查看我的拼团', go: go(PAGES.myTeams) }]
      default:
        return [otherCampaigns]
    }
  })()
  return actions.filter((action): action is RefusalAction => action !== null)
}

/** Back to where the member came from; a checkout opened straight from a link goes to the campaigns. */
export function goBack(): void {
  Taro.navigateBack().catch(() => Taro.redirectTo({ url: PAGES.groupbuy }))
}
