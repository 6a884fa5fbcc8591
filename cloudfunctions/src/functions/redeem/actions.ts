import { cancelRedemption, fulfilRedemption, itemDetail, listItems, myRedemptions, redeemItem, upsertItem } from '../../app/redeem'
import { action, type FunctionDef } from '../runtime'
import { redeemSchemas as s } from '../schemas'

export const redeem: FunctionDef = {
  name: 'redeem',
  actions: {
    items: action({ access: 'public', input: s.items, run: ({ store, caller, now }, r) => listItems(store, caller, r, now) }),
    item: action({ access: 'public', input: s.item, run: ({ store, caller, now }, r) => itemDetail(store, caller, r.id, now) }),
    redeem: action({ access: 'member', input: s.redeem, run: ({ store, caller, now }, r) => redeemItem(store, caller!, r, now) }),
    mine: action({ access: 'member', input: s.mine, run: ({ store, caller }, r) => myRedemptions(store, caller!, r) }),
    cancel: action({
      access: 'member',
      input: s.cancel,
      run: ({ store, caller, now }, r) => cancelRedemption(store, caller!, r.redemptionId, now),
    }),
    upsertItem: action({ access: 'operator', input: s.upsertItem, run: ({ store, now }, r) => upsertItem(store, r, now) }),
    fulfil: action({ access: 'operator', input: s.fulfil, run: ({ store, now }, r) => fulfilRedemption(store, r.redemptionId, now) }),
  },
}
