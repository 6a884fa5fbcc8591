import type { Fen, Instant } from '../../../types/domain'

/** Hard cap, not a setting: a commission is at most 30% of the line's paid amount. */
export const COMMISSION_CAP_BPS = 3_000
export const DEFAULT_COMMISSION_BPS = 500

/**
 * A line's commission: the paid amount net of refunds times the rate (product rate, else the global
 * default), the rate clamped to the hard cap, floored to the fen. `clamped` says an operator value
 * was above the cap (it is reported, never paid).
 */
export function commissionFor(
  paidAmount: Fen,
  refundedAmount: Fen,
  productBps: number | null,
  defaultBps: number,
): { amount: Fen; bps: number; clamped: boolean } {
  // A console edit may leave anything in a rate field: only a finite number counts as a rate.
  const usable = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value)
  const asked = usable(productBps) ? productBps : usable(defaultBps) ? defaultBps : DEFAULT_COMMISSION_BPS
  const bps = Math.min(COMMISSION_CAP_BPS, Math.max(0, Math.floor(asked)))
  const base = Math.max(0, paidAmount - refundedAmount)
  return { amount: Math.floor((base * bps) / 10_000), bps, clamped: asked > COMMISSION_CAP_BPS }
}

/**
 * Individual income tax withheld on one payment of labour remuneration (劳务报酬) of `income` fen:
 * taxable = 0 up to ¥800, income − ¥800 up to ¥4 000, else 80% of income; tax = 20% of taxable up to
 * ¥20 000, 30% − ¥2 000 up to ¥50 000, 40% − ¥7 000 above; rounded to the fen.
 */
export function labourRemunerationTax(income: Fen): Fen {
  if (income <= 0) return 0
  const taxable = income <= 80_000 ? 0 : income <= 400_000 ? income - 80_000 : (income * 8) / 10
  const tax = taxable <= 2_000_000 ? taxable * 0.2 : taxable <= 5_000_000 ? taxable * 0.3 - 200_000 : taxable * 0.4 - 700_000
  return Math.round(tax)
}

export const BINDING_WINDOW_MS = 15 * 86_400_000

/** A buyer's binding to the distributor whose card, poster or QR brought them. */
export interface Binding {
  distributorId: string
  boundAt: Instant
  expiresAt: Instant
}

/**
 * What a touch from a distributor's share does to a buyer's binding: first touch wins while the
 * binding lasts; an expired binding goes to the new sharer; no one binds to themselves, and a buyer
 * who is a distributor is never bound (they buy without commission).
 */
export function bindOnTouch(
  current: Binding | null,
  sharerId: string,
  buyer: { id: string; isDistributor: boolean },
  now: Instant,
  windowMs = BINDING_WINDOW_MS,
): Binding | null {
  if (buyer.isDistributor || sharerId === buyer.id) return current
  if (current && current.expiresAt > now) return current
  return { distributorId: sharerId, boundAt: now, expiresAt: now + windowMs }
}

/** An order within the window extends the binding to a full window from the order. */
export function extendOnOrder(current: Binding | null, now: Instant, windowMs = BINDING_WINDOW_MS): Binding | null {
  return current && current.expiresAt > now ? { ...current, expiresAt: Math.max(current.expiresAt, now + windowMs) } : current
}
