import type { PaymentRequest } from '../../../types/api'
import type { Order, Refund } from '../../../types/domain'
import type { ShippingUpload } from '../core/shipping'

/**
 * The payment provider port: WeChat Pay (cloudPay and the shipping management API) in production,
 * the local pay provider on the local host. Results come back through the payment and refund callbacks.
 */
export interface PayProvider {
  /** Asks the provider for what the buyer's device needs to pay this order. */
  prepay(order: Order, now: number): Promise<PaymentRequest>
  /** Sends a refund out; the provider confirms it later through `completeRefund`. */
  refund(refund: Refund, order: Order): Promise<void>
  /** Tells WeChat's trade management that a paid order shipped (required before funds settle). */
  uploadShipping(upload: ShippingUpload): Promise<void>
}
