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
import { searchAudit } from '../../app/audit'
import { groupBuysForStaff, saveGroupBuy, switchGroupBuy } from '../../app/groupbuy-staff'
import { shopReport } from '../../app/report'
import { defineFunction, forAnyone, forStaff } from '../runtime'
import { campaignSchemas as s } from '../campaign-schemas'

export const campaign = defineFunction('campaign', {
  active: forAnyone(s.active, ({ store, caller, now }) => activeCampaigns(store, caller, now)),
  list: forStaff(['merchandiser'], s.list, async ({ store, now }) => ({
    ...(await listCampaignDocs(store, now)),
    groupBuys: await groupBuysForStaff(store, now),
  })),
  switchGroupBuy: forStaff(['merchandiser'], s.switchGroupBuy, ({ store, caller, now }, r) =>
    switchGroupBuy(store, caller.id, r.id, r.enabled, now),
  ),
  saveGroupBuy: forStaff(['merchandiser'], s.saveGroupBuy, ({ store, caller, now }, r) => saveGroupBuy(store, caller.id, r.doc, now)),
  create: forStaff(['merchandiser'], s.create, ({ store, caller, now }, r) => createCampaign(store, caller.id, r, now)),
  update: forStaff(['merchandiser'], s.update, ({ store, caller, now }, r) => updateCampaign(store, caller.id, r, now)),
  enable: forStaff(['merchandiser'], s.enable, ({ store, caller, now }, r) => enableCampaign(store, caller.id, r.id, now)),
  disable: forStaff(['merchandiser'], s.disable, ({ store, caller, now }, r) => disableCampaign(store, caller.id, r.id, now)),
  schedule: forStaff(['merchandiser'], s.schedule, ({ store, caller, now }, r) => scheduleCampaign(store, caller.id, r, now)),
  report: forStaff(['finance'], s.report, ({ store, now }, r) => shopReport(store, r, now)),
  killSwitch: forStaff(['merchandiser'], s.killSwitch, ({ store, caller, now }, r) => setKillSwitch(store, caller.id, r.on, now)),
  audit: forStaff(['finance'], s.audit, ({ store }, r) => searchAudit(store, r)),
})
