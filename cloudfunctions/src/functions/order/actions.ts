import { addToCart, removeFromCart, updateCartItem, viewCart } from '../../app/cart'
import { createOrder, payAgain, quote } from '../../app/checkout'
import { shipAsStaff, shipRows, staffOrders } from '../../app/fulfilment'
import { exportOrders } from '../../app/order-export'
import { cancelOrder, confirmReceipt, listOrders, orderCounts, orderDetail } from '../../app/orders'
import { requestRefund } from '../../app/refunds'
import { approveCase, confirmReturn, rejectCase, sendReturn, withdrawCase } from '../../app/aftersale'
import { buyerCase, staffCase, staffCases } from '../../app/aftersale-views'
import { defineFunction, forMembers, forStaff } from '../runtime'
import { orderSchemas as s } from '../schemas'

export const order = defineFunction('order', {
  cart: forMembers(s.cart, ({ store, caller, now }) => viewCart(store, caller, now)),
  cartAdd: forMembers(s.cartAdd, ({ store, caller, now }, r) => addToCart(store, caller, r.skuId, r.quantity, now)),
  cartUpdate: forMembers(s.cartUpdate, ({ store, caller, now }, r) => updateCartItem(store, caller, r.skuId, r.quantity, now)),
  cartRemove: forMembers(s.cartRemove, ({ store, caller, now }, r) => removeFromCart(store, caller, r.skuIds, now)),
  quote: forMembers(s.quote, ({ store, caller, now }, r) => quote(store, caller, r, now)),
  create: forMembers(s.create, ({ store, pay, caller, now }, r) => createOrder(store, pay, caller, r, now)),
  pay: forMembers(s.pay, ({ store, pay, caller, now }, r) => payAgain(store, pay, caller, r.orderId, now)),
  list: forMembers(s.list, ({ store, caller, now }, r) => listOrders(store, caller, r, now)),
  counts: forMembers(s.counts, ({ store, caller }) => orderCounts(store, caller)),
  detail: forMembers(s.detail, ({ store, caller, now }, r) => orderDetail(store, caller, r.orderId, now)),
  cancel: forMembers(s.cancel, ({ store, caller, now }, r) => cancelOrder(store, caller, r.orderId, now)),
  confirmReceipt: forMembers(s.confirmReceipt, ({ store, caller, now }, r) => confirmReceipt(store, caller, r.orderId, now)),
  requestRefund: forMembers(s.requestRefund, ({ store, pay, caller, now }, r) => requestRefund(store, pay, caller, r, now)),
  sendReturn: forMembers(s.sendReturn, async ({ store, caller, now }, r) => buyerCase(store, await sendReturn(store, caller, r, now), now)),
  withdrawRefund: forMembers(s.withdrawRefund, async ({ store, caller, now }, r) =>
    buyerCase(store, await withdrawCase(store, caller, r.refundId, now), now),
  ),
  refundCases: forStaff(['service'], s.refundCases, ({ store, now }, r) => staffCases(store, r, now)),
  approveRefund: forStaff(['service'], s.approveRefund, async ({ store, pay, caller, now }, r) =>
    staffCase(store, await approveCase(store, pay, caller.id, r.refundId, now), now),
  ),
  rejectRefund: forStaff(['service'], s.rejectRefund, async ({ store, caller, now }, r) =>
    staffCase(store, await rejectCase(store, caller.id, r.refundId, r.reason, now), now),
  ),
  confirmReturn: forStaff(['service'], s.confirmReturn, async ({ store, pay, caller, now }, r) =>
    staffCase(store, await confirmReturn(store, pay, caller.id, r.refundId, now), now),
  ),
  ship: forStaff(['service'], s.ship, ({ store, pay, caller, now }, r) => shipAsStaff(store, pay, caller.id, r, now)),
  staffList: forStaff(['service'], s.staffList, ({ store, now }, r) => staffOrders(store, r, now)),
  export: forStaff(['service', 'finance'], s.export, ({ store, caller, now }, r) => exportOrders(store, caller, r, now)),
  shipBatch: forStaff(['service'], s.shipBatch, ({ store, pay, caller, now }, r) => shipRows(store, pay, caller.id, r.rows, s.ship, now)),
})
