import { randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { PaymentRequest, SharePayload } from '../../../types/api'
import type { Order, Refund, Withdrawal } from '../../../types/domain'
import type { Platform, SecurityScene, TextVerdict, TransferResult } from '../wechat/ports'
import type { ShippingUpload } from '../core/shipping'
import { onMediaCheckEvent } from '../functions/media-check-event'
import { type CallbackAnswer, PAY_CALLBACK_SOURCE, onPaymentCallback, onRefundCallback } from '../functions/pay-callbacks'
import { completeRefunds } from '../app/payments'
import type { Store } from '../store/port'
import type { Clock } from './clock'
import { LocalContentCheck } from './content-check'

/** The AppID the local shop's WeChat stand-ins speak for. */
export const LOCAL_APPID = 'wx-local-siyu'
/** The wxa_media_check event as WeChat's message push delivers it to a cloud function (the JSON form). */
export function mediaCheckPush(v: { traceId: string; openid: string; suggest: TextVerdict; at: number }) {
  return {
    ToUserName: 'gh_local',
    FromUserName: v.openid,
    CreateTime: Math.floor(v.at / 1000),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: LOCAL_APPID,
    trace_id: v.traceId,
    version: 2,
    errcode: 0,
    errmsg: 'ok',
    result: { suggest: v.suggest, label: v.suggest === 'pass' ? 100 : 20002 },
    detail: [],
  }
}

/** The source the local stand-in of WeChat's message push gives its events (it names no caller). */
export const LOCAL_PUSH_SOURCE = 'local_message_push'

/**
 * The local pay provider: stands where WeChat Pay stands, and drives the same callback handlers the
 * way WeChat Pay would — including delivering a notification again on request, as it does on retries.
 * Refunds succeed at once.
 */
export class LocalPayProvider implements Platform {
  private readonly lastNotice = new Map<string, Record<string, unknown>>()
  /** Stands in for WeChat content security. */
  readonly contentCheck = new LocalContentCheck()
  /** What would have gone to WeChat's shipping management, newest last (GET /dev/shipping). */
  readonly shippingUploads: ShippingUpload[] = []

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Where the local host keeps uploads; none: this shop has no uploaded images. */
    private readonly uploadDir: string | null = null,
  ) {}

  async readImage(ref: string): Promise<Uint8Array | null> {
    const name = /^\/media\/uploads\/([a-f0-9]{16,64}\.(?:jpg|png|webp))$/.exec(ref)?.[1]
    if (!name || !this.uploadDir) return null
    try {
      return await fs.promises.readFile(path.join(this.uploadDir, name))
    } catch {
      return null
    }
  }

  async prepay(order: Order): Promise<PaymentRequest> {
    return { provider: 'local', orderId: order.id, amount: order.payable }
  }

  async refund(refund: Refund): Promise<void> {
    const event = { outRefundNo: refund.id, refundStatus: 'SUCCESS', refundFee: refund.amount }
    await onRefundCallback(this.store, event, PAY_CALLBACK_SOURCE, this.clock.now())
  }

  /**
   * Refunds succeed at once, and many sent together are confirmed together (one store transaction).
   * A provider that answers refunds its own way (a double standing in for WeChat Pay's delays and
   * failures overrides `refund`) is sent them one at a time.
   */
  async refundAll(refundIds: readonly string[]): Promise<void> {
    if (this.refund !== LocalPayProvider.prototype.refund) {
      for (const id of refundIds) {
        const refund = await this.store.findRefund(id)
        if (refund) await this.refund(refund)
      }
      return
    }
    await completeRefunds(this.store, refundIds, this.clock.now())
  }

  async uploadShipping(upload: ShippingUpload): Promise<void> {
    this.shippingUploads.push(upload)
  }

  /** Locally a payout is the ledger entry itself: it is paid at once, and listed here. */
  readonly transfers: { withdrawalId: string; distributorId: string; net: number; transferId: string }[] = []

  async transfer(withdrawal: Withdrawal): Promise<TransferResult> {
    const transferId = `LT${withdrawal.id}`
    if (!this.transfers.some((t) => t.withdrawalId === withdrawal.id)) {
      this.transfers.push({ withdrawalId: withdrawal.id, distributorId: withdrawal.distributorId, net: withdrawal.net, transferId })
    }
    return { state: 'paid', transferId }
  }

  /** Locally messages are not sent anywhere: they stay in the store's message outbox. */
  async sendMessage(): Promise<boolean> {
    return false
  }

  checkText(check: { openid: string; scene: SecurityScene; text: string }): Promise<TextVerdict> {
    return this.contentCheck.checkText(check)
  }

  checkImage(check: { openid: string; scene: SecurityScene; url: string }): Promise<{ traceId: string }> {
    return this.contentCheck.checkImage(check)
  }

  /**
   * Gives every image waiting for content security its verdict, delivered as WeChat's message push
   * delivers the wxa_media_check event: to the same handler production runs.
   */
  async settleImages(): Promise<number> {
    return this.contentCheck.settleImages(
      async ({ traceId, openid, suggest }) => {
        const event = mediaCheckPush({ traceId, openid, suggest, at: this.clock.now() })
        await onMediaCheckEvent(this.store, event, { source: LOCAL_PUSH_SOURCE, appId: LOCAL_APPID }, this.clock.now())
      },
      (url) => this.readImage(url),
    )
  }

  /** The browser build encodes the H5 link of the page itself. */
  async shareQr(target: { path: string }): Promise<SharePayload['qr']> {
    return { kind: 'path', path: target.path }
  }

  /** Pays an order as its buyer would, or (duplicate) delivers its last notification again; null when there is none. */
  async pay(orderId: string, duplicate: boolean): Promise<(CallbackAnswer & { outcome?: string }) | null> {
    let notice = duplicate ? this.lastNotice.get(orderId) : undefined
    if (!notice) {
      if (duplicate) return null
      const found = await this.store.findOrder(orderId)
      if (!found) return null
      notice = {
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: orderId,
        transactionId: `4200${Array.from({ length: 24 }, () => randomInt(10)).join('')}`,
        totalFee: found.order.payable,
      }
      this.lastNotice.set(orderId, notice)
    }
    return onPaymentCallback(this.store, this, notice, PAY_CALLBACK_SOURCE, this.clock.now())
  }
}
