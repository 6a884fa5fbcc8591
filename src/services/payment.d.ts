import type { PaymentRequest } from '../../types/api'

/**
 * How asking the buyer to pay ended on this device. It says nothing about the order: only the
 * server knows whether the money arrived, so the order is always reloaded afterwards.
 */
export type PaymentOutcome = { kind: 'paid' } | { kind: 'cancelled' } | { kind: 'failed'; message: string }

export type PayOrder = (payment: PaymentRequest) => Promise<PaymentOutcome>

/**
 * Shows the platform's payment step for an order the server prepared.
 * Taro resolves `./payment` per platform: payment.weapp.ts (WeChat Pay) in the mini program,
 * payment.h5.ts (the local pay provider of the local host) in the browser build.
 */
export declare const payOrder: PayOrder
