import type { Req } from '../../types/api'
import { callFunction } from './call'

/** The points mall: its items as the caller may redeem them, redeeming one, and the member's redemptions. */
export const redeemApi = {
  items: (req: Req<'redeem', 'items'>) => callFunction('redeem', 'items', req),
  item: (req: Req<'redeem', 'item'>) => callFunction('redeem', 'item', req),
  /** Safe to repeat with the same idempotency key: a retry answers the first redemption. */
  redeem: (req: Req<'redeem', 'redeem'>) => callFunction('redeem', 'redeem', req),
  mine: (req: Req<'redeem', 'mine'>) => callFunction('redeem', 'mine', req),
  /** Before fulfilment only; the points come back once. */
  cancel: (req: Req<'redeem', 'cancel'>) => callFunction('redeem', 'cancel', req),
}

/** Staff (service): goods redeemed with points, waiting to ship, and shipping one with its parcel. */
export const redeemStaffApi = {
  toShip: (req: Req<'redeem', 'toShip'>) => callFunction('redeem', 'toShip', req),
  fulfil: (req: Req<'redeem', 'fulfil'>) => callFunction('redeem', 'fulfil', req),
}
