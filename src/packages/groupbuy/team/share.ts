import Taro from '@tarojs/taro'
import type { TeamView } from '../../../../types/api'
import { mediaUrl } from '../../../services/media'
import { teamPath } from '../../../utils/routes'

/**
 * The card that invites friends into the team: the seats still open and the product. The path
 * carries the campaign and the sharer's code, which only count the channel; sharing earns nothing.
 */
export function teamShareMessage(team: TeamView, shareCode: string | null | undefined) {
  return {
    title: team.status === 'forming' ? `还差${team.seatsLeft}人成团｜${team.productTitle}` : team.productTitle,
    path: teamPath(team.id, { campaignId: team.campaignId, sc: shareCode }),
    imageUrl: mediaUrl(team.cover)
  }
}

/** The browser build has no share card: the invitation is the team page's link, copied for the member to send. */
export async function copyInviteLink(path: string): Promise<void> {
  await Taro.setClipboardData({ data: `${location.origin}${location.pathname}#${path}` })
  void Taro.showToast({ title: '链接已复制，发给好友即可参团', icon: 'none' })
}
