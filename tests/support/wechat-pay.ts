/**
 * TEST DOUBLES of WeChat Pay for the 商家转账 tests: key pairs generated here (the merchant's API
 * certificate key, WeChat Pay's key behind its 微信支付公钥, a platform certificate key for a merchant
 * still switching over, and a stranger's), the merchant's configuration, and notifications signed and
 * encrypted the way WeChat Pay does — by wechatpay-axios-plugin (an independent, maintained
 * implementation of WeChat Pay v3), not by the code under test.
 */
import crypto from 'node:crypto'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import type { WxPayTransferConfig } from '../../cloudfunctions/src/wechat/transfers/client'

export const rsaPair = () =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })

export const merchantKeysDouble = rsaPair()
export const wechatPayKeysDouble = rsaPair()
export const platformCertKeysDouble = rsaPair()
export const strangerKeysDouble = rsaPair()

export const PUBLIC_KEY_ID = 'PUB_KEY_ID_0000000000000024101100397200000006'
export const PLATFORM_CERT_SERIAL = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1'

export const wxpayConfig: WxPayTransferConfig = {
  mchId: '1900000109',
  appId: 'wx0000000000000001',
  certSerial: '3775B6A45ACD588826D15E583A95F5DD00000000',
  privateKey: merchantKeysDouble.privateKey,
  publicKeyId: PUBLIC_KEY_ID,
  publicKey: wechatPayKeysDouble.publicKey,
  apiV3Key: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  notifyUrl: 'https://siyu.example.com/transferCallback',
}

/** The four headers WeChat Pay signs a message with (answer or notification), signed by the SDK. */
export function wechatPaySigned(
  body: string,
  options: { at: number; nonce?: string; serial?: string; signer?: string },
): Record<string, string> {
  const timestamp = String(Math.floor(options.at / 1000))
  const nonce = options.nonce ?? Formatter.nonce()
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Serial': options.serial ?? PUBLIC_KEY_ID,
    'Wechatpay-Signature': Rsa.sign(Formatter.response(timestamp, nonce, body), options.signer ?? wechatPayKeysDouble.privateKey),
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  }
}

/** The decrypted resource of MCHTRANSFER.BILL.FINISHED for a bill. */
export const finishedBill = (outBillNo: string, state: string, extra: Record<string, unknown> = {}) => ({
  mch_id: wxpayConfig.mchId,
  out_bill_no: outBillNo,
  transfer_bill_no: `1330000071100999991182020050700019${outBillNo.length}`,
  transfer_amount: 96_000,
  state,
  openid: 'oOPENID_koc_distributor',
  create_time: '2025-10-01T10:00:00+08:00',
  update_time: '2025-10-01T10:05:00+08:00',
  ...extra,
})

/**
 * What WeChat Pay posts to the transfer callback for a bill's end: the resource encrypted with the
 * APIv3 key (`key` for another) by the SDK's AES-256-GCM, the envelope signed at `at`.
 */
export function transferNotification(
  bill: Record<string, unknown>,
  options: { at: number; id?: string | null; key?: string; nonce?: string; serial?: string; signer?: string },
): { headers: Record<string, string>; body: string } {
  const iv = Formatter.nonce(12)
  const body = JSON.stringify({
    id: options.id === undefined ? 'c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a' : (options.id ?? undefined),
    create_time: '2025-10-01T10:05:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'MCHTRANSFER.BILL.FINISHED',
    summary: '商家转账单据终态通知',
    resource: {
      original_type: 'mch_payment',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: Aes.AesGcm.encrypt(JSON.stringify(bill), options.key ?? wxpayConfig.apiV3Key, iv, 'mch_payment'),
      associated_data: 'mch_payment',
      nonce: iv,
    },
  })
  return { headers: { 'Content-Type': 'application/json', ...wechatPaySigned(body, options) }, body }
}

/** The CloudBase HTTP access event a notification arrives as. */
export const httpAccessEvent = (n: { headers: Record<string, string>; body: string }, base64 = false) => ({
  httpMethod: 'POST',
  path: '/transferCallback',
  headers: n.headers,
  body: base64 ? Buffer.from(n.body, 'utf8').toString('base64') : n.body,
  isBase64Encoded: base64,
})
