import type { PaymentRequest, SharePayload } from '../../../types/api'
import type { Order, OutboxMessage, Refund, Withdrawal } from '../../../types/domain'
import type { ShippingUpload } from '../core/shipping'

/** WeChat Pay for orders: cloudPay in production, the local pay provider on the local host. */
export interface Payments {
  /** Asks the provider for what the buyer's device needs to pay this order. */
  prepay(order: Order, now: number): Promise<PaymentRequest>
  /** Sends a refund out; the provider confirms it later through the refund callback. */
  refund(refund: Refund, order: Order): Promise<void>
  /**
   * Sends many refunds out (each already recorded, named by its refund number), as `refund` each: only
   * where the provider answers them all at once (the local provider, which confirms them together);
   * absent where every refund is a request of its own.
   */
  refundAll?(refundIds: readonly string[]): Promise<void>
  /** Tells WeChat's trade management that a paid order shipped (required before funds settle). */
  uploadShipping(upload: ShippingUpload): Promise<void>
}

/**
 * A transfer that left: paid at once (the local provider), or waiting for the payee to confirm
 * receipt in the mini program (商家转账), confirmed later through the transfer callback.
 */
export type TransferResult = { state: 'paid'; transferId: string } | { state: 'waiting'; transferId: string; packageInfo: string | null }

/** 商家转账: paying distributors their withdrawals. */
export interface Transfers {
  /**
   * Pays a withdrawal's net amount to its distributor (scene 佣金报酬), under the withdrawal id as the
   * bill number (so a resend cannot pay twice). Throws when the provider refuses it outright — the
   * withdrawal then fails and its amount returns to the balance — or throws an error with
   * `uncertain: true` when no clear answer came, and the withdrawal waits for the callback.
   */
  transfer(withdrawal: Withdrawal, now: number): Promise<TransferResult>
}

/** Subscription messages, sent against the one-time opt-in they name. */
export interface Messenger {
  /** Answers whether it went out (subscribeMessage.send); locally it stays in the message outbox. */
  sendMessage(message: OutboxMessage): Promise<boolean>
}

/** The QR a share poster carries. */
export interface ShareCodes {
  /** A mini program code for `scene` on `page` in production; locally the page path itself. */
  shareQr(target: { scene: string; page: string; path: string }): Promise<SharePayload['qr']>
}

/** Images staff and members uploaded, read back so the server can check what they are. */
export interface StoredImages {
  /** The bytes of an uploaded image (a cloud file id; locally `/media/uploads/<name>`), or null when there is none. */
  readImage(ref: string): Promise<Uint8Array | null>
}

/** Where member content appears, as WeChat's content security scenes number them (1 资料, 2 评论, 3 论坛). */
export const SECURITY_SCENES = { profile: 1, comment: 2, forum: 3 } as const
export type SecurityScene = keyof typeof SECURITY_SCENES

/** What content security says of a text at once: pass, review (a person should look) or risky. */
export type TextVerdict = 'pass' | 'review' | 'risky'

/**
 * WeChat content security (security.msgSecCheck v2, security.mediaCheckAsync): nothing a member
 * writes or uploads is shown to others before it passes. Locally a rule-based checker stands in.
 */
export interface ContentSecurity {
  /** The verdict on a member's text, checked against that member (their openid) in its scene. */
  checkText(check: { openid: string; scene: SecurityScene; text: string }): Promise<TextVerdict>
  /**
   * Sends an image for checking; the verdict comes later (the wxa_media_check event) under the trace
   * id answered here.
   */
  checkImage(check: { openid: string; scene: SecurityScene; url: string }): Promise<{ traceId: string }>
}

/** The WeChat platform as the functions see it: each service asks only for the port it uses. */
export type Platform = Payments & Transfers & Messenger & ShareCodes & StoredImages & ContentSecurity
