import type { Fen } from '../../types/domain'

/** 1290 -> "¥12.90". Integer arithmetic, so no floating-point rounding ever shows up in a price. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`
}

/** 9900 -> "¥99", 1290 -> "¥12.90": for thresholds in running text ("满 ¥99 包邮"). */
export function formatFenBrief(fen: Fen): string {
  return fen % 100 === 0 ? formatFen(fen).slice(0, -3) : formatFen(fen)
}

/** "12.9" / "12.90" / "12" typed as yuan -> 1290 fen; null when it is not a price with at most two decimals. */
export function parseYuan(text: string): Fen | null {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'))
}
