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
