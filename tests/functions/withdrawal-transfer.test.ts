/**
 * A distributor's withdrawal paid through 商家转账 end to end — the real transfer client and callback
 * over each store adapter, WeChat Pay played by a test double whose answers and notifications the SDK
 * (wechatpay-axios-plugin) signs and encrypts — held to the money rules: an answer or a notification
 * that does not carry WeChat Pay's word moves nothing, and one that does moves the money once.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FunctionName, WithdrawalView } from '../../types/api'
import { settleCommissions } from '../../cloudfunctions/src/app/commissions'
import { JOBS } from '../../cloudfunctions/src/app/jobs'
import { saveMember } from '../../cloudfunctions/src/app/members'
import { settleTransferNotice } from '../../cloudfunctions/src/app/withdrawals'
import { RULES_VERSION } from '../../cloudfunctions/src/core/distribution'
import { FUNCTIONS } from '../../cloudfunctions/src/functions/registry'
import { dispatch } from '../../cloudfunctions/src/functions/runtime'
import { LocalPayProvider } from '../../cloudfunctions/src/local/pay'
import { CloudbaseStore } from '../../cloudfunctions/src/store/cloudbase/store'
import type { Store } from '../../cloudfunctions/src/store/port'
import { SqliteStore } from '../../cloudfunctions/src/store/sqlite/store'
import { type HttpRequest, type HttpResponse, createTransferClient } from '../../cloudfunctions/src/wechat/transfers/client'
import { answerTransferNotification } from '../../cloudfunctions/src/wechat/transfers/notification'
import { CloudbaseDatabaseDouble } from '../doubles/cloudbase-database.double'
import { STORE_ADAPTERS } from '../support/adapters'
import { SteppedClock, T0, member, smallShop } from '../support/fixtures'
import {
  finishedBill,
  httpAccessEvent,
  strangerKeysDouble,
  transferNotification,
  wechatPaySigned,
  wxpayConfig as config,
} from '../support/wechat-pay'
import { ok } from '../support/calls'

const DAY = 86_400_000
const address = { name: '张三', phone: '13800000000', region: '浙江省 杭州市', detail: '龙井路 1 号' }

/** How the WeChat Pay double answers one call to 发起转账: its status and body, and who signs it. */
interface Answer {
  status: number
  body: (outBillNo: string) => unknown
  signer?: string | null
}
const waitingForConfirmation: Answer = {
  status: 200,
  body: (outBillNo) => ({
    out_bill_no: outBillNo,
    transfer_bill_no: `1330000${outBillNo}`,
    state: 'WAIT_USER_CONFIRM',
    package_info: 'ABBQO+oYAAABAAAAAAC',
  }),
}
const forgedSuccess: Answer = {
  status: 200,
  body: (outBillNo) => ({ out_bill_no: outBillNo, transfer_bill_no: `1330000${outBillNo}`, state: 'SUCCESS' }),
  signer: strangerKeysDouble.privateKey,
}
const unsignedRefusal: Answer = { status: 400, body: () => ({ code: 'INVALID_REQUEST', message: '收款用户不存在' }), signer: null }

/**
 * TEST DOUBLE of api.mch.weixin.qq.com behind the client's request function: answers each call with
 * the next queued answer, signed by the SDK at the request's own timestamp; records what was asked.
 */
class WechatPayDouble {
  answers: Answer[] = []
  asked: { body: string }[] = []
  readonly request = async (request: HttpRequest): Promise<HttpResponse> => {
    this.asked.push({ body: request.body })
    const answer = this.answers.shift() ?? { status: 500, body: () => ({ code: 'SYSTEM_ERROR', message: '系统繁忙' }), signer: null }
    const body = JSON.stringify(answer.body(JSON.parse(request.body).out_bill_no))
    const at = Number(/timestamp="(\d+)"/.exec(request.headers.Authorization)?.[1]) * 1000
    const headers = answer.signer === null ? {} : wechatPaySigned(body, { at, signer: answer.signer })
    return { status: answer.status, headers, body }
  }
}

for (const [adapter, open] of STORE_ADAPTERS) {
  describe(`a withdrawal paid by 商家转账 over ${adapter}`, () => {
    let store: Store
    let clock: SteppedClock
    let pay: LocalPayProvider
    let wechatPay: WechatPayDouble
    const call = (fn: FunctionName, action: string, data: unknown, memberId: string | null) =>
      dispatch(FUNCTIONS[fn], { action, data }, { store, pay, now: clock.now(), memberId })
    const withdraw = (requestId: string, amount = 600) =>
      ok<{ withdrawal: WithdrawalView }>(call('distribution', 'withdraw', { amount, requestId }, 'koc')).then((r) => r.withdrawal)
    /** What the distributor's money looks like: the balance, the withdrawal and every ledger entry. */
    const books = async (withdrawalId: string) => ({
      account: (await store.findCommissions('koc', { lineIds: [] })).account,
      withdrawal: await store.findWithdrawal(withdrawalId),
      entries: await store.listCommissionEntries('koc'),
    })
    /** The transfer callback, as `transferCallback` runs it, at the shop's clock. */
    const deliver = (n: { headers: Record<string, string>; body: string }) =>
      answerTransferNotification(
        httpAccessEvent(n),
        () => config,
        (notice) => settleTransferNotice(store, notice, clock.now()),
        clock.now(),
      )
    const resend = () => JOBS.find((j) => j.name === 'withdrawalResend')!.run(store, clock.now(), pay)

    beforeEach(async () => {
      store = open()
      clock = new SteppedClock(T0)
      pay = new LocalPayProvider(store, clock)
      wechatPay = new WechatPayDouble()
      const client = createTransferClient(config, { request: wechatPay.request, retries: 2, retryDelayMs: 1 })
      pay.transfer = (withdrawal) => client.transfer(withdrawal, clock.now())
      await smallShop(store)
      await store.putSettings('distribution', { minWithdraw: 100 })
      await saveMember(store, member('koc', 3, { shareCode: 'KOCCODE2' }))
      await ok(call('distribution', 'apply', { attestAdult: true, rulesVersion: RULES_VERSION }, 'koc'))
      await ok(call('distribution', 'approve', { memberId: 'koc' }, 'brand'))
      // One order through the distributor's card, received, and its commission settled: ¥6.40 available.
      await ok(
        call(
          'catalog',
          'touch',
          { entryId: 'entry-0001', scene: 1007, shareCode: 'KOCCODE2', productId: 'p1', path: '/packages/product/detail/index' },
          'v1',
        ),
      )
      const items = [{ skuId: 'p1-s1', quantity: 1 }]
      const quote = await ok<{ payable: number }>(call('order', 'quote', { items }, 'v1'))
      const { order } = await ok<{ order: { id: string } }>(
        call('order', 'create', { requestId: 'request-0001', items, address, expectedPayable: quote.payable }, 'v1'),
      )
      await pay.pay(order.id, false)
      await ok(call('order', 'ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF1234567000001' }, 'brand'))
      await ok(call('order', 'confirmReceipt', { orderId: order.id }, 'v1'))
      clock.advance(7 * DAY)
      await settleCommissions(store, clock.now())
      expect((await store.findCommissions('koc', { lineIds: [] })).account.available).toBe(640)
    })

    it('an answer without WeChat Pay’s word — a forged acceptance, an unsigned refusal — neither pays nor returns: the amount stays held and is asked for again', async () => {
      wechatPay.answers.push(forgedSuccess, forgedSuccess, forgedSuccess)
      const taken = await withdraw('withdraw-0001')
      expect(taken).toMatchObject({ status: 'processing', transferId: null })
      expect((await books(taken.id)).account).toMatchObject({ available: 40, processing: 600, withdrawn: 0 })

      clock.advance(10 * 60_000 + 1)
      wechatPay.answers.push(unsignedRefusal, unsignedRefusal, unsignedRefusal)
      expect(await resend()).toMatchObject({ resent: 1, paid: 0 })
      expect((await books(taken.id)).withdrawal).toMatchObject({ status: 'processing', transferId: null, failReason: null })
      expect((await books(taken.id)).account).toMatchObject({ available: 40, processing: 600, withdrawn: 0 })

      clock.advance(10 * 60_000 + 1)
      wechatPay.answers.push(waitingForConfirmation)
      await resend()
      expect((await books(taken.id)).withdrawal).toMatchObject({
        status: 'processing',
        transferId: `1330000${taken.id}`,
        packageInfo: 'ABBQO+oYAAABAAAAAAC',
      })
      expect(await deliver(transferNotification(finishedBill(taken.id, 'SUCCESS'), { at: clock.now() }))).toMatchObject({ statusCode: 204 })
      expect((await books(taken.id)).account).toMatchObject({ available: 40, processing: 0, withdrawn: 600 })
      // Every call asked for the same bill with the same body.
      expect(wechatPay.asked).toHaveLength(7)
      expect(new Set(wechatPay.asked.map((a) => a.body)).size).toBe(1)
    })

    describe('the transfer callback', () => {
      let withdrawalId: string
      beforeEach(async () => {
        wechatPay.answers.push(waitingForConfirmation)
        withdrawalId = (await withdraw('withdraw-0002', 300)).id
        expect((await books(withdrawalId)).withdrawal).toMatchObject({ status: 'processing', packageInfo: 'ABBQO+oYAAABAAAAAAC' })
      })

      it('refuses, changing nothing, a notification that is stale, early, forged, tampered with or unsigned', async () => {
        const before = await books(withdrawalId)
        const success = (options: Partial<Parameters<typeof transferNotification>[1]> = {}) =>
          transferNotification(finishedBill(withdrawalId, 'SUCCESS'), { at: clock.now(), ...options })
        const genuine = success()
        const refusals: [string, { headers: Record<string, string>; body: string }, string][] = [
          ['signed 6 minutes ago', success({ at: clock.now() - 6 * 60_000 }), 'TIMESTAMP_STALE'],
          ['signed 6 minutes ahead', success({ at: clock.now() + 6 * 60_000 }), 'TIMESTAMP_STALE'],
          ['signed by a stranger', success({ signer: strangerKeysDouble.privateKey }), 'SIGNATURE_INVALID'],
          ['under an unknown serial', success({ serial: 'PUB_KEY_ID_0000000000000000000000000000000001' }), 'SERIAL_UNKNOWN'],
          ['tampered with', { headers: genuine.headers, body: genuine.body.replace('终态通知', '终态通知!') }, 'SIGNATURE_INVALID'],
          ['unsigned', { headers: { 'Content-Type': 'application/json' }, body: genuine.body }, 'SIGNATURE_MISSING'],
        ]
        for (const [what, notification, code] of refusals) {
          const answer = await deliver(notification)
          expect({ what, status: answer.statusCode, code: JSON.parse(answer.body || '{}').code }).toEqual({ what, status: 401, code })
        }
        expect(await books(withdrawalId)).toEqual(before)
        expect(await store.noticeHandled(['wxpay-notice:c5e1963a-bd4d-5dd2-bbaf-8f7236a2b20a'])).toBe(false)
      })

      it('settles once: a replay of the same delivery, or WeChat Pay’s redelivery, is acknowledged and moves nothing', async () => {
        const notification = transferNotification(finishedBill(withdrawalId, 'FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }), {
          at: clock.now(),
        })
        expect(await deliver(notification)).toMatchObject({ statusCode: 204 })
        const settled = await books(withdrawalId)
        expect(settled.withdrawal).toMatchObject({ status: 'failed', failReason: 'PAYEE_ACCOUNT_ABNORMAL' })
        expect(settled.account).toMatchObject({ available: 640, processing: 0 })

        let writes = 0
        const update = store.updateCommissions.bind(store)
        store.updateCommissions = (...args) => {
          writes += 1
          return update(...args)
        }
        clock.advance(60_000)
        expect(await deliver(notification), 'the same delivery replayed').toMatchObject({ statusCode: 204 })
        const redelivered = transferNotification(finishedBill(withdrawalId, 'FAIL', { fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' }), {
          at: clock.now(),
        })
        expect(await deliver(redelivered), 'redelivered, signed anew').toMatchObject({ statusCode: 204 })
        expect(writes).toBe(0)
        expect(await books(withdrawalId)).toEqual(settled)
      })

      it('a notification id handled before settles nothing more, whatever it carries', async () => {
        wechatPay.answers.push(waitingForConfirmation)
        const other = (await withdraw('withdraw-0003', 300)).id
        const id = 'EV-2018022511223320873'
        expect(await deliver(transferNotification(finishedBill(withdrawalId, 'SUCCESS'), { at: clock.now(), id }))).toMatchObject({
          statusCode: 204,
        })
        expect(await deliver(transferNotification(finishedBill(other, 'SUCCESS'), { at: clock.now(), id }))).toMatchObject({
          statusCode: 204,
        })
        expect((await books(withdrawalId)).withdrawal?.status).toBe('paid')
        expect((await books(other)).withdrawal?.status).toBe('processing')
      })

      it('one that could not be applied is not remembered: WeChat Pay’s next delivery applies it', async () => {
        const update = store.updateCommissions.bind(store)
        store.updateCommissions = async () => {
          throw new Error('数据库暂时不可用')
        }
        const notification = transferNotification(finishedBill(withdrawalId, 'SUCCESS'), { at: clock.now() })
        expect(await deliver(notification)).toMatchObject({ statusCode: 500 })
        store.updateCommissions = update
        expect(await deliver(notification)).toMatchObject({ statusCode: 204 })
        expect((await books(withdrawalId)).withdrawal?.status).toBe('paid')
      })

      it('a bill no withdrawal has is 404 and remembered nowhere', async () => {
        const stray = transferNotification(finishedBill('wd000000000000000000000000', 'SUCCESS'), { at: clock.now(), id: 'EV-stray' })
        expect(await deliver(stray)).toMatchObject({ statusCode: 404 })
        expect(await store.noticeHandled(['wxpay-notice:EV-stray'])).toBe(false)
      })
    })
  })
}

describe('a replay reaching another function instance', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'siyu-notices-'))
  afterEach(() => fs.rmSync(directory, { recursive: true, force: true }))

  it.each<[string, () => [Store, Store]]>([
    [
      'sqlite',
      () => {
        const file = path.join(directory, 'shop.db')
        return [new SqliteStore(file), new SqliteStore(file)]
      },
    ],
    [
      'cloudbase double',
      () => {
        const database = new CloudbaseDatabaseDouble()
        return [new CloudbaseStore(database), new CloudbaseStore(database)]
      },
    ],
  ])('is known there too (%s): the record lives in the database, not in the instance', async (_adapter, two) => {
    const [first, second] = two()
    const notification = transferNotification(finishedBill('wd000000000000000000000001', 'WAIT_USER_CONFIRM'), { at: T0 })
    const settled: string[] = []
    const settledBy = (store: Store) =>
      answerTransferNotification(
        httpAccessEvent(notification),
        () => config,
        async (notice) => {
          const result = await settleTransferNotice(store, notice, T0)
          settled.push(result)
          return result
        },
        T0,
      )
    expect(await settledBy(first)).toMatchObject({ statusCode: 204 })
    expect(await settledBy(second)).toMatchObject({ statusCode: 204 })
    expect(settled).toEqual(['applied', 'replayed'])
    await first.close()
    await second.close()
  })
})
