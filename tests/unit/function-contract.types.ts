// Type-level proof that the function contract is checked by the compiler: `npm run typecheck` fails
// if any line marked @ts-expect-error below compiles (that is, if a drift were accepted).
import * as v from 'valibot'
import { defineFunction, forAnyone, forMembers, forStaff } from '../../cloudfunctions/src/functions/runtime'
import { pointsSchemas } from '../../cloudfunctions/src/functions/schemas'
import type { Res } from '../../types/api'

const balance = (): Promise<Res<'points', 'balance'>> => Promise.resolve({ available: 0, pending: 0, expiringSoon: [] } as never)
const rules = (): Promise<Res<'points', 'rules'>> => Promise.resolve(null as never)
const unused = () => Promise.resolve(null as never)

/** The well-formed definition the drifts below start from. */
export const pointsFunction = defineFunction('points', {
  balance: forMembers(pointsSchemas.balance, balance),
  ledger: forMembers(pointsSchemas.ledger, unused),
  lots: forMembers(pointsSchemas.lots, unused),
  checkInStatus: forMembers(pointsSchemas.checkInStatus, unused),
  checkIn: forMembers(pointsSchemas.checkIn, unused),
  rules: forAnyone(pointsSchemas.rules, rules),
})

// A missing action.
// @ts-expect-error rules is not defined
export const missingAction = defineFunction('points', {
  balance: forMembers(pointsSchemas.balance, balance),
  ledger: forMembers(pointsSchemas.ledger, unused),
  lots: forMembers(pointsSchemas.lots, unused),
  checkInStatus: forMembers(pointsSchemas.checkInStatus, unused),
  checkIn: forMembers(pointsSchemas.checkIn, unused),
})

export const extraAction = defineFunction('points', {
  balance: forMembers(pointsSchemas.balance, balance),
  ledger: forMembers(pointsSchemas.ledger, unused),
  lots: forMembers(pointsSchemas.lots, unused),
  checkInStatus: forMembers(pointsSchemas.checkInStatus, unused),
  checkIn: forMembers(pointsSchemas.checkIn, unused),
  rules: forAnyone(pointsSchemas.rules, rules),
  // @ts-expect-error an action the contract does not declare
  transfer: forMembers(pointsSchemas.checkIn, unused),
})

export const wrongSchema = defineFunction('points', {
  balance: forMembers(pointsSchemas.balance, balance),
  // @ts-expect-error the schema's output (page as a string) is not the ledger request
  ledger: forMembers(v.strictObject({ page: v.string() }), unused),
  lots: forMembers(pointsSchemas.lots, unused),
  checkInStatus: forMembers(pointsSchemas.checkInStatus, unused),
  checkIn: forMembers(pointsSchemas.checkIn, unused),
  rules: forAnyone(pointsSchemas.rules, rules),
})

export const wrongResponse = defineFunction('points', {
  // @ts-expect-error the handler answers something other than the balance view
  balance: forMembers(pointsSchemas.balance, async () => ({ points: 1 })),
  ledger: forMembers(pointsSchemas.ledger, unused),
  lots: forMembers(pointsSchemas.lots, unused),
  checkInStatus: forMembers(pointsSchemas.checkInStatus, unused),
  checkIn: forMembers(pointsSchemas.checkIn, unused),
  rules: forAnyone(pointsSchemas.rules, rules),
})

// A public action's caller may be signed out: using it as a member does not compile.
// @ts-expect-error caller is possibly null
export const publicCaller = forAnyone(pointsSchemas.rules, async ({ caller }) => caller.id)

// Member and operator actions get the caller as a member, no null check needed.
export const memberCaller = forMembers(pointsSchemas.balance, async ({ caller }) => caller.id)
export const operatorCaller = forStaff(['service'], pointsSchemas.balance, async ({ caller }) => caller.roles)
