export interface Clock {
  now(): number
}

/**
 * The local host's clock. Every service reads time from here, so tests and operators can move the
 * shop through days (points expiry, refund windows, group-buy deadlines) without waiting.
 */
export class HostClock implements Clock {
  private offsetMs = 0

  now(): number {
    return Date.now() + this.offsetMs
  }

  advance(ms: number): number {
    this.offsetMs += ms
    return this.now()
  }

  set(instant: number): number {
    this.offsetMs = instant - Date.now()
    return this.now()
  }
}
