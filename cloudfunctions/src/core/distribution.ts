import { readRangedNumbers, settingsRoot } from './settings-doc'
import type { DistributionRules } from '../../../types/api'
import type { CommissionAccount, CommissionEntry, CommissionLine, Fen, Instant, Order, Withdrawal } from '../../../types/domain'
import { COMMISSION_CAP_BPS, DEFAULT_COMMISSION_BPS, commissionFor } from './commission'
import { DAY_MS } from './time'

/** Hard rule, not a setting: a commission becomes available 7 days after its order was received. */
export const SETTLE_AFTER_RECEIPT_MS = 7 * DAY_MS

export const RULES_VERSION = '2026-11'

/** The published rules an applicant agrees to. The copy states what is paid and never promises income. */
export const DISTRIBUTION_RULES: DistributionRules = {
  version: RULES_VERSION,
  sections: [
    {
      title: '加入',
      lines: ['申请免费：无需购买任何商品、礼包或会员，也不收取任何费用。', '申请人须年满 18 周岁，并同意本规则；运营审核通过后即可分享。'],
    },
    {
      title: '佣金怎么算',
      lines: [
        '只有一级：顾客通过你分享的商品卡片、海报或小程序码下单并支付，你获得该订单商品的佣金。',
        '佣金 = 商品实付金额（扣除优惠券、积分抵扣，不含运费，扣除退款）× 商品佣金比例，最高不超过实付金额的 30%。',
        '邀请他人成为分销员、注册、分享本身都没有任何奖励；不存在团队、上下级或管理奖。',
        '你自己购买不计佣金；顾客首次通过你的分享进入后 15 天内下单计入你的推广，下单会顺延有效期。',
      ],
    },
    {
      title: '结算与提现',
      lines: [
        '顾客支付后佣金为“待结算”，确认收货后为“冻结中”，收货满 7 天且无售后处理中才变为“可提现”。',
        '结算前退款的商品佣金作废；可提现后发生的退款，从余额或之后的佣金中扣回。',
        '提现有最低金额和每日上限；平台按劳务报酬代扣代缴个人所得税，提现前会显示税额与实际到账金额。',
      ],
    },
    {
      title: '推广规范',
      lines: [
        '如实介绍商品，不夸大功效，不承诺收益，不发布诱导分享的内容。',
        '违反规则的账户会被冻结：冻结期间不产生新的推广关系，佣金暂停结算与提现。',
      ],
    },
  ],
}

/** What operators may set, each clamped to its range on read. */
export interface DistributionSettings {
  /** Commission rate for products without their own, in basis points (used clamped to the 30% cap). */
  defaultBps: number
  autoApprove: boolean
  /** How long a first touch binds a buyer, in days. */
  bindingDays: number
  /** Smallest withdrawal, in fen. */
  minWithdraw: Fen
  /** Most that may be withdrawn per Shanghai day, in fen. */
  dailyCap: Fen
}

export const DEFAULT_DISTRIBUTION_SETTINGS: DistributionSettings = {
  defaultBps: DEFAULT_COMMISSION_BPS,
  autoApprove: false,
  bindingDays: 15,
  minWithdraw: 1_000,
  dailyCap: 100_000,
}

const RANGES: Record<'defaultBps' | 'bindingDays' | 'minWithdraw' | 'dailyCap', [number, number]> = {
  defaultBps: [0, COMMISSION_CAP_BPS],
  bindingDays: [1, 30],
  minWithdraw: [100, 100_000],
  // 商家转账 asks for the payee's real name from ¥2 000 on, which the shop does not hold.
  dailyCap: [1_000, 199_900],
}

/**
 * The `distribution` settings document as the rules may use it: a field of the wrong type keeps its
 * default, a number out of range is clamped; both are reported for the operator.
 */
export function readDistributionSettings(doc: unknown): { settings: DistributionSettings; problems: string[] } {
  const problems: string[] = []
  const root = settingsRoot(doc, '分销设置', problems)
  const settings = { ...DEFAULT_DISTRIBUTION_SETTINGS }
  readRangedNumbers(root, RANGES, settings, problems)
  if (root?.autoApprove !== undefined) {
    if (typeof root.autoApprove === 'boolean') settings.autoApprove = root.autoApprove
    else problems.push('autoApprove 不是布尔值，已按关闭执行')
  }
  return { settings, problems }
}

const amountAt = (base: Fen, bps: number): Fen => Math.floor((Math.max(0, base) * bps) / 10_000)

/**
 * The commission lines an order opens for the distributor its lines were attributed to, at payment.
 * Rates come from the product, else the global default, clamped to the cap. A line already refunded
 * when the payment is read opens void.
 */
export function openCommissionLines(
  order: Order,
  distributorId: string,
  productBps: ReadonlyMap<string, number | null>,
  defaultBps: number,
  now: Instant,
): CommissionLine[] {
  return order.lines
    .filter((line) => line.distributorId === distributorId)
    .map((line) => {
      const { amount, bps, clamped } = commissionFor(
        line.paidAmount,
        line.refundedAmount,
        productBps.get(line.productId) ?? null,
        defaultBps,
      )
      const gone = line.paidAmount - line.refundedAmount <= 0
      return {
        id: `cm-${line.id}`,
        distributorId,
        orderId: order.id,
        orderLineId: line.id,
        buyerId: order.memberId,
        productId: line.productId,
        title: line.title,
        image: line.image,
        quantity: line.quantity,
        paidAmount: line.paidAmount,
        refundedAmount: line.refundedAmount,
        bps,
        capped: clamped,
        amount: gone ? 0 : amount,
        status: gone ? 'void' : 'pending',
        createdAt: order.paidAt ?? now,
        frozenAt: null,
        availableAt: null,
        settledAt: null,
        voidedAt: gone ? now : null,
        clawedBack: 0,
      }
    })
}

/** At receipt a pending line freezes until 7 days later. Only a pending line moves. */
export function freezeLine(line: CommissionLine, receivedAt: Instant): CommissionLine | null {
  if (line.status !== 'pending') return null
  return { ...line, status: 'frozen', frozenAt: receivedAt, availableAt: receivedAt + SETTLE_AFTER_RECEIPT_MS }
}

/**
 * A refund on the line: the commission is recomputed on what stays paid. Before it became available
 * it shrinks, or voids when nothing stays paid; after, the difference is clawed back. Reapplying the
 * same refund changes nothing (the figures are absolute).
 */
export function refundLine(line: CommissionLine, refundedAmount: Fen, now: Instant): { line: CommissionLine; clawback: Fen } | null {
  if (line.status === 'void' || refundedAmount <= line.refundedAmount) return null
  const refunded = Math.min(line.paidAmount, refundedAmount)
  const amount = amountAt(line.paidAmount - refunded, line.bps)
  if (line.status === 'available') {
    const clawback = Math.max(0, line.amount - amount)
    return { line: { ...line, refundedAmount: refunded, amount, clawedBack: line.clawedBack + clawback }, clawback }
  }
  const gone = line.paidAmount - refunded <= 0
  return {
    line: {
      ...line,
      refundedAmount: refunded,
      amount: gone ? 0 : amount,
      status: gone ? 'void' : line.status,
      voidedAt: gone ? now : null,
    },
    clawback: 0,
  }
}

/** What an account-level decision writes: the account, changed lines and withdrawals, and ledger entries. */
export interface CommissionDecision {
  account: CommissionAccount
  lines: CommissionLine[]
  withdrawals: Withdrawal[]
  entries: CommissionEntry[]
}

export function emptyAccount(distributorId: string): CommissionAccount {
  return {
    distributorId,
    available: 0,
    processing: 0,
    withdrawn: 0,
    debt: 0,
    day: null,
    dayWithdrawn: 0,
    month: null,
    monthIncome: 0,
    monthTax: 0,
  }
}

/** What settling reads of a commission line. Settling changes nothing of a line but its status and settledAt. */
export type SettlingLine = Pick<CommissionLine, 'id' | 'status' | 'amount' | 'availableAt'>

/** What settling some of a distributor's lines writes: a decision whose lines are those given, made available. */
export type Settlement<L extends SettlingLine> = Omit<CommissionDecision, 'lines'> & {
  lines: (L & { status: 'available'; settledAt: Instant })[]
}

/**
 * Frozen lines whose 7 days are over become available; their amounts go to the balance, first
 * repaying any clawback debt. Lines not yet due (or not frozen) are left as they are.
 */
export function settleLines<L extends SettlingLine>(account: CommissionAccount, lines: readonly L[], now: Instant): Settlement<L> | null {
  const due = lines.filter((l) => l.status === 'frozen' && l.availableAt !== null && l.availableAt <= now)
  if (due.length === 0) return null
  let { available, debt } = account
  const entries: CommissionEntry[] = []
  for (const line of due) {
    entries.push({
      id: `settle:${line.id}`,
      distributorId: account.distributorId,
      kind: 'settle',
      ref: line.id,
      delta: line.amount,
      at: now,
    })
    const repay = Math.min(debt, line.amount)
    if (repay > 0)
      entries.push({ id: `repay:${line.id}`, distributorId: account.distributorId, kind: 'repay', ref: line.id, delta: -repay, at: now })
    available += line.amount - repay
    debt -= repay
  }
  return {
    account: { ...account, available, debt },
    lines: due.map((l) => ({ ...l, status: 'available' as const, settledAt: now })),
    withdrawals: [],
    entries,
  }
}

/** A clawback takes what the balance holds; the rest is owed and repaid from later commissions. */
export function clawBack(
  account: CommissionAccount,
  line: CommissionLine,
  amount: Fen,
  now: Instant,
): { account: CommissionAccount; entries: CommissionEntry[] } {
  const take = Math.min(account.available, amount)
  return {
    account: { ...account, available: account.available - take, debt: account.debt + amount - take },
    entries:
      take > 0
        ? [
            {
              id: `clawback:${line.id}:${line.refundedAmount}`,
              distributorId: account.distributorId,
              kind: 'clawback',
              ref: line.id,
              delta: -take,
              at: now,
            },
          ]
        : [],
  }
}

/**
 * A buyer as their distributor sees them: a tag stable per distributor (repeat buyers can be told
 * apart) that says nothing about who they are. FNV-1a, so the same buyer reads differently to
 * different distributors.
 */
export function maskedBuyer(distributorId: string, buyerId: string): string {
  let hash = 0x811c9dc5
  for (const char of `${distributorId}\u0000${buyerId}`) {
    hash ^= char.codePointAt(0)!
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return `顾客·${hash.toString(16).toUpperCase().padStart(8, '0').slice(0, 6)}`
}
