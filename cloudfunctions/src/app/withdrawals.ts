import { createHash } from 'node:crypto'
import type { Page, WithdrawalQuote, WithdrawalView } from '../../../types/api'
import type { Member, Withdrawal } from '../../../types/domain'
import { paging } from '../core/catalog'
import { quoteWithdrawal, transferFailed, transferSent, withdraw } from '../core/withdrawals'
import type { Store } from '../store/port'
import { AppError } from './errors'
import type { Transfers } from '../wechat/ports'
import type { NoticeSettled, TransferNotice } from '../wechat/transfers/notification'
import { distributionSettings } from './settings'
import { activeDistributor } from './distributors'
import { type Budget, JobCursor, UNBOUNDED, sliceOf } from './job-runs'

const withdrawalView = ({ distributorId: _d, ...rest }: Withdrawal): WithdrawalView => rest

export async function listWithdrawals(
  store: Store,
  member: Member,
  req: { page?: number; pageSize?: number },
): Promise<Page<WithdrawalView>> {
  const d = await activeDistributor(store, member)
  const p = paging(req.page, req.pageSize)
  const { items, total } = await store.listWithdrawals(d.memberId, p.offset, p.pageSize)
  return { items: items.map(withdrawalView), page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
}

/** The withdrawal id for a distributor's request: a retried request lands on the same withdrawal. */
export function withdrawalIdFor(distributorId: string, requestId: string): string {
  return `wd${createHash('sha256').update(`${distributorId}\u0000${requestId}`).digest('hex').slice(0, 24)}`
}

/**
 * A withdrawal: `preview` answers the tax and what arrives, changing nothing. Otherwise the amount
 * leaves the available balance in one atomic step (once per request id) and goes out by transfer;
 * a transfer the provider refuses returns it.
 */
export async function requestWithdrawal(
  store: Store,
  pay: Transfers,
  member: Member,
  req: { amount: number; requestId: string; preview?: boolean },
  now: number,
): Promise<{ quote: WithdrawalQuote; withdrawal: WithdrawalView | null }> {
  const d = await activeDistributor(store, member)
  const id = withdrawalIdFor(d.memberId, req.requestId)
  const existing = await store.findWithdrawal(id)
  if (existing)
    return {
      quote: { amount: existing.amount, tax: existing.tax, net: existing.net, monthIncome: 0 },
      withdrawal: withdrawalView(existing),
    }
  if (d.status === 'frozen') throw new AppError('DISTRIBUTOR_FROZEN', `分销资格已冻结，暂不能提现${d.note ? `：${d.note}` : ''}`)
  const { settings } = await distributionSettings(store, now)
  const state = await store.findCommissions(d.memberId, { lineIds: [] })
  const check = withdraw(state.account, { id, amount: req.amount }, settings, now)
  if ('code' in check) throw new AppError(check.code, check.message)
  const quote = quoteWithdrawal(state.account, req.amount, now)
  if (req.preview) return { quote, withdrawal: null }

  await store.updateCommissions(d.memberId, { lineIds: [], withdrawalId: id }, (s) => {
    // Taken already (a retried request, or a racing twin): it is sent as it stands.
    if (s.withdrawal) return null
    const decision = withdraw(s.account, { id, amount: req.amount }, settings, now)
    if ('code' in decision) throw new AppError(decision.code, decision.message)
    return decision
  })
  // What was written, read back: never what an attempt on a moved balance decided.
  const withdrawal = await sendTransfer(store, pay, (await store.findWithdrawal(id))!, now)
  return {
    quote: { amount: withdrawal.amount, tax: withdrawal.tax, net: withdrawal.net, monthIncome: quote.monthIncome },
    withdrawal: withdrawalView(withdrawal),
  }
}

/** Sends a processing withdrawal out; the provider's answer is recorded at once. */
async function sendTransfer(store: Store, pay: Transfers, withdrawal: Withdrawal, now: number): Promise<Withdrawal> {
  if (withdrawal.status !== 'processing') return withdrawal
  let outcome:
    | { paid: true; transferId: string }
    | { paid: false; reason: string }
    | { waiting: true; transferId: string; packageInfo: string | null }
  try {
    const result = await pay.transfer(withdrawal, now)
    outcome =
      result.state === 'paid'
        ? { paid: true, transferId: result.transferId }
        : { waiting: true, transferId: result.transferId, packageInfo: result.packageInfo }
  } catch (error) {
    // No clear answer is not a refusal: the transfer may have gone through, so the withdrawal stays
    // processing until the provider's callback (or a resend under the same bill number) settles it.
    if ((error as { uncertain?: unknown } | null)?.uncertain === true) return withdrawal
    outcome = { paid: false, reason: error instanceof Error ? error.message : String(error) }
  }
  if ('waiting' in outcome) {
    const { transferId, packageInfo } = outcome
    await store.updateCommissions(withdrawal.distributorId, { lineIds: [], withdrawalId: withdrawal.id }, (s) =>
      s.withdrawal ? transferSent(s.account, s.withdrawal, { transferId, paid: false, packageInfo }, now) : null,
    )
    return (await store.findWithdrawal(withdrawal.id))!
  }
  return (await completeWithdrawal(store, withdrawal.id, outcome, now))!
}

/** A withdrawal debited this long ago and still without a transfer is sent again. */
export const RESEND_AFTER_MS = 10 * 60_000

const RESEND_SLICE = 200

/**
 * Withdrawals taken from the balance whose transfer never reached the provider (a crash or an
 * unclear answer in between) are sent again under the same bill number, which the provider pays at
 * most once. Those waiting for the payee's confirmation are left to the transfer callback. A pass
 * walks them by (createdAt, id) and keeps its place in `job_cursors/withdrawalResend`, so a run cut
 * short by its budget is continued by the next without sending any withdrawal twice in one pass.
 */
export async function resendWithdrawals(
  store: Store,
  pay: Transfers,
  now: number,
  budget: Budget = UNBOUNDED,
): Promise<{ resent: number; paid: number; done: boolean }> {
  const cursor = await JobCursor.open<{ at: number; id: string }>(store, 'withdrawalResend')
  let resent = 0
  let paid = 0
  const limit = sliceOf(budget, RESEND_SLICE)
  let position = cursor.position
  for (;;) {
    const page = await store.processingWithdrawals(now - RESEND_AFTER_MS, position, limit)
    for (const withdrawal of page) {
      if (!budget.more()) {
        await cursor.save(position)
        return { resent, paid, done: false }
      }
      position = { at: withdrawal.createdAt, id: withdrawal.id }
      if (withdrawal.transferId !== null) continue
      resent += 1
      if ((await sendTransfer(store, pay, withdrawal, now)).status === 'paid') paid += 1
      // Kept after each send, so a run ended midway sends nothing again before moving on.
      if (!(await cursor.save(position))) return { resent, paid, done: false }
    }
    if (page.length < limit) break
  }
  return { resent, paid, done: await cursor.save(null) }
}

/** The provider's final word on a transfer (the transfer callback in production): recorded once. */
export async function completeWithdrawal(
  store: Store,
  withdrawalId: string,
  outcome: { paid: true; transferId: string } | { paid: false; reason: string },
  now: number,
): Promise<Withdrawal | null> {
  const found = await store.findWithdrawal(withdrawalId)
  if (!found) return null
  await store.updateCommissions(found.distributorId, { lineIds: [], withdrawalId }, (s) => {
    if (!s.withdrawal) return null
    return outcome.paid
      ? transferSent(s.account, s.withdrawal, { transferId: outcome.transferId, paid: true }, now)
      : transferFailed(s.account, s.withdrawal, outcome.reason, now)
  })
  return store.findWithdrawal(withdrawalId)
}

/**
 * A verified 商家转账 notification, settled once. One handled before — WeChat Pay's redelivery, or a
 * replay of its id or of its signature — changes nothing. A bill's end completes the withdrawal (a
 * compare-and-set on its status, so deliveries racing each other pay or return nothing twice). The
 * notification is remembered only after it is settled: one that could not be applied now is applied
 * when WeChat Pay sends it again.
 */
export async function settleTransferNotice(
  store: Store,
  notice: Pick<TransferNotice, 'receipts' | 'outBillNo' | 'outcome'>,
  now: number,
): Promise<NoticeSettled> {
  if (await store.noticeHandled(notice.receipts)) return 'replayed'
  if (notice.outcome && (await completeWithdrawal(store, notice.outBillNo, notice.outcome, now)) === null) return 'unknown'
  await store.recordNoticeHandled(notice.receipts, now)
  return 'applied'
}
