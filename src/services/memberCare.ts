import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff member care (service role; the server checks it): finding members, their standing, adjusting points; 达人 certification (owners). */
export const memberCareApi = {
  find: (query: string) => callFunction('member', 'find', { query }),
  care: (memberId: string) => callFunction('member', 'care', { memberId }),
  adjustPoints: (req: Req<'member', 'adjustPoints'>) => callFunction('member', 'adjustPoints', req),
  /** Owners: 达人 certification, with a reason; audited. */
  certifyCreator: (req: Req<'member', 'certifyCreator'>) => callFunction('member', 'certifyCreator', req),
  uncertifyCreator: (req: Req<'member', 'uncertifyCreator'>) => callFunction('member', 'uncertifyCreator', req),
}
