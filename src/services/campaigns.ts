import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Campaigns: the operators' controls, audit log and report (what is in force for the member: activeCampaigns.ts). */
export const campaignsApi = {
  /** Operators: every document as stored and as validated, with its problems, and the kill switch. */
  list: () => callFunction('campaign', 'list', {}),
  create: (req: Req<'campaign', 'create'>) => callFunction('campaign', 'create', req),
  update: (req: Req<'campaign', 'update'>) => callFunction('campaign', 'update', req),
  enable: (id: string) => callFunction('campaign', 'enable', { id }),
  disable: (id: string) => callFunction('campaign', 'disable', { id }),
  /** Instants (UTC ms); the end must be after the start. */
  schedule: (req: Req<'campaign', 'schedule'>) => callFunction('campaign', 'schedule', req),
  /** On: every campaign and group-buy stops at once, until it is switched off. */
  killSwitch: (on: boolean) => callFunction('campaign', 'killSwitch', { on }),
  /** Switches a group-buy by its own document, whether or not a campaign wraps it. */
  switchGroupBuy: (id: string, enabled: boolean) => callFunction('campaign', 'switchGroupBuy', { id, enabled }),
  saveGroupBuy: (doc: { id: string } & Record<string, unknown>) => callFunction('campaign', 'saveGroupBuy', { doc }),
  audit: (req: Req<'campaign', 'audit'>) => callFunction('campaign', 'audit', req),
  /** Shanghai days `YYYY-MM-DD`, both included. */
  report: (req: Req<'campaign', 'report'>) => callFunction('campaign', 'report', req),
}
