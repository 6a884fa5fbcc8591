import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff after-sale review (service role; the server checks it): cases by stage, and the decisions on them. */
export const afterSaleApi = {
  cases: (req: Req<'order', 'refundCases'>) => callFunction('order', 'refundCases', req),
  approve: (refundId: string) => callFunction('order', 'approveRefund', { refundId }),
  reject: (refundId: string, reason: string) => callFunction('order', 'rejectRefund', { refundId, reason }),
  confirmReturn: (refundId: string) => callFunction('order', 'confirmReturn', { refundId }),
}
