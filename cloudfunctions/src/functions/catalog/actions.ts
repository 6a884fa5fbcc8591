import { listCategories, listProducts, postDetail, productDetail } from '../../app/catalog'
import { feed } from '../../app/feed'
import { recordEntry } from '../../app/touchpoints'
import { adjustStock, shelveProduct, staffProducts } from '../../app/merchandising'
import { checkNewImages } from '../../app/product-images'
import { saveCategory, saveProduct } from '../../app/product-editor'
import { defineFunction, forAnyone, forStaff } from '../runtime'
import { merchandisingSchemas as m } from '../merchandising-schemas'
import { catalogSchemas as s } from '../schemas'

export const catalog = defineFunction('catalog', {
  categories: forAnyone(s.categories, ({ store }) => listCategories(store)),
  products: forAnyone(s.products, ({ store, caller, now }, req) => listProducts(store, caller, req, now)),
  product: forAnyone(s.product, ({ store, caller, now }, req) => productDetail(store, caller, req.id, now)),
  feed: forAnyone(s.feed, ({ store, caller, now }, req) => feed(store, caller, req, now)),
  post: forAnyone(s.post, ({ store, caller, now }, req) => postDetail(store, caller, req, now)),
  touch: forAnyone(s.touch, ({ store, caller, now }, req) => recordEntry(store, caller, req, now)),
  staffProducts: forStaff(['merchandiser'], m.staffProducts, ({ store }, req) => staffProducts(store, req)),
  shelve: forStaff(['merchandiser'], m.shelve, ({ store, caller, now }, req) => shelveProduct(store, caller.id, req, now)),
  saveProduct: forStaff(['merchandiser'], m.saveProduct, async ({ store, pay, caller, now }, req) => {
    await checkNewImages(store, pay, req.id, req.images)
    return saveProduct(store, caller.id, req, now)
  }),
  saveCategory: forStaff(['merchandiser'], m.saveCategory, ({ store, caller, now }, req) => saveCategory(store, caller.id, req, now)),
  adjustStock: forStaff(['merchandiser'], m.adjustStock, ({ store, caller, now }, req) => adjustStock(store, caller.id, req, now)),
})
