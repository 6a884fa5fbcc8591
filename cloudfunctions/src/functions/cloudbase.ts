import cloud from 'wx-server-sdk'
import type { JobDef } from '../app/jobs'
import { AppError } from '../app/errors'
import { JOB_BUDGET_MS, deadline } from '../app/job-runs'
import { settleTransferNotice } from '../app/withdrawals'
import type { CloudDatabase } from '../store/cloudbase/database'
import { CloudbaseStore } from '../store/cloudbase/store'
import { cloudbasePlatform, transferSetupFromEnv } from '../wechat/cloudbase'
import { answerTransferNotification } from '../wechat/transfers/notification'
import { onMediaCheckEvent } from './media-check-event'
import { onPaymentCallback, onRefundCallback } from './pay-callbacks'
import { dispatch, type FunctionDef } from './runtime'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const store = new CloudbaseStore(cloud.database() as unknown as CloudDatabase)

/** A CloudBase entry for a business function: identity is the caller's OPENID from the context. */
export function cloudbaseFunction(fn: FunctionDef) {
  return async function main(event: unknown) {
    const { OPENID } = cloud.getWXContext()
    return dispatch(fn, event, { store, pay: cloudbasePlatform, now: Date.now(), memberId: OPENID || null })
  }
}

/** A CloudBase entry for WeChat Pay's payment or refund result callback. */
export function cloudbasePayCallback(kind: 'payment' | 'refund') {
  return async function main(event: unknown) {
    const { SOURCE } = cloud.getWXContext()
    return kind === 'payment'
      ? onPaymentCallback(store, cloudbasePlatform, event, SOURCE, Date.now())
      : onRefundCallback(store, event, SOURCE, Date.now())
  }
}

/**
 * The CloudBase entry WeChat's message push (云开发 消息推送, MsgType event / Event wxa_media_check)
 * delivers image verdicts to. The mini program's AppID is the context's, or WX_APPID.
 */
export function cloudbaseMediaCheckCallback() {
  return async function main(event: unknown) {
    const { SOURCE, APPID } = cloud.getWXContext()
    return onMediaCheckEvent(store, event, { source: SOURCE, appId: APPID || process.env.WX_APPID || '' }, Date.now())
  }
}

/**
 * The CloudBase entry (HTTP access, at WXPAY_TRANSFER_NOTIFY_URL) for 商家转账's result notification:
 * verified with the WeChat Pay public key (5 minutes either side of now) and decrypted with the APIv3
 * key, then the withdrawal is completed once (paid on SUCCESS; failed, its amount returned, on FAIL or
 * CANCELLED); a replay is acknowledged and changes nothing.
 */
export function cloudbaseTransferCallback() {
  return async function main(event: unknown) {
    const now = Date.now()
    return answerTransferNotification(
      event,
      () => transferSetupFromEnv().config,
      (notice) => settleTransferNotice(store, notice, now),
      now,
    )
  }
}

/**
 * A CloudBase entry for a timer job: refuses anything but its timer trigger, and gives the run its
 * budget, so it stops before the function's timeout and the next trigger goes on from there.
 */
export function cloudbaseTimer(job: JobDef) {
  return async function main() {
    const budget = deadline(JOB_BUDGET_MS)
    const { SOURCE } = cloud.getWXContext()
    if (SOURCE !== 'wx_trigger' && process.env.TRIGGER_SRC !== 'timer') {
      return { ok: false, code: 'WRONG_SOURCE', message: `${job.name} 只能由定时触发器调用` }
    }
    return { ok: true, data: await job.run(store, Date.now(), cloudbasePlatform, budget) }
  }
}

/**
 * A CloudBase entry only servers call: the operators' command line (holding the environment's API
 * keys) or another function. A member's call carries an OPENID and is refused.
 */
export function cloudbaseServerCall<T>(
  run: (event: unknown, platform: { store: typeof store; pay: typeof cloudbasePlatform }) => Promise<T>,
) {
  return async function main(event: unknown) {
    const { OPENID } = cloud.getWXContext()
    if (OPENID) return { ok: false, code: 'FORBIDDEN', message: '只能由命令行或云函数调用' }
    try {
      return { ok: true, data: await run(event, { store, pay: cloudbasePlatform }) }
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message }
      throw error
    }
  }
}
