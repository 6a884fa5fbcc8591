import type { TeamView } from '../../../../types/api'
import type { TeamStatus } from '../../../../types/domain'

/** The rule every group-buy screen repeats, so no one pays without knowing what happens if the team does not fill. */
export const REFUND_RULE = '人满成团，未成团自动退款'

/** A team's state as its banner names it. */
export const TEAM_STATUS_LABEL: Record<TeamStatus, string> = {
  opening: '待团长支付',
  forming: '拼团中',
  succeeded: '拼团成功',
  failed: '拼团失败，已自动退款',
  cancelled: '已取消',
}

export const teamSizeLabel = (size: number) => `${size}人团`

/** How long a team has to fill, in words: "24 小时", "30 分钟". */
export function timeLimitLabel(ms: number): string {
  const minutes = Math.round(ms / 60_000)
  return minutes >= 60 && minutes % 60 === 0 ? `${minutes / 60} 小时` : `${minutes} 分钟`
}

/** Whether the team is still settling: its leader is paying, or it is filling its seats. */
export const isLive = (team: Pick<TeamView, 'status'>) => team.status === 'opening' || team.status === 'forming'

/** A team in the member's own list: their unpaid seat comes first, then the team's state. */
export function myTeamStatus(team: Pick<TeamView, 'status' | 'viewer'>): { label: string; tone: TeamStatus | 'unpaid' } {
  if (team.viewer.seat === 'held' && isLive(team)) return { label: '待支付', tone: 'unpaid' }
  return { label: TEAM_STATUS_LABEL[team.status], tone: team.status }
}
