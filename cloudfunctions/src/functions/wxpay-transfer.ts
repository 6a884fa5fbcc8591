/**
 * A small WeChat Pay API v3 client for 商家转账 (the 2025 version, user-confirm mode): pays a
 * distributor's withdrawal under transfer scene 1005 (佣金报酬), and reads the transfer result
 * notification (MCHTRANSFER.BILL.FINISHED) that WeChat Pay posts to `WXPAY_TRANSFER_NOTIFY_URL`.
 * cloudPay (CloudBase) has no transfer API, so this one talks to api.mch.weixin.qq.com itself, with
 * the merchant's API certificate key; results are verified with the WeChat Pay public key.
 *
 * Configuration (environment variables of the functions that pay out and of `transferCallback`):
 * - WXPAY_MCH_ID               merchant id (商户号)
 * - WXPAY_APP_ID               the mini program's AppID (the payees' OpenIDs belong to it)
 * - WXPAY_CERT_SERIAL          serial number of the merchant API certificate (商户API证书序列号)
 * - WXPAY_PRIVATE_KEY          the merchant API certificate private key, PEM (apiclient_key.pem;
 *                              literal `\n` sequences are accepted for one-line values)
 * - WXPAY_PUBLIC_KEY_ID        WeChat Pay public key id (`PUB_KEY_ID_…`)
 * - WXPAY_PUBLIC_KEY           WeChat Pay public key, PEM
 * - WXPAY_API_V3_KEY           the APIv3 key (32 characters), decrypts notifications
 * - WXPAY_TRANSFER_NOTIFY_URL  the HTTPS address of the `transferCallback` function (HTTP access)
 *
 * References: 发起转账 POST /v3/fund-app/mch-transfer/transfer-bills; 签名 (WECHATPAY2-SHA256-RSA2048);
 * 回调验签 (Wechatpay-Timestamp/Nonce/Signature/Serial) and 回调解密 (AEAD_AES_256_GCM).
 */
import crypto from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { TransferResult } from '../app/pay'
import type { Withdrawal } from '../../../types/domain'

export interface WxPayTransferConfig {
  mchId: string
  appId: string
  certSerial: string
  privateKey: string
  publicKeyId: string
  publicKey: string
  apiV3Key: string
  notifyUrl: string
}

const ENV_NAMES: Record<keyof WxPayTransferConfig, string> = {
  mchId: 'WXPAY_MCH_ID',
  appId: 'WXPAY_APP_ID',
  certSerial: 'WXPAY_CERT_SERIAL',
  privateKey: 'WXPAY_PRIVATE_KEY',
  publicKeyId: 'WXPAY_PUBLIC_KEY_ID',
  publicKey: 'WXPAY_PUBLIC_KEY',
  apiV3Key: 'WXPAY_API_V3_KEY',
  notifyUrl: 'WXPAY_TRANSFER_NOTIFY_URL',
}

/** Reads the configuration; names every missing variable at once. */
export function transferConfigFromEnv(env: Record<string, string | undefined> = process.env): WxPayTransferConfig {
  const keys = Object.keys(ENV_NAMES) as (keyof WxPayTransferConfig)[]
  const missing = keys.filter((k) => !env[ENV_NAMES[k]]?.trim()).map((k) => ENV_NAMES[k])
  if (missing.length) throw new Error(`商家转账未配置：缺少环境变量 ${missing.join(', ')}`)
  const value = (k: keyof WxPayTransferConfig) => env[ENV_NAMES[k]]!.trim()
  const pem = (k: keyof WxPayTransferConfig) => value(k).replace(/\\n/g, '\n').trim()
  const config = Object.fromEntries(keys.map((k) => [k, value(k)])) as unknown as WxPayTransferConfig
  return { ...config, privateKey: pem('privateKey'), publicKey: pem('publicKey') }
}

// ---- transport -------------------------------------------------------------------------------

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body: string
}
export interface HttpResponse {
  status: number
  headers: Record<string, string>
  body: string
}
/** The one way out to the network; tests inject their own or point `baseUrl` at a local server. */
export type RequestFn = (request: HttpRequest) => Promise<HttpResponse>

/** node:https (node:http for a plain-http base URL, which only tests use). */
export function nodeRequest(timeoutMs = 8_000): RequestFn {
  return (request) =>
    new Promise<HttpResponse>((resolve, reject) => {
      const url = new URL(request.url)
      const client = url.protocol === 'http:' ? http : https
      const req = client.request(
        url,
        { method: request.method, headers: { ...request.headers, 'Content-Length': String(Buffer.byteLength(request.body)) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const headers: Record<string, string> = {}
            for (const [name, v] of Object.entries(res.headers)) if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : v
            resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') })
          })
          res.on('error', reject)
        },
      )
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`微信支付请求超时（${timeoutMs}ms）`)))
      req.on('error', reject)
      req.end(request.body)
    })
}

// ---- signing ---------------------------------------------------------------------------------

/** The message a v3 request signature covers: `METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n`. */
export function requestSignatureMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`
}

/** The `Authorization` header of a v3 request, signed with the merchant API certificate key. */
export function authorization(
  config: Pick<WxPayTransferConfig, 'mchId' | 'certSerial' | 'privateKey'>,
  method: string,
  pathAndQuery: string,
  body: string,
  timestamp: string,
  nonce: string,
): string {
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(requestSignatureMessage(method, pathAndQuery, timestamp, nonce, body))
    .sign(config.privateKey, 'base64')
  return `WECHATPAY2-SHA256-RSA2048 mchid="${config.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${config.certSerial}"`
}

// ---- 发起转账 ---------------------------------------------------------------------------------

export const TRANSFER_PATH = '/v3/fund-app/mch-transfer/transfer-bills'
/** 佣金报酬: the scene the merchant applied for; its report infos are fixed by WeChat Pay. */
export const TRANSFER_SCENE_ID = '1005'

/** WeChat Pay answered with an error: the transfer was not accepted. */
export class WxPayError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'WxPayError'
  }
}

/**
 * No answer, or a system error, even after retrying with the same 商户单号: the transfer may or may not
 * exist at WeChat Pay. The withdrawal must stay processing (its outcome arrives through the transfer
 * callback, or a retry with the same withdrawal); treating this as a refusal risks paying twice.
 */
export class TransferUncertainError extends Error {
  readonly uncertain = true
  constructor(message: string) {
    super(message)
    this.name = 'TransferUncertainError'
  }
}

export interface TransferClientOptions {
  request?: RequestFn
  /** Defaults to https://api.mch.weixin.qq.com. */
  baseUrl?: string
  nonce?: () => string
  /** Extra attempts (same body, same 商户单号) after no answer, HTTP 5xx or SYSTEM_ERROR. */
  retries?: number
  retryDelayMs?: number
}

export interface TransferClient {
  /**
   * Sends 发起转账 for a withdrawal (商户单号 = the withdrawal id, amount = its net). Safe to repeat for
   * the same withdrawal: WeChat Pay answers the existing bill for the same 商户单号 and parameters.
   */
  transfer(withdrawal: Withdrawal, now: number): Promise<TransferResult>
}

interface TransferBillAnswer {
  out_bill_no?: string
  transfer_bill_no?: string
  state?: string
  package_info?: string
  fail_reason?: string
  code?: string
  message?: string
}

/** Bills still moving at WeChat Pay: the transfer callback brings their end. */
const IN_FLIGHT = new Set(['ACCEPTED', 'PROCESSING', 'TRANSFERING', 'CANCELING'])

export function transferBody(config: Pick<WxPayTransferConfig, 'appId' | 'notifyUrl'>, withdrawal: Withdrawal) {
  return {
    appid: config.appId,
    out_bill_no: withdrawal.id,
    transfer_scene_id: TRANSFER_SCENE_ID,
    openid: withdrawal.distributorId,
    transfer_amount: withdrawal.net,
    transfer_remark: '分销推广佣金提现',
    notify_url: config.notifyUrl,
    user_recv_perception: '劳务报酬',
    transfer_scene_report_infos: [
      { info_type: '岗位类型', info_content: '分销推广' },
      { info_type: '报酬说明', info_content: '商品推广佣金' },
    ],
  }
}

const parseJson = (text: string): TransferBillAnswer => {
  try {
    const value: unknown = JSON.parse(text)
    return value && typeof value === 'object' ? (value as TransferBillAnswer) : {}
  } catch {
    return {}
  }
}

export function createTransferClient(config: WxPayTransferConfig, options: TransferClientOptions = {}): TransferClient {
  const request = options.request ?? nodeRequest()
  const baseUrl = (options.baseUrl ?? 'https://api.mch.weixin.qq.com').replace(/\/$/, '')
  const nonce = options.nonce ?? (() => crypto.randomBytes(16).toString('hex'))
  const retries = options.retries ?? 2
  const retryDelayMs = options.retryDelayMs ?? 500

  return {
    async transfer(withdrawal, now) {
      if (!/^[A-Za-z0-9]{1,32}$/.test(withdrawal.id)) throw new Error(`商户单号只能由 1–32 位字母和数字组成：${withdrawal.id}`)
      if (!Number.isInteger(withdrawal.net) || withdrawal.net <= 0) throw new Error(`转账金额无效：${withdrawal.net}`)
      if (!withdrawal.distributorId) throw new Error('收款用户 OpenID 为空')
      // One body for every attempt: a retry must carry exactly the same parameters.
      const body = JSON.stringify(transferBody(config, withdrawal))
      const started = Date.now()
      let uncertainty = ''
      for (let attempt = 0; attempt <= retries; attempt++) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs))
        const timestamp = String(Math.floor((now + Date.now() - started) / 1000))
        const headers = {
          Authorization: authorization(config, 'POST', TRANSFER_PATH, body, timestamp, nonce()),
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'User-Agent': 'siyu-wxpay-transfer/1.0',
          'Wechatpay-Serial': config.publicKeyId,
        }
        let response: HttpResponse
        try {
          response = await request({ method: 'POST', url: baseUrl + TRANSFER_PATH, headers, body })
        } catch (error) {
          uncertainty = `无应答：${(error as Error).message}`
          continue
        }
        const answer = parseJson(response.body)
        if (response.status >= 500 || answer.code === 'SYSTEM_ERROR') {
          uncertainty = `HTTP ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim()
          continue
        }
        if (response.status < 200 || response.status >= 300) {
          const code = answer.code ?? 'HTTP_ERROR'
          throw new WxPayError(
            response.status,
            code,
            `商家转账被拒绝（HTTP ${response.status} ${code}）：${answer.message ?? response.body.slice(0, 200)}`,
          )
        }
        return mapTransferAnswer(answer)
      }
      throw new TransferUncertainError(`商家转账结果未知（${withdrawal.id}，已按原单号重试 ${retries} 次）：${uncertainty}`)
    },
  }
}

function mapTransferAnswer(answer: TransferBillAnswer): TransferResult {
  const transferId = answer.transfer_bill_no ?? ''
  const state = answer.state ?? ''
  if (state === 'SUCCESS' && transferId) return { state: 'paid', transferId }
  if (state === 'WAIT_USER_CONFIRM' && transferId && answer.package_info)
    return { state: 'waiting', transferId, packageInfo: answer.package_info }
  // Still moving with nothing for the payee to confirm: the callback settles it.
  if (IN_FLIGHT.has(state) && transferId) return { state: 'waiting', transferId, packageInfo: null }
  if (state === 'FAIL' || state === 'CANCELLED')
    throw new WxPayError(200, state, `商家转账失败（${state}）：${answer.fail_reason ?? '无原因'}`)
  throw new TransferUncertainError(`商家转账应答无法识别：${JSON.stringify(answer).slice(0, 200)}`)
}

// ---- 商家转账回调通知 -------------------------------------------------------------------------

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

/**
 * Verifies a transfer result notification (the `Wechatpay-Serial` must be the configured public key
 * id and `Wechatpay-Signature` must verify with that key over the raw body) and decrypts its resource.
 * Throws `NotificationRejected` otherwise.
 */
export function readTransferNotification(
  config: Pick<WxPayTransferConfig, 'publicKeyId' | 'publicKey' | 'apiV3Key'>,
  headers: HeaderMap,
  body: string,
): TransferNotice {
  const serial = header(headers, 'wechatpay-serial')
  const signature = header(headers, 'wechatpay-signature')
  const timestamp = header(headers, 'wechatpay-timestamp')
  const nonce = header(headers, 'wechatpay-nonce')
  if (!serial || !signature || !timestamp || !nonce) throw new NotificationRejected(401, '缺少微信支付签名头')
  if (serial !== config.publicKeyId) throw new NotificationRejected(401, `未知的微信支付公钥 ${serial}`)
  let verified = false
  try {
    verified = crypto
      .createVerify('RSA-SHA256')
      .update(notificationSignatureMessage(timestamp, nonce, body))
      .verify(config.publicKey, signature, 'base64')
  } catch {
    verified = false
  }
  if (!verified) throw new NotificationRejected(401, '签名校验失败')

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
): Promise<HttpAccessAnswer> {
  const e = (event && typeof event === 'object' ? event : {}) as HttpAccessEvent
  const raw = typeof e.body === 'string' ? e.body : ''
  const body = e.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw
  let notice: TransferNotice
  try {
    notice = readTransferNotification(config(), e.headers ?? {}, body)
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
