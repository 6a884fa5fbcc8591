/**
 * A small WeChat Pay API v3 client for 商家转账 (the 2025 version, user-confirm mode): pays a
 * distributor's withdrawal under transfer scene 1005 (佣金报酬), and reads the transfer result
 * notification (MCHTRANSFER.BILL.FINISHED) that WeChat Pay posts to `WXPAY_TRANSFER_NOTIFY_URL`.
 * cloudPay (CloudBase) has no transfer API, so this one talks to api.mch.weixin.qq.com itself, with
 * the merchant's API certificate key; answers and results are verified with the WeChat Pay public key
 * (an answer that fails is treated as no answer: the same 商户单号 is asked again).
 *
 * Configuration (environment variables of the functions that pay out and of `transferCallback`):
 * - WXPAY_MCH_ID               merchant id (商户号)
 * - WXPAY_APP_ID               the mini program's AppID (the payees' OpenIDs belong to it)
 * - WXPAY_CERT_SERIAL          serial number of the merchant API certificate (商户API证书序列号)
 * - WXPAY_PRIVATE_KEY          the merchant API certificate private key, PEM (apiclient_key.pem;
 *                              literal `\n` sequences are accepted for one-line values)
 * - WXPAY_PUBLIC_KEY_ID        WeChat Pay public key id (`PUB_KEY_ID_…`)
 * - WXPAY_PUBLIC_KEY           WeChat Pay public key, PEM
 * - WXPAY_PLATFORM_CERT_SERIAL, WXPAY_PLATFORM_CERT   optional, both or neither: the WeChat Pay platform
 *                              certificate (PEM) and its serial, for a merchant still switching over to
 *                              the public key (WeChat Pay signs notifications with either meanwhile)
 * - WXPAY_API_V3_KEY           the APIv3 key (32 characters), decrypts notifications
 * - WXPAY_TRANSFER_NOTIFY_URL  the HTTPS address of the `transferCallback` function (HTTP access)
 *
 * References: 发起转账 POST /v3/fund-app/mch-transfer/transfer-bills; 签名 (WECHATPAY2-SHA256-RSA2048);
 * 回调验签 (Wechatpay-Timestamp/Nonce/Signature/Serial) and 回调解密 (AEAD_AES_256_GCM).
 */
import crypto from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { TransferResult } from '../ports'
import { type SignatureFault, type WechatPayKeys, authorization, checkSignature } from './signature'
import type { Withdrawal } from '../../../../types/domain'

export interface WxPayTransferConfig extends WechatPayKeys {
  mchId: string
  appId: string
  certSerial: string
  privateKey: string
  apiV3Key: string
  notifyUrl: string
}

type RequiredSetting = Exclude<keyof WxPayTransferConfig, 'platformCertSerial' | 'platformCert'>

const ENV_NAMES: Record<RequiredSetting, string> = {
  mchId: 'WXPAY_MCH_ID',
  appId: 'WXPAY_APP_ID',
  certSerial: 'WXPAY_CERT_SERIAL',
  privateKey: 'WXPAY_PRIVATE_KEY',
  publicKeyId: 'WXPAY_PUBLIC_KEY_ID',
  publicKey: 'WXPAY_PUBLIC_KEY',
  apiV3Key: 'WXPAY_API_V3_KEY',
  notifyUrl: 'WXPAY_TRANSFER_NOTIFY_URL',
}

/** The platform certificate's pair: optional, but one without the other is a mistake. */
const PLATFORM_CERT_ENV = { platformCertSerial: 'WXPAY_PLATFORM_CERT_SERIAL', platformCert: 'WXPAY_PLATFORM_CERT' } as const

/** A PEM given as one line with literal `\n` sequences, as environment variables often are. */
const pemOf = (value: string) => value.replace(/\\n/g, '\n').trim()

/** Reads the configuration; names every missing variable at once. */
export function transferConfigFromEnv(env: Record<string, string | undefined> = process.env): WxPayTransferConfig {
  const read = (name: string) => env[name]?.trim() ?? ''
  const keys = Object.keys(ENV_NAMES) as RequiredSetting[]
  const missing = keys.filter((k) => !read(ENV_NAMES[k])).map((k) => ENV_NAMES[k])
  const certSerial = read(PLATFORM_CERT_ENV.platformCertSerial)
  const cert = read(PLATFORM_CERT_ENV.platformCert)
  if (certSerial && !cert) missing.push(PLATFORM_CERT_ENV.platformCert)
  if (cert && !certSerial) missing.push(PLATFORM_CERT_ENV.platformCertSerial)
  if (missing.length) throw new Error(`商家转账未配置：缺少环境变量 ${missing.join(', ')}`)
  const config = Object.fromEntries(keys.map((k) => [k, read(ENV_NAMES[k])])) as Record<RequiredSetting, string>
  return {
    ...config,
    privateKey: pemOf(config.privateKey),
    publicKey: pemOf(config.publicKey),
    ...(certSerial ? { platformCertSerial: certSerial, platformCert: pemOf(cert) } : {}),
  }
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

/** Why a transfer's outcome is unknown: no answer, WeChat Pay's own trouble, or an answer not to be trusted. */
export type UncertainReason = 'NO_ANSWER' | 'SYSTEM_ERROR' | 'ANSWER_UNRECOGNISED' | 'ANSWER_FOR_ANOTHER_BILL' | SignatureFault

/**
 * No answer, a system error, or an answer WeChat Pay did not sign, even after retrying with the same
 * 商户单号: the transfer may or may not exist at WeChat Pay. The withdrawal must stay processing (its
 * outcome arrives through the transfer callback, or a resend under the same 商户单号); treating this as
 * a refusal risks paying twice, and as an acceptance risks never paying.
 */
export class TransferUncertainError extends Error {
  readonly uncertain = true
  constructor(
    readonly reason: UncertainReason,
    message: string,
  ) {
    super(message)
    this.name = 'TransferUncertainError'
  }
}

export interface TransferClientOptions {
  request?: RequestFn
  /** Defaults to https://api.mch.weixin.qq.com. */
  baseUrl?: string
  nonce?: () => string
  /** Extra attempts (same body, same 商户单号) after no answer, HTTP 5xx, SYSTEM_ERROR or an unverified answer. */
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
      let uncertainty: { reason: UncertainReason; detail: string } = { reason: 'NO_ANSWER', detail: '' }
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
          uncertainty = { reason: 'NO_ANSWER', detail: `无应答：${(error as Error).message}` }
          continue
        }
        const answer = parseJson(response.body)
        if (response.status >= 500) {
          uncertainty = { reason: 'SYSTEM_ERROR', detail: `HTTP ${response.status} ${answer.code ?? ''} ${answer.message ?? ''}`.trim() }
          continue
        }
        // An answer WeChat Pay did not sign is nobody's word: neither a refusal nor an acceptance.
        const check = checkSignature(config, response.headers, response.body, now + Date.now() - started)
        if (!check.ok) {
          uncertainty = { reason: check.refusal.code, detail: `HTTP ${response.status} 的应答未通过校验：${check.refusal.message}` }
          continue
        }
        if (answer.code === 'SYSTEM_ERROR') {
          uncertainty = { reason: 'SYSTEM_ERROR', detail: `HTTP ${response.status} SYSTEM_ERROR ${answer.message ?? ''}`.trim() }
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
        // A signed answer about another bill (one replayed from another call) says nothing of this one.
        if (answer.out_bill_no !== withdrawal.id) {
          uncertainty = { reason: 'ANSWER_FOR_ANOTHER_BILL', detail: `应答的商户单号为 ${String(answer.out_bill_no).slice(0, 32)}` }
          continue
        }
        return mapTransferAnswer(answer)
      }
      throw new TransferUncertainError(
        uncertainty.reason,
        `商家转账结果未知（${withdrawal.id}，已按原单号重试 ${retries} 次）：${uncertainty.detail}`,
      )
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
  throw new TransferUncertainError('ANSWER_UNRECOGNISED', `商家转账应答无法识别：${JSON.stringify(answer).slice(0, 200)}`)
}
