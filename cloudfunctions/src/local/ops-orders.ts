// Order and member commands of `npm run ops`: export orders, ship from a CSV, adjust a member's points, certify 达人.
import fs from 'node:fs'
import path from 'node:path'
import * as v from 'valibot'
import type { OrderTab } from '../../../types/api'
import { AppError } from '../app/errors'
import { shipRows } from '../app/fulfilment'
import { setCertification } from '../app/creators'
import { adjustPoints } from '../app/member-care'
import { exportOrders } from '../app/order-export'
import { memberSchemas, orderSchemas } from '../functions/schemas'
import { parseCsv } from '../app/catalog-csv'
import type { OpsCommand } from './ops-target'
import { ACTOR, OPS_OPERATOR } from './ops-actor'

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

export const ORDER_COMMANDS: Record<string, OpsCommand> = {
  'orders:export': {
    usage: 'orders:export [文件] [--tab toShip] [--from 2026-11-01] [--to 2026-11-24]',
    summary: '按状态和下单日期（上海）导出订单 CSV（含完整收货地址），与后台“导出 CSV”相同',
    async run(store, args) {
      const file = args[0] && !args[0].startsWith('--') ? args[0] : undefined
      const req = { tab: flag(args, '--tab') as OrderTab | undefined, from: flag(args, '--from'), to: flag(args, '--to') }
      const parsed = v.safeParse(orderSchemas.export, Object.fromEntries(Object.entries(req).filter(([, value]) => value !== undefined)))
      if (!parsed.success) throw new AppError('INVALID_PAYLOAD', parsed.issues[0].message)
      const out = await exportOrders(store, OPS_OPERATOR, parsed.output, Date.now())
      const target = file ?? out.filename
      fs.writeFileSync(target, out.csv)
      console.log(`已导出 ${out.rows} 单到 ${path.resolve(target)}`)
      return 0
    },
  },
  'orders:ship': {
    usage: 'orders:ship <文件>',
    summary: '按 CSV（订单号,快递公司,运单号）批量发货：每行单独处理并逐行说明结果，问题行不影响其他行',
    async run(store, [file], { pay }) {
      if (!file || !fs.existsSync(file)) throw new AppError('INVALID_PAYLOAD', '请给出发货 CSV 文件')
      const rows = parseCsv(fs.readFileSync(file, 'utf8'))
        .filter((r) => !/^(orderNo|订单号|订单编号)$/i.test((r[0] ?? '').trim()))
        .map(([orderId = '', carrier = '', trackingNo = '']) => ({
          orderId: orderId.trim(),
          carrier: carrier.trim(),
          trackingNo: trackingNo.trim(),
        }))
      const now = Date.now()
      const results = await shipRows(store, pay, ACTOR, rows, orderSchemas.ship, now, (r, done) =>
        console.log(
          `  [${done}/${rows.length}] 第 ${r.row} 行 ${r.orderId || '（无订单号）'}：${r.ok ? '已发货' : `${r.code} ${r.message}`}`,
        ),
      )
      const shipped = results.filter((r) => r.ok).length
      console.log(`已发货 ${shipped} 行，未处理 ${results.length - shipped} 行`)
      return shipped === results.length ? 0 : 1
    },
  },
  'points:adjust': {
    usage: 'points:adjust <会员编号> <±积分> <原因> <请求编号>',
    summary: '调整会员积分（±10000 以内；扣减不超过可用积分；同一请求编号只生效一次；记入审计）',
    async run(store, [memberId, amount, reason, requestId]) {
      const parsed = v.safeParse(memberSchemas.adjustPoints, { memberId, amount: Number(amount), reason, requestId })
      if (!parsed.success) throw new AppError('INVALID_PAYLOAD', parsed.issues[0].message)
      const view = await adjustPoints(store, ACTOR, parsed.output, Date.now())
      console.log(`${view.member.nickname} 现有可用积分 ${view.points.balance.available}`)
      return 0
    },
  },
  ...Object.fromEntries(
    ([true, false] as const).map((certified): [string, OpsCommand] => {
      const name = certified ? 'creators:certify' : 'creators:uncertify'
      return [
        name,
        {
          usage: `${name} <会员编号> <原因>`,
          summary: certified ? '认证会员为达人：其种草和主页显示达人标识（写入审计日志）' : '取消会员的达人认证（写入审计日志）',
          async run(store, [memberId, ...reason]) {
            const schema = certified ? memberSchemas.certifyCreator : memberSchemas.uncertifyCreator
            const parsed = v.safeParse(schema, { memberId, reason: reason.join(' ') })
            if (!parsed.success) throw new AppError('INVALID_PAYLOAD', parsed.issues[0].message)
            const standing = await setCertification(store, ACTOR, { ...parsed.output, certified }, Date.now())
            console.log(`${memberId}：${standing.certified ? `达人（${standing.reason}）` : '不是达人'}，${standing.followers} 人关注`)
            return 0
          },
        },
      ]
    }),
  ),
}
