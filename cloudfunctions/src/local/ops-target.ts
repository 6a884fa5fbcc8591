// Where `npm run ops` acts: the local SQLite database, or a CloudBase environment through the
// CloudBase adapter when SIYU_CLOUDBASE_ENV names one (with an API key pair beside it).
import path from 'node:path'
import cloud from 'wx-server-sdk'
import type { Order, Refund } from '../../../types/domain'
import { AppError } from '../app/errors'
import type { ShippingUpload } from '../core/shipping'
import type { CloudDatabase } from '../store/cloudbase/database'
import { CloudbaseStore } from '../store/cloudbase/store'
import type { Store } from '../store/port'
import { SqliteStore } from '../store/sqlite/store'
import { cloudImageReader } from '../wechat/cloudbase'
import type { ContentSecurity, Payments, StoredImages } from '../wechat/ports'
import { LocalPayProvider } from './pay'
import { DEFAULT_DB } from './paths'

/** The store the commands change, the payments port shipping reports to, and what to call it. */
export interface OpsTarget {
  store: Store
  pay: Payments & StoredImages & ContentSecurity
  where: string
  close(): Promise<void>
}

export interface OpsCommand {
  usage: string
  summary: string
  run(store: Store, args: string[], target: OpsTarget): Promise<number>
}

/** A command's required argument, or the refusal that names it. */
export function need(value: string | undefined, what: string): string {
  if (!value) throw new AppError('INVALID_PAYLOAD', `缺少${what}`)
  return value
}

/** The part of wx-server-sdk the command line uses. */
export type CloudSdk = Pick<typeof cloud, 'init' | 'database' | 'callFunction' | 'downloadFile'>

/**
 * Payments as the command line reaches them in production: WeChat's open API answers only inside a
 * function, so a shipment's information is sent by the `shippingUpload` function, which reads the
 * order itself. The command line never takes or returns money.
 */
function functionPayments(sdk: CloudSdk): Payments & StoredImages & ContentSecurity {
  const refuse = (): never => {
    throw new AppError('FORBIDDEN', '命令行不发起付款或退款')
  }
  return {
    prepay: async (_order: Order) => refuse(),
    // Content security answers only inside a function too: a post whose images were never sent waits for the console.
    checkText: async () => {
      throw new AppError('FORBIDDEN', '命令行不做内容安全检测')
    },
    checkImage: async () => {
      throw new AppError('IMAGE_PENDING', '这篇种草的图片还没有送去安全检测，请在小程序的员工后台审核')
    },
    refund: async (_refund: Refund) => refuse(),
    readImage: cloudImageReader((options) => sdk.downloadFile(options)),
    async uploadShipping(upload: ShippingUpload) {
      const { result } = await sdk.callFunction({ name: 'shippingUpload', data: { transactionId: upload.order_key.transaction_id } })
      const answer = result as { ok?: boolean; code?: string; message?: string } | null
      if (!answer?.ok) throw new AppError('SHIPPING_UPLOAD', `已发货，但微信发货信息未录入：${answer?.message ?? '无应答'}`)
    },
  }
}

export function openOpsTarget(env: Record<string, string | undefined>, sdk: CloudSdk = cloud): OpsTarget {
  const envId = env.SIYU_CLOUDBASE_ENV?.trim()
  if (!envId) {
    const file = env.SIYU_DB || DEFAULT_DB
    const store = new SqliteStore(file)
    // The local host keeps members' and staff's uploads beside the database.
    const uploads = path.join(path.dirname(path.resolve(file)), 'uploads')
    return {
      store,
      pay: new LocalPayProvider(store, { now: () => Date.now() }, uploads),
      where: `本地数据库 ${file}`,
      close: () => store.close(),
    }
  }
  const secretId = env.TENCENTCLOUD_SECRETID?.trim()
  const secretKey = env.TENCENTCLOUD_SECRETKEY?.trim()
  if (!secretId || !secretKey)
    throw new AppError('INVALID_PAYLOAD', '连接 CloudBase 环境还需要 TENCENTCLOUD_SECRETID 和 TENCENTCLOUD_SECRETKEY（腾讯云 API 密钥）')
  sdk.init({ env: envId, secretId, secretKey })
  const store = new CloudbaseStore(sdk.database() as CloudDatabase)
  return { store, pay: functionPayments(sdk), where: `CloudBase 环境 ${envId}`, close: async () => {} }
}
