import { feed, listCategories, listProducts, postDetail, productDetail } from '../../app/catalog'
import { recordEntry } from '../../app/touchpoints'
import { action, type FunctionDef } from '../runtime'
import { catalogSchemas as s } from '../schemas'

export const catalog: FunctionDef = {
  name: 'catalog',
  actions: {
    categories: action({ access: 'public', input: s.categories, run: ({ store }) => listCategories(store) }),
    products: action({ access: 'public', input: s.products, run: ({ store, caller, now }, req) => listProducts(store, caller, req, now) }),
    product: action({
      access: 'public',
      input: s.product,
      run: ({ store, caller, now }, req) => productDetail(store, caller, req.id, now),
    }),
    feed: action({ access: 'public', input: s.feed, run: ({ store, caller, now }, req) => feed(store, caller, req, now) }),
    post: action({ access: 'public', input: s.post, run: ({ store, caller, now }, req) => postDetail(store, caller, req.id, now) }),
    touch: action({ access: 'public', input: s.touch, run: ({ store, caller, now }, req) => recordEntry(store, caller, req, now) }),
  },
}
