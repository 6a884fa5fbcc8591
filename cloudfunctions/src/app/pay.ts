import type { PaymentRequest } from '../../../types/api'
import type { Order, Refund } from '../../../types/domain'

/**
 * The payment provider port: WeChat Pay through CloudBase cloudPay in production, the local pay
 * provider on the local host. Results come back through the payment and refund callbacks.
 */
export interface PayProvider {
  /** Asks the provider for what the buyer's device needs to pay this order. */
  prepay(order: Order, now: number): Promise<PaymentRequest>
  /** Sends a refund out; the provider confirms it later through `completeRefund`. */
  refund(refund: Refund, order: Order): Promise<void>
}
