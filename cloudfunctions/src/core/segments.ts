import type { Instant } from '../../../types/domain'
import { DAY_MS } from './time'

/** What the segments are computed from: a member's joining and their paid orders. */
export interface MemberActivity {
  joinedAt: Instant
  /** The member's latest paid order, ever; null when they never paid. */
  lastPaidAt: Instant | null
  /** Paid orders and their kept amount (paid − refunded, fen) over the last 365 days. */
  orders365: number
  net365: number
  isDistributor: boolean
}

/** The bands and segments, so operators can name them in campaign audiences. */
export const SEGMENT_TAGS = [
  'rfm:r1',
  'rfm:r2',
  'rfm:r3',
  'rfm:f1',
  'rfm:f2',
  'rfm:f3',
  'rfm:m1',
  'rfm:m2',
  'rfm:m3',
  'rfm:champion',
  'new',
  'lapsing',
  'distributor',
] as const

/**
 * A member's computed tags. RFM bands: recency r3 within 30 days of the last paid order, r2 within
 * 90, r1 older; frequency f3 from 5 orders in a year, f2 from 2, f1 one; monetary m3 from ¥1 000 kept
 * in a year, m2 from ¥300, m1 any. `rfm:champion` is r3·f3·m3; `new` joined within 30 days; `lapsing`
 * bought before but not in the last 90 days; `distributor` an approved or frozen distributor.
 */
export function segmentTags(a: MemberActivity, now: Instant): string[] {
  const tags: string[] = []
  let r = 0
  if (a.lastPaidAt !== null) {
    const days = (now - a.lastPaidAt) / DAY_MS
    r = days <= 30 ? 3 : days <= 90 ? 2 : 1
    tags.push(`rfm:r${r}`)
  }
  const f = a.orders365 >= 5 ? 3 : a.orders365 >= 2 ? 2 : a.orders365 >= 1 ? 1 : 0
  if (f > 0) tags.push(`rfm:f${f}`)
  const m = a.net365 >= 100_000 ? 3 : a.net365 >= 30_000 ? 2 : a.net365 > 0 ? 1 : 0
  if (m > 0) tags.push(`rfm:m${m}`)
  if (r === 3 && f === 3 && m === 3) tags.push('rfm:champion')
  if (now - a.joinedAt <= 30 * DAY_MS) tags.push('new')
  if (a.lastPaidAt !== null && r === 1) tags.push('lapsing')
  if (a.isDistributor) tags.push('distributor')
  return tags
}
