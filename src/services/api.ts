import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Typed entry points for every backend action the app uses; pages and stores call these only. */
export const api = {
  catalog: {
    categories: () => callFunction('catalog', 'categories', {}),
    products: (req: Req<'catalog', 'products'>) => callFunction('catalog', 'products', req),
    product: (req: Req<'catalog', 'product'>) => callFunction('catalog', 'product', req),
    feed: (req: Req<'catalog', 'feed'>) => callFunction('catalog', 'feed', req),
    post: (req: Req<'catalog', 'post'>) => callFunction('catalog', 'post', req),
    touch: (req: Req<'catalog', 'touch'>) => callFunction('catalog', 'touch', req),
  },
  member: {
    profile: () => callFunction('member', 'profile', {}),
    updateProfile: (req: Req<'member', 'updateProfile'>) => callFunction('member', 'updateProfile', req),
  },
  order: {
    cart: () => callFunction('order', 'cart', {}),
    cartAdd: (req: Req<'order', 'cartAdd'>) => callFunction('order', 'cartAdd', req),
    cartUpdate: (req: Req<'order', 'cartUpdate'>) => callFunction('order', 'cartUpdate', req),
    cartRemove: (req: Req<'order', 'cartRemove'>) => callFunction('order', 'cartRemove', req),
    quote: (req: Req<'order', 'quote'>) => callFunction('order', 'quote', req),
    create: (req: Req<'order', 'create'>) => callFunction('order', 'create', req),
    pay: (req: Req<'order', 'pay'>) => callFunction('order', 'pay', req),
    list: (req: Req<'order', 'list'>) => callFunction('order', 'list', req),
    counts: () => callFunction('order', 'counts', {}),
    detail: (req: Req<'order', 'detail'>) => callFunction('order', 'detail', req),
    cancel: (req: Req<'order', 'cancel'>) => callFunction('order', 'cancel', req),
    confirmReceipt: (req: Req<'order', 'confirmReceipt'>) => callFunction('order', 'confirmReceipt', req),
    requestRefund: (req: Req<'order', 'requestRefund'>) => callFunction('order', 'requestRefund', req),
    sendReturn: (req: Req<'order', 'sendReturn'>) => callFunction('order', 'sendReturn', req),
    withdrawRefund: (req: Req<'order', 'withdrawRefund'>) => callFunction('order', 'withdrawRefund', req),
  },
}
