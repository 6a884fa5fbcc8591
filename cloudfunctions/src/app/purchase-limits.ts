import type { Member, Product } from '../../../types/domain'
import { limitProblem } from '../core/limits'
import type { Store } from '../store/port'
import { AppError } from './errors'

/**
 * Refuses an order that would break a product's purchase limits: units per order, units per member
 * ever (what the member holds in orders not cancelled), new members only. Checked when quoting and
 * creating; the per-member limit is taken again atomically when the order is placed.
 */
export async function assertWithinLimits(
  store: Store,
  member: Member,
  lines: readonly { productId: string; quantity: number }[],
  products: readonly Product[],
  now: number,
): Promise<void> {
  const limited = products.filter((p) => p.limits && lines.some((l) => l.productId === p.id))
  if (limited.length === 0) return
  const held = await store.purchasedUnits(
    member.id,
    limited.map((p) => p.id),
  )
  const newMember = limited.some((p) => p.limits?.newMembersOnly)
    ? ((await store.memberOrderStats([member.id], now))[0]?.lastPaidAt ?? null) === null
    : true
  for (const product of limited) {
    const inOrder = lines.filter((l) => l.productId === product.id).reduce((sum, l) => sum + l.quantity, 0)
    const problem = limitProblem({ title: product.title, limits: product.limits, inOrder, held: held[product.id] ?? 0, newMember })
    if (problem) throw new AppError('LIMIT_REACHED', problem)
  }
}
