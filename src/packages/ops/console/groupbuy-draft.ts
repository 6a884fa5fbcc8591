import { parseYuan } from '../../../utils/money'
import { shanghaiDateTime } from '../../../utils/time'
import { parseShanghaiDateTime } from './shanghai'

const HOUR = 3_600_000

/** A group-buy document as the form holds it: money in yuan, the time limit in hours, times in Shanghai. */
export interface GroupBuyDraft {
  id: string
  title: string
  productId: string
  skus: { skuId: string; teamPrice: string }[]
  teamSize: string
  hours: string
  stock: string
  perMemberLimit: string
  start: string
  end: string
  enabled: boolean
}

const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '')

/** The form's starting point: a stored document, or (null) a new one that is off, a week from now, teams of two within a day. */
export function draftOf(doc: unknown, now: number): GroupBuyDraft {
  const d = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null
  if (!d)
    return {
      id: '',
      title: '',
      productId: '',
      skus: [{ skuId: '', teamPrice: '' }],
      teamSize: '2',
      hours: '24',
      stock: '100',
      perMemberLimit: '1',
      start: shanghaiDateTime(now),
      end: shanghaiDateTime(now + 7 * 24 * HOUR),
      enabled: false,
    }
  const skus = Array.isArray(d.skus) ? (d.skus as Record<string, unknown>[]) : []
  return {
    id: text(d.id),
    title: text(d.title),
    productId: text(d.productId),
    skus: skus.map((s) => ({ skuId: text(s?.skuId), teamPrice: typeof s?.teamPrice === 'number' ? (s.teamPrice / 100).toFixed(2) : '' })),
    teamSize: text(d.teamSize),
    hours: typeof d.timeLimitMs === 'number' ? String(d.timeLimitMs / HOUR) : '',
    stock: text(d.stock),
    perMemberLimit: text(d.perMemberLimit),
    start: typeof d.startAt === 'number' ? shanghaiDateTime(d.startAt) : '',
    end: typeof d.endAt === 'number' ? shanghaiDateTime(d.endAt) : '',
    enabled: d.enabled === true,
  }
}

const whole = (t: string) => (/^\d{1,8}$/.test(t.trim()) ? Number(t.trim()) : null)

/**
 * The document from the form, over the stored one (fields the form does not show are kept), or what
 * is wrong in the operator's words. Ranges are the server's to judge, as for any document.
 */
export function documentOf(draft: GroupBuyDraft, stored: unknown): Record<string, unknown> | string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(draft.id.trim())) return '编号只能用字母、数字、- 和 _，如 gb-longjing'
  if (!draft.productId.trim()) return '请填写商品编号'
  const skus: { skuId: string; teamPrice: number }[] = []
  for (const [i, s] of draft.skus.entries()) {
    if (!s.skuId.trim() && !s.teamPrice.trim()) continue
    const price = parseYuan(s.teamPrice)
    if (!s.skuId.trim() || price === null || price <= 0) return `第 ${i + 1} 个规格请填写规格编号和拼团价（元）`
    skus.push({ skuId: s.skuId.trim(), teamPrice: price })
  }
  if (skus.length === 0) return '请至少填写 1 个参团规格'
  const numbers = { teamSize: '成团人数', hours: '成团时限（小时）', stock: '名额', perMemberLimit: '每人参团数' } as const
  for (const [key, label] of Object.entries(numbers)) if (whole(draft[key as keyof typeof numbers]) === null) return `${label}应为整数`
  const start = parseShanghaiDateTime(draft.start)
  if (!start.ok) return `开始时间：${start.problem}`
  const end = parseShanghaiDateTime(draft.end)
  if (!end.ok) return `结束时间：${end.problem}`
  if (end.value <= start.value) return '结束时间应晚于开始时间'
  const base = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {}
  return {
    ...base,
    id: draft.id.trim(),
    title: draft.title.trim(),
    productId: draft.productId.trim(),
    skus,
    teamSize: whole(draft.teamSize),
    timeLimitMs: (whole(draft.hours) ?? 0) * HOUR,
    stock: whole(draft.stock),
    perMemberLimit: whole(draft.perMemberLimit),
    startAt: start.value,
    endAt: end.value,
    enabled: draft.enabled,
  }
}
