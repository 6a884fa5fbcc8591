import {
  cancelRedemption,
  fulfilRedemption,
  itemDetail,
  listItems,
  myRedemptions,
  redeemItem,
  redemptionsToShip,
  upsertItem,
} from '../../app/redeem'
import { defineFunction, forAnyone, forMembers, forStaff } from '../runtime'
import { redeemSchemas as s } from '../schemas'

export const redeem = defineFunction('redeem', {
  items: forAnyone(s.items, ({ store, caller, now }, r) => listItems(store, caller, r, now)),
  item: forAnyone(s.item, ({ store, caller, now }, r) => itemDetail(store, caller, r.id, now)),
  redeem: forMembers(s.redeem, ({ store, caller, now }, r) => redeemItem(store, caller, r, now)),
  mine: forMembers(s.mine, ({ store, caller }, r) => myRedemptions(store, caller, r)),
  cancel: forMembers(s.cancel, ({ store, caller, now }, r) => cancelRedemption(store, caller, r.redemptionId, now)),
  upsertItem: forStaff(['merchandiser'], s.upsertItem, ({ store, caller, now }, r) => upsertItem(store, caller.id, r, now)),
  fulfil: forStaff(['service'], s.fulfil, ({ store, caller, now }, r) => fulfilRedemption(store, caller.id, r, now)),
  toShip: forStaff(['service'], s.toShip, ({ store }, r) => redemptionsToShip(store, r)),
})
