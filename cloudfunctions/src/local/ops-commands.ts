// The commands of `npm run ops`, through the same services the functions use.
import { disableCampaign, enableCampaign, listCampaignDocs, scheduleCampaign, setKillSwitch } from '../app/campaigns'
import { groupBuysForStaff } from '../app/groupbuy-staff'
import { approveDistributor, freezeDistributor, listDistributors, rejectDistributor } from '../app/distributors'
import { reconcileCommissions } from '../app/commissions'
import { AppError } from '../app/errors'
import { groupBuyProblems } from '../app/groupbuy'
import { approvePost, postQueue, rejectPost } from '../app/posts'
import { reconcilePoints } from '../app/points'
import { fromShopClock, shopClock, shopDay, shopDayBefore } from '../core/time'
import fs from 'node:fs'
import * as v from 'valibot'
import { shopReport } from '../app/report'
import { CAMPAIGN_TYPE_LABELS, count, reportHtml, yuan } from './report/html'
import { campaignSchemas } from '../functions/campaign-schemas'
import dayjs from 'dayjs'
import { CATALOG_COMMANDS } from './ops-catalog'
import { ACTOR, OPS_OPERATOR } from './ops-actor'
import { ORDER_COMMANDS } from './ops-orders'
import { STAFF_COMMANDS } from './ops-staff'
import { type OpsCommand, need } from './ops-target'

/** Shanghai wall-clock time, e.g. `2026-11-25 10:00` (seconds optional), as an instant. */
function shanghaiInstant(text: string | undefined, what: string): number {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(text ?? '')
  if (!match) throw new AppError('INVALID_PAYLOAD', `${what}应为上海时间，如 2026-11-25 10:00`)
  const wall = dayjs.utc(`${match[1]}T${match[2]}${match[3] ?? ':00'}`)
  if (!wall.isValid()) throw new AppError('INVALID_PAYLOAD', `${what}不是有效的时间`)
  return fromShopClock(wall)
}

const shanghai = (at: number) => shopClock(at).format('YYYY-MM-DD HH:mm')

export const COMMANDS: Record<string, OpsCommand> = {
  'campaigns:list': {
    usage: 'campaigns:list',
    summary: '列出全部活动：是否生效、起止（上海时间）、被忽略或被截断的原因；以及总开关',
    async run(store) {
      const { killSwitch, campaigns } = await listCampaignDocs(store, Date.now())
      console.log(`总开关：${killSwitch ? '已关闭全部活动' : '正常'}；活动 ${campaigns.length} 个`)
      for (const c of campaigns) {
        const state = c.campaign === null ? '无效（已忽略）' : c.inForce ? '生效中' : c.campaign.enabled ? '未到时间或已结束' : '已停用'
        const window = c.campaign ? `${shanghai(c.campaign.startAt)} → ${shanghai(c.campaign.endAt)}` : ''
        console.log(`  ${c.id.padEnd(20)} ${(c.campaign?.type ?? '?').padEnd(18)} ${state.padEnd(10)} ${window}`)
        for (const problem of c.problems) console.log(`      ! ${problem}`)
      }
      const groupBuys = await groupBuysForStaff(store, Date.now())
      console.log(`拼团 ${groupBuys.length} 个`)
      for (const g of groupBuys) {
        const state = g.live ? '进行中' : g.enabled ? '未在进行' : '已停用'
        const wrapped = g.campaignIds.length > 0 ? `受活动 ${g.campaignIds.join('、')} 控制` : '未被活动包含'
        console.log(`  ${g.id.padEnd(20)} ${state.padEnd(10)} ${g.title ? `${shanghai(g.startAt)} → ${shanghai(g.endAt)}` : ''} ${wrapped}`)
        for (const problem of g.problems) console.log(`      ! ${problem}`)
      }
      return 0
    },
  },
  'campaigns:show': {
    usage: 'campaigns:show <id>',
    summary: '显示一个活动的文档与校验结果',
    async run(store, [id]) {
      const found = (await listCampaignDocs(store, Date.now())).campaigns.find((c) => c.id === need(id, '活动编号'))
      if (!found) throw new AppError('CAMPAIGN_NOT_FOUND', `没有活动 ${id}`)
      console.log(JSON.stringify(found, null, 2))
      return 0
    },
  },
  'campaigns:enable': {
    usage: 'campaigns:enable <id>',
    summary: '启用活动（写入审计日志）',
    async run(store, [id]) {
      const view = await enableCampaign(store, ACTOR, need(id, '活动编号'), Date.now())
      console.log(`已启用 ${view.id}${view.inForce ? '，现在生效' : '，未在时间窗口内'}`)
      return 0
    },
  },
  'campaigns:disable': {
    usage: 'campaigns:disable <id>',
    summary: '停用活动（写入审计日志）',
    async run(store, [id]) {
      const view = await disableCampaign(store, ACTOR, need(id, '活动编号'), Date.now())
      console.log(`已停用 ${view.id}`)
      return 0
    },
  },
  'campaigns:schedule': {
    usage: 'campaigns:schedule <id> <开始> <结束>',
    summary: '设置活动时间（上海时间，如 "2026-11-25 10:00" "2026-11-25 22:00"）',
    async run(store, [id, start, end]) {
      const startAt = shanghaiInstant(start, '开始时间')
      const endAt = shanghaiInstant(end, '结束时间')
      if (endAt <= startAt) throw new AppError('INVALID_PAYLOAD', '结束时间须晚于开始时间')
      const view = await scheduleCampaign(store, ACTOR, { id: need(id, '活动编号'), startAt, endAt }, Date.now())
      console.log(`已设置 ${view.id}：${shanghai(startAt)} → ${shanghai(endAt)}`)
      return 0
    },
  },
  'campaigns:kill-switch': {
    usage: 'campaigns:kill-switch on|off',
    summary: '总开关：on 立即停止全部活动与拼团，off 恢复（写入审计日志）',
    async run(store, [state]) {
      if (state !== 'on' && state !== 'off') throw new AppError('INVALID_PAYLOAD', '请用 on 或 off')
      await setKillSwitch(store, ACTOR, state === 'on', Date.now())
      console.log(state === 'on' ? '已关闭全部活动' : '已恢复活动')
      return 0
    },
  },
  'distributors:list': {
    usage: 'distributors:list [pending|approved|rejected|frozen]',
    summary: '列出分销员（可按状态筛选）',
    async run(store, [status]) {
      if (status && !['pending', 'approved', 'rejected', 'frozen'].includes(status))
        throw new AppError('INVALID_PAYLOAD', '状态应为 pending、approved、rejected 或 frozen')
      const page = await listDistributors(store, { status: status as 'pending' | undefined, pageSize: 50 })
      console.log(`共 ${page.total} 位`)
      for (const d of page.items)
        console.log(
          `  ${d.memberId.padEnd(28)} ${d.nickname.padEnd(12)} ${d.status.padEnd(9)} ${d.code} 申请于 ${shanghai(d.appliedAt)}${d.note ? `（${d.note}）` : ''}`,
        )
      return 0
    },
  },
  'distributors:approve': {
    usage: 'distributors:approve <memberId>',
    summary: '通过分销员申请',
    async run(store, [memberId]) {
      const d = await approveDistributor(store, need(memberId, '会员编号'), Date.now(), ACTOR)
      console.log(`已通过 ${d.memberId}（${d.nickname}），推广码 ${d.code}`)
      return 0
    },
  },
  'distributors:reject': {
    usage: 'distributors:reject <memberId> <原因>',
    summary: '拒绝分销员申请（原因会展示给申请人）',
    async run(store, [memberId, ...reason]) {
      const d = await rejectDistributor(
        store,
        need(memberId, '会员编号'),
        need(reason.join(' ').trim() || undefined, '拒绝原因').slice(0, 100),
        Date.now(),
        ACTOR,
      )
      console.log(`已拒绝 ${d.memberId}：${d.note}`)
      return 0
    },
  },
  'distributors:freeze': {
    usage: 'distributors:freeze <memberId> <原因>',
    summary: '冻结分销员：不再绑定新顾客，佣金暂停结算与提现',
    async run(store, [memberId, ...reason]) {
      const d = await freezeDistributor(
        store,
        need(memberId, '会员编号'),
        true,
        need(reason.join(' ').trim() || undefined, '冻结原因').slice(0, 100),
        Date.now(),
        ACTOR,
      )
      console.log(`已冻结 ${d.memberId}：${d.note}`)
      return 0
    },
  },
  'distributors:unfreeze': {
    usage: 'distributors:unfreeze <memberId>',
    summary: '解除冻结',
    async run(store, [memberId]) {
      const d = await freezeDistributor(store, need(memberId, '会员编号'), false, '', Date.now(), ACTOR)
      console.log(`已解除冻结 ${d.memberId}`)
      return 0
    },
  },
  'posts:queue': {
    usage: 'posts:queue',
    summary: '待审核的会员种草（最早的在前）',
    async run(store) {
      const queue = await postQueue(store, { pageSize: 50 })
      console.log(`待审核 ${queue.total} 篇`)
      for (const p of queue.items)
        console.log(`  ${p.id}  ${p.author.nickname}：${p.title}（${p.images.length} 图，${p.productIds.length} 个商品）`)
      return 0
    },
  },
  'posts:approve': {
    usage: 'posts:approve <postId>',
    summary: '通过会员种草：进入种草流，作者获得一次发帖奖励（写入审计日志）',
    async run(store, [postId], target) {
      const post = await approvePost(store, target.pay, OPS_OPERATOR, need(postId, '种草编号'), Date.now())
      console.log(`已通过 ${post.id}：${post.title}`)
      return 0
    },
  },
  'posts:reject': {
    usage: 'posts:reject <postId> <原因>',
    summary: '拒绝会员种草（原因会展示给作者；写入审计日志）',
    async run(store, [postId, ...reason]) {
      const post = await rejectPost(
        store,
        OPS_OPERATOR,
        need(postId, '种草编号'),
        need(reason.join(' ').trim() || undefined, '拒绝原因').slice(0, 100),
        Date.now(),
      )
      console.log(`已拒绝 ${post.id}：${post.rejectReason}`)
      return 0
    },
  },
  'commissions:reconcile': {
    usage: 'commissions:reconcile',
    summary: '核对每位分销员：可提现余额 = 佣金流水之和；有差异时列出并以状态码 1 退出',
    async run(store) {
      const { checked, mismatches } = await reconcileCommissions(store)
      console.log(`已核对 ${checked} 位分销员的佣金账户，差异 ${mismatches.length} 处`)
      for (const m of mismatches) console.log(`  ${m.distributorId}: 余额 ${m.available}，流水合计 ${m.ledgerSum}`)
      return mismatches.length === 0 ? 0 : 1
    },
  },
  'groupbuys:check': {
    usage: 'groupbuys:check',
    summary: '检查拼团活动文档：被忽略的与被截断的取值',
    async run(store) {
      const problems = await groupBuyProblems(store)
      console.log(problems.length === 0 ? '拼团活动文档均有效' : problems.join('\n'))
      return 0
    },
  },
  report: {
    usage: 'report [--from 2026-11-01] [--to 2026-11-24] [--html report.html]',
    summary:
      '经营报表（上海日期，含首尾；默认近 30 天）：渠道、帖子、分销员的访问→买家→GMV，积分与佣金负债，活动效果；--html 另存为单个网页',
    async run(store, args) {
      const option = (name: string) => {
        const at = args.indexOf(`--${name}`)
        return at === -1 ? undefined : need(args[at + 1], `--${name} 的值`)
      }
      const to = option('to') ?? shopDay(Date.now())
      const range = v.safeParse(campaignSchemas.report, { from: option('from') ?? shopDayBefore(to, 29), to })
      if (!range.success) throw new AppError('INVALID_PAYLOAD', range.issues.map((i) => i.message).join('；'))
      const report = await shopReport(store, range.output, Date.now())
      // Columns line up in a terminal where a Chinese character takes two cells.
      const cells = (text: string) => [...text].reduce((n, c) => n + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0)
      const cell = (text: string, width: number, right = false) => {
        const fill = ' '.repeat(Math.max(0, width - cells(text)))
        return right ? fill + text : text + fill
      }
      const table = (title: string, head: string[], rows: string[][]) => {
        console.log(`\n${title}`)
        if (rows.length === 0) return console.log('  （无）')
        const widths = head.map((h, i) => Math.min(36, Math.max(cells(h), ...rows.map((r) => cells(r[i])))))
        for (const line of [head, ...rows]) console.log(`  ${line.map((text, i) => cell(text, widths[i], i > 0)).join('  ')}`)
      }
      const rowsOf = (rows: typeof report.byChannel) =>
        rows.map((r) => [r.label, count(r.visits), count(r.visitors), count(r.buyers), count(r.orders), yuan(r.gmv)])
      const head = (what: string) => [what, '访问', '访客', '买家', '订单', 'GMV']
      const t = report.totals
      console.log(`经营报表 ${report.from} 至 ${report.to}（上海时间，含首尾）`)
      console.log(
        `合计：访问 ${count(t.visits)}，访客 ${count(t.visitors)}，买家 ${count(t.buyers)}，订单 ${count(t.orders)}，GMV ${yuan(t.gmv)}`,
      )
      table('渠道', head('渠道'), rowsOf(report.byChannel))
      table(
        '帖子',
        [...head('帖子'), '阅读', '点赞（当前）', '收藏（当前）', '评论（当前）'],
        rowsOf(report.byPost).map((cells, i) => [
          ...cells,
          count(report.byPost[i].views),
          count(report.byPost[i].likes),
          count(report.byPost[i].favourites),
          count(report.byPost[i].comments),
        ]),
      )
      table(
        '话题',
        ['话题', '帖子', '参与人数'],
        report.topics.map((t) => [`#${t.name}${t.enabled ? '' : '（已停用）'}`, count(t.posts), count(t.participants)]),
      )
      table(
        '打卡挑战',
        ['挑战', '窗口', '参与人数', '达成', '已发奖'],
        report.challenges.map((c) => [
          `${c.title}（${c.id}）`,
          `${shopDay(c.startAt)} 至 ${shopDay(c.endAt - 1)}`,
          count(c.participants),
          count(c.reached),
          count(c.completions),
        ]),
      )
      table('分销员', head('分销员'), rowsOf(report.byDistributor))
      table(
        '负债',
        ['项目', '金额'],
        [
          ['可用积分', `${count(report.points.outstanding)} 分`],
          ['待生效积分', `${count(report.points.pending)} 分`],
          ['30 天内到期积分', `${count(report.points.expiringIn30Days)} 分`],
          ['佣金：待确认（未收货）', yuan(report.commissions.pending)],
          ['佣金：冻结（售后期）', yuan(report.commissions.frozen)],
          ['佣金：可提现', yuan(report.commissions.available)],
          ['佣金：提现处理中', yuan(report.commissions.processing)],
        ],
      )
      table(
        '活动',
        ['活动', '类型', '状态', '订单', 'GMV'],
        report.campaigns.map((c) => [
          `${c.title}（${c.id}）`,
          CAMPAIGN_TYPE_LABELS[c.type] ?? c.type,
          c.inForce ? '生效中' : '未生效',
          count(c.orders),
          yuan(c.gmv),
        ]),
      )
      console.log('\n待处理问题')
      console.log(report.problems.length === 0 ? '  （无）' : report.problems.map((p) => `  ! ${p}`).join('\n'))
      const html = option('html')
      if (html) {
        fs.writeFileSync(html, reportHtml(report))
        console.log(`\n已写入 ${html}`)
      }
      return 0
    },
  },
  ...STAFF_COMMANDS,
  ...CATALOG_COMMANDS,
  ...ORDER_COMMANDS,
  'points:reconcile': {
    usage: 'points:reconcile',
    summary: '核对每位会员：可用积分 = 批次余额之和 = 流水之和；有差异时列出并以状态码 1 退出',
    async run(store) {
      const { members, mismatches } = await reconcilePoints(store)
      console.log(`已核对 ${members} 位会员的积分账户，差异 ${mismatches.length} 处`)
      for (const m of mismatches) console.log(`  ${m.memberId}: 可用 ${m.available}，批次余额 ${m.lotRemainder}，流水合计 ${m.ledgerSum}`)
      return mismatches.length === 0 ? 0 : 1
    },
  },
}
