import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff (service): distributor applications and standing; the server checks the role. */
export const distributorReviewApi = {
  list: (req: Req<'distribution', 'distributors'>) => callFunction('distribution', 'distributors', req),
  approve: (memberId: string) => callFunction('distribution', 'approve', { memberId }),
  reject: (memberId: string, reason: string) => callFunction('distribution', 'reject', { memberId, reason }),
  freeze: (memberId: string, frozen: boolean, reason?: string) =>
    callFunction('distribution', 'freeze', reason ? { memberId, frozen, reason } : { memberId, frozen }),
}
