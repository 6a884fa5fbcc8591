import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Staff fulfilment (service role; the server checks it): orders by stage, shipping one or many. */
export const fulfilmentApi = {
  list: (req: Req<'order', 'staffList'>) => callFunction('order', 'staffList', req),
  ship: (req: Req<'order', 'ship'>) => callFunction('order', 'ship', req),
  shipBatch: (rows: Req<'order', 'shipBatch'>['rows']) => callFunction('order', 'shipBatch', { rows }),
  export: (req: Req<'order', 'export'>) => callFunction('order', 'export', req),
}

/** The carriers shipping accepts (the server's list). */
export const CARRIER_NAMES = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '京东物流', '邮政EMS'] as const
