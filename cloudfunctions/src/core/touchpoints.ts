import type { Touchpoint } from '../../../types/domain'

/**
 * The channel a touchpoint is counted under in the reports. A distributor's share code wins over a
 * post, a post over a campaign, and a WeChat scene is the fallback ("direct" in the browser build).
 */
export function channelOf(touch: Pick<Touchpoint, 'shareCode' | 'postId' | 'campaignId' | 'scene'>): string {
  if (touch.shareCode) return `share:${touch.shareCode}`
  if (touch.postId) return `post:${touch.postId}`
  if (touch.campaignId) return `campaign:${touch.campaignId}`
  return touch.scene > 0 ? `scene:${touch.scene}` : 'direct'
}

/** A touch is stored under a deterministic id so a retried report is recorded once. */
export function touchId(entryId: string): string {
  return `touch:${entryId}`
}
