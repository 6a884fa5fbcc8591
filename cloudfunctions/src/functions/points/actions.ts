import { checkInNow, checkInStatus, pointsBalance, pointsLedger, pointsLots, pointsRules } from '../../app/points-views'
import { defineFunction, forAnyone, forMembers, forMembersById } from '../runtime'
import { pointsSchemas as s } from '../schemas'

export const points = defineFunction('points', {
  balance: forMembers(s.balance, ({ store, caller, now }) => pointsBalance(store, caller, now)),
  ledger: forMembers(s.ledger, ({ store, caller }, r) => pointsLedger(store, caller, r)),
  lots: forMembers(s.lots, ({ store, caller }) => pointsLots(store, caller)),
  checkInStatus: forMembers(s.checkInStatus, ({ store, caller, now }) => checkInStatus(store, caller, now)),
  // The check-in reads its member in its own transaction: the request is that one transaction.
  checkIn: forMembersById(s.checkIn, ({ store, memberId, now }) => checkInNow(store, memberId, now)),
  rules: forAnyone(s.rules, ({ store, now }) => pointsRules(store, now)),
})
