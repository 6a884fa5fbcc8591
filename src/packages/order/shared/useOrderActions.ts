import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { OrderView } from '../../../../types/api'
import { api } from '../../../services/api'
import { type PaymentOutcome, payOrder } from '../../../services/payment'
import { useOrderRevision } from '../../../stores/orders'
import { confirmAction, showFailure } from '../../../utils/feedback'
import { refundPath } from '../../../utils/routes'

/** Tells the buyer how the payment step ended; whether the money arrived shows on the reloaded order. */
export function announcePayment(outcome: PaymentOutcome): void {
  if (outcome.kind === 'cancelled') void Taro.showToast({ title: '已取消支付，可在订单中继续支付', icon: 'none' })
  if (outcome.kind === 'failed') void Taro.showToast({ title: outcome.message, icon: 'none', duration: 2500 })
}

/**
 * What a buyer can do with an order from the list or the detail page. Every action ends with the
 * order pages reloading what the server now says, also after a refusal (the order changed meanwhile).
 */
export function useOrderActions() {
  const changed = useOrderRevision((state) => state.changed)
  const [busy, setBusy] = useState(false)
  // Taps arrive faster than re-renders that disable the buttons; one action at a time.
  const running = useRef(false)

  async function act<T>(work: () => Promise<T>): Promise<T | null> {
    if (running.current) return null
    running.current = true
    setBusy(true)
    try {
      return await work()
    } catch (error) {
      showFailure(error)
      return null
    } finally {
      running.current = false
      setBusy(false)
      changed()
    }
  }

  /** Resolves with how the payment step ended, or null when it could not start. */
  const pay = (order: OrderView) =>
    act(async () => {
      const outcome = await payOrder(await api.order.pay({ orderId: order.id }))
      announcePayment(outcome)
      return outcome
    })

  const cancel = async (order: OrderView) => {
    if (!(await confirmAction('取消订单', '取消后商品将放回库存，确定取消这个订单吗？', '取消订单', { destructive: true }))) return
    await act(async () => {
      await api.order.cancel({ orderId: order.id })
      Taro.showToast({ title: '订单已取消', icon: 'none' })
    })
  }

  const confirmReceipt = async (order: OrderView) => {
    if (!(await confirmAction('确认收货', '请确认已经收到全部商品，确认后 7 天内仍可申请售后', '确认收货'))) return
    await act(async () => {
      await api.order.confirmReceipt({ orderId: order.id })
      Taro.showToast({ title: '已确认收货', icon: 'none' })
    })
  }

  const requestRefund = (order: OrderView) => Taro.navigateTo({ url: refundPath(order.id) })

  return { busy, pay, cancel, confirmReceipt, requestRefund }
}
