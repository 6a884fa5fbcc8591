import { groupBuyDetail, joinTeam, listGroupBuys, myTeams, openGroupBuy, teamDetail } from '../../app/groupbuy'
import { action, type FunctionDef } from '../runtime'
import { groupbuySchemas as s } from '../schemas'

export const groupbuy: FunctionDef = {
  name: 'groupbuy',
  actions: {
    list: action({ access: 'public', input: s.list, run: ({ store, now }, r) => listGroupBuys(store, r, now) }),
    detail: action({ access: 'public', input: s.detail, run: ({ store, caller, now }, r) => groupBuyDetail(store, caller, r.id, now) }),
    open: action({ access: 'member', input: s.open, run: ({ store, pay, caller, now }, r) => openGroupBuy(store, pay, caller!, r, now) }),
    join: action({ access: 'member', input: s.join, run: ({ store, pay, caller, now }, r) => joinTeam(store, pay, caller!, r, now) }),
    mine: action({ access: 'member', input: s.mine, run: ({ store, caller, now }, r) => myTeams(store, caller!, r, now) }),
    team: action({ access: 'public', input: s.team, run: ({ store, pay, caller, now }, r) => teamDetail(store, pay, caller, r, now) }),
  },
}
