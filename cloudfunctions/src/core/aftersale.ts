import type { Address, Instant, Refund, RefundKind, RefundStatus } from '../../../types/domain'
import { readRangedNumbers, settingsRoot } from './settings-doc'

/**
 * The after-sale case as a state machine. A case asked before the parcel left goes straight to
 * `refunding`; one asked after waits for review. Staff act on `reviewing` and `returned`; the buyer on
 * `returning` (sends the parcel) and, while nothing has gone out, may withdraw.
 */
export const CASE_TRANSITIONS: Record<RefundStatus, readonly RefundStatus[]> = {
  reviewing: ['refunding', 'returning', 'rejected', 'cancelled'],
  returning: ['returned', 'cancelled'],
  returned: ['refunding'],
  refunding: ['refunded'],
  refunded: [],
  rejected: [],
  cancelled: [],
}

/** While a case is in one of these its lines are held (`refunding`): not shippable, not refundable again, not settled. */
export const OPEN_CASE: readonly RefundStatus[] = ['reviewing', 'returning', 'returned', 'refunding']

export const caseOpen = (status: RefundStatus): boolean => OPEN_CASE.includes(status)

export const canMoveCase = (from: RefundStatus, to: RefundStatus): boolean => CASE_TRANSITIONS[from].includes(to)

export const kindOf = (refund: Pick<Refund, 'kind'>): RefundKind => refund.kind ?? 'refund'

export const REFUND_KIND_NAMES: Record<RefundKind, string> = { refund: '仅退款', return: '退货退款' }

export interface AfterSaleSettings {
  /** A case nobody reviews within this many hours is approved by the review timer. */
  reviewHours: number
  /** An approved 退货退款 whose return parcel is not entered within this many days is closed. */
  returnDays: number
  /** Returned goods staff have not confirmed within this many days are refunded by the timer. */
  confirmDays: number
  /** Where buyers send 退货退款 parcels; a return cannot be approved without it. */
  returnAddress: Address | null
}

export const DEFAULT_AFTER_SALE_SETTINGS: AfterSaleSettings = { reviewHours: 48, returnDays: 7, confirmDays: 10, returnAddress: null }

type DayCounts = 'reviewHours' | 'returnDays' | 'confirmDays'

const RANGES: Record<DayCounts, [number, number]> = {
  reviewHours: [24, 168],
  returnDays: [3, 14],
  confirmDays: [7, 30],
}

const ADDRESS_LIMITS: Record<keyof Address, number> = { name: 20, phone: 20, region: 60, detail: 120 }

function readAddress(value: unknown): Address | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const fields = value as Record<string, unknown>
  const address = {} as Address
  for (const key of Object.keys(ADDRESS_LIMITS) as (keyof Address)[]) {
    const text = fields[key]
    if (typeof text !== 'string' || text.trim() === '' || text.length > ADDRESS_LIMITS[key]) return null
    address[key] = text.trim()
  }
  return address
}

/** The after-sale settings document, validated and clamped: a bad field keeps its default and is reported. */
export function readAfterSaleSettings(doc: unknown): { settings: AfterSaleSettings; problems: string[] } {
  const problems: string[] = []
  const root = settingsRoot(doc, '售后设置', problems)
  const settings = { ...DEFAULT_AFTER_SALE_SETTINGS }
  readRangedNumbers(root, RANGES, settings, problems)
  if (root?.returnAddress !== undefined) {
    settings.returnAddress = readAddress(root.returnAddress)
    if (!settings.returnAddress) problems.push('returnAddress 需要收件人、电话、地区和详细地址，退货退款暂不能通过')
  }
  return { settings, problems }
}

const HOUR = 3_600_000

/** When the case's current wait ends: the review timer approves, or the return window closes; null when nobody waits on a clock. */
export function caseDeadline(refund: Pick<Refund, 'status' | 'stageAt' | 'createdAt'>, settings: AfterSaleSettings): Instant | null {
  const wait = caseWait(refund.status, settings)
  return wait === null ? null : (refund.stageAt ?? refund.createdAt) + wait
}

/** How long a case may wait in this status before a timer acts; null for a status no clock runs on. */
export function caseWait(status: RefundStatus, settings: AfterSaleSettings): number | null {
  if (status === 'reviewing') return settings.reviewHours * HOUR
  if (status === 'returning') return settings.returnDays * 24 * HOUR
  if (status === 'returned') return settings.confirmDays * 24 * HOUR
  return null
}
