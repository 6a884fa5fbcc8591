import crypto from 'node:crypto'
import cloud from 'wx-server-sdk'
import type { PaymentRequest, SharePayload } from '../../../types/api'
import type { Order, OutboxMessage, Refund, Withdrawal } from '../../../types/domain'
import type { ShippingUpload } from '../core/shipping'
import { type Platform, SECURITY_SCENES, type TextVerdict, type TransferResult } from './ports'
import { type TransferClient, type WxPayTransferConfig, createTransferClient, transferConfigFromEnv } from './transfers/client'

/**
 * The WeChat platform in production: WeChat Pay through CloudBase cloudPay (no certificates: the
 * platform signs), 商家转账 with the merchant's own keys, subscription messages and mini program codes
 * through the open API. The function entries initialise `cloud` before any of these runs.
 */

/** Where WeChat Pay sends its results: these two functions, in this environment. */
const envId = () => cloud.getWXContext().ENV ?? ''
const subMchId = () => process.env.WXPAY_SUB_MCH_ID ?? ''
const nonce = () => Math.random().toString(36).slice(2, 18).padEnd(16, '0')

/** 商家转账 needs the merchant's own keys (cloudPay has no transfer API): read on first use. */
let transferSetup: { config: WxPayTransferConfig; client: TransferClient } | null = null
export function transferSetupFromEnv() {
  if (!transferSetup) {
    const config = transferConfigFromEnv()
    transferSetup = { config, client: createTransferClient(config) }
  }
  return transferSetup
}

/** Reads a file of the environment's storage back; anything but a file there answers null. */
export function cloudImageReader(download: typeof cloud.downloadFile) {
  return async (ref: string): Promise<Uint8Array | null> => {
    if (!ref.startsWith('cloud://')) return null
    try {
      return (await download({ fileID: ref })).fileContent
    } catch {
      return null
    }
  }
}

/** Share codes already uploaded by this instance, by scene (a cold start regenerates them). */
const shareQrFiles = new Map<string, string>()
/** The scene as a file name when it is one; otherwise its digest (scenes may carry `/?#…`). */
const shareQrPath = (scene: string) =>
  `share-qr/${/^[A-Za-z0-9_.-]+$/.test(scene) ? scene : crypto.createHash('sha1').update(scene).digest('hex')}.png`
async function tempUrl(fileID: string): Promise<string> {
  const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] })
  const file = fileList.find((f) => f.fileID === fileID) ?? fileList[0]
  return file && file.status === 0 && file.tempFileURL ? file.tempFileURL : ''
}

/** WeChat Pay through CloudBase cloudPay (no certificates: the platform signs), 商家转账 with the merchant's keys. */
export const cloudbasePlatform: Platform = {
  async prepay(order: Order): Promise<PaymentRequest> {
    const result = await cloud.cloudPay.unifiedOrder({
      body: `山野茶集-订单${order.id.slice(-8)}`,
      outTradeNo: order.id,
      spbillCreateIp: '127.0.0.1',
      subMchId: subMchId(),
      totalFee: order.payable,
      envId: envId(),
      functionName: 'payCallback',
      nonceStr: nonce(),
      tradeType: 'JSAPI',
    })
    return { provider: 'wechat', params: result.payment }
  },
  async refund(refund: Refund, order: Order): Promise<void> {
    await cloud.cloudPay.refund({
      sub_mch_id: subMchId(),
      nonce_str: nonce(),
      out_trade_no: order.id,
      out_refund_no: refund.id,
      total_fee: order.payable,
      refund_fee: refund.amount,
      envId: envId(),
      functionName: 'refundCallback',
    })
  },
  readImage: cloudImageReader((options) => cloud.downloadFile(options)),
  async uploadShipping(upload: ShippingUpload): Promise<void> {
    await cloud.openapi.wxa.sec.order.uploadShippingInfo(upload)
  },
  async transfer(withdrawal: Withdrawal, now: number): Promise<TransferResult> {
    return transferSetupFromEnv().client.transfer(withdrawal, now)
  },
  /**
   * Each template is chosen in the mini program admin and named by an environment variable. Group-buy
   * result (GROUPBUY_TEMPLATE_ID): thing1 = product, phrase2 = result, thing3 = team size, thing4 =
   * what happens next. New comment (COMMENT_TEMPLATE_ID): thing1 = post title, thing2 = comment.
   */
  async sendMessage(message: OutboxMessage): Promise<boolean> {
    const templates = {
      groupbuy_result: {
        templateId: process.env.GROUPBUY_TEMPLATE_ID ?? '',
        data: () => ({
          thing1: { value: message.data.product.slice(0, 20) },
          phrase2: { value: message.data.result.slice(0, 5) },
          thing3: { value: message.data.size },
          thing4: { value: message.data.note.slice(0, 20) },
        }),
      },
      post_comment: {
        templateId: process.env.COMMENT_TEMPLATE_ID ?? '',
        data: () => ({ thing1: { value: message.data.post.slice(0, 20) }, thing2: { value: message.data.comment.slice(0, 20) } }),
      },
    }
    const { templateId, data } = templates[message.template]
    if (!templateId) return false
    await cloud.openapi.subscribeMessage.send({
      touser: message.memberId,
      templateId,
      page: message.page,
      data: data(),
      miniprogramState: 'formal',
    })
    return true
  },
  /** security.msgSecCheck v2: `result.suggest` is pass, review or risky. */
  async checkText({ openid, scene, text }): Promise<TextVerdict> {
    const answer = await cloud.openapi.security.msgSecCheck({ openid, scene: SECURITY_SCENES[scene], version: 2, content: text })
    const suggest = answer?.result?.suggest
    if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') return suggest
    throw new Error(`内容安全检测没有结论：${answer?.errCode ?? answer?.errcode ?? ''} ${answer?.errMsg ?? answer?.errmsg ?? ''}`)
  },
  /** security.mediaCheckAsync v2 for an image (media_type 2); the verdict arrives as the wxa_media_check event. */
  async checkImage({ openid, scene, url }): Promise<{ traceId: string }> {
    const mediaUrl = url.startsWith('cloud://') ? await tempUrl(url) : url
    if (!mediaUrl) throw new Error(`图片临时链接获取失败：${url}`)
    const answer = await cloud.openapi.security.mediaCheckAsync({
      openid,
      scene: SECURITY_SCENES[scene],
      version: 2,
      mediaType: 2,
      mediaUrl,
    })
    const traceId = answer?.traceId ?? answer?.trace_id
    if (!traceId) throw new Error(`图片安全检测提交失败：${answer?.errCode ?? ''} ${answer?.errMsg ?? ''}`)
    return { traceId }
  },
  async shareQr({ scene, page }): Promise<SharePayload['qr']> {
    const known = shareQrFiles.get(scene)
    if (known) {
      const url = await tempUrl(known)
      if (url) return { kind: 'image', url }
    }
    const code = await cloud.openapi.wxacode.getUnlimited({
      scene,
      page: page.replace(/^\//, ''),
      checkPath: false,
      envVersion: 'release',
      width: 280,
    })
    if (code.errCode) throw new Error(`小程序码生成失败：${code.errCode} ${code.errMsg ?? ''}`)
    const { fileID } = await cloud.uploadFile({ cloudPath: shareQrPath(scene), fileContent: code.buffer })
    shareQrFiles.set(scene, fileID)
    const url = await tempUrl(fileID)
    if (!url) throw new Error(`小程序码临时链接获取失败：${fileID}`)
    return { kind: 'image', url }
  },
}
