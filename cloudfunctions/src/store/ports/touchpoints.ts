import type { ChannelDay, Instant, Touchpoint } from '../../../../types/domain'

/** A touchpoint as stored: with the report channel it counts under. */
export interface StoredTouch extends Touchpoint {
  channel: string
}

/** Touchpoints: where visits came from, and their daily roll-up by channel. */
export interface TouchpointStore {
  /** Appends the touch once under its id; answers false when it was already recorded. */
  recordTouch(touch: StoredTouch): Promise<boolean>
  /** The member's latest touch at or after `since`, or null. */
  lastTouch(memberId: string, since: Instant): Promise<StoredTouch | null>
  /** Replaces the rolled-up rows of one day (so a rerun of the job writes the same thing). */
  replaceChannelDay(day: string, rows: readonly ChannelDay[]): Promise<void>
  listChannelDays(fromDay: string, toDay: string): Promise<ChannelDay[]>
  /** Touches at [from, to), by (at, id), after the given position. */
  touchesBetween(from: Instant, to: Instant, after: { at: Instant; id: string } | null, limit: number): Promise<StoredTouch[]>
}
