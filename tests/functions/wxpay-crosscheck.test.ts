/**
 * Our WeChat Pay v3 signing, verification and decryption, checked against what we did not write:
 * WeChat Pay's own published examples (the test merchant key of its signing guide with the signature
 * the guide shows, and the answer its 微信支付公钥 guide shows with the public key that verifies it),
 * and wechatpay-axios-plugin, an independent, maintained implementation (its message formats, its
 * RSA and AES-256-GCM, and its own answer verifier judging the same answers as ours).
 */
import { describe, expect, it } from 'vitest'
import { Aes, Decorator, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { TRANSFER_PATH } from '../../cloudfunctions/src/wechat/transfers/client'
import { decryptResource, readTransferNotification } from '../../cloudfunctions/src/wechat/transfers/notification'
import {
  authorization,
  checkSignature,
  requestSignatureMessage,
  wechatPaySignatureMessage,
} from '../../cloudfunctions/src/wechat/transfers/signature'
import {
  PUBLIC_KEY_ID,
  merchantKeysDouble,
  strangerKeysDouble,
  wechatPayKeysDouble,
  wechatPaySigned,
  wxpayConfig as config,
} from '../support/wechat-pay'

/**
 * WeChat Pay's published test merchant (签名生成 guide, 商户号 1900007291, apiclient_test_key.pem): a
 * key WeChat Pay prints in its documentation so that merchants can check their signing — not a secret.
 */
const documentedMerchant = {
  mchId: '1900007291',
  certSerial: '408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB',
  privateKey: [
    '-----BEGIN PRIVATE KEY-----',
    'MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQCm2mb6q8gMKH/3',
    'CNTbpJAIrbqiBiQGEOtjGcBrDYltsGynWgNscqT7WvfzU14FQbYcQUC5T4Wvva7m',
    'i3fIp3OgX8VqMDNA0qebnr38Pe6kqiLyZgFpJPXlSKDyPyqhRbVTbXssvSMQeVKc',
    'dXeVxoNNeoOlNFHgF/P0io6AmAVnz+hN8SiZKuOsth5/zUTLGvtkgxBcQooQrtXh',
    'RcpLT798OyIb9xeJ2HO3xRtMv2+perEzb4gMibI74UBz+2QEbnkubPE+2jU2rRZu',
    'dnNEz/BPOt3Qj/w2V6/G0VumGDh6+UeMU0jv4aupHztWITC4Akn0l7lBCNy3lgl8',
    'VFaJnkIxAgMBAAECggEAYGL8aESB7NwciDWW2UdoWUsa7GxFtSdjAz2mFXGdeTsY',
    'mVh7b9OOkRGM+Qio4LqEHDBp1mMk5E/cUJwy1zw8pGGO5nfvs7u9TT3XnHaefIs4',
    'YvUgTYAneIuLRkXNN5rQU+CD7mVYczTSz0Vgjqo9wa1LjUz7G0xbBmJgTdMEFGJs',
    'eJjy6AbJo0CGIwp6HJbTm4CmOUgXnnDAIbEGTIRImkZFH/rzneIeR7oZ77FVwxr1',
    'CZB2gfRCov/yRPbw8vnryYkmvQ7D/ze3j5097vRg/MoDGBSdoOwcmo75vyofr0AS',
    'zytMjmHYyifqkf5slPropSiJeGf4p/7gtKyF6dE/XQKBgQDVAlJ+4U5ZVGOuDc3+',
    'sAhz8CTzgFNlq9vKuSoFK6hOz2L+cwj+E7NXGkOe2DsHHZNy2Xqxk7caKhPEp1z9',
    'hhpMpyLVMoFt6CKemyoRBWDCQwLLwem9SZF/IAyovBkLiH36P42Jm26gUkNMKC/5',
    'Zhtqxf6RZgRQzbVudJi47vIRCwKBgQDIh0+v27Oo+DM3fhObH4I1NrXpWOEGH7OQ',
    'G1dEsMuFYF4hjGhg0kBEP3w9vVdl2+mRllZKTsx9oqjb8OibPLLIH8xsdbAB0WLf',
    'JvjLu4wl/ILUzN1RI03dWnnv2EnEeQn6c3hizvrJ9wR5U4ue9RPVnQooJ0hZF1PU',
    'uCL5fWK3MwKBgElReU/PAYbh80WP3t3Rfbdaa32dKBeQ5iCLR5lsA4zM+YgX1HqQ',
    'EWTj126vgvHaDkyz6vWAoL/Sx+cirHFfXWIRDX5Q2hgYlQH+6qXdMgbrxeSYpHnQ',
    '/tHBGFpkFELSAnrGsVMyOwvYBO4LzyeLK9i+ufcWJFoj1FVmsMLHDG8tAoGARdbi',
    'iQQCoYG4DMarO2aQ6cmhN6EN1h0qY7EyBqlwaIZ0okiNfdMcMOjPc41DKCWcRmlO',
    'qlihXcxN9TQFPzO3rH1urAOdBjUPs1qWYhZyrDQyuLyVBBJApyxAtajloDjrob+f',
    'mQIvVDHk7ACN6xG+E7K6+9salnTKbJapD618uQMCgYBNy6XUvzLkP/A1U/UZdtcx',
    'l8GwU/dturLxz4CyGbqDw4ubaYY2e13lnqHUqQgPtiSyH51nq3tdo8G0YAJdfkSv',
    'KvnfslW91fyEBUKnkdW1o3/1UFU/wprZ7ixVL/F42A4xDu7OFE8EnweJOZ0jWceE',
    'OdhCkaIGBCfRnlECRK8UyQ==',
    '-----END PRIVATE KEY-----',
  ].join('\n'),
}

/** The example answer of WeChat Pay's 如何使用微信支付公钥验签 guide, and the public key it verifies with. */
const documentedAnswer = {
  publicKeyId: 'PUB_KEY_ID_0000000000000024101100397200000006',
  publicKey: [
    '-----BEGIN PUBLIC KEY-----',
    'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwXNI6sdlknHBnK8Fu2U6',
    'Cwor9qY747jP8KAfeBMeveEt1TqaHkLfaSD07trZLhGpfs8/AHqjhgSMO1O10YQW',
    'OrrJ4hjIWPKqxbgrYMkBQc+mwdiWp4W3ByCqxBRagCveCXRWCmuJYovl9H/bsDI0',
    'iGbpVtEOghJtfciisYSgxcLufUDTRkvwxjIBK1pCRjk33jJ5YTBWTHMRtMAOcFLN',
    'F6hdEYdX8SPsgHHeLZ5Lv2T/686w1xtgCHef/sd4uSfWmyzsalQdHG/e4IyYmrhx',
    '+O3VBoNDzE3nx23bFeV/RVNCG7cV6VhmYokJNHa/erIPkEmEFID6A5wQOXuxUkmJ',
    'WwIDAQAB',
    '-----END PUBLIC KEY-----',
  ].join('\n'),
  headers: {
    'Wechatpay-Nonce': 'd824f2e086d3c1df967785d13fcd22ef',
    'Wechatpay-Signature':
      'mfI1CPqvBrgcXfgXMFjdNIhBf27ACE2YyeWsWV9ZI7T7RU0vHvbQpu9Z32ogzc+k8ZC5n3kz7h70eWKjgqNdKQF0eRp8mVKlmfzMLBVHbssB9jEZEDXThOX1XFqX7s7ymia1hoHQxQagPGzkdWxtlZPZ4ZPvr1RiqkgAu6Is8MZgXXrRoBKqjmSdrP1N7uxzJ/cjfSiis9FiLjuADoqmQ1P7p2N876YPAol7Rn0+GswwAwxldbdLrmVSjfytfSBJFqTMHn4itojgxSWWN1byuckQt8hSTEv/Lg97QoeGniYP17T80pJeQyL3b+295FPHSO2AtvCgyIbKMZ0BALilAA==',
    'Wechatpay-Timestamp': '1722850421',
    'Wechatpay-Serial': 'PUB_KEY_ID_0000000000000024101100397200000006',
    'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048',
  },
  body: '{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}',
}

const NOW = Date.UTC(2025, 9, 1, 2, 0, 0)
const timestamp = String(NOW / 1000)
const nonce = 'Wx4mkGGqWAvS8SVa2iJ6aXEHBQbFTCRi'
const fields = (header: string) => Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))

describe("WeChat Pay's published examples", () => {
  it('the signing guide: the example request is signed to exactly the signature the guide prints', () => {
    const body =
      '{"appid":"wxd678efh567hg6787","mchid":"1900007291","description":"Image形象店-深圳腾大-QQ公仔","out_trade_no":"1217752501201407033233368018","notify_url":"https://www.weixin.qq.com/wxpay/pay.php","amount":{"total":100,"currency":"CNY"},"payer":{"openid":"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"}}'
    expect(
      authorization(documentedMerchant, 'POST', '/v3/pay/transactions/jsapi', body, '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242'),
    ).toBe(
      'WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="593BEC0C930BF1AFEB40B4A08C8FB242",signature="jnks4dlrPw3ZX+ozVvSK39oa0t7OMBsg83BHAwd8BRdUFiVaQNTLTvci+wURgP1OQBbKYhFGvt7iqYpDSTQkp7Uq1sltaQKyncCyrA1g88m5bsKERQfPyT0ahSwKTYJ1CAn9QiJuSJRq1QsQs07eehbU/k9BCS51jTyc1Jpsi2H77HF9f/BnjXAOP3/sPObg6V5Ee4EzwLox684hhuMuIwHo7D8KFk3LIHOKDcNI4It1aCXydFWNpNK+SG86VUDe5kwoDpw4Ulqfu9z8OFDGbDs9TCxEv8iqQzbpxOlEVoOe2kalSYM5kApQb3nZcxdUtoE0liJGW3RGUNE0t4v01A==",timestamp="1554208460",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"',
    )
    // The guide's GET example: an empty body still ends its line.
    expect(requestSignatureMessage('GET', '/v3/certificates', '1554208460', '593BEC0C930BF1AFEB40B4A08C8FB242', '')).toBe(
      'GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n',
    )
  })

  it('the public key guide: its example answer verifies under its public key id, and not once changed or late', () => {
    const { headers, body, publicKeyId, publicKey } = documentedAnswer
    const at = Number(headers['Wechatpay-Timestamp']) * 1000
    expect(wechatPaySignatureMessage(headers['Wechatpay-Timestamp'], headers['Wechatpay-Nonce'], body)).toBe(
      '1722850421\nd824f2e086d3c1df967785d13fcd22ef\n{"code_url":"weixin://wxpay/bizpayurl?pr=JyC91EIz1"}\n',
    )
    expect(checkSignature({ publicKeyId, publicKey }, headers, body, at + 30_000)).toMatchObject({ ok: true })
    expect(checkSignature({ publicKeyId, publicKey }, headers, body.replace('JyC91EIz1', 'JyC91EIz2'), at)).toMatchObject({
      ok: false,
      refusal: { code: 'SIGNATURE_INVALID' },
    })
    expect(checkSignature({ publicKeyId, publicKey }, headers, body, at + 301_000)).toMatchObject({
      ok: false,
      refusal: { code: 'TIMESTAMP_STALE' },
    })
    // Our test double of WeChat Pay's key goes by the same id: the id alone vouches for nothing.
    expect(checkSignature({ publicKeyId, publicKey: wechatPayKeysDouble.publicKey }, headers, body, at)).toMatchObject({
      ok: false,
      refusal: { code: 'SIGNATURE_INVALID' },
    })
    expect(checkSignature({ publicKeyId: PUBLIC_KEY_ID.replace(/6$/, '7'), publicKey }, headers, body, at)).toMatchObject({
      ok: false,
      refusal: { code: 'SERIAL_UNKNOWN' },
    })
  })
})

describe('against wechatpay-axios-plugin', () => {
  it('our Authorization header is the one the plugin builds for the same request, and its signature verifies there', () => {
    const body = JSON.stringify({ out_bill_no: 'W20251001000001', transfer_amount: 1000 })
    const ours = authorization(config, 'POST', TRANSFER_PATH, body, timestamp, nonce)
    const message = Formatter.request('POST', TRANSFER_PATH, timestamp, nonce, body)
    const theirs = Formatter.authorization(config.mchId, nonce, Rsa.sign(message, config.privateKey), timestamp, config.certSerial)
    expect(ours.split(' ')[0]).toBe(theirs.split(' ')[0])
    expect(fields(ours)).toEqual(fields(theirs))
    expect(Rsa.verify(message, fields(ours).signature, merchantKeysDouble.publicKey)).toBe(true)
    expect(
      Rsa.verify(
        Formatter.request('POST', TRANSFER_PATH, timestamp, nonce, `${body} `),
        fields(ours).signature,
        merchantKeysDouble.publicKey,
      ),
    ).toBe(false)
  })

  /**
   * The plugin's own answer verifier (which reads the real clock) and ours judge the same answers:
   * both take the genuine ones, both refuse the rest.
   */
  it('judges every answer as the plugin does: good, tampered, foreign serial or key, stale either way, headers missing', () => {
    const pluginVerifier = Decorator.responseVerifier({ [PUBLIC_KEY_ID]: wechatPayKeysDouble.publicKey })
    const body = JSON.stringify({ out_bill_no: 'W20251001000001', state: 'WAIT_USER_CONFIRM' })
    const now = Date.now()
    const signed = (options: Partial<Parameters<typeof wechatPaySigned>[1]> = {}) => wechatPaySigned(body, { at: now, ...options })
    const without = (name: string) => Object.fromEntries(Object.entries(signed({ nonce })).filter(([k]) => k !== name))
    const answers: [string, Record<string, string>, string, boolean][] = [
      ['genuine', signed(), body, true],
      ['signed 299 s ago', signed({ at: now - 299_000 }), body, true],
      ['signed 299 s ahead', signed({ at: now + 299_000 }), body, true],
      ['tampered', signed(), body.replace('WAIT_USER_CONFIRM', 'SUCCESS'), false],
      ['an unknown serial', signed({ serial: 'PUB_KEY_ID_0000000000000000000000000000000001' }), body, false],
      ['a stranger signed', signed({ signer: strangerKeysDouble.privateKey }), body, false],
      ['signed 302 s ago', signed({ at: now - 302_000 }), body, false],
      ['signed 302 s ahead', signed({ at: now + 302_000 }), body, false],
      ['no Wechatpay-Signature', without('Wechatpay-Signature'), body, false],
      ['no Wechatpay-Serial', without('Wechatpay-Serial'), body, false],
      ['no Wechatpay-Timestamp', without('Wechatpay-Timestamp'), body, false],
      ['no Wechatpay-Nonce', without('Wechatpay-Nonce'), body, false],
    ]
    for (const [what, headers, text, genuine] of answers) {
      const theirs = pluginVerifier.call({ url: TRANSFER_PATH }, text, headers, 200)
      const pluginTakesIt = !(theirs instanceof Error)
      const ours = checkSignature(config, headers, text, Date.now())
      expect({ what, ours: ours.ok, plugin: pluginTakesIt }).toEqual({ what, ours: genuine, plugin: genuine })
    }
  })

  it('a notification built entirely by the plugin (signed, AES-256-GCM encrypted) is read by ours', () => {
    const bill = { out_bill_no: 'W20251001000001', transfer_bill_no: '1330000071100999991182020050700019480001', state: 'SUCCESS' }
    const iv = 'fdasflkja484'
    const ciphertext = Aes.AesGcm.encrypt(JSON.stringify(bill), config.apiV3Key, iv, 'mch_payment')
    expect(decryptResource(config.apiV3Key, { ciphertext, nonce: iv, associated_data: 'mch_payment' })).toBe(JSON.stringify(bill))
    const body = JSON.stringify({
      id: 'EV-2018022511223320873',
      event_type: 'MCHTRANSFER.BILL.FINISHED',
      resource: { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: 'mch_payment', nonce: iv },
    })
    const headers = {
      'wechatpay-timestamp': timestamp,
      'wechatpay-nonce': nonce,
      'wechatpay-serial': config.publicKeyId,
      'wechatpay-signature': Rsa.sign(Formatter.response(timestamp, nonce, body), wechatPayKeysDouble.privateKey),
    }
    expect(readTransferNotification(config, headers, body, NOW)).toMatchObject({
      id: 'EV-2018022511223320873',
      outBillNo: bill.out_bill_no,
      transferBillNo: bill.transfer_bill_no,
      state: 'SUCCESS',
      outcome: { paid: true, transferId: bill.transfer_bill_no },
    })
  })

  it('what the plugin will not decrypt, ours will not either: another key, another associated data, a flipped byte', () => {
    const plain = JSON.stringify({ out_bill_no: 'W20251001000001', state: 'FAIL' })
    const iv = 'fdasflkja484'
    const ciphertext = Aes.AesGcm.encrypt(plain, config.apiV3Key, iv, 'mch_payment')
    const flipped = Buffer.from(ciphertext, 'base64')
    flipped[3] ^= 1
    const attempts: [string, string, string][] = [
      ['another key', 'ffffffffffffffffffffffffffffffff', 'mch_payment'],
      ['another associated data', config.apiV3Key, 'transaction'],
    ]
    for (const [what, key, aad] of attempts) {
      expect(() => Aes.AesGcm.decrypt(ciphertext, key, iv, aad), what).toThrow()
      expect(() => decryptResource(key, { ciphertext, nonce: iv, associated_data: aad }), what).toThrow()
    }
    expect(() => Aes.AesGcm.decrypt(flipped.toString('base64'), config.apiV3Key, iv, 'mch_payment')).toThrow()
    expect(() =>
      decryptResource(config.apiV3Key, { ciphertext: flipped.toString('base64'), nonce: iv, associated_data: 'mch_payment' }),
    ).toThrow()
    expect(Aes.AesGcm.decrypt(ciphertext, config.apiV3Key, iv, 'mch_payment')).toBe(
      decryptResource(config.apiV3Key, { ciphertext, nonce: iv, associated_data: 'mch_payment' }),
    )
  })
})
