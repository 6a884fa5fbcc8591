import type { Member } from '../../../types/domain'
import { bindOnTouch, extendOnOrder } from '../core/commission'
import type { Store } from '../store/port'
import { distributionSettings } from './settings'
import { isDistributor } from './distributors'
import { DAY_MS } from '../core/time'

/**
 * A signed-in buyer opened something a member shared: when that member is an approved distributor,
 * the buyer binds to them unless already bound inside the window (first touch wins). No one binds to
 * themselves and distributors are never bound. Races are settled by compare-and-set.
 */
export async function bindFromShare(store: Store, buyer: Member, sharer: Member, now: number): Promise<boolean> {
  if (sharer.id === buyer.id) return false
  const [distributor, buyerAsDistributor] = await Promise.all([store.findDistributor(sharer.id), store.findDistributor(buyer.id)])
  if (distributor?.status !== 'approved' || isDistributor(buyerAsDistributor)) return false
  const { settings } = await distributionSettings(store, now)
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await store.findBinding(buyer.id)
    const next = bindOnTouch(current, sharer.id, { id: buyer.id, isDistributor: false }, now, settings.bindingDays * DAY_MS)
    if (!next || next === current) return false
    if (await store.saveBinding(current, { buyerId: buyer.id, ...next })) return true
  }
  return false
}

/** The distributor an order by this buyer is attributed to now, or null. */
export async function attributionFor(store: Store, buyer: Member, now: number): Promise<string | null> {
  const binding = await store.findBinding(buyer.id)
  if (!binding || binding.expiresAt <= now || binding.distributorId === buyer.id) return null
  const [distributor, buyerAsDistributor] = await Promise.all([
    store.findDistributor(binding.distributorId),
    store.findDistributor(buyer.id),
  ])
  return distributor?.status === 'approved' && !isDistributor(buyerAsDistributor) ? binding.distributorId : null
}

/** An attributed order extends the buyer's binding to a full window from the order. */
export async function extendBinding(store: Store, buyerId: string, now: number): Promise<void> {
  const { settings } = await distributionSettings(store, now)
  const current = await store.findBinding(buyerId)
  const next = extendOnOrder(current, now, settings.bindingDays * DAY_MS)
  // Losing this race only means another change to the binding won; the order is attributed either way.
  if (current && next && next !== current && next.expiresAt !== current.expiresAt) await store.saveBinding(current, { buyerId, ...next })
}
