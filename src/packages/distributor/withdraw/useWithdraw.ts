import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { WithdrawalQuote, WithdrawalView } from '../../../../types/api'
import { distributionApi } from '../../../services/distribution'
import { describeError, isCallError } from '../../../services/errors'
import { newRequestId } from '../../../utils/id'
import { askToSignIn } from '../../../utils/signIn'
import { type WithdrawLimits, checkWithdrawAmount, fenToYuanText, withdrawableNow } from '../shared/amount'

/** How long typing must pause before the tax is asked for. */
export const PREVIEW_DELAY_MS = 400

export type Preview =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; quote: WithdrawalQuote }
  /** `retryable`: nothing was wrong with the amount, the answer just did not arrive. */
  | { status: 'error'; message: string; retryable: boolean }

interface WithdrawHandlers {
  /** The withdrawal went through (null: the server did not say which; the records will). */
  onDone: (withdrawal: WithdrawalView | null) => Promise<void>
  /** The server refused: the figures on screen may be stale. */
  onRefused: () => void
}

const isTransient = (error: unknown) => isCallError(error) && (error.code === 'NETWORK' || error.code === 'BUSY')

/**
 * The amount being typed, its check against the limits, the server's tax preview for it, and the
 * withdrawal itself. An attempt keeps one request id until the server has answered it for good:
 * a retry after a lost connection names the same withdrawal (even if the amount was changed), so
 * one that did happen is answered again instead of made twice. After a refusal the next attempt
 * gets a new id; after a success the form is spent.
 */
export function useWithdraw(limits: WithdrawLimits, handlers: WithdrawHandlers) {
  const [text, setText] = useState('')
  const [preview, setPreview] = useState<Preview>({ status: 'idle' })
  const [previewRound, setPreviewRound] = useState(0)
  const [submitting, setSubmitting] = useState(false)
  const [done, setDone] = useState(false)
  const requestId = useRef(newRequestId())
  // Taps arrive faster than re-renders that disable the button; one withdrawal at a time.
  const inFlight = useRef(false)
  const check = checkWithdrawAmount(text, limits)
  const amount = check.kind === 'valid' ? check.fen : null

  useEffect(() => {
    if (amount === null) {
      setPreview({ status: 'idle' })
      return
    }
    setPreview({ status: 'loading' })
    let current = true
    const timer = setTimeout(() => {
      distributionApi
        .withdraw({ amount, requestId: requestId.current, preview: true })
        .then((answer) => {
          if (!current) return
          // The server knows this attempt's id already: a confirmation whose answer was lost went through.
          if (answer.withdrawal) {
            if (!inFlight.current) void succeed(answer.withdrawal)
            return
          }
          setPreview({ status: 'ready', quote: answer.quote })
        })
        .catch((error: unknown) => {
          if (!current) return
          setPreview({ status: 'error', message: describeError(error), retryable: isTransient(error) })
          // Refused for this amount: the balance or today's cap on screen may be stale.
          if (!isTransient(error)) handlers.onRefused()
        })
    }, PREVIEW_DELAY_MS)
    // A newer amount makes this preview's answer stale.
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [amount, previewRound])

  const quote = preview.status === 'ready' && preview.quote.amount === amount ? preview.quote : null

  async function confirm(): Promise<void> {
    if (amount === null || quote === null || inFlight.current || done) return
    inFlight.current = true
    setSubmitting(true)
    let withdrawal: WithdrawalView | null
    try {
      withdrawal = (await distributionApi.withdraw({ amount, requestId: requestId.current, preview: false })).withdrawal
    } catch (error) {
      inFlight.current = false
      setSubmitting(false)
      return explain(error)
    }
    setSubmitting(false)
    await succeed(withdrawal)
  }

  async function succeed(withdrawal: WithdrawalView | null): Promise<void> {
    // This attempt's id is spent: nothing more is sent from this form while the page moves on.
    inFlight.current = true
    setDone(true)
    await handlers.onDone(withdrawal)
  }

  async function explain(error: unknown): Promise<void> {
    if (isCallError(error) && error.code === 'UNAUTHENTICATED') return askToSignIn('登录已失效，请在“我的”页重新登录后再提现')
    if (isTransient(error)) {
      const { confirm: again } = await Taro.showModal({
        title: '提现没有完成',
        content: describeError(error),
        confirmText: '重试',
        cancelText: '稍后再说',
      })
      if (again) await confirm()
      return
    }
    // Refused for good (the balance or today's cap moved meanwhile): the next try is a new withdrawal against fresh figures.
    requestId.current = newRequestId()
    handlers.onRefused()
    setPreviewRound((round) => round + 1)
    await Taro.showModal({ title: '未能提现', content: describeError(error), showCancel: false, confirmText: '知道了' })
  }

  return {
    text,
    setText,
    /** Fills in the most that may be withdrawn now. */
    fillAll: () => setText(fenToYuanText(withdrawableNow(limits))),
    /** Why the typed amount cannot be withdrawn; null when it can or nothing is typed. */
    problem: check.kind === 'invalid' ? check.message : null,
    amount,
    preview,
    /** The tax and net for exactly the amount typed, once the server answered. */
    quote,
    retryPreview: () => setPreviewRound((round) => round + 1),
    submitting,
    done,
    confirm,
  }
}
