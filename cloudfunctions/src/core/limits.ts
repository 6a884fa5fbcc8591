import type { PurchaseLimits } from '../../../types/domain'

export interface LimitCheck {
  title: string
  limits: PurchaseLimits | null | undefined
  /** Units of the product in the order being priced. */
  inOrder: number
  /** Units of it the member already holds in orders not cancelled. */
  held: number
  /** Whether the member never paid for an order. */
  newMember: boolean
}

/** Why this much of the product cannot be bought by this member in one order; null when it can. */
export function limitProblem({ title, limits, inOrder, held, newMember }: LimitCheck): string | null {
  if (!limits) return null
  if (limits.newMembersOnly && !newMember) return `「${title}」仅限首次下单的新会员购买`
  if (limits.perOrder && inOrder > limits.perOrder) return `「${title}」每单限购 ${limits.perOrder} 件`
  if (limits.perMember && held + inOrder > limits.perMember) {
    const left = Math.max(0, limits.perMember - held)
    return left === 0
      ? `「${title}」每人限购 ${limits.perMember} 件，你已购买过`
      : `「${title}」每人限购 ${limits.perMember} 件，你还可以买 ${left} 件`
  }
  return null
}
