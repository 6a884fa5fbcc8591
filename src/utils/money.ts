import type { Fen } from '../../types/domain'

/** 1290 -> "¥12.90". Integer arithmetic, so no floating-point rounding ever shows up in a price. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.round(fen))
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`
}
