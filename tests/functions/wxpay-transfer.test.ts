import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Formatter, Rsa } from 'wechatpay-axios-plugin'
import type { Withdrawal } from '../../types/domain'
import {
  TRANSFER_PATH,
  TransferUncertainError,
  WxPayError,
  createTransferClient,
  nodeRequest,
  transferConfigFromEnv,
} from '../../cloudfunctions/src/wechat/transfers/client'
import {
  PLATFORM_CERT_SERIAL,
  merchantKeysDouble,
  platformCertKeysDouble,
  strangerKeysDouble,
  wechatPayKeysDouble,
  wechatPaySigned,
  wxpayConfig as config,
} from '../support/wechat-pay'

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
 * next queued reply (status + JSON body), signed the way WeChat Pay signs its answers — by the SDK,
 * with the WeChat Pay key double, at the request's own timestamp — unless the reply says `signer: null`
 * (unsigned), another key or serial, or a clock `skewSeconds` away. A `verbatim` reply is sent as it
 * was captured (an answer replayed).
 */
interface Received {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}
interface Reply {
  status: number
  body: unknown
  signer?: string | null
  serial?: string
  skewSeconds?: number
  verbatim?: { headers: Record<string, string>; body: string }
}
const wechatPayApiDouble = {
  server: null as http.Server | null,
  baseUrl: '',
  received: [] as Received[],
  replies: [] as Reply[],
  sent: [] as { headers: Record<string, string>; body: string }[],
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
      const body = reply.verbatim?.body ?? JSON.stringify(reply.body)
      const requestedAt = Number(/timestamp="(\d+)"/.exec(String(req.headers.authorization))?.[1] ?? 0) * 1000
      const headers =
        reply.verbatim?.headers ??
        (reply.signer === null
          ? {}
          : wechatPaySigned(body, {
              at: requestedAt + (reply.skewSeconds ?? 0) * 1000,
              signer: reply.signer,
              serial: reply.serial,
            }))
      wechatPayApiDouble.sent.push({ headers, body })
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...headers })
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
  wechatPayApiDouble.sent = []
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

    // The SDK's own request message and verifier: the signature covers exactly this request.
    const message = Formatter.request('POST', TRANSFER_PATH, auth.timestamp, auth.nonce_str, request.body)
    expect(message).toBe(`POST\n${TRANSFER_PATH}\n${auth.timestamp}\n${auth.nonce_str}\n${request.body}\n`)
    expect(Rsa.verify(message, auth.signature, merchantKeysDouble.publicKey)).toBe(true)
    // Any other body, or another key, does not verify.
    expect(Rsa.verify(message.replace('96000', '96001'), auth.signature, merchantKeysDouble.publicKey)).toBe(false)
    expect(Rsa.verify(message, auth.signature, wechatPayKeysDouble.publicKey)).toBe(false)
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

  it('an answer WeChat Pay did not sign is no answer: asked again with the same body, never taken as paid or refused', async () => {
    wechatPayApiDouble.replies.push(
      { status: 200, body: bill('SUCCESS'), signer: null },
      { status: 400, body: { code: 'PARAM_ERROR', message: '伪造的拒绝' }, signer: strangerKeysDouble.privateKey },
      { status: 200, body: bill('SUCCESS') },
    )
    expect(await client().transfer(withdrawal, NOW)).toEqual({ state: 'paid', transferId: bill('SUCCESS').transfer_bill_no })
    expect(wechatPayApiDouble.received).toHaveLength(3)
    expect(new Set(wechatPayApiDouble.received.map((r) => r.body)).size).toBe(1)
  })

  /** Three answers alike (the first try and both retries): what the transfer comes to. */
  async function outcomeOfThree(reply: Reply) {
    wechatPayApiDouble.replies.push(reply, reply, reply)
    const outcome = await client()
      .transfer(withdrawal, NOW)
      .catch((e: unknown) => e)
    expect(wechatPayApiDouble.received, 'asked again each time under the same 商户单号').toHaveLength(3)
    expect(new Set(wechatPayApiDouble.received.map((r) => r.body)).size).toBe(1)
    wechatPayApiDouble.received = []
    return outcome
  }

  it.each<[string, Reply, string]>([
    ['an unsigned acceptance', { status: 200, body: bill('SUCCESS'), signer: null }, 'SIGNATURE_MISSING'],
    ['an unsigned refusal', { status: 400, body: { code: 'INVALID_REQUEST', message: '伪造' }, signer: null }, 'SIGNATURE_MISSING'],
    [
      'a refusal signed by a stranger',
      { status: 403, body: { code: 'NOT_ENOUGH', message: '伪造' }, signer: strangerKeysDouble.privateKey },
      'SIGNATURE_INVALID',
    ],
    [
      'a failure under an unknown serial',
      { status: 200, body: bill('FAIL'), serial: 'PUB_KEY_ID_0000000000000000000000000000000001' },
      'SERIAL_UNKNOWN',
    ],
    ['an acceptance signed 301 s before the request', { status: 200, body: bill('SUCCESS'), skewSeconds: -301 }, 'TIMESTAMP_STALE'],
    ['an acceptance signed 301 s after it', { status: 200, body: bill('SUCCESS'), skewSeconds: 301 }, 'TIMESTAMP_STALE'],
    [
      'a signed acceptance of another bill',
      { status: 200, body: { ...bill('SUCCESS'), out_bill_no: 'wd20251001other1' } },
      'ANSWER_FOR_ANOTHER_BILL',
    ],
  ])('%s leaves the outcome unknown (%s)', async (_case, reply, reason) => {
    const outcome = await outcomeOfThree(reply)
    expect(outcome).toBeInstanceOf(TransferUncertainError)
    expect(outcome).toMatchObject({ uncertain: true, reason })
    expect(outcome).not.toBeInstanceOf(WxPayError)
  })

  it('an answer signed up to 300 s either side of the request is taken at its word', async () => {
    for (const skewSeconds of [-300, 300]) {
      wechatPayApiDouble.replies.push({ status: 200, body: bill('SUCCESS'), skewSeconds })
      expect(await client().transfer(withdrawal, NOW)).toMatchObject({ state: 'paid' })
    }
    expect(wechatPayApiDouble.received).toHaveLength(2)
  })

  it('an answer tampered with after WeChat Pay signed it is no answer', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }) })
    await client()
      .transfer(withdrawal, NOW)
      .catch(() => null)
    const genuine = wechatPayApiDouble.sent[0]
    wechatPayApiDouble.received = []
    const tampered = { status: 200, body: null, verbatim: { headers: genuine.headers, body: genuine.body.replace('"FAIL"', '"SUCCESS"') } }
    expect(await outcomeOfThree(tampered)).toMatchObject({ reason: 'SIGNATURE_INVALID' })
  })

  it('an answer WeChat Pay replays from an earlier call of the same bill is still its word on that bill', async () => {
    wechatPayApiDouble.replies.push({ status: 200, body: bill('WAIT_USER_CONFIRM', { package_info: 'pkg' }) })
    await client().transfer(withdrawal, NOW)
    const earlier = wechatPayApiDouble.sent[0]
    wechatPayApiDouble.replies.push({ status: 200, body: null, verbatim: earlier })
    expect(await client().transfer(withdrawal, NOW)).toMatchObject({ state: 'waiting', packageInfo: 'pkg' })
  })

  it('while switching from the platform certificate, answers signed with it verify once it is configured', async () => {
    const signedByCert = { status: 200, body: bill('SUCCESS'), serial: PLATFORM_CERT_SERIAL, signer: platformCertKeysDouble.privateKey }
    expect(await outcomeOfThree(signedByCert)).toMatchObject({ reason: 'SERIAL_UNKNOWN' })
    const switching = createTransferClient(
      { ...config, platformCertSerial: PLATFORM_CERT_SERIAL, platformCert: platformCertKeysDouble.publicKey },
      { baseUrl: wechatPayApiDouble.baseUrl, request: nodeRequest(2_000), retries: 0 },
    )
    wechatPayApiDouble.replies.push(signedByCert)
    expect(await switching.transfer(withdrawal, NOW)).toMatchObject({ state: 'paid' })
  })

  it('refuses, before sending anything, a 商户单号 WeChat Pay would not take', async () => {
    await expect(client().transfer({ ...withdrawal, id: 'wd-2025-10-01' }, NOW)).rejects.toThrow(/字母和数字/)
    expect(wechatPayApiDouble.received).toHaveLength(0)
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

    // The platform certificate is optional, but only as a pair.
    const cert = platformCertKeysDouble.publicKey
    expect(() => transferConfigFromEnv({ ...env, WXPAY_PLATFORM_CERT: cert })).toThrow(/WXPAY_PLATFORM_CERT_SERIAL/)
    expect(() => transferConfigFromEnv({ ...env, WXPAY_PLATFORM_CERT_SERIAL: PLATFORM_CERT_SERIAL })).toThrow(/WXPAY_PLATFORM_CERT\b/)
    expect(
      transferConfigFromEnv({ ...env, WXPAY_PLATFORM_CERT_SERIAL: PLATFORM_CERT_SERIAL, WXPAY_PLATFORM_CERT: cert.replace(/\n/g, '\\n') }),
    ).toMatchObject({ platformCertSerial: PLATFORM_CERT_SERIAL, platformCert: cert.trim() })
  })
})
