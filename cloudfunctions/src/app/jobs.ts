import type { Store } from '../store/port'
import type { Platform } from '../wechat/ports'
import { autoConfirmReceipt, completeOrders, expireUnpaidOrders } from './order-jobs'
import { grantBirthdayGifts } from './birthdays'
import { runGroupBuys } from './groupbuy-outcomes'
import { refreshMemberTags } from './segments'
import { applyOrderEventsToCommissions, settleCommissions } from './commissions'
import { resendWithdrawals } from './withdrawals'
import { applyOrderEventsToMembers } from './order-events'
import { expirePoints, reconcilePointsDaily } from './points-jobs'
import { reviewTiers } from './tiers'
import { resendRefunds } from './refunds'
import { runAfterSaleTimers } from './aftersale'
import { rollupVisits } from './touchpoints'
import type { Budget, JobOutcome } from './job-runs'

/**
 * A timer job: a timer-trigger function in CloudBase, an interval in the local host. A run works
 * until its work is done or its budget is spent, then answers `done` (false: the next trigger goes
 * on from where it stopped). Jobs that walk a range over several triggers run more often than their
 * work is due (hourly for a daily pass), so a pass cut short goes on the same day.
 */
export interface JobDef {
  name: string
  description: string
  everyMs: number
  /** CloudBase timer trigger (7-field cron, UTC+8). */
  cron: string
  /** Without a budget the run goes on until its work is done. */
  run(store: Store, now: number, pay: Platform, budget?: Budget): Promise<JobOutcome>
}

export const JOBS: readonly JobDef[] = [
  {
    name: 'touchRollup',
    description: '把入口触点按渠道汇总为每日访问报表（今天和昨天）',
    everyMs: 10 * 60_000,
    cron: '0 */10 * * * * *',
    run: (store, now, _pay, budget) => rollupVisits(store, now, budget),
  },
  {
    name: 'orderExpiry',
    description: '取消超过 15 分钟未支付的订单并释放库存，收回中断的下单占用的库存',
    everyMs: 60_000,
    cron: '0 * * * * * *',
    run: (store, now, _pay, budget) => expireUnpaidOrders(store, now, budget),
  },
  {
    name: 'orderAutoReceive',
    description: '发货 10 天后自动确认收货',
    everyMs: 60 * 60_000,
    cron: '0 5 * * * * *',
    run: (store, now, _pay, budget) => autoConfirmReceipt(store, now, budget),
  },
  {
    name: 'orderComplete',
    description: '收货 7 天售后期结束、无退款处理中的订单完成',
    everyMs: 60 * 60_000,
    cron: '0 35 * * * * *',
    run: (store, now, _pay, budget) => completeOrders(store, now, budget),
  },
  {
    name: 'pointsFromOrders',
    description: '按订单事件记积分：支付记待到账、退款作废并退回抵扣、取消退回抵扣和优惠券、完成后到账；种草带来的支付更新该篇的推荐排序',
    everyMs: 15_000,
    cron: '30 * * * * * *',
    run: (store, now, _pay, budget) => applyOrderEventsToMembers(store, now, budget),
  },
  {
    name: 'commissionsFromOrders',
    description: '按订单事件记佣金：支付生成待结算佣金行、收货后冻结、退款作废或追回',
    everyMs: 15_000,
    cron: '40 * * * * * *',
    run: (store, now, _pay, budget) => applyOrderEventsToCommissions(store, now, budget),
  },
  {
    name: 'commissionSettlement',
    description: '收货满 7 天且无售后处理中的佣金转为可提现（冻结的分销员暂缓）',
    everyMs: 60 * 60_000,
    cron: '0 15 * * * * *',
    run: (store, now, _pay, budget) => settleCommissions(store, now, budget),
  },
  {
    name: 'groupbuyExpiry',
    description: '拼团：记入参团订单的支付与取消，到时未成团的团判为失败并为每位已付款成员自动退款、退回库存',
    everyMs: 60_000,
    cron: '20 * * * * * *',
    run: (store, now, pay, budget) => runGroupBuys(store, pay, now, budget),
  },
  {
    name: 'withdrawalResend',
    description: '重新发出 10 分钟前扣款后未送达转账服务的提现（同一单号，不会重复付款）',
    everyMs: 10 * 60_000,
    cron: '0 */10 * * * * *',
    run: (store, now, pay, budget) => resendWithdrawals(store, pay, now, budget),
  },
  {
    name: 'refundResend',
    description: '重新发出 1 小时前已记录但仍未收到结果的退款（同一退款单号，不会重复退款）',
    everyMs: 10 * 60_000,
    cron: '0 5/10 * * * * *',
    run: (store, now, pay, budget) => resendRefunds(store, pay, now, budget),
  },
  {
    name: 'afterSaleTimer',
    description: '售后：超时未审核的申请自动同意，逾期未寄回的退货关闭，商家超时未确认收到的退货自动退款',
    everyMs: 10 * 60_000,
    cron: '0 2/10 * * * * *',
    run: (store, now, pay, budget) => runAfterSaleTimers(store, pay, now, budget),
  },
  {
    name: 'pointsExpiry',
    description: '让到期的积分批次过期，并记入积分流水',
    everyMs: 60 * 60_000,
    cron: '0 10 * * * * *',
    run: (store, now, _pay, budget) => expirePoints(store, now, budget),
  },
  {
    name: 'pointsReconcile',
    description: '每天核对一遍每位会员：可用积分 = 批次余额之和 = 流水之和，报告差异',
    everyMs: 60 * 60_000,
    cron: '0 30 3-23 * * * *',
    run: (store, now, _pay, budget) => reconcilePointsDaily(store, now, budget),
  },
  {
    name: 'tierReview',
    description: '保级期满的会员按近 12 个月成长值重新评定等级',
    everyMs: 60 * 60_000,
    cron: '0 20 * * * * *',
    run: (store, now, _pay, budget) => reviewTiers(store, now, budget),
  },
  {
    name: 'memberTags',
    description: '每天按近一年的购买计算一遍会员标签（RFM 分档、新会员、沉睡、分销员），供活动受众使用',
    everyMs: 60 * 60_000,
    cron: '0 40 3-23 * * * *',
    run: (store, now, _pay, budget) => refreshMemberTags(store, now, budget),
  },
  {
    name: 'birthdayGifts',
    description: '今天生日的会员按等级领取生日礼积分（每年一次）',
    everyMs: 60 * 60_000,
    cron: '0 0 8-23 * * * *',
    run: (store, now, _pay, budget) => grantBirthdayGifts(store, now, budget),
  },
]

/** The job of that name; an unknown name is a deployment mistake and fails at start-up. */
export function jobNamed(name: string): JobDef {
  const job = JOBS.find((j) => j.name === name)
  if (!job) throw new Error(`no timer job named ${name}`)
  return job
}
