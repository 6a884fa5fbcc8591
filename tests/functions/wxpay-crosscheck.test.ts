/**
 * Our WeChat Pay v3 signing, verification and decryption, cross-checked against an independent,
 * maintained implementation (wechatpay-axios-plugin's Formatter, Rsa and Aes), not only our own code.
 * The keys are test doubles generated here.
 */
import crypto from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin'
import { type WxPayTransferConfig, authorization, TRANSFER_PATH } from '../../cloudfunctions/src/wechat/transfers/client'
import { decryptResource, readTransferNotification, signatureProblem } from '../../cloudfunctions/src/wechat/transfers/notification'

const rsaPair = () =>
  crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  })
const merchantKeysDouble = rsaPair()
const platformKeysDouble = rsaPair()

const config: WxPayTransferConfig = {
  mchId: '1900000109',
  appId: 'wx0000000000000001',
  certSerial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
  privateKey: merchantKeysDouble.privateKey,
  publicKeyId: 'PUB_KEY_ID_0000000000000024101100397200000006',
  publicKey: platformKeysDouble.publicKey,
  apiV3Key: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  notifyUrl: 'https://siyu.example.com/transferCallback',
}
const NOW = Date.UTC(2025, 9, 1, 2, 0, 0)
const timestamp = String(NOW / 1000)
const nonce = 'Wx4mkGGqWAvS8SVa2iJ6aXEHBQbFTCRi'

const fields = (header: string) => Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))

describe('WeChat Pay v3, against wechatpay-axios-plugin', () => {
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

  it('an answer the plugin signs as WeChat Pay verifies with ours, and fails once any part changes', () => {
    const body = JSON.stringify({ out_bill_no: 'W20251001000001', state: 'SUCCESS' })
    const signature = Rsa.sign(Formatter.response(timestamp, nonce, body), platformKeysDouble.privateKey)
    const headers = {
      'Wechatpay-Timestamp': timestamp,
      'Wechatpay-Nonce': nonce,
      'Wechatpay-Serial': config.publicKeyId,
      'Wechatpay-Signature': signature,
    }
    expect(signatureProblem(config, headers, body, NOW)).toBeNull()
    expect(signatureProblem(config, headers, body.replace('SUCCESS', 'FAIL'), NOW)).toMatch(/签名校验失败/)
    expect(signatureProblem(config, { ...headers, 'Wechatpay-Nonce': 'x' }, body, NOW)).toMatch(/签名校验失败/)
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
      'wechatpay-signature': Rsa.sign(Formatter.response(timestamp, nonce, body), platformKeysDouble.privateKey),
    }
    expect(readTransferNotification(config, headers, body, NOW)).toEqual({
      outBillNo: bill.out_bill_no,
      transferBillNo: bill.transfer_bill_no,
      state: 'SUCCESS',
      failReason: '',
    })
    // And what ours would decrypt, the plugin decrypts the same.
    expect(Aes.AesGcm.decrypt(ciphertext, config.apiV3Key, iv, 'mch_payment')).toBe(JSON.stringify(bill))
  })
})
