/**
 * 商家转账回调通知 (MCHTRANSFER.BILL.FINISHED): verified with WeChat Pay's key, decrypted with the
 * APIv3 key, and answered the way WeChat Pay reads answers (it looks at the HTTP status only: 2xx
 * stops its retries, anything else asks for another delivery).
 */
import crypto from 'node:crypto'
import type { WxPayTransferConfig } from './client'
import { type HeaderMap, type SignatureFault, type VerifiedSignature, checkSignature } from './signature'

export type TransferOutcome = { paid: true; transferId: string } | { paid: false; reason: string }

/** A notification that verified and decrypted. */
export interface TransferNotice {
  /** WeChat Pay's id for the notification, the same on every redelivery of it. */
  id: string
  /**
   * What this delivery is remembered by once handled: the notification id and the signature it came
   * with, so that a replay of either changes nothing.
   */
  receipts: string[]
  outBillNo: string
  transferBillNo: string
  /** SUCCESS, FAIL or CANCELLED at the end of a bill. */
  state: string
  failReason: string
  /** What it does to the withdrawal; null for a state that is not a bill's end. */
  outcome: TransferOutcome | null
}

/** Why a notification is refused (nothing changes): its signature, or a body that is not a transfer result. */
export type NoticeFault = SignatureFault | 'NOTICE_MALFORMED' | 'NOTICE_UNDECRYPTABLE' | 'NOTICE_INCOMPLETE'

/** The notification is not from WeChat Pay (or not for this merchant) and must not be applied. */
export class NotificationRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly code: NoticeFault,
    message: string,
  ) {
    super(message)
    this.name = 'NotificationRejected'
  }
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

/** The keys a delivery is remembered by: WeChat Pay's notification id, and its nonce and signature. */
export function noticeReceipts(id: string, signed: Pick<VerifiedSignature, 'nonce' | 'signature'>): string[] {
  const readable = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : crypto.createHash('sha256').update(id).digest('hex')
  const signature = crypto.createHash('sha256').update(`${signed.nonce}\n${signed.signature}`).digest('hex')
  return [`wxpay-notice:${readable}`, `wxpay-signature:${signature}`]
}

/** A bill's end as it moves the withdrawal: paid, or failed with the reason the payee sees. */
function outcomeOf(state: string, transferBillNo: string, failReason: string): TransferOutcome | null {
  if (state === 'SUCCESS') return { paid: true, transferId: transferBillNo }
  if (state === 'FAIL') return { paid: false, reason: failReason || '转账失败' }
  if (state === 'CANCELLED') return { paid: false, reason: failReason || '转账已撤销' }
  return null
}

/**
 * Verifies a transfer result notification (see `checkSignature`: a serial naming our WeChat Pay key,
 * a `Wechatpay-Timestamp` within 5 minutes of now, a signature over the raw body) and decrypts its
 * resource. Throws `NotificationRejected` with a typed code otherwise.
 */
export function readTransferNotification(
  config: Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey' | 'platformCertSerial' | 'platformCert' | 'apiV3Key'>,
  headers: HeaderMap,
  body: string,
  now: number,
): TransferNotice {
  const check = checkSignature(config, headers, body, now)
  if (!check.ok) throw new NotificationRejected(401, check.refusal.code, check.refusal.message)

  let envelope: { id?: unknown; resource?: { algorithm?: unknown; ciphertext?: unknown; nonce?: unknown; associated_data?: unknown } }
  try {
    envelope = JSON.parse(body) ?? {}
  } catch {
    throw new NotificationRejected(400, 'NOTICE_MALFORMED', '通知报文不是 JSON')
  }
  const resource = envelope.resource ?? {}
  if (resource.algorithm !== 'AEAD_AES_256_GCM' || typeof resource.ciphertext !== 'string' || typeof resource.nonce !== 'string') {
    throw new NotificationRejected(400, 'NOTICE_MALFORMED', '通知报文缺少加密数据')
  }
  if (typeof envelope.id !== 'string' || !envelope.id) throw new NotificationRejected(400, 'NOTICE_INCOMPLETE', '通知缺少通知 ID')
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
    throw new NotificationRejected(401, 'NOTICE_UNDECRYPTABLE', '通知解密失败')
  }
  if (typeof bill.out_bill_no !== 'string' || typeof bill.state !== 'string')
    throw new NotificationRejected(400, 'NOTICE_INCOMPLETE', '通知缺少商户单号或状态')
  const transferBillNo = typeof bill.transfer_bill_no === 'string' ? bill.transfer_bill_no : ''
  const failReason = typeof bill.fail_reason === 'string' ? bill.fail_reason : ''
  return {
    id: envelope.id,
    receipts: noticeReceipts(envelope.id, check.signed),
    outBillNo: bill.out_bill_no,
    transferBillNo,
    state: bill.state,
    failReason,
    outcome: outcomeOf(bill.state, transferBillNo, failReason),
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

/**
 * What became of a verified notification: applied now, handled before (a replay or a redelivery:
 * nothing changes), or about no withdrawal of ours.
 */
export type NoticeSettled = 'applied' | 'replayed' | 'unknown'

const acknowledged: HttpAccessAnswer = { statusCode: 204, headers: {}, body: '' }
const fail = (statusCode: number, code: string, message: string): HttpAccessAnswer => ({
  statusCode,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ code, message }),
})

/**
 * Answers a transfer result notification as WeChat Pay expects: 204 without a body once settled, and
 * also for a replay or a redelivery of one settled before (so WeChat Pay stops sending it; nothing
 * changes); 401 or 400 with `{code, message}` for one that fails verification — a stale or future
 * `Wechatpay-Timestamp` included (nothing is read or written); 404 when no withdrawal has that 商户单号;
 * 500 when it could not be settled now (WeChat Pay sends it again).
 */
export async function answerTransferNotification(
  event: unknown,
  config: () => Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey' | 'platformCertSerial' | 'platformCert' | 'apiV3Key'>,
  settle: (notice: TransferNotice) => Promise<NoticeSettled>,
  now: number,
): Promise<HttpAccessAnswer> {
  const e = (event && typeof event === 'object' ? event : {}) as HttpAccessEvent
  const raw = typeof e.body === 'string' ? e.body : ''
  const body = e.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw
  let notice: TransferNotice
  try {
    notice = readTransferNotification(config(), e.headers ?? {}, body, now)
  } catch (error) {
    if (error instanceof NotificationRejected) return fail(error.status, error.code, error.message)
    return fail(500, 'CALLBACK_UNAVAILABLE', `无法处理通知：${(error as Error).message}`)
  }
  try {
    if ((await settle(notice)) === 'unknown') return fail(404, 'WITHDRAWAL_NOT_FOUND', `没有商户单号为 ${notice.outBillNo} 的提现`)
  } catch (error) {
    return fail(500, 'NOT_APPLIED', `处理失败：${(error as Error).message}`)
  }
  return acknowledged
}
