import type { Req } from '../../types/api'
import { callFunction } from './call'

/** Typed entry points for every backend action the app uses; pages and stores call these only. */
export const api = {
  catalog: {
    categories: () => callFunction('catalog', 'categories', {}),
    products: (req: Req<'catalog', 'products'>) => callFunction('catalog', 'products', req),
    product: (req: Req<'catalog', 'product'>) => callFunction('catalog', 'product', req),
    feed: (req: Req<'catalog', 'feed'>) => callFunction('catalog', 'feed', req),
    touch: (req: Req<'catalog', 'touch'>) => callFunction('catalog', 'touch', req)
  },
  member: {
    profile: () => callFunction('member', 'profile', {})
  }
}
