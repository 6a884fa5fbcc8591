import { groupBuyDetail, listGroupBuys, myTeams, teamDetail } from '../../app/groupbuy'
import { joinTeam, openGroupBuy } from '../../app/groupbuy-orders'
import { defineFunction, forAnyone, forMembers } from '../runtime'
import { groupbuySchemas as s } from '../schemas'

export const groupbuy = defineFunction('groupbuy', {
  list: forAnyone(s.list, ({ store, now }, r) => listGroupBuys(store, r, now)),
  detail: forAnyone(s.detail, ({ store, caller, now }, r) => groupBuyDetail(store, caller, r.id, now)),
  open: forMembers(s.open, ({ store, pay, caller, now }, r) => openGroupBuy(store, pay, caller, r, now)),
  join: forMembers(s.join, ({ store, pay, caller, now }, r) => joinTeam(store, pay, caller, r, now)),
  mine: forMembers(s.mine, ({ store, caller, now }, r) => myTeams(store, caller, r, now)),
  team: forAnyone(s.team, ({ store, pay, caller, now }, r) => teamDetail(store, pay, caller, r, now)),
})
