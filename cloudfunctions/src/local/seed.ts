import { DEFAULT_TIER_THRESHOLDS, keepUntil } from '../core/tiers'
import type { Store } from '../store/port'
import { demoShop } from './seed/demo-shop'

const DAY = 86_400_000

/** Fills an empty shop with the demo catalog, posts and people; a shop with data is left alone. */
export async function seedIfEmpty(store: Store, now: number): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  const shop = demoShop(now)
  for (const category of shop.categories) await store.putCategory(category)
  for (const member of shop.members) await store.putMember(member)
  for (const product of shop.products) await store.putProduct(product)
  for (const post of shop.posts) await store.putPost(post)
  // Members above V1 earned their tier: growth from recent purchases supports it, attained two
  // months ago, so it holds for ten more months and survives its review.
  for (const member of shop.members.filter((m) => m.tier > 1)) {
    const at = now - 30 * DAY
    await store.addGrowth({ id: `growth:seed:${member.id}`, memberId: member.id, amount: DEFAULT_TIER_THRESHOLDS[member.tier] + 120, reason: 'purchase', at })
    const status = await store.findTierStatus(member.id)
    const attainedAt = now - 60 * DAY
    if (status) await store.setTierStatus(status, { ...status, attainedAt, keepUntil: keepUntil(attainedAt) }, null)
  }
  return true
}

