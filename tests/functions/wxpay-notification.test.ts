import { beforeEach, describe, expect, it } from 'vitest'
import { transferConfigFromEnv } from '../../cloudfunctions/src/wechat/transfers/client'
import {
  NotificationRejected,
  type NoticeSettled,
  type TransferNotice,
  answerTransferNotification,
  readTransferNotification,
} from '../../cloudfunctions/src/wechat/transfers/notification'
import {
  PLATFORM_CERT_SERIAL,
  finishedBill,
  httpAccessEvent,
  platformCertKeysDouble,
  strangerKeysDouble,
  transferNotification,
  wechatPaySigned,
  wxpayConfig as config,
} from '../support/wechat-pay'

const NOW = Date.UTC(2025, 9, 1, 2, 0, 0)
const BILL_NO = 'wd20251001abc123'
const notify = (state: string, options: Partial<Parameters<typeof transferNotification>[1]> = {}, extra = {}) =>
  transferNotification(finishedBill(BILL_NO, state, extra), { at: NOW, ...options })

/** The refusal a read ends in (a test that expects one fails when the notification is read instead). */
function refusalOf(headers: Record<string, string | undefined>, body: string, now = NOW): NotificationRejected {
  try {
    readTransferNotification(config, headers, body, now)
  } catch (error) {
    if (error instanceof NotificationRejected) return error
    throw error
  }
  throw new Error('the notification was read, not refused')
}

describe('商家转账回调通知: what is read', () => {
  it('a notification WeChat Pay signed is decrypted to the bill it reports, with what it does to the withdrawal', () => {
    const { headers, body } = notify('SUCCESS')
    expect(readTransferNotification(config, headers, body, NOW)).toEqual({
      id: 'c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a',
      receipts: ['wxpay-notice:c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a', expect.stringMatching(/^wxpay-signature:[0-9a-f]{64}$/)],
      outBillNo: BILL_NO,
      transferBillNo: finishedBill(BILL_NO, 'SUCCESS').transfer_bill_no,
      state: 'SUCCESS',
      failReason: '',
      outcome: { paid: true, transferId: finishedBill(BILL_NO, 'SUCCESS').transfer_bill_no },
    })
    const failed = notify('FAIL', {}, { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' })
    expect(readTransferNotification(config, failed.headers, failed.body, NOW)).toMatchObject({
      state: 'FAIL',
      outcome: { paid: false, reason: 'PAYEE_ACCOUNT_ABNORMAL' },
    })
    const waiting = notify('WAIT_USER_CONFIRM')
    expect(readTransferNotification(config, waiting.headers, waiting.body, NOW).outcome).toBeNull()
  })

  it('reads the signature headers whatever their case', () => {
    const { headers, body } = notify('SUCCESS')
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]))
    expect(readTransferNotification(config, lower, body, NOW).state).toBe('SUCCESS')
  })

  it('a redelivery shares the id receipt, a replay shares the signature receipt, another notification shares none', () => {
    const first = notify('SUCCESS', { nonce: 'nonce-first-delivery-000000000001' })
    const read = (n: { headers: Record<string, string>; body: string }) => readTransferNotification(config, n.headers, n.body, NOW).receipts
    const [idReceipt, signatureReceipt] = read(first)
    const redelivered = read(notify('SUCCESS', { nonce: 'nonce-second-delivery-00000000002' }))
    expect(redelivered[0]).toBe(idReceipt)
    expect(redelivered[1]).not.toBe(signatureReceipt)
    expect(read(first)).toEqual([idReceipt, signatureReceipt])
    const other = read(notify('SUCCESS', { id: 'EV-2018022511223320873', nonce: 'nonce-other-notice-0000000000003' }))
    expect(other.filter((r) => r === idReceipt || r === signatureReceipt)).toEqual([])
  })

  it('accepts a timestamp up to 300 s either side of now', () => {
    const { headers, body } = notify('SUCCESS')
    expect(readTransferNotification(config, headers, body, NOW + 300_000).state).toBe('SUCCESS')
    expect(readTransferNotification(config, headers, body, NOW - 300_000).state).toBe('SUCCESS')
  })

  it('while switching from the platform certificate, reads one signed with it once it is configured', () => {
    const { headers, body } = notify('SUCCESS', { serial: PLATFORM_CERT_SERIAL, signer: platformCertKeysDouble.privateKey })
    expect(refusalOf(headers, body).code).toBe('SERIAL_UNKNOWN')
    const switching = { ...config, platformCertSerial: PLATFORM_CERT_SERIAL, platformCert: platformCertKeysDouble.publicKey }
    expect(readTransferNotification(switching, headers, body, NOW).state).toBe('SUCCESS')
    // The platform certificate's key does not stand in for the public key, nor the other way round.
    const crossed = notify('SUCCESS', { serial: PLATFORM_CERT_SERIAL })
    expect(() => readTransferNotification(switching, crossed.headers, crossed.body, NOW)).toThrow(/签名校验失败/)
  })
})

describe('商家转账回调通知: what is refused, with a typed code and a Chinese message', () => {
  const good = notify('SUCCESS')
  const without = (name: string) => Object.fromEntries(Object.entries(good.headers).filter(([k]) => k !== name))
  const cases: [string, () => { headers: Record<string, string | undefined>; body: string; now?: number }, number, string, RegExp][] = [
    [
      'a tampered body',
      () => ({ headers: good.headers, body: good.body.replace('终态通知', '终态通知 ') }),
      401,
      'SIGNATURE_INVALID',
      /签名校验失败/,
    ],
    [
      'a signature by another key',
      () => notify('SUCCESS', { signer: strangerKeysDouble.privateKey }),
      401,
      'SIGNATURE_INVALID',
      /签名校验失败/,
    ],
    [
      'a signature that is not base64',
      () => ({ headers: { ...good.headers, 'Wechatpay-Signature': '不是签名' }, body: good.body }),
      401,
      'SIGNATURE_INVALID',
      /签名/,
    ],
    [
      'an unknown serial',
      () => notify('SUCCESS', { serial: 'PUB_KEY_ID_0000000000000000000000000000000001' }),
      401,
      'SERIAL_UNKNOWN',
      /未知的微信支付公钥/,
    ],
    ['a timestamp 301 s old', () => ({ ...good, now: NOW + 301_000 }), 401, 'TIMESTAMP_STALE', /超过 5 分钟/],
    ['a timestamp 301 s ahead', () => ({ ...good, now: NOW - 301_000 }), 401, 'TIMESTAMP_STALE', /超过 5 分钟/],
    [
      'a timestamp that is not a number',
      () => ({ headers: { ...good.headers, 'Wechatpay-Timestamp': 'soon' }, body: good.body }),
      401,
      'TIMESTAMP_STALE',
      /超过 5 分钟/,
    ],
    [
      'no Wechatpay-Serial',
      () => ({ headers: without('Wechatpay-Serial'), body: good.body }),
      401,
      'SIGNATURE_MISSING',
      /Wechatpay-Serial/,
    ],
    [
      'no Wechatpay-Signature',
      () => ({ headers: without('Wechatpay-Signature'), body: good.body }),
      401,
      'SIGNATURE_MISSING',
      /Wechatpay-Signature/,
    ],
    [
      'no Wechatpay-Timestamp',
      () => ({ headers: without('Wechatpay-Timestamp'), body: good.body }),
      401,
      'SIGNATURE_MISSING',
      /Wechatpay-Timestamp/,
    ],
    ['no Wechatpay-Nonce', () => ({ headers: without('Wechatpay-Nonce'), body: good.body }), 401, 'SIGNATURE_MISSING', /Wechatpay-Nonce/],
    ['no headers at all', () => ({ headers: {}, body: good.body }), 401, 'SIGNATURE_MISSING', /缺少微信支付签名头/],
    [
      'a resource not for our APIv3 key',
      () => notify('SUCCESS', { key: 'ffffffffffffffffffffffffffffffff' }),
      401,
      'NOTICE_UNDECRYPTABLE',
      /解密失败/,
    ],
    [
      'a signed body that is not JSON',
      () => ({ headers: wechatPaySigned('x', { at: NOW }), body: 'x' }),
      400,
      'NOTICE_MALFORMED',
      /不是 JSON/,
    ],
    ['a notification without its id', () => notify('SUCCESS', { id: null }), 400, 'NOTICE_INCOMPLETE', /通知 ID/],
  ]

  it.each(cases)('%s', (_case, make, status, code, message) => {
    const { headers, body, now } = make()
    const refusal = refusalOf(headers, body, now)
    expect(refusal).toMatchObject({ status, code })
    expect(refusal.message).toMatch(message)
  })

  it.each(cases)('%s: the callback answers the code and settles nothing', async (_case, make, status, code) => {
    const { headers, body, now } = make()
    const settled: TransferNotice[] = []
    const answer = await answerTransferNotification(
      httpAccessEvent({ headers: headers as Record<string, string>, body }),
      () => config,
      async (notice) => {
        settled.push(notice)
        return 'applied'
      },
      now ?? NOW,
    )
    expect(answer.statusCode).toBe(status)
    expect(JSON.parse(answer.body)).toEqual({ code, message: expect.stringMatching(/[\u4e00-\u9fff]/) })
    expect(settled).toEqual([])
  })
})

describe('transferCallback (HTTP access) answers', () => {
  const settled: TransferNotice[] = []
  const settling =
    (result: NoticeSettled = 'applied') =>
    async (notice: TransferNotice) => {
      settled.push(notice)
      return result
    }
  beforeEach(() => {
    settled.length = 0
  })

  it('a settled notification is answered 204 without a body', async () => {
    const answer = await answerTransferNotification(httpAccessEvent(notify('SUCCESS')), () => config, settling(), NOW)
    expect(answer).toEqual({ statusCode: 204, headers: {}, body: '' })
    expect(settled.map((n) => [n.outBillNo, n.outcome])).toEqual([
      [BILL_NO, { paid: true, transferId: finishedBill(BILL_NO, 'SUCCESS').transfer_bill_no }],
    ])
  })

  it('FAIL and CANCELLED (a base64 body too) settle with the reason the payee sees', async () => {
    await answerTransferNotification(
      httpAccessEvent(notify('FAIL', {}, { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' })),
      () => config,
      settling(),
      NOW,
    )
    await answerTransferNotification(httpAccessEvent(notify('CANCELLED'), true), () => config, settling(), NOW)
    expect(settled.map((n) => n.outcome)).toEqual([
      { paid: false, reason: 'PAYEE_ACCOUNT_ABNORMAL' },
      { paid: false, reason: '转账已撤销' },
    ])
  })

  it('a replay or a redelivery of one settled before is acknowledged too, so WeChat Pay stops sending it', async () => {
    expect((await answerTransferNotification(httpAccessEvent(notify('SUCCESS')), () => config, settling('replayed'), NOW)).statusCode).toBe(
      204,
    )
  })

  it('an unknown withdrawal is 404; a failure to settle, or no configuration, is 500 so WeChat Pay sends it again', async () => {
    const n = httpAccessEvent(notify('SUCCESS'))
    const unknown = await answerTransferNotification(n, () => config, settling('unknown'), NOW)
    expect(unknown.statusCode).toBe(404)
    expect(JSON.parse(unknown.body)).toMatchObject({ code: 'WITHDRAWAL_NOT_FOUND' })
    const broken = await answerTransferNotification(
      n,
      () => config,
      async () => {
        throw new Error('database unavailable')
      },
      NOW,
    )
    expect(broken.statusCode).toBe(500)
    expect(JSON.parse(broken.body)).toMatchObject({ code: 'NOT_APPLIED' })
    settled.length = 0
    const unconfigured = await answerTransferNotification(n, () => transferConfigFromEnv({}), settling(), NOW)
    expect(unconfigured.statusCode).toBe(500)
    expect(JSON.parse(unconfigured.body)).toMatchObject({ code: 'CALLBACK_UNAVAILABLE' })
    expect(settled).toEqual([])
  })
})
