import Taro from '@tarojs/taro'
import { withPrivacyGuide } from '../../../services/privacy.gate'
import type { TeamView } from '../../../../types/api'
import type { PosterContent } from '../../../components/SharePoster'
import { groupbuyApi } from '../../../services/groupbuy'
import { mediaUrl } from '../../../services/media'
import { teamPath } from '../../../utils/routes'
import { teamSizeLabel } from '../shared/labels'

/**
 * The card that invites friends into the team: the seats still open and the product. The path
 * carries the campaign and the sharer's code, which only count the channel; sharing earns nothing.
 */
export function teamShareMessage(team: TeamView, shareCode: string | null | undefined) {
  return {
    title: team.status === 'forming' ? `还差${team.seatsLeft}人成团｜${team.productTitle}` : team.productTitle,
    path: teamPath(team.id, { campaignId: team.campaignId, sc: shareCode }),
    imageUrl: mediaUrl(team.cover),
  }
}

/** The browser build has no share card: the invitation is the team page's link, copied for the member to send. */
export async function copyInviteLink(path: string): Promise<void> {
  const copied = await withPrivacyGuide(() => Taro.setClipboardData({ data: `${location.origin}${location.pathname}#${path}` }))
  if (copied) void Taro.showToast({ title: '链接已复制，发给好友即可参团', icon: 'none' })
}

/** What the invite poster says the price is: `3人团 拼团价`. */
export const teamPosterTag = (size: number) => `${teamSizeLabel(size)} 拼团价`

/**
 * The invite poster of a team: the product's photo and title, the team price under its tag, and the
 * QR the server makes for the team (a mini program code whose scene is the team id). Like the card,
 * it invites friends to join; it promises nothing for sharing.
 */
export async function loadTeamPoster(teamId: string): Promise<PosterContent> {
  const team = await groupbuyApi.team({ teamId, poster: true })
  if (!team.qr) throw new Error('the team came back without its poster QR')
  return { title: team.productTitle, price: team.teamPrice, image: team.cover, qr: team.qr, tag: teamPosterTag(team.size) }
}
