import type { StockState } from '../../types/api'

/** Stock wording shown to shoppers; plenty of stock needs no words on a card. */
export function stockLabel(state: StockState, stock?: number): string {
  if (state === 'soldOut') return '已售罄'
  if (state === 'low') return stock !== undefined ? `库存紧张，仅剩 ${stock} 件` : '库存紧张'
  return '现货'
}
