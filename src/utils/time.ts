import type { Instant } from '../../types/domain'

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The Asia/Shanghai calendar day of an instant, e.g. "2025-11-24" (China has no daylight saving). */
export function shanghaiDay(at: Instant): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}

/** An instant as Asia/Shanghai wall-clock time, e.g. "2025-11-24 14:05". */
export function shanghaiDateTime(at: Instant): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')
}

/** Time left as "14:59" (or "1:02:03" past an hour); never negative. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const pad = (n: number) => (n < 10 ? `0${n}` : `${n}`)
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`
}
