import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { AddressInput, OrderView, TeamView } from '../../../../types/api'
import type { Fen } from '../../../../types/domain'
import { describeError, isCallError } from '../../../services/errors'
import { groupbuyApi } from '../../../services/groupbuy'
import { payOrder } from '../../../services/payment'
import { useOrderRevision } from '../../../stores/orders'
import { showFailure } from '../../../utils/feedback'
import { newRequestId } from '../../../utils/id'
import { teamPath } from '../../../utils/routes'
import { askToSignIn } from '../../../utils/signIn'
import { type Refusal, isRefusal } from './refusals'

export interface TeamOrderTarget {
  campaignId: string
  /** Joining this team; opening a new one when absent. */
  teamId?: string
  skuId: string
}

export interface TeamOrderAttempt {
  address: AddressInput
  expectedPayable: Fen
  /** The member accepted the one-time 拼团结果 message. */
  subscribe: boolean
}

/** The order stands and holds its seat, but was not paid on this device. */
export interface Unpaid {
  order: OrderView
  team: TeamView
  /** Why paying failed; null when the member closed the payment sheet. */
  failure: string | null
}

const isTransient = (error: unknown) => isCallError(error) && (error.code === 'NETWORK' || error.code === 'BUSY')

/**
 * Opening or joining a team, then paying for the seat. One attempt, one request id: a double tap or a
 * retry after a lost answer names the same seat and order. A refusal ends the attempt, so the next
 * one gets a new id; `onPriceChanged` runs when the team price moved, to show the new one.
 */
export function useTeamOrder(target: TeamOrderTarget, onPriceChanged: () => Promise<void>) {
  const requestId = useRef(newRequestId())
  // Taps arrive faster than re-renders that show the button loading; set for good once an order stands.
  const inFlight = useRef(false)
  const [submitting, setSubmitting] = useState(false)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [unpaid, setUnpaid] = useState<Unpaid | null>(null)
  const orderChanged = useOrderRevision((state) => state.changed)

  async function submit(attempt: TeamOrderAttempt): Promise<void> {
    if (inFlight.current) return
    inFlight.current = true
    setSubmitting(true)
    const request = {
      skuId: target.skuId,
      requestId: requestId.current,
      address: attempt.address,
      expectedPayable: attempt.expectedPayable,
      ...(attempt.subscribe ? { subscribe: true } : {}),
    }
    let placed: Awaited<ReturnType<typeof groupbuyApi.join>>
    try {
      placed = target.teamId
        ? await groupbuyApi.join({ teamId: target.teamId, ...request })
        : await groupbuyApi.open({ campaignId: target.campaignId, ...request })
    } catch (error) {
      inFlight.current = false
      setSubmitting(false)
      return explain(error, attempt)
    }
    // The seat and its order stand: this attempt is spent, whatever the payment does.
    orderChanged()
    const outcome = placed.payment ? await payOrder(placed.payment) : null
    if (outcome === null || outcome.kind === 'paid') {
      await Taro.redirectTo({ url: teamPath(placed.team.id, { campaignId: placed.team.campaignId }) })
      return
    }
    setSubmitting(false)
    setUnpaid({ order: placed.order, team: placed.team, failure: outcome.kind === 'failed' ? outcome.message : null })
  }

  async function explain(error: unknown, attempt: TeamOrderAttempt): Promise<void> {
    const code = isCallError(error) ? error.code : null
    if (code === 'UNAUTHENTICATED') return askToSignIn('登录已失效，请重新登录后再下单')
    if (isTransient(error)) {
      // The answer may have been lost after the seat was taken: the same id asks for that seat again.
      const { confirm } = await Taro.showModal({
        title: '订单没有提交成功',
        content: describeError(error),
        confirmText: '重试',
        cancelText: '稍后再说',
      })
      if (confirm) await submit(attempt)
      return
    }
    if (code === null || code === 'INTERNAL') {
      showFailure(error)
      return
    }
    // Refused for good: no seat or order stands, so the next try is a new attempt.
    requestId.current = newRequestId()
    if (code === 'PRICE_CHANGED') return onPriceChanged()
    if (isRefusal(code)) {
      setRefusal({ code, message: describeError(error) })
      return
    }
    showFailure(error)
  }

  return { submit, submitting, refusal, unpaid }
}
