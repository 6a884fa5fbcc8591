import type { TouchRequest } from '../../../types/api'
import type { ChannelDay, Member, OrderTouch } from '../../../types/domain'
import { channelOf } from '../core/touchpoints'
import { shopDay, shopDayBounds } from '../core/time'
import type { Store } from '../store/port'
import { bindFromShare } from './attribution'

/**
 * Records one entry into the shop. A share code or post that does not exist is dropped (the visit
 * still counts, as a direct one), so forged codes cannot inflate anyone's channel; a member's own
 * share code is not a referral. The entry id is scoped to the caller, so a retried report counts once.
 */
export async function recordEntry(store: Store, caller: Member | null, req: TouchRequest, now: number): Promise<{ recorded: boolean }> {
  const sharer = req.shareCode ? await store.findMemberByShareCode(req.shareCode) : null
  const post = req.postId ? await store.findPost(req.postId) : null
  const touch = {
    id: `touch:${caller?.id ?? 'visitor'}:${req.entryId}`,
    memberId: caller?.id ?? null,
    scene: req.scene ?? 0,
    shareCode: sharer && sharer.id !== caller?.id ? sharer.shareCode : null,
    postId: post?.status === 'approved' ? post.id : null,
    campaignId: req.campaignId ?? null,
    productId: req.productId ?? null,
    path: req.path,
    at: now,
  }
  const recorded = await store.recordTouch({ ...touch, channel: channelOf(touch) })
  // A signed-in buyer who came through a distributor's share binds to them (first touch wins).
  if (recorded && caller && sharer && touch.shareCode) await bindFromShare(store, caller, sharer, now)
  return { recorded }
}

/** Rolls the touchpoints of today and yesterday (Shanghai days) into per-channel visit counts. */
export async function rollupVisits(store: Store, now: number): Promise<{ days: string[]; rows: number }> {
  const today = shopDay(now)
  const yesterday = shopDay(shopDayBounds(today).start - 1)
  let rows = 0
  for (const day of [yesterday, today]) {
    const { start, end } = shopDayBounds(day)
    const counts = await store.countVisitsByChannel(start, end)
    const dayRows: ChannelDay[] = counts.map((c) => ({ day, ...c }))
    await store.replaceChannelDay(day, dayRows)
    rows += dayRows.length
  }
  return { days: [yesterday, today], rows }
}

/**
 * Last-touch attribution for an order: the buyer's latest entry inside the binding window (15 days
 * by default), so the report can count the order under the channel, post or campaign that brought it.
 */
export async function orderTouch(store: Store, memberId: string, windowMs: number, now: number): Promise<OrderTouch | null> {
  const touch = await store.lastTouch(memberId, now - windowMs)
  return touch
    ? { channel: touch.channel, postId: touch.postId, shareCode: touch.shareCode, campaignId: touch.campaignId, at: touch.at }
    : null
}
