import { addToCart, removeFromCart, updateCartItem, viewCart } from '../../app/cart'
import { createOrder, payAgain, quote } from '../../app/checkout'
import { cancelOrder, confirmReceipt, listOrders, orderDetail, shipOrder } from '../../app/orders'
import { requestRefund } from '../../app/refunds'
import { action, type FunctionDef } from '../runtime'
import { orderSchemas as s } from '../schemas'

export const order: FunctionDef = {
  name: 'order',
  actions: {
    cart: action({ access: 'member', input: s.cart, run: ({ store, caller, now }) => viewCart(store, caller!, now) }),
    cartAdd: action({
      access: 'member',
      input: s.cartAdd,
      run: ({ store, caller, now }, r) => addToCart(store, caller!, r.skuId, r.quantity, now),
    }),
    cartUpdate: action({
      access: 'member',
      input: s.cartUpdate,
      run: ({ store, caller, now }, r) => updateCartItem(store, caller!, r.skuId, r.quantity, now),
    }),
    cartRemove: action({
      access: 'member',
      input: s.cartRemove,
      run: ({ store, caller, now }, r) => removeFromCart(store, caller!, r.skuIds, now),
    }),
    quote: action({ access: 'member', input: s.quote, run: ({ store, caller, now }, r) => quote(store, caller!, r, now) }),
    create: action({
      access: 'member',
      input: s.create,
      run: ({ store, pay, caller, now }, r) => createOrder(store, pay, caller!, r, now),
    }),
    pay: action({ access: 'member', input: s.pay, run: ({ store, pay, caller, now }, r) => payAgain(store, pay, caller!, r.orderId, now) }),
    list: action({ access: 'member', input: s.list, run: ({ store, caller, now }, r) => listOrders(store, caller!, r, now) }),
    detail: action({ access: 'member', input: s.detail, run: ({ store, caller, now }, r) => orderDetail(store, caller!, r.orderId, now) }),
    cancel: action({ access: 'member', input: s.cancel, run: ({ store, caller, now }, r) => cancelOrder(store, caller!, r.orderId, now) }),
    confirmReceipt: action({
      access: 'member',
      input: s.confirmReceipt,
      run: ({ store, caller, now }, r) => confirmReceipt(store, caller!, r.orderId, now),
    }),
    requestRefund: action({
      access: 'member',
      input: s.requestRefund,
      run: ({ store, pay, caller, now }, r) => requestRefund(store, pay, caller!, r, now),
    }),
    ship: action({
      access: 'operator',
      input: s.ship,
      run: ({ store, pay, now }, r) => shipOrder(store, pay, r.orderId, { carrier: r.carrier, trackingNo: r.trackingNo }, now),
    }),
  },
}
