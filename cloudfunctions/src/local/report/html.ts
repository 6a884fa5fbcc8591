import type { ReportRow, ShopReport } from '../../../../types/api'
import type { Fen } from '../../../../types/domain'
import { fenToYuan } from '../../core/pricing'
import { shopClock, shopDay } from '../../core/time'

/**
 * The operator report as one self-contained HTML file: inline CSS and SVG charts, no script and no
 * external address, so it opens anywhere and can be mailed as it is. Every text from data (post
 * titles, nicknames, campaign names, problems) is escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c])

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
/** Whole numbers with thousands separators. */
export const count = (n: number) => (n < 0 ? '-' : '') + grouped(String(Math.abs(Math.round(n))))
/** Fen as ¥ with two decimals and thousands separators, e.g. ¥12,345.60. */
export function yuan(amount: Fen): string {
  const [whole, cents] = fenToYuan(Math.abs(amount)).split('.')
  return `${amount < 0 ? '-' : ''}¥${grouped(whole)}.${cents}`
}
const percent = (part: number, whole: number) => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '—')

export const CAMPAIGN_TYPE_LABELS: Record<string, string> = {
  flash_price: '限时价',
  groupbuy: '拼团',
  points_multiplier: '积分倍数日',
  checkin_bonus: '签到加赠',
  new_member: '新人礼',
}

const COLORS = { visits: '#8fb3e8', buyers: '#3f7ae0', gmv: '#e0663f', points: '#52a37a', money: '#b0813f' }
const WIDTH = 760
const LABEL_WIDTH = 170
const VALUE_WIDTH = 120
const BAR_SPACE = WIDTH - LABEL_WIDTH - VALUE_WIDTH

const barWidth = (value: number, max: number) => (max > 0 && value > 0 ? Math.max(1, Math.round((value / max) * BAR_SPACE)) : 0)
/** Long labels are cut for the chart only; the tables carry them whole. */
const short = (label: string, max = 12) => (label.length > max ? `${label.slice(0, max - 1)}…` : label)

/** Visits, buyers and GMV per channel, each measure scaled to its own largest channel. */
function funnelChart(rows: readonly ReportRow[]): string {
  if (rows.length === 0) return '<p class="empty">本期没有访问或成交。</p>'
  const shown = rows.slice(0, 12)
  const max = {
    visits: Math.max(...shown.map((r) => r.visits)),
    buyers: Math.max(...shown.map((r) => r.buyers)),
    gmv: Math.max(...shown.map((r) => r.gmv)),
  }
  const rowHeight = 3 * 14 + 16
  const parts = shown.map((r, i) => {
    const y = 28 + i * rowHeight
    const bars = (
      [
        ['visits', '访问', r.visits, count(r.visits)],
        ['buyers', '买家', r.buyers, count(r.buyers)],
        ['gmv', 'GMV', r.gmv, yuan(r.gmv)],
      ] as const
    ).map(([key, name, value, text], j) => {
      const w = barWidth(value, max[key])
      const by = y + j * 14
      return `<rect x="${LABEL_WIDTH}" y="${by}" width="${w}" height="11" fill="${COLORS[key]}"><title>${esc(r.label)} ${name} ${esc(text)}</title></rect><text x="${LABEL_WIDTH + w + 6}" y="${by + 10}" class="v">${esc(text)}</text>`
    })
    return `<text x="${LABEL_WIDTH - 8}" y="${y + 24}" text-anchor="end" class="l">${esc(short(r.label))}</text>${bars.join('')}`
  })
  const legend = (
    [
      ['visits', '访问次数'],
      ['buyers', '下单买家'],
      ['gmv', 'GMV'],
    ] as const
  )
    .map(
      ([key, name], i) =>
        `<rect x="${LABEL_WIDTH + i * 110}" y="4" width="12" height="12" fill="${COLORS[key]}"/><text x="${LABEL_WIDTH + i * 110 + 16}" y="14" class="v">${name}</text>`,
    )
    .join('')
  const height = 28 + shown.length * rowHeight
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="渠道漏斗：访问、买家、GMV">${legend}${parts.join('')}</svg>`
}

/** GMV per day as columns, with the day's orders in each column's tooltip. */
function dailyChart(days: ShopReport['daily']): string {
  const height = 230
  const top = 20
  const bottom = 40
  const left = 70
  const plot = { w: WIDTH - left - 10, h: height - top - bottom }
  const max = Math.max(0, ...days.map((d) => d.gmv))
  const step = days.length > 0 ? plot.w / days.length : plot.w
  const every = Math.max(1, Math.ceil(days.length / 12))
  const columns = days.map((d, i) => {
    const h = max > 0 && d.gmv > 0 ? Math.max(1, Math.round((d.gmv / max) * plot.h)) : 0
    const x = left + i * step
    // Counted back from the last day, so the range's end always carries its date.
    const label =
      (days.length - 1 - i) % every === 0
        ? `<text x="${x + step / 2}" y="${height - bottom + 16}" text-anchor="middle" class="v">${esc(d.day.slice(5))}</text>`
        : ''
    return `<rect x="${(x + step * 0.15).toFixed(1)}" y="${top + plot.h - h}" width="${(step * 0.7).toFixed(1)}" height="${h}" fill="${COLORS.gmv}"><title>${esc(d.day)} GMV ${yuan(d.gmv)}，${count(d.orders)} 单</title></rect>${label}`
  })
  const axis = `<line x1="${left}" y1="${top + plot.h}" x2="${WIDTH - 10}" y2="${top + plot.h}" class="axis"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + plot.h}" class="axis"/>`
  const scale = `<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="v">${yuan(max)}</text><text x="${left - 6}" y="${top + plot.h}" text-anchor="end" class="v">¥0</text>`
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="每日 GMV">${axis}${scale}${columns.join('')}</svg>`
}

/** Horizontal bars of amounts in one unit. */
function liabilityChart(title: string, bars: readonly { label: string; value: number; text: string }[], color: string): string {
  const max = Math.max(0, ...bars.map((b) => b.value))
  const height = 24 + bars.length * 26
  const rows = bars.map((b, i) => {
    const y = 24 + i * 26
    const w = barWidth(b.value, max)
    return `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end" class="l">${esc(b.label)}</text><rect x="${LABEL_WIDTH}" y="${y}" width="${w}" height="18" fill="${color}"><title>${esc(b.label)} ${esc(b.text)}</title></rect><text x="${LABEL_WIDTH + w + 6}" y="${y + 13}" class="v">${esc(b.text)}</text>`
  })
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${esc(title)}"><text x="0" y="14" class="t">${esc(title)}</text>${rows.join('')}</svg>`
}

/** Rows with their funnel and GMV, then any `extra` columns (a post's likes and favourites). */
function rowTable<R extends ReportRow>(
  keyTitle: string,
  rows: readonly R[],
  extra: [head: string, cell: (row: R) => string][] = [],
): string {
  if (rows.length === 0) return '<p class="empty">本期没有数据。</p>'
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.label)}<div class="key">${esc(r.key)}</div></td><td>${count(r.visits)}</td><td>${count(r.visitors)}</td><td>${count(r.buyers)}</td><td>${percent(r.buyers, r.visitors)}</td><td>${count(r.orders)}</td><td>${yuan(r.gmv)}</td>${extra.map(([, cell]) => `<td>${cell(r)}</td>`).join('')}</tr>`,
    )
    .join('')
  return `<table><thead><tr><th>${esc(keyTitle)}</th><th>访问次数</th><th>访客</th><th>下单买家</th><th>访客转化</th><th>订单</th><th>GMV</th>${extra.map(([head]) => `<th>${esc(head)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`
}

function campaignTable(campaigns: ShopReport['campaigns']): string {
  if (campaigns.length === 0) return '<p class="empty">本期没有活动。</p>'
  const body = campaigns
    .map(
      (c) =>
        `<tr><td>${esc(c.title)}<div class="key">${esc(c.id)}</div></td><td>${esc(CAMPAIGN_TYPE_LABELS[c.type] ?? c.type)}</td><td>${c.inForce ? '生效中' : '未生效'}</td><td>${count(c.orders)}</td><td>${yuan(c.gmv)}</td></tr>`,
    )
    .join('')
  return `<table><thead><tr><th>活动</th><th>类型</th><th>状态</th><th>订单</th><th>GMV</th></tr></thead><tbody>${body}</tbody></table>`
}

function communityTables(report: ShopReport): string {
  const topics =
    report.topics.length === 0
      ? '<p class="empty">还没有话题。</p>'
      : `<table><thead><tr><th>话题</th><th>帖子</th><th>参与人数</th></tr></thead><tbody>${report.topics
          .map(
            (t) =>
              `<tr><td>#${esc(t.name)}${t.enabled ? '' : '（已停用）'}<div class="key">${esc(t.id)}</div></td><td>${count(t.posts)}</td><td>${count(t.participants)}</td></tr>`,
          )
          .join('')}</tbody></table>`
  const challenges =
    report.challenges.length === 0
      ? '<p class="empty">还没有打卡挑战。</p>'
      : `<table><thead><tr><th>挑战</th><th>窗口</th><th>参与人数</th><th>达成</th><th>已发奖</th></tr></thead><tbody>${report.challenges
          .map(
            (c) =>
              `<tr><td>${esc(c.title)}<div class="key">${esc(c.id)}</div></td><td>${shopDay(c.startAt)} 至 ${shopDay(c.endAt - 1)}</td><td>${count(c.participants)}</td><td>${count(c.reached)}</td><td>${count(c.completions)}</td></tr>`,
          )
          .join('')}</tbody></table>`
  return `<h2>话题</h2>
${topics}
<h2>打卡挑战</h2>
${challenges}
<p class="key">参与人数为窗口内在该话题发过已通过帖子的会员；达成为其中打卡天数已够的；已发奖为已记下的完成（积分与徽章各一次）。</p>`
}

const STYLE = `
body{font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#222;margin:0;background:#f6f6f4}
main{max-width:820px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:32px 0 10px;border-left:4px solid #e0663f;padding-left:8px}
.sub{color:#777;font-size:13px}
.cards{display:grid;grid-template-columns:repeat(5,1fr);gap:10px;margin-top:18px}
.card{background:#fff;border-radius:8px;padding:12px}.card b{display:block;font-size:18px;margin-top:4px}.card span{color:#777;font-size:12px}
table{width:100%;border-collapse:collapse;background:#fff;font-size:13px}
th,td{padding:7px 8px;border-bottom:1px solid #eee;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#fafafa;color:#555;font-weight:600}
.key{color:#999;font-size:11px}
svg{background:#fff;border-radius:8px;display:block;margin-bottom:10px}
svg .l{font-size:12px;fill:#333}svg .v{font-size:11px;fill:#555}svg .t{font-size:13px;font-weight:600;fill:#333}svg .axis{stroke:#ccc}
.empty{color:#999;background:#fff;padding:12px;border-radius:8px}
ul.problems{background:#fff8e6;border-radius:8px;padding:12px 12px 12px 30px;margin:0}
@media (max-width:640px){.cards{grid-template-columns:repeat(2,1fr)}}
`

export function reportHtml(report: ShopReport): string {
  const t = report.totals
  const card = (name: string, value: string) => `<div class="card"><span>${name}</span><b>${value}</b></div>`
  const problems =
    report.problems.length === 0
      ? '<p class="empty">活动与拼团文档均有效。</p>'
      : `<ul class="problems">${report.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
  const title = `私域经营报表 ${esc(report.from)} 至 ${esc(report.to)}`
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${title}</h1>
<div class="sub">上海时间，含首尾两天；生成于 ${shopClock(report.generatedAt).format('YYYY-MM-DD HH:mm')}。订单按支付时间计入，GMV 为实付（含运费）减去已退款。买家是本期内经该来源进店、并在本期内支付了归属该来源订单的会员，是访客的一部分；订单与 GMV 计入归属该来源的全部已付订单，含本期之前进店带来的。</div>
<div class="cards">${card('访问次数', count(t.visits))}${card('访客', count(t.visitors))}${card('下单买家', count(t.buyers))}${card('订单', count(t.orders))}${card('GMV', yuan(t.gmv))}</div>
<h2>渠道：访问 → 买家 → GMV</h2>
${funnelChart(report.byChannel)}
${rowTable('渠道', report.byChannel)}
<h2>每日 GMV</h2>
${dailyChart(report.daily)}
<h2>种草内容</h2>
${rowTable('帖子', report.byPost, [
  ['阅读', (r) => count(r.views)],
  ['点赞', (r) => count(r.likes)],
  ['收藏', (r) => count(r.favourites)],
  ['评论', (r) => count(r.comments)],
])}
<p class="key">阅读为本期打开该篇的次数（每人每天计一次）；点赞、收藏与评论为各篇种草当前的数目，不限于本期。</p>
${communityTables(report)}
<h2>分销员</h2>
${rowTable('分销员', report.byDistributor)}
<h2>负债</h2>
${liabilityChart(
  '积分（分）',
  [
    { label: '可用积分', value: report.points.outstanding, text: `${count(report.points.outstanding)} 积分` },
    { label: '待生效积分', value: report.points.pending, text: `${count(report.points.pending)} 积分` },
    { label: '30 天内到期', value: report.points.expiringIn30Days, text: `${count(report.points.expiringIn30Days)} 积分` },
  ],
  COLORS.points,
)}
${liabilityChart(
  '佣金',
  [
    { label: '待确认（未收货）', value: report.commissions.pending, text: yuan(report.commissions.pending) },
    { label: '冻结（售后期）', value: report.commissions.frozen, text: yuan(report.commissions.frozen) },
    { label: '可提现', value: report.commissions.available, text: yuan(report.commissions.available) },
    { label: '提现处理中', value: report.commissions.processing, text: yuan(report.commissions.processing) },
  ],
  COLORS.money,
)}
<h2>活动效果</h2>
${campaignTable(report.campaigns)}
<h2>待处理问题</h2>
${problems}
</main>
</body>
</html>
`
}
