import {
  activeCampaigns,
  createCampaign,
  disableCampaign,
  enableCampaign,
  listCampaignDocs,
  scheduleCampaign,
  setKillSwitch,
  updateCampaign,
} from '../../app/campaigns'
import { shopReport } from '../../app/report'
import { paging } from '../../core/catalog'
import type { CampaignInput } from '../../../../types/api'
import { action, type FunctionDef } from '../runtime'
import { campaignSchemas as s } from '../schemas'

export const campaign: FunctionDef = {
  name: 'campaign',
  actions: {
    active: action({ access: 'public', input: s.active, run: ({ store, caller, now }) => activeCampaigns(store, caller, now) }),
    list: action({ access: 'operator', input: s.list, run: ({ store, now }) => listCampaignDocs(store, now) }),
    create: action({
      access: 'operator',
      input: s.create,
      run: ({ store, caller, now }, r) => createCampaign(store, caller!.id, r as CampaignInput, now),
    }),
    update: action({
      access: 'operator',
      input: s.update,
      run: ({ store, caller, now }, r) => updateCampaign(store, caller!.id, r as CampaignInput, now),
    }),
    enable: action({
      access: 'operator',
      input: s.enable,
      run: ({ store, caller, now }, r) => enableCampaign(store, caller!.id, r.id, now),
    }),
    disable: action({
      access: 'operator',
      input: s.disable,
      run: ({ store, caller, now }, r) => disableCampaign(store, caller!.id, r.id, now),
    }),
    schedule: action({
      access: 'operator',
      input: s.schedule,
      run: ({ store, caller, now }, r) => scheduleCampaign(store, caller!.id, r, now),
    }),
    report: action({ access: 'operator', input: s.report, run: ({ store, now }, r) => shopReport(store, r, now) }),
    killSwitch: action({
      access: 'operator',
      input: s.killSwitch,
      run: ({ store, caller, now }, r) => setKillSwitch(store, caller!.id, r.on, now),
    }),
    audit: action({
      access: 'operator',
      input: s.audit,
      run: async ({ store }, r) => {
        const p = paging(r.page, r.pageSize)
        const { items, total } = await store.listAudit(p.offset, p.pageSize)
        return { items, page: p.page, pageSize: p.pageSize, total, hasMore: p.offset + items.length < total }
      },
    }),
  },
}
