import type { PointsLot } from '../../../types/domain'
import { shopDay } from '../core/time'
import type { PointsDecision, PointsState, PointsTotals, Store } from '../store/port'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'
import { pointsBalance } from './points'

/** Members per slice: on SQLite one transaction, so commits are shared by many members; elsewhere one read. */
const EXPIRY_SLICE = { atOnce: 1_000, memberByMember: 200 }

/** The note of every expiry entry. */
export const EXPIRY_NOTE = '积分到期'

/** The key under which a run at `now` records a member's expiry (once per member and run instant). */
export const expiryKey = (memberId: string, now: number) => `expire:${memberId}:${now}`

/**
 * What expiry does to one member's points at `now`: every available lot whose date passed gives up
 * its remainder with a ledger entry (`expire:<lotId>`); a lot already at zero is never expired twice.
 * Null when nothing is due.
 */
export function expireDueLots(state: PointsState, now: number): PointsDecision | null {
  const expired = state.lots.filter((l) => l.status === 'available' && l.remaining > 0 && l.expiresAt < now)
  if (expired.length === 0) return null
  const total = expired.reduce((sum, l) => sum + l.remaining, 0)
  return {
    account: { ...state.account, available: state.account.available - total },
    lots: expired.map((l): PointsLot => ({ ...l, remaining: 0 })),
    entries: expired.map((l) => ({
      id: `expire:${l.id}`,
      memberId: state.account.memberId,
      kind: 'expire' as const,
      source: l.source,
      ref: l.ref,
      delta: -l.remaining,
      at: now,
      note: EXPIRY_NOTE,
    })),
  }
}

/**
 * Expires every available lot whose date passed, one change per member (`expire:<memberId>:<now>`),
 * walking the members in id order a slice at a time. No cursor is kept: a member whose lots expired
 * has none left to find, so a run cut short by its budget is continued by the next. Totals count the
 * entries the store wrote. Where the store writes a whole slice set-based (SQLite), it writes what
 * `expireDueLots` decides for each member of the slice; elsewhere each member is one change.
 */
export async function expirePoints(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ lots: number; points: number; done: boolean }> {
  let lots = 0
  let points = 0
  if (store.expirePointsSlice) {
    const rule = { now, note: EXPIRY_NOTE, key: (memberId: string) => expiryKey(memberId, now) }
    const limit = sliceOf(budget, EXPIRY_SLICE.atOnce)
    for (let after = ''; ; ) {
      if (!budget.more()) return { lots, points, done: false }
      const slice = await store.expirePointsSlice(rule, after, limit)
      lots += slice.lots
      points += slice.points
      if (slice.members.length < limit) return { lots, points, done: true }
      after = slice.members[slice.members.length - 1]
    }
  }
  const atOnce = store.appliesSliceAtOnce()
  const limit = sliceOf(budget, atOnce ? EXPIRY_SLICE.atOnce : EXPIRY_SLICE.memberByMember)
  const step = atOnce ? limit : 1
  const expiry = (memberId: string) => ({
    memberId,
    key: expiryKey(memberId, now),
    decide: (state: PointsState) => expireDueLots(state, now),
  })
  for (let after = ''; ; ) {
    const members = await store.membersWithExpiredLots(now, after, limit)
    for (let i = 0; i < members.length; i += step) {
      if (!budget.more()) return { lots, points, done: false }
      for (const { applied } of await store.updatePointsOfMembers(members.slice(i, i + step).map(expiry))) {
        for (const entry of applied?.entries ?? []) {
          lots += 1
          points -= entry.delta
        }
      }
    }
    if (members.length < limit) return { lots, points, done: true }
    after = members[members.length - 1]
  }
}

/** Mismatches a reconciliation pass keeps word for word; beyond them it counts. */
const MISMATCHES_KEPT = 100
const RECONCILE_SLICE = 500

/** A day's reconciliation pass, as `job_cursors/pointsReconcile` keeps it between runs. */
interface ReconcilePass {
  /** The Shanghai day the pass is for. */
  day: string
  /** The last member checked. */
  after: string
  members: number
  mismatched: number
  mismatches: PointsTotals[]
  finished: boolean
}

/**
 * The daily reconciliation job: for every member, available = sum of lot remainders = sum of ledger
 * entries. One pass a Shanghai day, walked by member id: a run cut short by its budget leaves the
 * pass in `job_cursors/pointsReconcile` and the next trigger goes on from there; once the day's pass
 * is finished, later triggers that day answer its findings.
 */
export async function reconcilePointsDaily(
  store: Store,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ day: string; members: number; mismatched: number; mismatches: PointsTotals[]; done: boolean }> {
  const cursor = await JobCursor.open<ReconcilePass>(store, 'pointsReconcile')
  const today = shopDay(now)
  const saved = cursor.position
  // A pass of an earlier day that never finished is dropped: today's checks everyone again.
  const pass: ReconcilePass =
    saved?.day === today
      ? { ...saved, mismatches: [...saved.mismatches] }
      : { day: today, after: '', members: 0, mismatched: 0, mismatches: [], finished: false }
  const answer = (done: boolean) => ({
    day: pass.day,
    members: pass.members,
    mismatched: pass.mismatched,
    mismatches: pass.mismatches,
    done,
  })
  const limit = sliceOf(budget, RECONCILE_SLICE)
  while (!pass.finished) {
    if (!budget.more()) return answer(false)
    const page = await store.pointsTotals(pass.after, limit)
    for (const totals of page) {
      pass.members += 1
      if (pointsBalance(totals)) continue
      pass.mismatched += 1
      if (pass.mismatches.length < MISMATCHES_KEPT) pass.mismatches.push(totals)
    }
    if (page.length > 0) pass.after = page[page.length - 1].memberId
    pass.finished = page.length < limit
    if (!(await cursor.save(pass))) return answer(false)
  }
  return answer(true)
}
