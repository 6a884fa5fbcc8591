/**
 * Reading a settings document the way every rule does: a document that is not an object is ignored
 * (defaults), a field of the wrong type keeps its default, a number out of range is clamped — each
 * reported in the operator's words.
 */
export function settingsRoot(doc: unknown, what: string, problems: string[]): Record<string, unknown> | null {
  const root = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null
  if (doc !== null && doc !== undefined && !root) problems.push(`${what}不是一个对象，已使用默认值`)
  return root
}

/** Whole numbers within their ranges, read into `settings` (which holds the defaults). */
export function readRangedNumbers<K extends string>(
  root: Record<string, unknown> | null,
  ranges: Record<K, readonly [number, number]>,
  settings: Record<K, number>,
  problems: string[],
): void {
  for (const field of Object.keys(ranges) as K[]) {
    const value = root?.[field]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${field} 不是数字，已使用默认值 ${settings[field]}`)
      continue
    }
    const [min, max] = ranges[field]
    const clamped = Math.round(Math.min(max, Math.max(min, value)))
    if (clamped !== value) problems.push(`${field} = ${value} 超出范围，已按 ${clamped} 执行`)
    settings[field] = clamped
  }
}
