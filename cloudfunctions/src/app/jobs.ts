import type { Store } from '../store/port'
import type { Platform } from '../wechat/ports'
import { autoConfirmReceipt, completeOrders, expireUnpaidOrders } from './order-jobs'
import { grantBirthdayGifts } from './birthdays'
import { runGroupBuys } from './groupbuy-outcomes'
import { refreshMemberTags } from './segments'
import { applyOrderEventsToCommissions, settleCommissions } from './commissions'
import { resendWithdrawals } from './withdrawals'
import { applyOrderEventsToMembers } from './order-events'
import { expirePoints, reconcilePoints } from './points'
import { reviewTiers } from './tiers'
import { resendRefunds } from './refunds'
import { runAfterSaleTimers } from './aftersale'
import { rollupVisits } from './touchpoints'

/** A timer job: a timer-trigger function in CloudBase, an interval in the local host. */
export interface JobDef {
  name: string
  description: string
  everyMs: number
  /** CloudBase timer trigger (7-field cron, UTC+8). */
  cron: string
  run(store: Store, now: number, pay: Platform): Promise<unknown>
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
  {
    name: 'pointsFromOrders',
    description: '按订单事件记积分：支付记待到账、退款作废并退回抵扣、取消退回抵扣和优惠券、完成后到账',
    everyMs: 15_000,
    cron: '30 * * * * * *',
    run: applyOrderEventsToMembers,
  },
  {
    name: 'commissionsFromOrders',
    description: '按订单事件记佣金：支付生成待结算佣金行、收货后冻结、退款作废或追回',
    everyMs: 15_000,
    cron: '40 * * * * * *',
    run: applyOrderEventsToCommissions,
  },
  {
    name: 'commissionSettlement',
    description: '收货满 7 天且无售后处理中的佣金转为可提现（冻结的分销员暂缓）',
    everyMs: 60 * 60_000,
    cron: '0 15 * * * * *',
    run: settleCommissions,
  },
  {
    name: 'groupbuyExpiry',
    description: '拼团：记入参团订单的支付与取消，到时未成团的团判为失败并为每位已付款成员自动退款、退回库存',
    everyMs: 60_000,
    cron: '20 * * * * * *',
    run: (store, now, pay) => runGroupBuys(store, pay, now),
  },
  {
    name: 'withdrawalResend',
    description: '重新发出 10 分钟前扣款后未送达转账服务的提现（同一单号，不会重复付款）',
    everyMs: 10 * 60_000,
    cron: '0 */10 * * * * *',
    run: (store, now, pay) => resendWithdrawals(store, pay, now),
  },
  {
    name: 'refundResend',
    description: '重新发出 1 小时前已记录但仍未收到结果的退款（同一退款单号，不会重复退款）',
    everyMs: 10 * 60_000,
    cron: '0 5/10 * * * * *',
    run: (store, now, pay) => resendRefunds(store, pay, now),
  },
  {
    name: 'afterSaleTimer',
    description: '售后：超时未审核的申请自动同意，逾期未寄回的退货关闭，商家超时未确认收到的退货自动退款',
    everyMs: 10 * 60_000,
    cron: '0 2/10 * * * * *',
    run: (store, now, pay) => runAfterSaleTimers(store, pay, now),
  },
  {
    name: 'pointsExpiry',
    description: '让到期的积分批次过期，并记入积分流水',
    everyMs: 60 * 60_000,
    cron: '0 10 0 * * * *',
    run: expirePoints,
  },
  {
    name: 'pointsReconcile',
    description: '核对每位会员：可用积分 = 批次余额之和 = 流水之和，报告差异',
    everyMs: 24 * 60 * 60_000,
    cron: '0 30 3 * * * *',
    run: (store) => reconcilePoints(store),
  },
  {
    name: 'tierReview',
    description: '保级期满的会员按近 12 个月成长值重新评定等级',
    everyMs: 6 * 60 * 60_000,
    cron: '0 20 2 * * * *',
    run: reviewTiers,
  },
  {
    name: 'memberTags',
    description: '按近一年的购买计算会员标签（RFM 分档、新会员、沉睡、分销员），供活动受众使用',
    everyMs: 6 * 60 * 60_000,
    cron: '0 40 3 * * * *',
    run: refreshMemberTags,
  },
  {
    name: 'birthdayGifts',
    description: '今天生日的会员按等级领取生日礼积分（每年一次）',
    everyMs: 60 * 60_000,
    cron: '0 0 8 * * * *',
    run: grantBirthdayGifts,
  },
]

/** The job of that name; an unknown name is a deployment mistake and fails at start-up. */
export function jobNamed(name: string): JobDef {
  const job = JOBS.find((j) => j.name === name)
  if (!job) throw new Error(`no timer job named ${name}`)
  return job
}
