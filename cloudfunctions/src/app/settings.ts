import { type TierSettings, readTierSettings } from '../core/tiers'
import type { Store } from '../store/port'

/** Operators' edits take effect within this long: settings are read at most once per period. */
export const SETTINGS_CACHE_MS = 60_000

const cache = new WeakMap<Store, { at: number; value: { settings: TierSettings; problems: string[] } }>()

/** The tier settings document, validated and clamped (see `readTierSettings`), cached for a minute. */
export async function tierSettings(store: Store, now: number): Promise<{ settings: TierSettings; problems: string[] }> {
  const cached = cache.get(store)
  if (cached && now - cached.at < SETTINGS_CACHE_MS && now >= cached.at) return cached.value
  const value = readTierSettings(await store.findSettings('tiers'))
  cache.set(store, { at: now, value })
  return value
}
