import cloud from 'wx-server-sdk'
import type { JobDef } from '../app/jobs'
import type { CloudDatabase } from '../store/cloudbase/database'
import { CloudbaseStore } from '../store/cloudbase/store'
import { dispatch, type FunctionDef } from './runtime'

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
const store = new CloudbaseStore(cloud.database() as unknown as CloudDatabase)

/** A CloudBase entry for a business function: identity is the caller's OPENID from the context. */
export function cloudbaseFunction(fn: FunctionDef) {
  return async function main(event: unknown) {
    const { OPENID } = cloud.getWXContext()
    return dispatch(fn, event, { store, now: Date.now(), memberId: OPENID || null })
  }
}

/** A CloudBase entry for a timer job: refuses anything but its timer trigger. */
export function cloudbaseTimer(job: JobDef) {
  return async function main() {
    const { SOURCE } = cloud.getWXContext()
    if (SOURCE !== 'wx_trigger' && process.env.TRIGGER_SRC !== 'timer') {
      return { ok: false, code: 'WRONG_SOURCE', message: `${job.name} 只能由定时触发器调用` }
    }
    return { ok: true, data: await job.run(store, Date.now()) }
  }
}
