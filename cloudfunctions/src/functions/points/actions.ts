import { checkInNow, checkInStatus, pointsBalance, pointsLedger, pointsLots, pointsRules } from '../../app/points-views'
import { defineFunction, forAnyone, forMembers } from '../runtime'
import { pointsSchemas as s } from '../schemas'

export const points = defineFunction('points', {
  balance: forMembers(s.balance, ({ store, caller, now }) => pointsBalance(store, caller, now)),
  ledger: forMembers(s.ledger, ({ store, caller }, r) => pointsLedger(store, caller, r)),
  lots: forMembers(s.lots, ({ store, caller }) => pointsLots(store, caller)),
  checkInStatus: forMembers(s.checkInStatus, ({ store, caller, now }) => checkInStatus(store, caller, now)),
  checkIn: forMembers(s.checkIn, ({ store, caller, now }) => checkInNow(store, caller, now)),
  rules: forAnyone(s.rules, ({ store, now }) => pointsRules(store, now)),
})
