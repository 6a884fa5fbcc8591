import {
  applyForDistribution,
  approveDistributor,
  attributedOrders,
  commissionLines,
  dashboard,
  distributorStatus,
  freezeDistributor,
  listDistributors,
  listWithdrawals,
  rejectDistributor,
  requestWithdrawal,
  setRates,
  sharePayload,
} from '../../app/distribution'
import { action, type FunctionDef } from '../runtime'
import { distributionSchemas as s } from '../schemas'

export const distribution: FunctionDef = {
  name: 'distribution',
  actions: {
    apply: action({ access: 'member', input: s.apply, run: ({ store, caller, now }, r) => applyForDistribution(store, caller!, r, now) }),
    status: action({ access: 'member', input: s.status, run: ({ store, caller, now }) => distributorStatus(store, caller!, now) }),
    share: action({ access: 'member', input: s.share, run: ({ store, pay, caller }, r) => sharePayload(store, pay, caller!, r.productId) }),
    dashboard: action({ access: 'member', input: s.dashboard, run: ({ store, caller, now }) => dashboard(store, caller!, now) }),
    orders: action({ access: 'member', input: s.orders, run: ({ store, caller }, r) => attributedOrders(store, caller!, r) }),
    commissions: action({ access: 'member', input: s.commissions, run: ({ store, caller }, r) => commissionLines(store, caller!, r) }),
    withdraw: action({
      access: 'member',
      input: s.withdraw,
      run: ({ store, pay, caller, now }, r) => requestWithdrawal(store, pay, caller!, r, now),
    }),
    withdrawals: action({ access: 'member', input: s.withdrawals, run: ({ store, caller }, r) => listWithdrawals(store, caller!, r) }),
    approve: action({
      access: 'operator',
      input: s.approve,
      run: ({ store, caller, now }, r) => approveDistributor(store, r.memberId, now, caller!.id),
    }),
    reject: action({
      access: 'operator',
      input: s.reject,
      run: ({ store, caller, now }, r) => rejectDistributor(store, r.memberId, r.reason, now, caller!.id),
    }),
    setRates: action({ access: 'operator', input: s.setRates, run: ({ store, caller, now }, r) => setRates(store, r, now, caller!.id) }),
    distributors: action({ access: 'operator', input: s.distributors, run: ({ store }, r) => listDistributors(store, r) }),
    freeze: action({
      access: 'operator',
      input: s.freeze,
      run: ({ store, caller, now }, r) => freezeDistributor(store, r.memberId, r.frozen, r.reason ?? '', now, caller!.id),
    }),
  },
}
