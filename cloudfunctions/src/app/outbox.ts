import type { DomainEvent } from '../../../types/domain'
import type { Store } from '../store/port'

/** Events written at nearly the same instant can commit out of order; each run looks this far back. */
const OVERLAP_MS = 60_000
const BATCH = 500

/**
 * Reads the outbox from where the consumer `name` got to (less the overlap) and hands every event to
 * `handle` in order, moving the cursor after each batch. `handle` must be idempotent per event id.
 */
export async function consumeOutbox(
  store: Store,
  name: string,
  handle: (event: DomainEvent) => Promise<void>,
): Promise<{ events: number }> {
  let from = Math.max(0, (await store.readCursor(name)) - OVERLAP_MS)
  let limit = BATCH
  let seen = 0
  for (;;) {
    const events = await store.listEvents(from, limit)
    for (const event of events) await handle(event)
    seen += events.length
    if (events.length > 0) await store.saveCursor(name, events[events.length - 1].at)
    if (events.length < limit) return { events: seen }
    const last = events[events.length - 1].at
    // A full batch at a single instant cannot move the start on: read a wider batch instead.
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
