import crypto from 'node:crypto'
import type { WxPayTransferConfig } from './client'

export interface TransferNotice {
  outBillNo: string
  transferBillNo: string
  /** SUCCESS, FAIL or CANCELLED for the end of a bill (MCHTRANSFER.BILL.FINISHED). */
  state: string
  failReason: string
}

/** The notification is not from WeChat Pay (or not for this merchant) and must not be applied. */
export class NotificationRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    message: string,
  ) {
    super(message)
    this.name = 'NotificationRejected'
  }
}

type HeaderMap = Record<string, string | string[] | undefined>

const header = (headers: HeaderMap, name: string): string => {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : headers[key]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

/** The message a WeChat Pay notification (or answer) signature covers: `timestamp\nnonce\nbody\n`. */
export function notificationSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

/** AEAD_AES_256_GCM with the APIv3 key: ciphertext is base64 of encrypted bytes + 16-byte tag. */
export function decryptResource(apiV3Key: string, resource: { ciphertext: string; nonce: string; associated_data?: string }): string {
  const data = Buffer.from(resource.ciphertext, 'base64')
  if (data.length <= 16) throw new Error('密文过短')
  const decipher = crypto.createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'))
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'))
  decipher.setAuthTag(data.subarray(data.length - 16))
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8')
}

/** How far a signed message's `Wechatpay-Timestamp` may stand from now: older ones are replays. */
export const NOTIFICATION_WINDOW_MS = 5 * 60_000

/**
 * What is wrong with WeChat Pay's signature on a message (a notification, or the answer to a call),
 * or null when it holds: `Wechatpay-Serial` must be the configured public key id, the timestamp within
 * 5 minutes of now, and `Wechatpay-Signature` must verify with that key over `timestamp\nnonce\nbody\n`.
 */
export function signatureProblem(
  config: Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey'>,
  headers: HeaderMap,
  body: string,
  now: number,
): string | null {
  const serial = header(headers, 'wechatpay-serial')
  const signature = header(headers, 'wechatpay-signature')
  const timestamp = header(headers, 'wechatpay-timestamp')
  const nonce = header(headers, 'wechatpay-nonce')
  if (!serial || !signature || !timestamp || !nonce) return '缺少微信支付签名头'
  if (serial !== config.publicKeyId) return `未知的微信支付公钥 ${serial}`
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp) * 1000) > NOTIFICATION_WINDOW_MS)
    return '签名时间与当前时间相差超过 5 分钟'
  try {
    const verified = crypto
      .createVerify('RSA-SHA256')
      .update(notificationSignatureMessage(timestamp, nonce, body))
      .verify(config.publicKey, signature, 'base64')
    return verified ? null : '签名校验失败'
  } catch {
    return '签名校验失败'
  }
}

/**
 * Verifies a transfer result notification (the `Wechatpay-Serial` must be the configured public key
 * id, `Wechatpay-Signature` must verify with that key over the raw body, and `Wechatpay-Timestamp`
 * must be within 5 minutes of now) and decrypts its resource. Throws `NotificationRejected` otherwise.
 */
export function readTransferNotification(
  config: Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey' | 'apiV3Key'>,
  headers: HeaderMap,
  body: string,
  now: number,
): TransferNotice {
  const problem = signatureProblem(config, headers, body, now)
  if (problem) throw new NotificationRejected(401, problem)

  let resource: { algorithm?: unknown; ciphertext?: unknown; nonce?: unknown; associated_data?: unknown }
  try {
    resource = (JSON.parse(body) as { resource?: typeof resource }).resource ?? {}
  } catch {
    throw new NotificationRejected(400, '通知报文不是 JSON')
  }
  if (resource.algorithm !== 'AEAD_AES_256_GCM' || typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') {
    throw new NotificationRejected(400, '通知报文缺少加密数据')
  }
  let bill: { out_bill_no?: unknown; transfer_bill_no?: unknown; state?: unknown; fail_reason?: unknown }
  try {
    bill = JSON.parse(
      decryptResource(config.apiV3Key, {
        ciphertext: resource.ciphertext,
        nonce: resource.nonce,
        associated_data: typeof resource.associated_data === 'string' ? resource.associated_data : '',
      }),
    )
  } catch {
    throw new NotificationRejected(401, '通知解密失败')
  }
  if (typeof bill.out_bill_no !== 'string' || typeof bill.state !== 'string') throw new NotificationRejected(400, '通知缺少商户单号或状态')
  return {
    outBillNo: bill.out_bill_no,
    transferBillNo: typeof bill.transfer_bill_no === 'string' ? bill.transfer_bill_no : '',
    state: bill.state,
    failReason: typeof bill.fail_reason === 'string' ? bill.fail_reason : '',
  }
}

// ---- the HTTP-triggered callback -------------------------------------------------------------

/** A CloudBase HTTP access (HTTP 访问服务) event and the answer it expects. */
export interface HttpAccessEvent {
  body?: string
  headers?: HeaderMap
  isBase64Encoded?: boolean
}
export interface HttpAccessAnswer {
  statusCode: number
  headers: Record<string, string>
  body: string
}

export type TransferOutcome = { paid: true; transferId: string } | { paid: false; reason: string }

const fail = (statusCode: number, message: string): HttpAccessAnswer => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ code: 'FAIL', message }),
})

/**
 * Answers a transfer result notification as WeChat Pay expects: 204 without a body once applied (or
 * when there is nothing to apply); 401/400 with `{code, message}` for one that fails verification
 * (nothing changes); 404 when no withdrawal has that 商户单号; 500 when it could not be applied now
 * (WeChat Pay retries). `apply` answers false when the withdrawal is unknown; it must be idempotent,
 * since the same notification may arrive more than once.
 */
export async function answerTransferNotification(
  event: unknown,
  config: () => Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey' | 'apiV3Key'>,
  apply: (outBillNo: string, outcome: TransferOutcome) => Promise<boolean>,
  now: number,
): Promise<HttpAccessAnswer> {
  const e = (event && typeof event === 'object' ? event : {}) as HttpAccessEvent
  const raw = typeof e.body === 'string' ? e.body : ''
  const body = e.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw
  let notice: TransferNotice
  try {
    notice = readTransferNotification(config(), e.headers ?? {}, body, now)
  } catch (error) {
    if (error instanceof NotificationRejected) return fail(error.status, error.message)
    return fail(500, `无法处理通知：${(error as Error).message}`)
  }
  let outcome: TransferOutcome
  if (notice.state === 'SUCCESS') outcome = { paid: true, transferId: notice.transferBillNo }
  else if (notice.state === 'FAIL') outcome = { paid: false, reason: notice.failReason || '转账失败' }
  else if (notice.state === 'CANCELLED') outcome = { paid: false, reason: notice.failReason || '转账已撤销' }
  else return { statusCode: 204, headers: {}, body: '' }
  try {
    if (!(await apply(notice.outBillNo, outcome))) return fail(404, `没有商户单号为 ${notice.outBillNo} 的提现`)
  } catch (error) {
    return fail(500, `处理失败：${(error as Error).message}`)
  }
  return { statusCode: 204, headers: {}, body: '' }
}
