import type { PaymentRequest, SharePayload } from '../../../types/api'
import type { Order, OutboxMessage, Refund, Withdrawal } from '../../../types/domain'
import type { ShippingUpload } from '../core/shipping'

/**
 * A transfer that left: paid at once (the local provider), or waiting for the payee to confirm
 * receipt in the mini program (商家转账), confirmed later through the transfer callback.
 */
export type TransferResult = { state: 'paid'; transferId: string } | { state: 'waiting'; transferId: string; packageInfo: string | null }

/**
 * The WeChat platform port: WeChat Pay (cloudPay, 商家转账 and the shipping management API) and
 * mini program codes in production; the local pay provider on the local host. Payment, refund and
 * transfer results come back through their callbacks.
 */
export interface PayProvider {
  /** Asks the provider for what the buyer's device needs to pay this order. */
  prepay(order: Order, now: number): Promise<PaymentRequest>
  /** Sends a refund out; the provider confirms it later through `completeRefund`. */
  refund(refund: Refund, order: Order): Promise<void>
  /** Tells WeChat's trade management that a paid order shipped (required before funds settle). */
  uploadShipping(upload: ShippingUpload): Promise<void>
  /**
   * Pays a withdrawal's net amount to its distributor (商家转账, scene 佣金报酬), under the
   * withdrawal id as the bill number (so a resend cannot pay twice). Throws when the provider refuses
   * it outright — the withdrawal then fails and its amount returns to the balance — or throws an error
   * with `uncertain: true` when no clear answer came, and the withdrawal waits for the callback.
   */
  transfer(withdrawal: Withdrawal, now: number): Promise<TransferResult>
  /**
   * Sends a subscription message against the opt-in it names (subscribeMessage.send in production).
   * Answers whether it went out; locally it stays in the message outbox (GET /dev/messages).
   */
  sendMessage(message: OutboxMessage): Promise<boolean>
  /** The QR a share poster carries: a mini program code for `scene` on `page`, or locally the page path. */
  shareQr(target: { scene: string; page: string; path: string }): Promise<SharePayload['qr']>
}
