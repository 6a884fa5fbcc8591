import { type AfterSaleSettings, readAfterSaleSettings } from '../core/aftersale'
import { type DistributionSettings, readDistributionSettings } from '../core/distribution'
import { type PointsSettings, readPointsSettings } from '../core/points-settings'
import { type TierSettings, readTierSettings } from '../core/tiers'
import type { Store } from '../store/port'

/** Operators' edits take effect within this long: settings are read at most once per period. */
export const SETTINGS_CACHE_MS = 60_000

type Read<T> = { settings: T; problems: string[] }

/**
 * A settings document as the rules may use it, read through `reader` (validated and clamped) at most
 * once per SETTINGS_CACHE_MS per store; a clock that moved backwards reads again.
 */
function cachedSettings<T>(name: string, reader: (doc: unknown) => Read<T>) {
  const cache = new WeakMap<Store, { at: number; value: Read<T> }>()
  return async (store: Store, now: number): Promise<Read<T>> => {
    const cached = cache.get(store)
    if (cached && now - cached.at < SETTINGS_CACHE_MS && now >= cached.at) return cached.value
    const value = reader(await store.findSettings(name))
    cache.set(store, { at: now, value })
    return value
  }
}

/** The tier settings document (see `readTierSettings`). */
export const tierSettings: (store: Store, now: number) => Promise<Read<TierSettings>> = cachedSettings('tiers', readTierSettings)

/** The distribution settings document (see `readDistributionSettings`). */
export const distributionSettings: (store: Store, now: number) => Promise<Read<DistributionSettings>> = cachedSettings(
  'distribution',
  readDistributionSettings,
)

/** The after-sale settings document (see `readAfterSaleSettings`). */
export const afterSaleSettings: (store: Store, now: number) => Promise<Read<AfterSaleSettings>> = cachedSettings(
  'afterSale',
  readAfterSaleSettings,
)

/** The points settings document (see `readPointsSettings`). */
export const pointsSettings: (store: Store, now: number) => Promise<Read<PointsSettings>> = cachedSettings('points', readPointsSettings)
