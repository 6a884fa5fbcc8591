import type { Instant } from '../../../../types/domain'
import { shanghaiDateTime, shanghaiDay } from '../../../utils/time'

const DAY_MS = 86_400_000
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string }

/**
 * Reads Asia/Shanghai wall-clock time typed as "2025-11-24 09:00" into an instant (+08:00). A date
 * that does not exist (02-30, 24:00) is refused rather than rolled over into the next one.
 */
export function parseShanghaiDateTime(text: string): Parsed<Instant> {
  const typed = text.trim()
  if (!DATE_TIME.test(typed)) return { ok: false, problem: '请按 YYYY-MM-DD HH:mm 填写，如 2025-11-24 09:00' }
  const at = Date.parse(`${typed.replace(' ', 'T')}:00+08:00`)
  if (Number.isNaN(at) || shanghaiDateTime(at) !== typed) return { ok: false, problem: `${typed} 不是有效的日期时间` }
  return { ok: true, value: at }
}

/** Reads a Shanghai calendar day typed as "2025-11-24". */
export function parseShanghaiDay(text: string): Parsed<string> {
  const typed = text.trim()
  if (!DATE.test(typed)) return { ok: false, problem: '请按 YYYY-MM-DD 填写，如 2025-11-24' }
  const at = Date.parse(`${typed}T00:00:00Z`)
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== typed) return { ok: false, problem: `${typed} 不是有效的日期` }
  return { ok: true, value: typed }
}

/** The day `days` after (or before, when negative) a Shanghai day. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The last `count` Shanghai days up to and including today. */
export function lastDays(count: number, now: Instant): { from: string; to: string } {
  const to = shanghaiDay(now)
  return { from: shiftDay(to, 1 - count), to }
}

/** How many days a range covers, both ends included. */
export const daysIn = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1
