/**
 * WeChat Pay API v3 signatures, both ways: the merchant signs its requests (WECHATPAY2-SHA256-RSA2048)
 * and WeChat Pay signs its answers and its notifications (`Wechatpay-Timestamp`, `-Nonce`, `-Serial`,
 * `-Signature`). Anything that moves money on WeChat Pay's word first passes `checkSignature`.
 */
import crypto from 'node:crypto'

/**
 * The keys WeChat Pay signs with, by the `Wechatpay-Serial` it names: the WeChat Pay public key
 * (`PUB_KEY_ID_…`) and, while a merchant is still switching over from the platform certificate
 * (WeChat Pay then signs notifications with either for a week), that certificate under its serial.
 */
export interface WechatPayKeys {
  publicKeyId: string
  publicKey: string
  platformCertSerial?: string
  /** The platform certificate (or its public key), PEM. */
  platformCert?: string
}

/**
 * How far `Wechatpay-Timestamp` (whole seconds) may stand from the current second, either way: beyond
 * it a message is stale or replayed.
 */
export const SIGNATURE_WINDOW_SECONDS = 5 * 60

/** Why a message does not carry WeChat Pay's word. */
export type SignatureFault = 'SIGNATURE_MISSING' | 'SERIAL_UNKNOWN' | 'TIMESTAMP_STALE' | 'SIGNATURE_INVALID'

export interface SignatureRefusal {
  code: SignatureFault
  message: string
}

/** The signature headers of a message that verified. */
export interface VerifiedSignature {
  serial: string
  timestamp: string
  nonce: string
  signature: string
}

export type HeaderMap = Record<string, string | string[] | undefined>

/** A header whatever its case (HTTP access and node:http lower-case them, people do not). */
export function header(headers: HeaderMap, name: string): string {
  const wanted = name.toLowerCase()
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted)
  const value = key === undefined ? undefined : headers[key]
  return ((Array.isArray(value) ? value[0] : value) ?? '').trim()
}

/** What a request signature covers: `METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n`. */
export function requestSignatureMessage(method: string, pathAndQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathAndQuery}\n${timestamp}\n${nonce}\n${body}\n`
}

/** What WeChat Pay's signature on an answer or a notification covers: `timestamp\nnonce\nbody\n`. */
export function wechatPaySignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`
}

/** The `Authorization` header of a v3 request, signed with the merchant API certificate key. */
export function authorization(
  merchant: { mchId: string; certSerial: string; privateKey: string },
  method: string,
  pathAndQuery: string,
  body: string,
  timestamp: string,
  nonce: string,
): string {
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(requestSignatureMessage(method, pathAndQuery, timestamp, nonce, body))
    .sign(merchant.privateKey, 'base64')
  return `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${merchant.certSerial}"`
}

/** The key WeChat Pay names by its serial, or null when it is none of ours. */
function keyFor(keys: WechatPayKeys, serial: string): string | null {
  const named = serial.toUpperCase()
  if (named === keys.publicKeyId.toUpperCase()) return keys.publicKey
  if (keys.platformCertSerial && keys.platformCert && named === keys.platformCertSerial.toUpperCase()) return keys.platformCert
  return null
}

/**
 * Checks WeChat Pay's signature on a message (a notification, or the answer to a call): all four
 * headers present, a serial naming one of our WeChat Pay keys, a timestamp within 5 minutes of `now`,
 * and a signature that verifies with that key over the raw body. Answers why not, or what verified.
 */
export function checkSignature(
  keys: WechatPayKeys,
  headers: HeaderMap,
  body: string,
  now: number,
): { ok: true; signed: VerifiedSignature } | { ok: false; refusal: SignatureRefusal } {
  const refuse = (code: SignatureFault, message: string) => ({ ok: false as const, refusal: { code, message } })
  const serial = header(headers, 'Wechatpay-Serial')
  const signature = header(headers, 'Wechatpay-Signature')
  const timestamp = header(headers, 'Wechatpay-Timestamp')
  const nonce = header(headers, 'Wechatpay-Nonce')
  const missing = [
    ['Wechatpay-Serial', serial],
    ['Wechatpay-Signature', signature],
    ['Wechatpay-Timestamp', timestamp],
    ['Wechatpay-Nonce', nonce],
  ].filter(([, value]) => !value)
  if (missing.length) return refuse('SIGNATURE_MISSING', `缺少微信支付签名头：${missing.map(([name]) => name).join('、')}`)
  const key = keyFor(keys, serial)
  if (!key) return refuse('SERIAL_UNKNOWN', `未知的微信支付公钥或平台证书序列号：${serial.slice(0, 64)}`)
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(Math.floor(now / 1000) - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
    return refuse('TIMESTAMP_STALE', '微信支付签名时间与当前时间相差超过 5 分钟')
  let verified = false
  try {
    verified = crypto
      .createVerify('RSA-SHA256')
      .update(wechatPaySignatureMessage(timestamp, nonce, body))
      .verify(key, signature, 'base64')
  } catch {
    verified = false
  }
  if (!verified) return refuse('SIGNATURE_INVALID', '微信支付签名校验失败')
  return { ok: true, signed: { serial, timestamp, nonce, signature } }
}
