import type { CommissionLine, Distributor, Instant, LineStatus, OrderLine } from '../../../types/domain'

/** Why a commission line stays where it is on a settlement run. */
export type SettlementHold =
  /** Paid but not received yet: PENDING. */
  | 'notReceived'
  /** Received, but the 7 days after receipt are not over. */
  | 'coolingOff'
  /** Its order line has an after-sale case open. */
  | 'afterSaleOpen'
  /** Its order line cannot be found, so nothing proves the case is closed. */
  | 'orderLineMissing'
  /** The distributor is frozen (or no longer approved): their lines wait. */
  | 'distributorNotApproved'
  /** Already AVAILABLE. */
  | 'settled'
  /** Voided by a refund before settlement. */
  | 'void'

const hold = (reason: SettlementHold) => ({ settle: false as const, hold: reason })
const SETTLES = { settle: true } as const

/** After-sale states of an order line that keep its commission FROZEN until the case closes. */
const BLOCKING_AFTER_SALE: readonly LineStatus[] = ['refunding']

/**
 * Rule 6, for one line: a commission is PENDING at payment and FROZEN at receipt; it becomes AVAILABLE
 * only when 7 days have passed since receipt (`availableAt`), no after-sale case is open on its order
 * line and its distributor is approved. A refund does not wait for this rule: it shrinks or voids the
 * line when it happens, and a void line is never settled.
 */
export function settleable(
  line: Pick<CommissionLine, 'status' | 'availableAt'>,
  orderLine: Pick<OrderLine, 'status'> | null,
  distributor: Pick<Distributor, 'status'> | null,
  now: Instant,
): { settle: true } | { settle: false; hold: SettlementHold } {
  if (line.status === 'void') return hold('void')
  if (line.status === 'available') return hold('settled')
  if (line.status === 'pending' || line.availableAt === null) return hold('notReceived')
  if (now < line.availableAt) return hold('coolingOff')
  if (distributor?.status !== 'approved') return hold('distributorNotApproved')
  if (!orderLine) return hold('orderLineMissing')
  if (BLOCKING_AFTER_SALE.includes(orderLine.status)) return hold('afterSaleOpen')
  return SETTLES
}
