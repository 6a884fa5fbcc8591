import { checkInNow, checkInStatus, pointsBalance, pointsLedger, pointsLots, pointsRules } from '../../app/points-views'
import { action, type FunctionDef } from '../runtime'
import { pointsSchemas as s } from '../schemas'

export const points: FunctionDef = {
  name: 'points',
  actions: {
    balance: action({ access: 'member', input: s.balance, run: ({ store, caller, now }) => pointsBalance(store, caller!, now) }),
    ledger: action({ access: 'member', input: s.ledger, run: ({ store, caller }, r) => pointsLedger(store, caller!, r) }),
    lots: action({ access: 'member', input: s.lots, run: ({ store, caller }) => pointsLots(store, caller!) }),
    checkInStatus: action({
      access: 'member',
      input: s.checkInStatus,
      run: ({ store, caller, now }) => checkInStatus(store, caller!, now),
    }),
    checkIn: action({ access: 'member', input: s.checkIn, run: ({ store, caller, now }) => checkInNow(store, caller!, now) }),
    rules: action({ access: 'public', input: s.rules, run: ({ store, now }) => pointsRules(store, now) }),
  },
}
