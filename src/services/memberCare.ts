import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff member care (service role; the server checks it): finding members, their standing, adjusting points. */
export const memberCareApi = {
  find: (query: string) => callFunction('member', 'find', { query }),
  care: (memberId: string) => callFunction('member', 'care', { memberId }),
  adjustPoints: (req: Req<'member', 'adjustPoints'>) => callFunction('member', 'adjustPoints', req),
}
