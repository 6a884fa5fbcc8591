import type { SettingsName } from '../../../../types/api'
import { parseYuan } from '../../../utils/money'

/**
 * How a setting is typed in the form: whole numbers, decimals, money typed in yuan (stored in fen),
 * a rate typed in % (stored in basis points), a yes/no, or text.
 */
export type FieldKind = 'int' | 'decimal' | 'fen' | 'bps' | 'bool' | 'text'

export interface SettingsField {
  path: string[]
  label: string
  kind: FieldKind
}

const TIERS = [1, 2, 3, 4, 5] as const

/** The fields of each settings document, in the order an operator reads them. */
export const SETTINGS_FIELDS: Record<SettingsName, SettingsField[]> = {
  tiers: TIERS.flatMap((t): SettingsField[] => [
    { path: ['thresholds', String(t)], label: `V${t} 成长值门槛`, kind: 'int' },
    { path: ['benefits', String(t), 'memberPricePct'], label: `V${t} 会员价（标价的 %）`, kind: 'int' },
    { path: ['benefits', String(t), 'pointsMultiplier'], label: `V${t} 积分倍数`, kind: 'decimal' },
    { path: ['benefits', String(t), 'freeShippingOver'], label: `V${t} 包邮门槛（元）`, kind: 'fen' },
    { path: ['benefits', String(t), 'birthdayGiftPoints'], label: `V${t} 生日礼积分`, kind: 'int' },
    { path: ['benefits', String(t), 'earlyAccessHours'], label: `V${t} 提前购（小时）`, kind: 'int' },
  ]),
  distribution: [
    { path: ['defaultBps'], label: '默认佣金比例（%，不超过 30）', kind: 'bps' },
    { path: ['bindingDays'], label: '客户绑定天数', kind: 'int' },
    { path: ['minWithdraw'], label: '最低提现金额（元）', kind: 'fen' },
    { path: ['dailyCap'], label: '每日提现上限（元）', kind: 'fen' },
    { path: ['autoApprove'], label: '自动通过分销申请', kind: 'bool' },
  ],
  afterSale: [
    { path: ['reviewHours'], label: '审核时限（小时，24–168）', kind: 'int' },
    { path: ['returnDays'], label: '寄回期限（天，3–14）', kind: 'int' },
    { path: ['confirmDays'], label: '确认收货期限（天，7–30）', kind: 'int' },
    { path: ['returnAddress', 'name'], label: '退货收件人', kind: 'text' },
    { path: ['returnAddress', 'phone'], label: '退货电话', kind: 'text' },
    { path: ['returnAddress', 'region'], label: '退货地区', kind: 'text' },
    { path: ['returnAddress', 'detail'], label: '退货详细地址', kind: 'text' },
  ],
  points: [
    { path: ['checkInBase'], label: '签到基础积分（1–20）', kind: 'int' },
    { path: ['postRewardPoints'], label: '种草审核通过奖励积分（1–100）', kind: 'int' },
    { path: ['postRewardsPerDay'], label: '每天奖励篇数（0–10）', kind: 'int' },
    { path: ['maxDeductPct'], label: '积分最多抵商品金额的 %（0–50）', kind: 'int' },
  ],
}

const at = (root: unknown, path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), root)

/** A setting's value as the form shows it (yuan for money, % for rates). */
export function shown(settings: unknown, field: SettingsField): string {
  const value = at(settings, field.path)
  if (field.kind === 'bool') return value === true ? 'true' : 'false'
  if (typeof value === 'string') return value
  if (typeof value !== 'number') return ''
  if (field.kind === 'fen') return (value / 100).toFixed(2)
  if (field.kind === 'bps') return String(value / 100)
  return String(value)
}

/** What was typed as the document stores it; null when it cannot be read (the form says which field). */
function stored(text: string, kind: FieldKind): unknown | null {
  const t = text.trim()
  if (kind === 'bool') return t === 'true'
  if (kind === 'text') return t
  if (kind === 'fen') return parseYuan(t)
  if (kind === 'bps') return /^\d{1,3}(\.\d{1,2})?$/.test(t) ? Math.round(Number(t) * 100) : null
  if (kind === 'decimal') return /^\d{1,4}(\.\d{1,2})?$/.test(t) ? Number(t) : null
  return /^\d{1,9}$/.test(t) ? Number(t) : null
}

/**
 * The document from the form: the settings in force with each typed value put in place (the server
 * still judges every range). A return address left wholly empty is none. A string is what is wrong.
 */
export function documentFrom(name: SettingsName, settings: unknown, typed: Record<string, string>): Record<string, unknown> | string {
  const doc = JSON.parse(JSON.stringify(settings ?? {})) as Record<string, unknown>
  for (const field of SETTINGS_FIELDS[name]) {
    const value = stored(typed[field.path.join('.')] ?? shown(settings, field), field.kind)
    if (value === null) return `「${field.label}」填写不正确`
    let node = doc
    for (const key of field.path.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {}
      node = node[key] as Record<string, unknown>
    }
    node[field.path[field.path.length - 1]] = value
  }
  const address = doc.returnAddress as Record<string, string> | undefined
  if (address && Object.values(address).every((v) => v === '')) doc.returnAddress = null
  return doc
}
