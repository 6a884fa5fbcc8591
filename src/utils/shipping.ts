import type { Fen, Tier } from '../../types/domain'
import { formatFenBrief } from './money'
import { tierLabel } from './tier'

/** The free-shipping rule of the viewer's tier in words: "满 ¥99 包邮", or "V5 会员包邮" when every order ships free. */
export function freeShippingRule(freeShippingOver: Fen, tier: Tier): string {
  return freeShippingOver > 0 ? `满 ${formatFenBrief(freeShippingOver)} 包邮` : `${tierLabel(tier)} 会员包邮`
}
