import {
  applyForDistribution,
  approveDistributor,
  distributorStatus,
  freezeDistributor,
  listDistributors,
  rejectDistributor,
  setRates,
  sharePayload,
} from '../../app/distributors'
import { attributedOrders, commissionLines, dashboard } from '../../app/commissions'
import { listWithdrawals, requestWithdrawal } from '../../app/withdrawals'
import { defineFunction, forMembers, forStaff } from '../runtime'
import { distributionSchemas as s } from '../schemas'

export const distribution = defineFunction('distribution', {
  apply: forMembers(s.apply, ({ store, caller, now }, r) => applyForDistribution(store, caller, r, now)),
  status: forMembers(s.status, ({ store, caller, now }) => distributorStatus(store, caller, now)),
  share: forMembers(s.share, ({ store, pay, caller }, r) => sharePayload(store, pay, caller, r.productId)),
  dashboard: forMembers(s.dashboard, ({ store, caller, now }) => dashboard(store, caller, now)),
  orders: forMembers(s.orders, ({ store, caller }, r) => attributedOrders(store, caller, r)),
  commissions: forMembers(s.commissions, ({ store, caller }, r) => commissionLines(store, caller, r)),
  withdraw: forMembers(s.withdraw, ({ store, pay, caller, now }, r) => requestWithdrawal(store, pay, caller, r, now)),
  withdrawals: forMembers(s.withdrawals, ({ store, caller }, r) => listWithdrawals(store, caller, r)),
  approve: forStaff(['service'], s.approve, ({ store, caller, now }, r) => approveDistributor(store, r.memberId, now, caller.id)),
  reject: forStaff(['service'], s.reject, ({ store, caller, now }, r) => rejectDistributor(store, r.memberId, r.reason, now, caller.id)),
  setRates: forStaff(['finance'], s.setRates, ({ store, caller, now }, r) => setRates(store, r, now, caller.id)),
  distributors: forStaff(['service'], s.distributors, ({ store }, r) => listDistributors(store, r)),
  freeze: forStaff(['service'], s.freeze, ({ store, caller, now }, r) =>
    freezeDistributor(store, r.memberId, r.frozen, r.reason ?? '', now, caller.id),
  ),
})
