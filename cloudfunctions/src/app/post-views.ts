import type { Member } from '../../../types/domain'
import { shopDay } from '../core/time'
import type { Store } from '../store/port'

/**
 * Counts an opening of an approved post's page: once per member — or, signed out, per device key the
 * app keeps — per post and Shanghai day. One write, a repeat changes nothing; a view that cannot be
 * written is lost rather than failing the page. A signed-out opening without a key is not counted.
 */
export async function recordView(
  store: Store,
  viewer: Member | null,
  visitor: string | undefined,
  postId: string,
  now: number,
): Promise<void> {
  const who = viewer ? viewer.id : visitor ? `v:${visitor}` : null
  if (!who) return
  try {
    await store.recordPostView({ postId, viewer: who, day: shopDay(now), at: now })
  } catch (error) {
    console.error('[post view]', postId, error)
  }
}
