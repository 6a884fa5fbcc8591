import type { Store } from '../store/port'
import { demoShop } from './seed/demo-shop'

/** Fills an empty shop with the demo catalog, posts and people; a shop with data is left alone. */
export async function seedIfEmpty(store: Store, now: number): Promise<boolean> {
  if (!(await store.isEmpty())) return false
  const shop = demoShop(now)
  for (const category of shop.categories) await store.putCategory(category)
  for (const member of shop.members) await store.putMember(member)
  for (const product of shop.products) await store.putProduct(product)
  for (const post of shop.posts) await store.putPost(post)
  return true
}

