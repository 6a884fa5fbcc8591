/** A bar's length as a share of the largest value (as the day bars measure theirs). */
export { barHeight as barShare } from '../../../components/DayBars'

/**
 * Buyers per visitor in the range as a percentage with one decimal. '—' without visitors, and when
 * there are more buyers than visitors: orders count under the buyer's last entry within the binding
 * window, which may lie before the range, so the ratio would mean nothing.
 */
export function conversion(buyers: number, visitors: number): string {
  return visitors > 0 && buyers <= visitors ? `${Math.round((buyers / visitors) * 1000) / 10}%` : '—'
}
