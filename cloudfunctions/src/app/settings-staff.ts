import type { SettingsView } from '../../../types/api'
import { readAfterSaleSettings } from '../core/aftersale'
import { readDistributionSettings } from '../core/distribution'
import { readPointsSettings } from '../core/points-settings'
import { readTierSettings } from '../core/tiers'
import type { Store } from '../store/port'
import { recordAudit } from './audit'

/** The settings documents staff edit, each read by the same code the rules use (validated, clamped, problems named). */
export const SETTINGS_READERS = {
  tiers: readTierSettings,
  distribution: readDistributionSettings,
  afterSale: readAfterSaleSettings,
  points: readPointsSettings,
} as const

export type SettingsName = keyof typeof SETTINGS_READERS

/** A settings document as stored, what the rules make of it, and what is wrong with it. */
export async function settingsView(store: Store, name: SettingsName): Promise<SettingsView> {
  const doc = await store.findSettings(name)
  const { settings, problems } = SETTINGS_READERS[name](doc)
  return { name, doc: doc ?? null, settings, problems }
}

/**
 * Writes a settings document as staff edited it. It is read back by the rules' own reader: what it
 * cannot use is reported as problems (a bad field keeps its default, an out-of-range one is clamped),
 * exactly as for a document edited in the CloudBase console. The rules read it within a minute. Audited.
 */
export async function saveSettings(
  store: Store,
  actor: string,
  req: { name: SettingsName; doc: Record<string, unknown> },
  now: number,
): Promise<SettingsView> {
  const before = await store.findSettings(req.name)
  await store.putSettings(req.name, req.doc)
  await recordAudit(store, actor, `settings:${req.name}`, req.name, before ?? null, req.doc, now)
  return settingsView(store, req.name)
}
