import type { TouchRequest } from '../../../types/api'
import type { ChannelDay, Member, OrderTouch } from '../../../types/domain'
import { channelOf } from '../core/touchpoints'
import { shopDay, shopDayBefore, shopDayBounds } from '../core/time'
import type { Store, StoredTouch } from '../store/port'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
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

/** One channel's count so far in a rollup pass: visits, signed-out visits, and the members seen. */
interface ChannelTally {
  channel: string
  visits: number
  /** A signed-out entry is a visitor of its own. */
  anonymous: number
  members: string[]
}

/** A rollup pass over yesterday and today, as `job_cursors/touchRollup` keeps it between runs. */
interface RollupPass {
  days: string[]
  /** The day being counted, the last touch counted and the counts so far. */
  day: number
  after: { at: number; id: string } | null
  tally: ChannelTally[]
}

const SLICE = 1000

function count(tally: Map<string, { visits: number; anonymous: number; members: Set<string> }>, touch: StoredTouch): void {
  const row = tally.get(touch.channel) ?? { visits: 0, anonymous: 0, members: new Set<string>() }
  row.visits += 1
  if (touch.memberId) row.members.add(touch.memberId)
  else row.anonymous += 1
  tally.set(touch.channel, row)
}

/**
 * Rolls the touchpoints of today and yesterday (Shanghai days) into per-channel visit counts: visits,
 * and visitors (each member once, each signed-out entry as one). A pass reads each day's touches
 * slice by slice and keeps its place and counts in `job_cursors/touchRollup`, so a run cut short by
 * its budget is continued by the next; a day's rows are replaced when its count is complete.
 */
export async function rollupVisits(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ days: string[]; rows: number; done: boolean }> {
  const cursor = await JobCursor.open<RollupPass>(store, 'touchRollup')
  const today = shopDay(now)
  const pass: RollupPass = cursor.position ?? { days: [shopDayBefore(today, 1), today], day: 0, after: null, tally: [] }
  const tally = new Map(pass.tally.map((t) => [t.channel, { visits: t.visits, anonymous: t.anonymous, members: new Set(t.members) }]))
  const saved = (): RollupPass => ({
    ...pass,
    tally: [...tally].map(([channel, t]) => ({ channel, visits: t.visits, anonymous: t.anonymous, members: [...t.members] })),
  })
  let rows = 0
  const limit = sliceOf(budget, SLICE)
  while (pass.day < pass.days.length) {
    const day = pass.days[pass.day]
    const { start, end } = shopDayBounds(day)
    if (!budget.more()) {
      await cursor.save(saved())
      return { days: pass.days, rows, done: false }
    }
    const touches = await store.touchesBetween(start, end, pass.after, limit)
    for (const touch of touches) count(tally, touch)
    if (touches.length > 0) pass.after = { at: touches[touches.length - 1].at, id: touches[touches.length - 1].id }
    if (touches.length === limit) continue
    const dayRows: ChannelDay[] = [...tally]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([channel, t]) => ({ day, channel, visits: t.visits, visitors: t.anonymous + t.members.size }))
    await store.replaceChannelDay(day, dayRows)
    rows += dayRows.length
    tally.clear()
    pass.day += 1
    pass.after = null
  }
  return { days: pass.days, rows, done: await cursor.save(null) }
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
