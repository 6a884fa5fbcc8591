import type { Store } from '../store/port'
import { autoConfirmReceipt, completeOrders, expireUnpaidOrders } from './order-jobs'
import { rollupVisits } from './touchpoints'

/** A timer job: a timer-trigger function in CloudBase, an interval in the local host. */
export interface JobDef {
  name: string
  description: string
  everyMs: number
  /** CloudBase timer trigger (7-field cron, UTC+8). */
  cron: string
  run(store: Store, now: number): Promise<unknown>
}

export const JOBS: readonly JobDef[] = [
  {
    name: 'touchRollup',
    description: '把入口触点按渠道汇总为每日访问报表（今天和昨天）',
    everyMs: 10 * 60_000,
    cron: '0 */10 * * * * *',
    run: rollupVisits,
  },
  {
    name: 'orderExpiry',
    description: '取消超过 15 分钟未支付的订单并释放库存',
    everyMs: 60_000,
    cron: '0 * * * * * *',
    run: expireUnpaidOrders,
  },
  {
    name: 'orderAutoReceive',
    description: '发货 10 天后自动确认收货',
    everyMs: 60 * 60_000,
    cron: '0 5 * * * * *',
    run: (store, now) => autoConfirmReceipt(store, now),
  },
  {
    name: 'orderComplete',
    description: '收货 7 天售后期结束、无退款处理中的订单完成',
    everyMs: 60 * 60_000,
    cron: '0 35 * * * * *',
    run: (store, now) => completeOrders(store, now),
  },
]
