import type { DocData } from './database'
import { fromDoc, getAll } from './shared'
import { CloudbaseBase } from './base'
import type { CampaignStore } from '../port'

/** Campaign and settings documents as operators wrote them. */
export class CloudbaseCampaigns extends CloudbaseBase implements CampaignStore {
  async findSettings(name: string): Promise<unknown> {
    const { data } = await this.db.collection('settings').where({ _id: name }).limit(1).get()
    if (!data[0]) return null
    const { _id, ...doc } = data[0]
    return doc
  }

  async putSettings(name: string, doc: unknown): Promise<void> {
    await this.db
      .collection('settings')
      .doc(name)
      .set({ data: doc as DocData })
  }

  async putCampaign(doc: { id: string } & Record<string, unknown>): Promise<void> {
    const { id, ...rest } = doc
    await this.db.collection('campaigns').doc(id).set({ data: rest })
  }

  async listCampaigns(): Promise<unknown[]> {
    return (await getAll(this.db.collection('campaigns').orderBy('_id', 'asc'))).map((d) => fromDoc<unknown>(d))
  }

  async findCampaign(id: string): Promise<unknown | null> {
    const { data } = await this.db.collection('campaigns').where({ _id: id }).limit(1).get()
    return data[0] ? fromDoc<unknown>(data[0]) : null
  }
}
