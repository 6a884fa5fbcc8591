import type { Req } from '../../types/api'
import { callFunction } from './call'

/** The member's points: balance, ledger, lots, daily check-in and the published rules. */
export const pointsApi = {
  balance: () => callFunction('points', 'balance', {}),
  ledger: (req: Req<'points', 'ledger'>) => callFunction('points', 'ledger', req),
  lots: () => callFunction('points', 'lots', {}),
  checkInStatus: () => callFunction('points', 'checkInStatus', {}),
  /** Safe to repeat: a second check-in on the same day answers `credited: 0`. */
  checkIn: () => callFunction('points', 'checkIn', {}),
  rules: () => callFunction('points', 'rules', {}),
}

/** The member's tier: standing, progress to the next tier, every tier's benefits, and past changes. */
export const memberApi = {
  tier: () => callFunction('member', 'tier', {}),
  tierHistory: () => callFunction('member', 'tierHistory', {}),
  setBirthday: (req: { birthday: string }) => callFunction('member', 'setBirthday', req),
}
