import { feed, listCategories, listProducts, postDetail, productDetail } from '../../app/catalog'
import { recordEntry } from '../../app/touchpoints'
import { action, type FunctionDef } from '../runtime'
import { catalogSchemas as s } from '../schemas'

export const catalog: FunctionDef = {
  name: 'catalog',
  actions: {
    categories: action({ access: 'public', input: s.categories, run: ({ store }) => listCategories(store) }),
    products: action({ access: 'public', input: s.products, run: ({ store, caller }, req) => listProducts(store, caller, req) }),
    product: action({ access: 'public', input: s.product, run: ({ store, caller }, req) => productDetail(store, caller, req.id) }),
    feed: action({ access: 'public', input: s.feed, run: ({ store, caller }, req) => feed(store, caller, req) }),
    post: action({ access: 'public', input: s.post, run: ({ store, caller }, req) => postDetail(store, caller, req.id) }),
    touch: action({ access: 'public', input: s.touch, run: ({ store, caller, now }, req) => recordEntry(store, caller, req, now) }),
  },
}
