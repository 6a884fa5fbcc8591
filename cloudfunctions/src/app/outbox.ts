import type { DomainEvent } from '../../../types/domain'
import type { Store } from '../store/port'
import { type Budget, UNBOUNDED, sliceOf } from './job-runs'

/** Events written at nearly the same instant can commit out of order; each run looks this far back. */
const OVERLAP_MS = 60_000
const SLICE = 500

/**
 * Reads the outbox from where the consumer `name` got to (less the overlap) and hands every event to
 * `handle` in order, moving the cursor after each slice. `handle` must be idempotent per event id.
 * The consumer's cursor is its place, so a run that stops for its budget is continued by the next;
 * the budget is asked only past the events this consumer had reached, so every run moves on.
 */
export async function consumeOutbox(
  store: Store,
  name: string,
  handle: (event: DomainEvent) => Promise<void>,
  budget: Budget = UNBOUNDED,
): Promise<{ events: number; done: boolean }> {
  const reached = await store.readCursor(name)
  let from = Math.max(0, reached - OVERLAP_MS)
  let limit = sliceOf(budget, SLICE)
  let seen = 0
  let fresh = 0
  for (;;) {
    const events = await store.listEvents(from, limit)
    let handled = 0
    for (const event of events) {
      if (event.at > reached && fresh > 0 && !budget.more()) break
      await handle(event)
      handled += 1
      if (event.at > reached) fresh += 1
    }
    seen += handled
    if (handled > 0) await store.saveCursor(name, Math.max(reached, events[handled - 1].at))
    if (handled < events.length) return { events: seen, done: false }
    if (events.length < limit) return { events: seen, done: true }
    const last = events[events.length - 1].at
    // A full slice at a single instant cannot move the start on: read a wider slice instead.
    if (last === from) limit *= 2
    else from = last
  }
}

/**
 * Gives consumer `name` the cursor of consumer `from` when it has none yet: a concern split out of
 * another consumer goes on from where that one had handled it. Kept at once (never 0 again), so a
 * first event that fails is retried from here, not from wherever `from` gets to later.
 */
export async function adoptCursor(store: Store, name: string, from: string): Promise<void> {
  if ((await store.readCursor(name)) === 0) await store.saveCursor(name, Math.max(1, await store.readCursor(from)))
}
