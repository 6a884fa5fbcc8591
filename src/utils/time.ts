import type { Instant } from '../../types/domain'

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The Asia/Shanghai calendar day of an instant, e.g. "2025-11-24" (China has no daylight saving). */
export function shanghaiDay(at: Instant): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
