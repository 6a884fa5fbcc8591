import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Distribution: applying, share payloads, earnings, attributed orders, commission lines and withdrawals. */
export const distributionApi = {
  status: () => callFunction('distribution', 'status', {}),
  /** Free; an 18+ declaration and the rules version agreed to. */
  apply: (req: Req<'distribution', 'apply'>) => callFunction('distribution', 'apply', req),
  share: (req: Req<'distribution', 'share'>) => callFunction('distribution', 'share', req),
  dashboard: () => callFunction('distribution', 'dashboard', {}),
  orders: (req: Req<'distribution', 'orders'>) => callFunction('distribution', 'orders', req),
  commissions: (req: Req<'distribution', 'commissions'>) => callFunction('distribution', 'commissions', req),
  /** With `preview` nothing moves: the answer shows the tax and net before confirming. */
  withdraw: (req: Req<'distribution', 'withdraw'>) => callFunction('distribution', 'withdraw', req),
  withdrawals: (req: Req<'distribution', 'withdrawals'>) => callFunction('distribution', 'withdrawals', req),
}
