import type { TouchRequest } from '../../types/api'
import { newEntryId } from '../utils/id'
import { PAGES, parseScene, parseTeamScene, readParam } from '../utils/routes'
import { api } from './api'

/** What the platform tells the app about how it was entered (launch / show options). */
export interface EntryOptions {
  path?: string
  scene?: number
  query?: Record<string, string | undefined>
}

let lastEntryKey: string | null = null

/**
 * Records where this entry into the app came from. The app is shown again after a photo preview or
 * a payment sheet with the same options; only a change of source counts as a new entry.
 */
export function recordEntry(options: EntryOptions): void {
  const query = options.query ?? {}
  const path = `/${(options.path ?? '').replace(/^\/+/, '')}`
  // A team invite poster's mini program code opens the team page with the team id as its scene, and no share code.
  const teamFromCode = path === PAGES.team ? parseTeamScene(query.scene) : null
  // A distributor's mini program code carries its share code and product in `scene` instead of `sc` and `id`.
  const fromCode = path === PAGES.team ? null : parseScene(query.scene)
  const touch: TouchRequest = {
    entryId: newEntryId(),
    scene: options.scene ?? 0,
    shareCode: fromCode ? fromCode.sc : readParam(query.sc),
    // A shared post opens its own page: the post brought the visit.
    postId: readParam(query.postId) ?? (path === PAGES.post ? readParam(query.id) : undefined),
    campaignId: readParam(query.campaignId),
    productId: path === PAGES.product ? (fromCode ? fromCode.productId : readParam(query.id)) : undefined,
    path,
  }
  // Scanning another team's code is another entry, though the touch names no team.
  const key = [touch.scene, touch.shareCode, touch.postId, touch.campaignId, touch.productId, teamFromCode].join('|')
  if (key === lastEntryKey) return
  lastEntryKey = key
  report(touch)
}

/** Records that a product was opened from a post, so posts get credit for the visits they bring. */
export function recordProductFromPost(productId: string, postId: string): void {
  report({ entryId: newEntryId(), productId, postId, path: PAGES.product })
}

// Unset fields are undefined and vanish in the JSON the transports send.
function report(touch: TouchRequest): void {
  api.catalog.touch(touch).catch(() => {
    // Attribution is best effort: a lost touch must never disturb shopping.
  })
}
