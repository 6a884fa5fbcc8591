/** Campaign and settings documents as operators wrote them (validated by the caller on read). */
export interface CampaignStore {
  /** An operator-edited settings document (e.g. `tiers`) as stored, unvalidated; null when absent. */
  findSettings(name: string): Promise<unknown>
  putSettings(name: string, doc: unknown): Promise<void>
  /** Campaign documents as operators wrote them (validated by the caller on read). */
  putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void>
  listCampaigns(): Promise<unknown[]>
  findCampaign(id: string): Promise<unknown | null>
}
