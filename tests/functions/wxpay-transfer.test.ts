import crypto from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Withdrawal } from '../../types/domain'
import {
  TRANSFER_PATH,
  TransferUncertainError,
  WxPayError,
  createTransferClient,
  nodeRequest,
  transferConfigFromEnv,
  type WxPayTransferConfig,
} from '../../cloudfunctions/src/wechat/transfers/client'
import {
  NotificationRejected,
  answerTransferNotification,
  readTransferNotification,
} from '../../cloudfunctions/src/wechat/transfers/notification'

// TEST DOUBLES of the keys: the merchant's API certificate key pair, and a stand-in for the WeChat
// Pay platform's key pair (whose public half WeChat Pay publishes as 微信支付公钥).
const rsaPair = () =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
const merchantKeysDouble = rsaPair()
const wechatPayPlatformKeysDouble = rsaPair()
const strangerKeysDouble = rsaPair()

const config: WxPayTransferConfig = {
  mchId: '1900000109',
  appId: 'wx0000000000000001',
  certSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  privateKey: merchantKeysDouble.privateKey,
  publicKeyId: 'PUB_KEY_ID_0000000000000024101100397200000006',
  publicKey: wechatPayPlatformKeysDouble.publicKey,
  apiV3Key: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  notifyUrl: 'https://siyu.example.com/transferCallback',
}

const NOW = Date.UTC(2025, 9, 1, 2, 0, 0)

// ¥1 000 of commission: 劳务报酬 withholding (1 000 − 800) × 20% = ¥40, so ¥960 reaches the distributor.
const withdrawal: Withdrawal = {
  id: 'wd20251001abc123',
  distributorId: 'oOPENID_koc_distributor',
  amount: 100_000,
  tax: 4_000,
  net: 96_000,
  status: 'processing',
  createdAt: NOW,
  paidAt: null,
  failedAt: null,
  failReason: null,
  transferId: null,
  packageInfo: null,
}

/**
 * TEST DOUBLE of api.mch.weixin.qq.com: records every request it receives and answers each with the
 * next queued reply (status + JSON body), signed as WeChat Pay signs its answers (with the platform
 * key double, at the request's own timestamp) unless the reply says `signer: null`, or another key.
 */
interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}
const wechatPayApiDouble = {
  server: null as http.Server | null,
  baseUrl: '',
  received: [] as Received[],
  replies: [] as { status: number; body: unknown; signer?: crypto.KeyObject | string | null }[],
}

beforeAll(async () => {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      wechatPayApiDouble.received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      const reply = wechatPayApiDouble.replies.shift() ?? { status: 500, body: { code: 'SYSTEM_ERROR', message: '没有准备应答' } }
      const body = JSON.stringify(reply.body)
      const signer = reply.signer === undefined ? wechatPayPlatformKeysDouble.privateKey : reply.signer
      const timestamp = /timestamp="(\d+)"/.exec(String(req.headers.authorization))?.[1] ?? '0'
      const nonce = 'answer-nonce-0001'
      const signed = signer
        ? {
            'Wechatpay-Timestamp': timestamp,
            'Wechatpay-Nonce': nonce,
            'Wechatpay-Serial': config.publicKeyId,
            'Wechatpay-Signature': crypto.createSign('RSA-SHA256').update(`${timestamp}\n${nonce}\n${body}\n`).sign(signer, 'base64'),
          }
        : {}
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...signed })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  wechatPayApiDouble.server = server
  wechatPayApiDouble.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => wechatPayApiDouble.server?.close(resolve))
})
beforeEach(() => {
  wechatPayApiDouble.received = []
  wechatPayApiDouble.replies = []
})

const client = () =>
  createTransferClient(config, { baseUrl: wechatPayApiDouble.baseUrl, request: nodeRequest(2_000), retries: 2, retryDelayMs: 5 })
const bill = (state: string, extra: Record<string, unknown> = {}) => ({
  out_bill_no: withdrawal.id,
  transfer_bill_no: '1330000071100999991182020050700019480001',
  create_time: '2025-10-01T10:00:00+08:00',
  state,
  ...extra,
})

const parseAuthorization = (value: string) => {
  const [scheme, params] = [value.slice(0, value.indexOf(' ')), value.slice(value.indexOf(' ') + 1)]
  const fields = Object.fromEntries([...params.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
  return { scheme, ...fields } as Record<string, string>
}

describe('发起转账 (商家转账, scene 1005 佣金报酬)', () => {
  it('signs the request with the merchant key over METHOD, path, timestamp, nonce and the exact body', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('WAIT_USER_CONFIRM', { package_info: 'ABBQO+oYAAABAAAAAAC' }) })
    await client().transfer(withdrawal, NOW)

    const [request] = wechatPayApiDouble.received
    expect(request.method).toBe('POST')
    expect(request.url).toBe(TRANSFER_PATH)
    expect(request.headers['content-type']).toBe('application/json')
    expect(request.headers.accept).toBe('application/json')
    expect(request.headers['wechatpay-serial']).toBe(config.publicKeyId)
    const auth = parseAuthorization(String(request.headers.authorization))
    expect(auth).toMatchObject({
      scheme: 'WECHATPAY2-SHA256-RSA2048',
      mchid: config.mchId,
      serial_no: config.certSerial,
      timestamp: String(NOW / 1000),
    })
    expect(auth.nonce_str).toMatch(/^[0-9a-f]{32}$/)

    const message = `POST\n${TRANSFER_PATH}\n${auth.timestamp}\n${auth.nonce_str}\n${request.body}\n`
    expect(crypto.createVerify('RSA-SHA256').update(message).verify(merchantKeysDouble.publicKey, auth.signature, 'base64')).toBe(true)
    // Any other body, or another key, does not verify.
    expect(
      crypto
        .createVerify('RSA-SHA256')
        .update(message.replace('96000', '96001'))
        .verify(merchantKeysDouble.publicKey, auth.signature, 'base64'),
    ).toBe(false)
    expect(crypto.createVerify('RSA-SHA256').update(message).verify(wechatPayPlatformKeysDouble.publicKey, auth.signature, 'base64')).toBe(
      false,
    )
  })

  it('pays the net amount to the distributor under 佣金报酬 with the withdrawal id as 商户单号', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('WAIT_USER_CONFIRM', { package_info: 'pkg' }) })
    await client().transfer(withdrawal, NOW)

    expect(JSON.parse(wechatPayApiDouble.received[0].body)).toEqual({
      appid: config.appId,
      out_bill_no: withdrawal.id,
      transfer_scene_id: '1005',
      openid: withdrawal.distributorId,
      transfer_amount: withdrawal.net,
      transfer_remark: expect.any(String),
      notify_url: config.notifyUrl,
      user_recv_perception: '劳务报酬',
      transfer_scene_report_infos: [
        { info_type: '岗位类型', info_content: '分销推广' },
        { info_type: '报酬说明', info_content: '商品推广佣金' },
      ],
    })
    expect([...JSON.parse(wechatPayApiDouble.received[0].body).transfer_remark].length).toBeLessThanOrEqual(32)
  })

  it('WAIT_USER_CONFIRM: waits for the distributor to confirm receipt with the package', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('WAIT_USER_CONFIRM', { package_info: 'ABBQO+oYAAABAAAAAAC' }) })
    expect(await client().transfer(withdrawal, NOW)).toEqual({
      state: 'waiting',
      transferId: '1330000071100999991182020050700019480001',
      packageInfo: 'ABBQO+oYAAABAAAAAAC',
    })
  })

  it('SUCCESS: paid', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('SUCCESS') })
    expect(await client().transfer(withdrawal, NOW)).toEqual({ state: 'paid', transferId: '1330000071100999991182020050700019480001' })
  })

  it('FAIL or CANCELLED: refused, with the reason', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }) })
    const error = await client()
      .transfer(withdrawal, NOW)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WxPayError)
    expect((error as WxPayError).code).toBe('FAIL')
    expect((error as Error).message).toContain('PAYEE_ACCOUNT_ABNORMAL')

    wechatPayApiDouble.replies.push({ status: 200, body: bill('CANCELLED') })
    await expect(client().transfer(withdrawal, NOW)).rejects.toMatchObject({ code: 'CANCELLED' })
  })

  it('HTTP 4xx: refused outright with the code and message, and not retried', async () => {
    wechatPayApiDouble.replies.push({ status: 400, body: { code: 'PARAM_ERROR', message: '需传入转账场景报备信息,请检查' } })
    const error = await client()
      .transfer(withdrawal, NOW)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WxPayError)
    expect(error).toMatchObject({ status: 400, code: 'PARAM_ERROR' })
    expect((error as Error).message).toContain('需传入转账场景报备信息')
    expect(wechatPayApiDouble.received).toHaveLength(1)

    wechatPayApiDouble.replies.push({ status: 403, body: { code: 'NOT_ENOUGH', message: '资金不足' } })
    await expect(client().transfer(withdrawal, NOW)).rejects.toMatchObject({ status: 403, code: 'NOT_ENOUGH' })
  })

  it('a system error is retried with exactly the same 商户单号 and body', async () => {
    wechatPayApiDouble.replies.push(
      { status: 500, body: { code: 'SYSTEM_ERROR', message: '系统繁忙' } },
      { status: 200, body: bill('SUCCESS') },
    )
    expect(await client().transfer(withdrawal, NOW)).toMatchObject({ state: 'paid' })
    expect(wechatPayApiDouble.received).toHaveLength(2)
    expect(wechatPayApiDouble.received[1].body).toBe(wechatPayApiDouble.received[0].body)
  })

  it('no answer after the retries: uncertain, not a refusal (the bill may exist)', async () => {
    wechatPayApiDouble.replies.push(
      ...Array.from({ length: 3 }, () => ({ status: 503, body: { code: 'SYSTEM_ERROR', message: '系统繁忙' } })),
    )
    const error = await client()
      .transfer(withdrawal, NOW)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransferUncertainError)
    expect(error).not.toBeInstanceOf(WxPayError)
    expect(wechatPayApiDouble.received).toHaveLength(3)

    const unreachable = createTransferClient(config, {
      request: () => Promise.reject(new Error('ECONNRESET')),
      retries: 1,
      retryDelayMs: 1,
    })
    await expect(unreachable.transfer(withdrawal, NOW)).rejects.toBeInstanceOf(TransferUncertainError)
  })

  it('an answer WeChat Pay did not sign (or signed long ago) is no answer: asked again, never taken as paid or refused', async () => {
    wechatPayApiDouble.replies.push(
      { status: 200, body: bill('SUCCESS'), signer: null },
      { status: 400, body: { code: 'PARAM_ERROR', message: '伪造的拒绝' }, signer: strangerKeysDouble.privateKey },
      { status: 200, body: bill('SUCCESS') },
    )
    expect(await client().transfer(withdrawal, NOW)).toEqual({ state: 'paid', transferId: bill('SUCCESS').transfer_bill_no })
    expect(wechatPayApiDouble.received).toHaveLength(3)
    expect(new Set(wechatPayApiDouble.received.map((r) => r.body)).size).toBe(1)

    wechatPayApiDouble.replies.push(
      ...Array.from({ length: 3 }, () => ({ status: 400, body: { code: 'INVALID_REQUEST', message: '伪造' }, signer: null })),
    )
    const error = await client()
      .transfer(withdrawal, NOW)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TransferUncertainError)
    expect(String((error as Error).message)).toContain('签名')
  })

  it('refuses, before sending anything, a 商户单号 WeChat Pay would not take', async () => {
    await expect(client().transfer({ ...withdrawal, id: 'wd-2025-10-01' }, NOW)).rejects.toThrow(/字母和数字/)
    expect(wechatPayApiDouble.received).toHaveLength(0)
  })
})

/** What WeChat Pay posts for a bill's end, signed with `signer` and encrypted with `key`. */
function transferNotificationDouble(billFields: Record<string, unknown>, options: { key?: string; serial?: string; signer?: string } = {}) {
  const iv = 'fPqxLQRZmjVn'
  const cipher = crypto.createCipheriv('aes-256-gcm', Buffer.from(options.key ?? config.apiV3Key, 'utf8'), Buffer.from(iv, 'utf8'))
  cipher.setAAD(Buffer.from('mch_payment', 'utf8'))
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(billFields), 'utf8'), cipher.final(), cipher.getAuthTag()])
  const body = JSON.stringify({
    id: 'c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a',
    create_time: '2025-10-01T10:05:00+08:00',
    resource_type: 'encrypt-resource',
    event_type: 'MCHTRANSFER.BILL.FINISHED',
    summary: '商家转账单据终态通知',
    resource: {
      original_type: 'mch_payment',
      algorithm: 'AEAD_AES_256_GCM',
      ciphertext: encrypted.toString('base64'),
      associated_data: 'mch_payment',
      nonce: iv,
    },
  })
  const timestamp = String(NOW / 1000)
  const nonce = 'LJCTbBBiwMkAzH80tCHsYYsMV6z5Ry7Z'
  const signature = crypto
    .createSign('RSA-SHA256')
    .update(`${timestamp}\n${nonce}\n${body}\n`)
    .sign(options.signer ?? wechatPayPlatformKeysDouble.privateKey, 'base64')
  const headers = {
    'content-type': 'application/json',
    'wechatpay-nonce': nonce,
    'wechatpay-timestamp': timestamp,
    'wechatpay-serial': options.serial ?? config.publicKeyId,
    'wechatpay-signature': signature,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  }
  return { headers, body }
}

const finished = (state: string, extra: Record<string, unknown> = {}) => ({
  mch_id: config.mchId,
  out_bill_no: withdrawal.id,
  transfer_bill_no: '1330000071100999991182020050700019480001',
  transfer_amount: withdrawal.net,
  state,
  openid: withdrawal.distributorId,
  create_time: '2025-10-01T10:00:00+08:00',
  update_time: '2025-10-01T10:05:00+08:00',
  ...extra,
})

describe('商家转账回调通知', () => {
  it('a notification signed by WeChat Pay is decrypted to the bill it reports', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'))
    expect(readTransferNotification(config, headers, body, NOW)).toEqual({
      outBillNo: withdrawal.id,
      transferBillNo: '1330000071100999991182020050700019480001',
      state: 'SUCCESS',
      failReason: '',
    })

    const failed = transferNotificationDouble(finished('FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }))
    expect(readTransferNotification(config, failed.headers, failed.body, NOW)).toMatchObject({
      state: 'FAIL',
      failReason: 'PAYEE_ACCOUNT_ABNORMAL',
    })
  })

  it('reads the signature headers whatever their case', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'))
    const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.replace(/(^|-)\w/g, (s) => s.toUpperCase()), v]))
    expect(readTransferNotification(config, upper, body, NOW).state).toBe('SUCCESS')
  })

  it('refuses a tampered body', () => {
    const { headers, body } = transferNotificationDouble(finished('FAIL'))
    expect(() => readTransferNotification(config, headers, body.replace('商家转账单据终态通知', '商家转账单据终态通知 '), NOW)).toThrow(
      NotificationRejected,
    )
  })

  it('refuses a notification sent more than 5 minutes before or after now (a replay), and nothing in it is read', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'))
    const FIVE_MINUTES = 5 * 60_000
    expect(readTransferNotification(config, headers, body, NOW + FIVE_MINUTES).state).toBe('SUCCESS')
    expect(readTransferNotification(config, headers, body, NOW - FIVE_MINUTES).state).toBe('SUCCESS')
    expect(() => readTransferNotification(config, headers, body, NOW + FIVE_MINUTES + 1_000)).toThrow(/超过 5 分钟/)
    expect(() => readTransferNotification(config, headers, body, NOW - FIVE_MINUTES - 1_000)).toThrow(/超过 5 分钟/)
    expect(() => readTransferNotification(config, { ...headers, 'wechatpay-timestamp': 'soon' }, body, NOW)).toThrow(NotificationRejected)
  })

  it('refuses a serial that is not the configured WeChat Pay public key id', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'), { serial: 'PUB_KEY_ID_0000000000000000000000000000000001' })
    expect(() => readTransferNotification(config, headers, body, NOW)).toThrow(/未知的微信支付公钥/)
  })

  it('refuses a signature made with any other key', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'), { signer: strangerKeysDouble.privateKey })
    expect(() => readTransferNotification(config, headers, body, NOW)).toThrow(/签名校验失败/)
    expect(() => readTransferNotification(config, { ...headers, 'wechatpay-signature': 'not base64 at all' }, body, NOW)).toThrow(
      /签名校验失败/,
    )
    expect(() => readTransferNotification(config, { ...headers, 'wechatpay-signature': undefined }, body, NOW)).toThrow(
      NotificationRejected,
    )
  })

  it('refuses a resource not encrypted with this merchant APIv3 key', () => {
    const { headers, body } = transferNotificationDouble(finished('SUCCESS'), { key: 'ffffffffffffffffffffffffffffffff' })
    expect(() => readTransferNotification(config, headers, body, NOW)).toThrow(/解密失败/)
  })
})

describe('transferCallback (HTTP access) answers', () => {
  const calls: { outBillNo: string; outcome: unknown }[] = []
  const applyKnown = async (outBillNo: string, outcome: unknown) => {
    calls.push({ outBillNo, outcome })
    return true
  }
  beforeEach(() => {
    calls.length = 0
  })
  const event = (n: { headers: Record<string, string>; body: string }, base64 = false) => ({
    httpMethod: 'POST',
    path: '/transferCallback',
    headers: n.headers,
    body: base64 ? Buffer.from(n.body, 'utf8').toString('base64') : n.body,
    isBase64Encoded: base64,
  })

  it('SUCCESS completes the withdrawal as paid and answers 204 without a body', async () => {
    const answer = await answerTransferNotification(event(transferNotificationDouble(finished('SUCCESS'))), () => config, applyKnown, NOW)
    expect(answer).toMatchObject({ statusCode: 204, body: '' })
    expect(calls).toEqual([{ outBillNo: withdrawal.id, outcome: { paid: true, transferId: '1330000071100999991182020050700019480001' } }])
  })

  it('FAIL and CANCELLED fail the withdrawal with the reason', async () => {
    await answerTransferNotification(
      event(transferNotificationDouble(finished('FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }))),
      () => config,
      applyKnown,
      NOW,
    )
    await answerTransferNotification(event(transferNotificationDouble(finished('CANCELLED')), true), () => config, applyKnown, NOW)
    expect(calls.map((c) => c.outcome)).toEqual([
      { paid: false, reason: 'PAYEE_ACCOUNT_ABNORMAL' },
      { paid: false, reason: '转账已撤销' },
    ])
  })

  it('other states change nothing and are acknowledged', async () => {
    const answer = await answerTransferNotification(
      event(transferNotificationDouble(finished('WAIT_USER_CONFIRM'))),
      () => config,
      applyKnown,
      NOW,
    )
    expect(answer.statusCode).toBe(204)
    expect(calls).toEqual([])
  })

  it('answers a replayed notification 401 and changes nothing', async () => {
    const late = await answerTransferNotification(
      event(transferNotificationDouble(finished('SUCCESS'))),
      () => config,
      applyKnown,
      NOW + 6 * 60_000,
    )
    expect(late.statusCode).toBe(401)
    expect(calls).toEqual([])
  })

  it('a notification that fails verification is answered 4xx with {code, message} and changes nothing', async () => {
    const forged = transferNotificationDouble(finished('SUCCESS'), { signer: strangerKeysDouble.privateKey })
    const answer = await answerTransferNotification(event(forged), () => config, applyKnown, NOW)
    expect(answer.statusCode).toBe(401)
    expect(JSON.parse(answer.body)).toEqual({ code: 'FAIL', message: expect.stringContaining('签名') })
    expect(calls).toEqual([])
    expect((await answerTransferNotification({ body: 'x' }, () => config, applyKnown, NOW)).statusCode).toBe(401)
  })

  it('an unknown withdrawal is 404; a failure to apply is 500 so WeChat Pay sends it again', async () => {
    const n = transferNotificationDouble(finished('SUCCESS'))
    expect(
      (
        await answerTransferNotification(
          event(n),
          () => config,
          async () => false,
          NOW,
        )
      ).statusCode,
    ).toBe(404)
    const broken = await answerTransferNotification(
      event(n),
      () => config,
      async () => {
        throw new Error('database unavailable')
      },
      NOW,
    )
    expect(broken.statusCode).toBe(500)
    const unconfigured = await answerTransferNotification(event(n), () => transferConfigFromEnv({}), applyKnown, NOW)
    expect(unconfigured.statusCode).toBe(500)
    expect(calls).toEqual([])
  })
})

describe('configuration', () => {
  it('names every missing variable, and accepts one-line PEM values', () => {
    expect(() => transferConfigFromEnv({ WXPAY_MCH_ID: '1900000109' })).toThrow(/WXPAY_APP_ID.*WXPAY_TRANSFER_NOTIFY_URL/)
    const env = {
      WXPAY_MCH_ID: config.mchId,
      WXPAY_APP_ID: config.appId,
      WXPAY_CERT_SERIAL: config.certSerial,
      WXPAY_PRIVATE_KEY: config.privateKey.replace(/\n/g, '\\n'),
      WXPAY_PUBLIC_KEY_ID: config.publicKeyId,
      WXPAY_PUBLIC_KEY: config.publicKey,
      WXPAY_API_V3_KEY: config.apiV3Key,
      WXPAY_TRANSFER_NOTIFY_URL: config.notifyUrl,
    }
    expect(transferConfigFromEnv(env)).toEqual({ ...config, privateKey: config.privateKey.trim(), publicKey: config.publicKey.trim() })
  })
})
