/**
 * The parts every payload schema is built from. Objects are strict (an unknown key is a bad
 * request) and never take an array (valibot's object schemas alone would take `[]` for `{}`).
 */
import * as v from 'valibot'
import { CARRIERS, trackingProblem } from '../core/shipping'

const notArray = v.custom<Record<string, unknown>>(
  (input) => typeof input === 'object' && input !== null && !Array.isArray(input),
  '应为对象',
)
export function object<const E extends v.ObjectEntries>(entries: E, message?: string) {
  return v.pipe(notArray, v.strictObject(entries, message))
}

export const entityId = v.pipe(
  v.string('应为字符串'),
  v.minLength(1, '不能为空'),
  v.maxLength(64, '过长'),
  v.regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、下划线和连字符'),
)

/** An id no record carries: what a malformed id looks up. */
const UNKNOWN_ID = '-'

/**
 * The id of a record to look up: a string of the wrong form names no record, so it is answered as
 * one that does not exist (the action's own "not found"), never as developer text about its format.
 */
export function lookup(form: RegExp) {
  return v.union([
    v.pipe(v.string('应为字符串'), v.regex(form)),
    v.pipe(
      v.string('应为字符串'),
      v.transform(() => UNKNOWN_ID),
    ),
  ])
}
export const recordId = lookup(/^[A-Za-z0-9_-]{1,64}$/)

export const pageRequest = {
  page: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '最小为 1'), v.maxValue(10_000, '最大为 10000'))),
  pageSize: v.optional(v.pipe(v.number('应为数字'), v.integer('应为整数'), v.minValue(1, '最小为 1'), v.maxValue(50, '最大为 50'))),
}

export const empty = object({}, '不接受任何参数')

export const text = (min: number, max: number) =>
  v.pipe(v.string('应为字符串'), v.trim(), v.minLength(min, `至少 ${min} 个字`), v.maxLength(max, `最多 ${max} 个字`))

/** 收货地址: the one form every address takes, at checkout, team checkout, mall goods and in the address book. */
export const address = object({
  name: text(1, 20),
  phone: v.pipe(v.string('应为字符串'), v.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号')),
  region: text(2, 50),
  detail: text(2, 100),
})

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
export const shopDate = v.pipe(
  v.string('应为字符串'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, '格式应为 YYYY-MM-DD'),
  v.check((day) => {
    const at = Date.parse(`${day}T00:00:00Z`)
    return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day
  }, '不是有效的日期'),
)

/** A carrier from the fixed list, and a tracking number of the form carriers use (letters taken as capitals). */
export const carrier = v.picklist(Object.keys(CARRIERS), `快递公司应为：${Object.keys(CARRIERS).join('、')}`)
export const trackingNo = v.pipe(v.string('应为字符串'), v.trim(), v.toUpperCase(), v.regex(/^[A-Z0-9]{6,32}$/, '运单号格式不正确'))

type Parcel = { carrier: string; trackingNo: string }

/** A payload carrying one parcel: the entries given, a carrier, and a tracking number of that carrier's form. */
export function parcelOf<const E extends v.ObjectEntries>(entries: E) {
  const problem = (input: unknown) => trackingProblem((input as Parcel).carrier, (input as Parcel).trackingNo)
  return v.pipe(
    object({ ...entries, carrier, trackingNo }),
    v.check(
      (parcel) => problem(parcel) === null,
      (issue) => problem(issue.input) ?? '运单号格式不正确',
    ),
  )
}

/** An uploaded image: a cloud storage file id in production, a file of the local host's upload folder locally. */
export const imageRef = v.pipe(
  v.string('应为字符串'),
  v.regex(/^cloud:\/\/[\x21-\x7e]{1,300}$|^\/media\/uploads\/[a-f0-9]{16,64}\.(jpg|png|webp)$/, '图片地址格式不正确'),
)

export const distinct = <T>(items: readonly T[]) => new Set(items).size === items.length

/** A client-made key that makes a write happen once however often it is sent. */
export const requestKey = v.pipe(v.string('应为字符串'), v.regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母数字'))

/** A whole, non-zero change either way, at most `max` at once (the messages say it in units). */
export const adjustment = (max: number, tooMuchLess: string, tooMuchMore: string) =>
  v.pipe(
    v.number('应为数字'),
    v.integer('应为整数'),
    v.minValue(-max, tooMuchLess),
    v.maxValue(max, tooMuchMore),
    v.check((n) => n !== 0, '调整数量不能为 0'),
  )

/** A moment as milliseconds since the epoch. */
export const instant = v.pipe(
  v.number('应为时间戳'),
  v.integer('应为整数'),
  v.minValue(0, '不能为负'),
  v.maxValue(8_640_000_000_000_000, '超出范围'),
)

/**
 * An operator's document (settings, a group-buy): only its shape and size are checked here; its fields
 * are judged by the rules' own reader, the same as for a document edited in the CloudBase console.
 */
export const jsonDocument = <T extends Record<string, unknown> = Record<string, unknown>>(
  maxChars: number,
  notObject: string,
  tooLong: string,
  required: (doc: Record<string, unknown>) => boolean = () => true,
) =>
  v.pipe(
    v.custom<T>((d) => typeof d === 'object' && d !== null && !Array.isArray(d) && required(d as Record<string, unknown>), notObject),
    v.check((d) => JSON.stringify(d).length <= maxChars, tooLong),
  )
