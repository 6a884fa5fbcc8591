import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff fulfilment (service role; the server checks it): orders by stage, shipping one or many. */
export const fulfilmentApi = {
  list: (req: Req<'order', 'staffList'>) => callFunction('order', 'staffList', req),
  ship: (req: Req<'order', 'ship'>) => callFunction('order', 'ship', req),
  shipBatch: (rows: Req<'order', 'shipBatch'>['rows']) => callFunction('order', 'shipBatch', { rows }),
  export: (req: Req<'order', 'export'>) => callFunction('order', 'export', req),
}
